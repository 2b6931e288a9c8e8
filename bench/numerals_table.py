"""How many numerals of cn2an's test table gdq reads right in running text.

Usage: python bench/numerals_table.py [--gdq PATH] [--table FILE] [--keep FILE]

Each numeral of ``tests/data/cn2an_table.tsv`` (cn2an's own tests, 132 values) is written on a
line of its own as ``共<numeral>元。`` -- or ``共<numeral>。`` when the numeral already ends in
its money unit or 整/正 (壹拾壹元整, 壹拾壹元壹角壹分) -- into one corpus file, and gdq runs once
on it (``gdq facts --format json --no-cache -c FILE``). A numeral is read right when its line
has exactly one fact and that fact's value (sign included) is the table's value. The script
prints the count and lists every numeral read wrong with what gdq found; then the same count
for ``parse_number`` alone, the numeral as a whole string (from this repository's ``src``),
which tests/test_numbers.py holds at 126 or more. Exit status 0, or 2 when gdq fails.
Standard library only, besides gdq itself.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = ROOT / "tests" / "data" / "cn2an_table.tsv"
# A numeral ending in one of these carries its own money unit (or 整, "exactly"): no 元 added.
OWN_UNIT_ENDINGS = ("元", "圆", "角", "分", "整", "正")


def read_table(path: Path) -> list[tuple[str, Decimal]]:
    """(numeral, value) rows of the table; ``#`` lines are comments."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            numeral, value, *_ = line.split("\t")
            rows.append((numeral, Decimal(value)))
    return rows


def sentence(numeral: str) -> str:
    return f"共{numeral}。" if numeral.endswith(OWN_UNIT_ENDINGS) else f"共{numeral}元。"


def same(found: object, expected: Decimal) -> bool:
    """Equal values; floats within a relative 1e-9 (0.1 + 0.01 is not exactly 0.11)."""
    if not isinstance(found, int | float) or isinstance(found, bool):
        return False
    tolerance = abs(expected) * Decimal("1e-9")
    return abs(Decimal(repr(found)) - expected) <= tolerance


def default_gdq() -> str:
    beside = Path(sys.executable).with_name("gdq")
    return str(beside) if beside.exists() else (shutil.which("gdq") or "gdq")


def run_gdq(gdq: str, corpus: Path) -> list[dict[str, object]]:
    command = [gdq, "facts", "--format", "json", "--no-cache", "-c", str(corpus)]
    done = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    if done.returncode not in (0, 1):
        sys.stderr.write(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
        raise SystemExit(2)
    records = json.loads(done.stdout or "[]")
    return [r for r in records if r.get("type") == "fact"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gdq", default=default_gdq(), help="the gdq to run")
    parser.add_argument("--table", type=Path, default=TABLE, help="numeral<TAB>value table")
    parser.add_argument("--keep", type=Path, help="also write the corpus here")
    args = parser.parse_args(argv)

    rows = read_table(args.table)
    text = "".join(sentence(numeral) + "\n" for numeral, _ in rows)
    with tempfile.TemporaryDirectory(prefix="gdq-numerals-") as tmp:
        corpus = Path(tmp) / "numerals.txt"
        corpus.write_text(text, encoding="utf-8")
        if args.keep:
            args.keep.write_text(text, encoding="utf-8")
        facts = run_gdq(args.gdq, corpus)

    by_line: dict[int, list[dict[str, object]]] = {}
    for fact in facts:
        by_line.setdefault(int(str(fact["line"])), []).append(fact)
    wrong = []
    for number, (numeral, expected) in enumerate(rows, start=1):
        found = by_line.get(number, [])
        if len(found) != 1 or not same(found[0]["value"], expected):
            got = "; ".join(f"{f['raw']} = {f['value']}" for f in found) or "no fact"
            wrong.append(f"  {numeral}\texpected {expected}\tgot {got}")
    report("gdq facts, in 共…元。", len(rows), wrong)
    sys.path.insert(0, str(ROOT / "src"))
    from gdq.extract.numerals import parse_number

    wrong = [f"  {n}\texpected {v}\tgot {parse_number(n)}" for n, v in rows if not same(parse_number(n), v)]
    report("parse_number", len(rows), wrong)
    return 0


def report(what: str, total: int, wrong: list[str]) -> None:
    print(f"cn2an table, {what}: {total - len(wrong)}/{total} read right")
    if wrong:
        print(f"wrong ({len(wrong)}):")
        print("\n".join(wrong))


if __name__ == "__main__":
    raise SystemExit(main())
