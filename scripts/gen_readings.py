"""Rebuild src/gdq/lexicon/data/readings.tsv (each character's readings) from pypinyin.

Run it with gdq's own environment, whose pypinyin gdq uses:

    .venv/bin/python scripts/gen_readings.py           # write the data file
    .venv/bin/python scripts/gen_readings.py --check   # exit 1 when the data file is stale

Recipe: every code point of Unicode (surrogates aside) is read alone through pypinyin's
public API, as gdq.text.pinyin.api_readings does at run time (pinyin(c, style=Style.TONE,
heteronym=True, errors="ignore"), tones stripped, ü written v, repeats dropped); each one
that has a reading gets a line ``character<TAB>reading|reading...``, usual reading first,
in code point order. That is every character pypinyin knows: ~42,000, nearly all CJK Unified
Ideographs and their extensions A to H (what names are written in), plus 〇, one
compatibility ideograph and a few dozen private-use characters from GBK. Takes ~10 s.

gdq reads the file instead of importing pypinyin (~300 ms) for each process that needs a
reading, and asks pypinyin only about characters the file lacks; tests/test_pinyin.py checks
a sample of the file against the installed pypinyin. Regenerate after upgrading pypinyin.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pypinyin

from gdq.lexicon import readings as lexreadings
from gdq.lexicon import table
from gdq.text.pinyin import api_readings

DATA = Path(__file__).resolve().parents[1] / "src" / "gdq" / "lexicon" / "data" / "readings.tsv"
HEADER = """\
# The readings of each character pypinyin knows, read alone through its public API
# (pinyin(c, style=Style.TONE, heteronym=True)), without tones, ü as v: usual reading first,
# the others joined by "|" in pypinyin's order. Read by gdq.lexicon.readings; only "#" lines
# at the top of the file, please. Written by scripts/gen_readings.py from pypinyin {version};
# do not edit by hand: regenerate (and check with --check) after upgrading pypinyin.
"""


def generate() -> dict[str, str]:
    """{character: its readings joined by the separator}, for every character with one."""
    pairs: dict[str, str] = {}
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:  # surrogates are not characters
            continue
        c = chr(code)
        found = api_readings(c)
        if not found:
            continue
        for r in found:  # letters only: no separator, tab or line break
            if not (r.isascii() and r.isalpha() and r.islower()):
                raise ValueError(f"U+{code:04X} {c}: unexpected reading {r!r}")
        pairs[c] = lexreadings.SEPARATOR.join(found)
    return pairs


def render(pairs: dict[str, str]) -> str:
    lines = [f"{c}\t{r}" for c, r in pairs.items()]
    return HEADER.format(version=pypinyin.__version__) + "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when the data file is stale")
    args = parser.parse_args()
    generated = generate()
    text = render(generated)
    if not args.check:
        DATA.write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {len(generated)} characters ({len(text.encode())} bytes) to {DATA}")
        return 0
    if not DATA.exists():
        print(f"{DATA} is missing")
        return 1
    committed = DATA.read_text(encoding="utf-8")
    if committed == text:
        print(f"{DATA} is up to date ({len(generated)} characters)")
        return 0
    current = table("readings")  # the lexicon's own loader
    differ = 0
    for c in sorted(set(generated) | set(current)):
        if generated.get(c) != current.get(c):
            differ += 1
            print(f"U+{ord(c):04X} {c}: {current.get(c, '-')} (data), {generated.get(c, '-')} (generated)")
    what = f"{differ} characters differ" if differ else "the readings agree, the header differs"
    print(f"{DATA} is stale ({what}): run python scripts/gen_readings.py")
    return 1


if __name__ == "__main__":
    sys.exit(main())
