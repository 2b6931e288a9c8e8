"""The readings of Chinese characters, as pypinyin's public API gives them: ``data/readings.tsv``.

One ``character<TAB>readings`` line per character pypinyin knows (~42,000), the readings
without tones, usual one first, joined by ``|``: ``单<TAB>dan|chan|shan``. The file is made
by ``scripts/gen_readings.py`` (``--check`` tells whether it is stale) and read here, so that
reading a name does not import pypinyin (~300 ms: it loads its phrase table).

The file keeps the lexicon format (``gdq.lexicon.table("readings")`` reads it too, in ~55 ms),
but is read here faster, on first use: its lines as bytes, one ``bytes.split`` (~4 ms in a
fresh process; a dict of the pairs took ~20 ms), then a binary search per character. That
relies on what the generator writes: ``#`` lines only at the top, then the lines in code point
order (which UTF-8 bytes keep), each one character, a tab and its readings.
``tests/test_pinyin.py`` checks the file for this.
"""

from __future__ import annotations

import os
from bisect import bisect_left
from functools import cache

from gdq.lexicon import _DATA

# Joins the readings of one character in the file.
SEPARATOR = "|"
PATH = os.path.join(_DATA, "readings.tsv")


@cache
def _lines() -> list[bytes]:
    """The lines of the data file below its header, in order, read on first use."""
    with open(PATH, "rb") as f:
        data = f.read()
    start = 0
    while data.startswith(b"#", start):  # the header
        start = data.find(b"\n", start) + 1
        if not start:  # a header and nothing else
            return []
    return data[start:].rstrip(b"\n").split(b"\n")


def get(c: str) -> str | None:
    """The readings of one character joined by SEPARATOR, None when the file lacks it."""
    key = c.encode("utf-8", "surrogatepass") + b"\t"
    lines = _lines()
    i = bisect_left(lines, key)
    if i < len(lines) and lines[i].startswith(key):
        return lines[i][len(key) :].decode("utf-8")
    return None
