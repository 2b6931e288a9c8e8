"""Every word list gdq uses, kept as data files in ``lexicon/data/`` and read by one loader.

Each list exists once. The modules beside this one (``marks``, ``speech``, ``names``,
``numbers``) give the lists names and types; code elsewhere imports those constants and never
spells out a list of its own (``tests/test_quality.py`` checks that).

File format, chosen so that a reviewer can audit a list without reading code:

* ``NAME.txt``: one entry per line, in the order the file gives;
* ``NAME.tsv``: one ``key<TAB>value`` pair per line (the value may be empty);
* a line starting with ``#`` is a comment, a blank line is skipped;
* ``\\uXXXX`` stands for a character that cannot be seen (spaces, the ideographic space).
"""

from __future__ import annotations

import os
import re
from functools import cache

_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


def _unescape(text: str) -> str:
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "\\u" in text else text


@cache
def _entries(filename: str) -> tuple[str, ...]:
    with open(os.path.join(_DATA, filename), encoding="utf-8") as f:
        lines = f.read().split("\n")
    return tuple(line for line in lines if line.strip() and not line.startswith("#"))


def words(name: str) -> tuple[str, ...]:
    """The entries of ``data/NAME.txt``, in file order."""
    return tuple(_unescape(line.strip()) for line in _entries(name + ".txt"))


def chars(name: str) -> str:
    """The entries of ``data/NAME.txt`` joined: for lists of single characters."""
    return "".join(words(name))


def table(name: str) -> dict[str, str]:
    """The pairs of ``data/NAME.tsv``, in file order."""
    out: dict[str, str] = {}
    for line in _entries(name + ".tsv"):
        key, _, value = line.partition("\t")
        out[_unescape(key)] = _unescape(value)
    return out
