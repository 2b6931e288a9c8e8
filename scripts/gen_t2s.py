"""Rebuild src/gdq/lexicon/data/t2s.tsv (traditional -> simplified characters) from OpenCC.

Not a dependency of gdq: run it in a separate environment with the pure-Python OpenCC port.

    python3 -m venv /tmp/genvenv
    /tmp/genvenv/bin/pip install opencc-python-reimplemented
    /tmp/genvenv/bin/python scripts/gen_t2s.py           # list differences from the data file
    /tmp/genvenv/bin/python scripts/gen_t2s.py --write   # replace the data file

Recipe: each CJK Unified Ideograph U+4E00..U+9FFF is converted alone with the t2s, tw2s and
hk2s configurations; a character one of them changes maps to the result of the first that
does. 著 and 么 are dropped (they are standard simplified characters as well), then chains
are resolved (a -> b, b -> c gives a -> c).

The data file was made with this recipe from OpenCC 1.4.2's dictionaries.
opencc-python-reimplemented 0.1.7 bundles older ones, and its output differs in 18 pairs:

* it adds 抬 -> 擡 (its TWVariantsRev maps the simplified 抬 to 擡), 甦 -> 苏, 甯 -> 宁, 礆 -> 硷;
* it lacks 劄 -> 札, 幷 -> 并, 扞 -> 捍, 拚 -> 拼, 搧 -> 扇, 擡 -> 抬, 牴 -> 抵, 箚 -> 札, 舖 -> 铺,
  袷 -> 夹, 谿 -> 溪, 貍 -> 狸, 遶 -> 绕;
* it gives 逕 -> 迳 where the data file has 逕 -> 径.

So the committed file keeps the OpenCC 1.4.2 pairs; do not --write with 0.1.7.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from opencc import OpenCC  # type: ignore[import-not-found]

DATA = Path(__file__).resolve().parents[1] / "src" / "gdq" / "lexicon" / "data" / "t2s.tsv"
CONFIGS = ("t2s", "tw2s", "hk2s")
ALSO_SIMPLIFIED = "著么"


def generate() -> dict[str, str]:
    converters = [OpenCC(name) for name in CONFIGS]
    pairs: dict[str, str] = {}
    for code in range(0x4E00, 0xA000):
        c = chr(code)
        for cc in converters:
            out = cc.convert(c)
            if out != c and len(out) == 1:
                pairs[c] = out
                break
    for c in ALSO_SIMPLIFIED:
        pairs.pop(c, None)

    def resolve(c: str) -> str:
        seen = set()
        while c in pairs and c not in seen:
            seen.add(c)
            c = pairs[c]
        return c

    resolved = {t: resolve(s) for t, s in pairs.items()}
    return {t: s for t, s in sorted(resolved.items()) if t != s}


def read_data() -> tuple[list[str], dict[str, str]]:
    """The header comment lines and the pairs of the data file."""
    header: list[str] = []
    pairs: dict[str, str] = {}
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            if not pairs:
                header.append(line)
        elif line.strip():
            t, _, s = line.partition("\t")
            pairs[t] = s
    return header, pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="replace the data file")
    args = parser.parse_args()
    generated = generate()
    header, current = read_data()
    if args.write:
        lines = [*header, *(f"{t}\t{s}" for t, s in generated.items())]
        DATA.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"wrote {len(generated)} pairs to {DATA}")
        return 0
    added = sorted(set(generated) - set(current))
    missing = sorted(set(current) - set(generated))
    changed = sorted(t for t in set(current) & set(generated) if current[t] != generated[t])
    for t in added:
        print(f"only generated: {t} -> {generated[t]}")
    for t in missing:
        print(f"only in data:   {t} -> {current[t]}")
    for t in changed:
        print(f"different:      {t} -> {current[t]} (data), {generated[t]} (generated)")
    differ = len(added) + len(missing) + len(changed)
    print(f"{len(generated)} generated, {len(current)} in data, {differ} differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
