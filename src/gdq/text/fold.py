"""Folding text for comparison: width, case, spaces and punctuation, traditional characters.

A name as written in a document and as typed in a query differ in ways that do not change
who is meant: ``Ｚheng·Yongnian `` is ``zhengyongnian``, ``鄭永年`` is ``郑永年``.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable


class _Deleter(dict[int, int | None]):
    """``str.translate`` table that deletes the characters for which ``drop`` is true and
    keeps all others.

    Filled lazily, one entry per character seen, so the Python test runs once per character
    rather than once per occurrence, and translate does the rest in C: a loop over the
    characters of every name and role was most of the cost of building an index.
    """

    def __init__(self, drop: Callable[[str], bool]) -> None:
        super().__init__()
        self._drop = drop

    def __missing__(self, code: int) -> int | None:
        value = None if self._drop(chr(code)) else code
        self[code] = value
        return value


def is_separator(c: str) -> bool:
    """Spaces, punctuation and control characters (Unicode categories Z, P and C)."""
    return unicodedata.category(c)[0] in "ZPC"


_DROP_SEPARATORS = _Deleter(is_separator)


def fold(text: str) -> str:
    """Normalise text for comparison: NFKC (full-width -> ASCII), casefold, and drop
    spaces, punctuation and control characters, so "Ｚheng·Yongnian " == "zhengyongnian".

    A name made only of such characters keeps them, so it can still match itself.
    """
    t = unicodedata.normalize("NFKC", text).casefold()
    return t.translate(_DROP_SEPARATORS) or "".join(t.split())


def is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\U00020000" <= c <= "\U0003134f"


_DROP_CJK = _Deleter(is_cjk)


def all_cjk(s: str) -> bool:
    return bool(s) and not s.translate(_DROP_CJK)


@functools.cache
def t2s_table() -> dict[int, str]:
    """``str.translate`` table from traditional to simplified characters. Built on first
    use only: an exact name in simplified characters never needs it."""
    from gdq.lexicon.hanzi import TRADITIONAL_TO_SIMPLIFIED

    return str.maketrans(TRADITIONAL_TO_SIMPLIFIED)


@functools.cache
def _traditional() -> re.Pattern[str]:
    """Any character the table changes."""
    return re.compile("[" + re.escape("".join(sorted(map(chr, t2s_table())))) + "]")


# Below this length a translate costs less than compiling the search (a query, a name).
_SEARCH_FROM = 200


def to_simplified(text: str) -> str:
    if text.isascii():
        return text  # no table needed (nor built)
    if len(text) < _SEARCH_FROM:
        return text.translate(t2s_table())
    if _traditional().search(text) is None:
        # Most text, whole documents included, holds no traditional character: one search
        # in C costs a twentieth of a translate.
        return text
    return text.translate(t2s_table())


# --- width and case, one character for one ---------------------------------------------------

_FULL_WIDTH_OFFSET = 0xFF01 - 0x21  # FF01..FF5E are the full-width forms of 21..7E
_IDEOGRAPHIC_SPACE = 0x3000


def _width_case_table() -> dict[int, int]:
    table = {c: c - _FULL_WIDTH_OFFSET for c in range(0xFF01, 0xFF5F)}
    table[_IDEOGRAPHIC_SPACE] = 0x20
    for c, plain in list(table.items()):
        if 0x41 <= plain <= 0x5A:
            table[c] = plain + 32
    table.update({c: c + 32 for c in range(0x41, 0x5B)})
    return table


_WIDTH_CASE = _width_case_table()


def fold_width_case(text: str) -> str:
    """Full-width forms as ASCII (``２０１６`` as ``2016``, U+3000 as a space) and ASCII letters
    in lower case. One character for one, unlike ``fold``: offsets into the result are offsets
    into ``text``, so a match found in the folded text can be marked in the original."""
    return text.translate(_WIDTH_CASE)


def _full_width(c: str) -> str:
    return "\u3000" if c == " " else chr(ord(c) + _FULL_WIDTH_OFFSET)


def _written_forms(c: str) -> tuple[str, ...]:
    """How a character of a folded term may be written in a text, short of ASCII case (which
    SQLite's LIKE and lower() fold themselves): as is, full-width, full-width upper case."""
    if not " " <= c <= "~":
        return (c,)
    if "a" <= c <= "z":
        return c, _full_width(c), _full_width(c.upper())
    return c, _full_width(c)


def full_width_forms(term: str) -> list[str]:
    """The full-width characters (both cases) whose folded form is in a folded term: a text
    that holds the term in any width other than plain ASCII holds one of them."""
    return list(dict.fromkeys(f for c in term for f in _written_forms(c)[1:]))


MAX_SPELLINGS = 32


def width_spellings(term: str) -> list[str]:
    """The spellings of a term folded by ``fold_width_case`` that a text may hold, to look up
    in an index that folds ASCII case only: every mix of widths and full-width cases when there
    are at most ``MAX_SPELLINGS`` (``g20`` finds ``Ｇ２０`` and ``G２０``), else the half-width
    term and its full-width lower and upper case forms (a long term mixing widths is missed)."""
    forms = [_written_forms(c) for c in term]
    count = 1
    for f in forms:
        count *= len(f)
    if count <= MAX_SPELLINGS:
        return ["".join(p) for p in itertools.product(*forms)]
    uniform = [term, "".join(f[1] if len(f) > 1 else f[0] for f in forms)]
    uniform.append("".join(f[-1] for f in forms))
    return list(dict.fromkeys(uniform))
