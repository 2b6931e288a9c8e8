"""Folding text for comparison: width, case, spaces and punctuation, traditional characters.

A name as written in a document and as typed in a query differ in ways that do not change
who is meant: ``Ｚheng·Yongnian `` is ``zhengyongnian``, ``鄭永年`` is ``郑永年``.
"""

from __future__ import annotations

import functools
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


def to_simplified(text: str) -> str:
    if text.isascii():
        return text  # no table needed (nor built)
    if _traditional().search(text) is None:
        # Most text, whole documents included, holds no traditional character: one search
        # in C costs a twentieth of a translate.
        return text
    return text.translate(t2s_table())
