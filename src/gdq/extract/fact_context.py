"""The words around a number: sign and qualifier before it, unit, 级 and qualifier after it.

``prefix_before`` reads what precedes a number (负5, 超3.2万亿, 近千), ``plain_unit`` and
``read_suffix`` what follows it (1262万人, 3个多月, 百亿级, 万元以上, 3-5年, 5kW). Either says
None when the context shows the number is a date, a code, an ordinal or a name. The words are
the lists of ``gdq.lexicon.numbers``; ``gdq.extract.facts`` puts the readings together.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from gdq.extract.fact_scan import CORE, MAX_CORE_CHARS, by_char
from gdq.lexicon import numbers as numlex

ARABIC_DIGITS = numlex.ARABIC_DIGITS
_APPROX = numlex.APPROX_MARKERS
_MINUS = numlex.MINUS_SIGNS
# Before a dash these make it a range or a hyphen: 3%-5%, 2024-2025, COVID-19.
_JOINERS = ARABIC_DIGITS | frozenset(numlex.CN_NUMERAL_CHARS) | numlex.HYPHEN_JOINERS
_LATIN_LETTERS = frozenset(string.ascii_letters)
MAGNITUDE_CHARS = frozenset(numlex.SMALL_UNITS) | frozenset(numlex.BIG_UNITS)

_UNITS = numlex.MEASURE_UNITS + numlex.CLASSIFIERS + numlex.TIME_UNITS
# Longest first, so 个月 wins over 个 and 平方公里 over 公里.
_UNITS_BY_FIRST = by_char(sorted(set(_UNITS), key=len, reverse=True))
_LATIN_UNIT = re.compile(
    "(?:" + "|".join(sorted(numlex.LATIN_UNITS, key=len, reverse=True)) + ")(?![A-Za-z])"
)
# Each qualifier word with the characters that, written just before it, make it part of
# another word (最近, 赶超, 签约): see numlex.PREFIX_GUARDS.
_PREFIXES_BY_LAST = {
    last: tuple((word, numlex.PREFIX_GUARDS.get(word, "")) for word in words)
    for last, words in by_char(sorted(numlex.PREFIX_QUALIFIERS, key=len, reverse=True), last=True).items()
}
_MAGNITUDE_PREFIXES_BY_LAST = by_char(numlex.MAGNITUDE_PREFIX_QUALIFIERS, last=True)
_PREFIX_LAST_CHARS = frozenset(
    w[-1] for w in (*numlex.PREFIX_QUALIFIERS, *numlex.MAGNITUDE_PREFIX_QUALIFIERS)
)
_SUFFIXES_BY_FIRST = by_char(sorted(numlex.SUFFIX_QUALIFIERS, key=len, reverse=True))
_SUFFIX_FIRST_CHARS = frozenset(_SUFFIXES_BY_FIRST)
# After a unit only these can add to the fact: 级 (亿元级) or a qualifier word (万元以上).
_AFTER_UNIT_TRIGGERS = _SUFFIX_FIRST_CHARS | {numlex.MAGNITUDE_CLASS}
# Numeral characters that open a unit (千瓦): a run of numerals may have taken one.
UNIT_LEADING_NUMERALS = frozenset(w[0] for w in _UNITS if w[0] in numlex.CN_NUMERAL_CHARS)
# Units after which 级 makes a magnitude class (亿元级, 百亿级 with no unit at all).
_COUNTED_UNITS = numlex.CURRENCIES | frozenset(numlex.CLASSIFIERS)
_UNIT_ALIASES = numlex.UNIT_ALIASES
# Units that need a word after them or must not have certain characters after them.
_GUARDED_UNITS = frozenset(numlex.UNIT_REQUIRES) | frozenset(numlex.UNIT_BLOCKERS)
# Qualifier of a prefix word; the general words win over 过/上 (which only qualify 过万, 上千).
PREFIX_QUALIFIERS = {**numlex.MAGNITUDE_PREFIX_QUALIFIERS, **numlex.PREFIX_QUALIFIERS}


def _one_char_units() -> dict[str, frozenset[str]]:
    """One-character units without guard words (年, 人, 元, %), each with the characters that,
    written next, call for the full reading in read_suffix: the second character of a longer
    unit (人 -> 人次, 人民币), 级 or a qualifier word (万元以上), and 多/余 after 个 (3个多月).
    Before any other character the unit is simply that one character."""
    units: dict[str, frozenset[str]] = {}
    for first, group in _UNITS_BY_FIRST.items():
        if first in group and first not in _GUARDED_UNITS:
            stops = {unit[1] for unit in group if len(unit) > 1} | _AFTER_UNIT_TRIGGERS
            if first == numlex.APPROX_CLASSIFIER:
                stops |= _APPROX  # 3个多月
            units[first] = frozenset(stops)
    return units


_ONE_CHAR_UNITS = _one_char_units()
# Every character a unit, 级 or a trailing 点/余/多 can start with; anything else after a
# Chinese numeral means it is a word (一流, 十分), so most candidates stop at one set test.
UNIT_FIRST_CHARS = (
    frozenset(w[0] for w in _UNITS) | {numlex.MAGNITUDE_CLASS, numlex.CN_POINT} | _APPROX
)
# Marks that, between two digits, make a date, a time, a version or a code (3.5.1, 9:30).
_NUMBER_MARKS = numlex.CODE_MARKS
# The only characters before a number that can change how it is read: a sign, a vague or
# ordinal word, Latin letters, a date or code mark, the end of a weekday or qualifier word.
# After any other character the number has no sign and no qualifier, and nothing is looked up.
_PREFIX_STOPS = (
    _MINUS
    | numlex.VAGUE_PREFIXES
    | _LATIN_LETTERS
    | frozenset({numlex.NEGATIVE, *_NUMBER_MARKS})
    | frozenset(w[-1] for w in numlex.DATE_PREFIXES)
)
PREFIX_TRIGGERS = _PREFIX_STOPS | _PREFIX_LAST_CHARS
# How far before a number _read_prefix looks: a sign, then the longest word it tests (a
# qualifier, 以上 or a date prefix such as 星期), then the guard character before that word.
_PREFIX_WORDS = (
    *numlex.PREFIX_QUALIFIERS,
    *numlex.MAGNITUDE_PREFIX_QUALIFIERS,
    *numlex.DATE_PREFIXES,
    *numlex.MAGNITUDE_PREFIX_BLOCKERS,
)
PREFIX_REACH = 1 + max(map(len, _PREFIX_WORDS)) + 1
# Of those, the ones that can only end a qualifier word (超, 近, 到).
_QUALIFIER_ONLY_ENDS = _PREFIX_LAST_CHARS - _PREFIX_STOPS
# Likewise after a number: the start of a unit, 级, a date or rank word, a range, a
# qualifier, Latin letters or a mark. After anything else the number stands alone.
SUFFIX_TRIGGERS = (
    UNIT_FIRST_CHARS
    | _LATIN_LETTERS
    | frozenset(_NUMBER_MARKS)
    | frozenset(w[0] for w in numlex.ARABIC_STOP_SUFFIXES)
    | numlex.RANGE_SEPARATORS
    | frozenset(_SUFFIXES_BY_FIRST)
)


# --- after the number ----------------------------------------------------------------------


@lru_cache(maxsize=4096)
def plain_unit(pair: str) -> str | None:
    """The unit (as reported) of a one-character unit that opens ``pair``, the two characters
    after a number, when the second cannot change the reading (see _ONE_CHAR_UNITS); else None.

    One slice and one cached lookup per number, in place of two slices and three lookups:
    the pairs that follow numbers (万人，, 年以, %的) are few."""
    after = pair[:1]
    stops = _ONE_CHAR_UNITS.get(after)
    if stops is None or pair[1:] in stops:
        return None
    return _UNIT_ALIASES.get(after, after)


def unit_at(t: str, pos: int) -> str | None:
    """The longest unit written at ``pos``, as written."""
    for unit in _UNITS_BY_FIRST.get(t[pos : pos + 1], ()):
        if t.startswith(unit, pos):
            return unit
    return None


# What read_suffix found: (end, unit, qualifier word, magnitude class 级).
Suffix = tuple[int, str | None, str | None, bool]


def read_suffix(t: str, core: str, arabic: bool, pos: int) -> Suffix | None:
    """Unit, magnitude class 级, then qualifier word after the number ending at ``pos``.

    None when it is a date, code or name."""
    after = t[pos]
    unit: str | None = None
    units = _UNITS_BY_FIRST.get(after)
    if units is not None:
        if after == numlex.APPROX_CLASSIFIER and pos + 1 < len(t) and t[pos + 1] in _APPROX:
            # 3个多月: the 多 sits between 个 and the unit of time.
            for time_unit in numlex.APPROX_TIME_UNITS:
                if t.startswith(time_unit, pos + 2):
                    return pos + 2 + len(time_unit), time_unit, t[pos + 1], False
        for written in units:
            if t.startswith(written, pos):
                if written not in _GUARDED_UNITS or not _unit_blocked(t, written, pos + len(written)):
                    unit = _UNIT_ALIASES.get(written, written)
                    pos += len(written)
                    if t[pos : pos + 1] not in _AFTER_UNIT_TRIGGERS:
                        return pos, unit, None, False  # the common case: nothing more to read
                break
    elif after in _LATIN_LETTERS:
        latin = _LATIN_UNIT.match(t, pos) if arabic else None
        if latin is None:
            # 5G, 3D: a code; a Chinese numeral just has no unit
            return None if arabic else (pos, None, None, False)
        return latin.end(), latin.group(), None, False
    elif after in _NUMBER_MARKS and pos + 1 < len(t) and t[pos + 1].isdigit():
        return None

    after = t[pos] if pos < len(t) else ""
    magnitude_class = (
        after == numlex.MAGNITUDE_CLASS
        and core[-1] in MAGNITUDE_CHARS
        and (unit is None or unit in _COUNTED_UNITS)
    )
    if magnitude_class:
        pos += 1  # 百亿级, 亿元级: a size class, not a count of 级
    if unit is None:
        if arabic and t.startswith(numlex.ARABIC_STOP_SUFFIXES, pos):
            return None
        if pos < len(t) and t[pos] in numlex.RANGE_SEPARATORS:
            nxt = CORE.match(t, pos + 1)
            if nxt is not None and t.startswith(numlex.ARABIC_STOP_SUFFIXES, nxt.end()):
                return None  # 1-9月: a span of dates
            unit = _range_unit(t, pos + 1)
        if unit is None and arabic and code_like(core):
            return None
    if magnitude_class:
        return pos, unit, None, True
    suffix = _suffix_word(t, pos, unit) if after in _SUFFIX_FIRST_CHARS else None
    if suffix is not None:
        pos += len(suffix)
    return pos, unit, suffix, False


def _unit_blocked(t: str, unit: str, end: int) -> bool:
    required = numlex.UNIT_REQUIRES.get(unit)
    if required is not None and not t.startswith(required, end):
        return True
    blockers = numlex.UNIT_BLOCKERS.get(unit)
    return blockers is not None and end < len(t) and t[end] in blockers


def code_like(core: str) -> bool:
    """Phone numbers, IDs and codes: a leading zero (020) or seven or more bare digits."""
    return (len(core) > 1 and core[0] in "0０" and core[1] in ARABIC_DIGITS) or (
        len(core) >= 7 and ARABIC_DIGITS.issuperset(core)
    )


def _range_unit(t: str, pos: int) -> str | None:
    nxt = CORE.match(t, pos)
    if nxt is None or nxt.end() - pos > MAX_CORE_CHARS:
        return None
    unit = unit_at(t, nxt.end())
    if unit is None or _unit_blocked(t, unit, nxt.end() + len(unit)):
        return None
    return _UNIT_ALIASES.get(unit, unit)


def _suffix_word(t: str, pos: int, unit: str | None) -> str | None:
    for word in _SUFFIXES_BY_FIRST.get(t[pos : pos + 1], ()):
        if not t.startswith(word, pos):
            continue
        if word in _APPROX and unit is None:
            continue  # 5多: 多 after a bare number already sits in the core when it counts
        after = t[pos + len(word)] if pos + len(word) < len(t) else ""
        if after and after in numlex.SUFFIX_GUARDS.get(word, ""):
            continue
        return word
    return None


# --- before the number ---------------------------------------------------------------------


@lru_cache(maxsize=4096)
def prefix_before(before: str, arabic: bool, bare: bool) -> tuple[int, bool, str | None] | None:
    """_read_prefix for a number that follows ``before``, the last PREFIX_REACH characters
    before it: (characters taken, negative, qualifier word), or None if no quantity.

    Cached: the words before numbers recur (同比增长超, 总投资近), and a lookup costs less
    than the reading."""
    read = _read_prefix(before, len(before), arabic, bare)
    if read is None:
        return None
    start, negative, word = read
    return len(before) - start, negative, word


def _read_prefix(t: str, p: int, arabic: bool, bare: bool) -> tuple[int, bool, str | None] | None:
    """Sign, then qualifier word before ``p``: (start, negative, word).

    None when the prefix shows it is no quantity."""
    if t[p - 1] in _QUALIFIER_ONLY_ENDS:
        # 超, 近, 到: at most the end of a qualifier word, never a sign, mark or vague word.
        word = _prefix_word(t, p, bare)
        return (p if word is None else p - len(word)), False, word
    negative = _has_sign(t, p, arabic)
    if negative:
        p -= 1
    before = t[p - 1] if p >= 1 else ""
    if before in numlex.VAGUE_PREFIXES or before in _LATIN_LETTERS:
        return None
    if before in _MINUS and p >= 2 and t[p - 2] in _LATIN_LETTERS:
        return None  # COVID-19
    if before and before in _NUMBER_MARKS and p >= 2 and t[p - 2].isdigit():
        return None
    if not arabic and t.endswith(numlex.DATE_PREFIXES, 0, p):
        return None
    word = _prefix_word(t, p, bare)
    if word is not None:
        p -= len(word)
    return p, negative, word


def _has_sign(t: str, p: int, arabic: bool) -> bool:
    if p < 1:
        return False
    if t[p - 1] in _MINUS:
        return p < 2 or not _joins(t[p - 2])
    return t[p - 1] == numlex.NEGATIVE and arabic  # 负5%; 负 before a word (负责, 胜负) is not a sign


def _joins(ch: str) -> bool:
    """A character that makes a following '-' a hyphen or range dash, not a minus."""
    return (ch.isascii() and ch.isalnum()) or ch in _JOINERS


def _prefix_word(t: str, p: int, bare: bool) -> str | None:
    if p < 1:
        return None
    last = t[p - 1]
    for word, guards in _PREFIXES_BY_LAST.get(last, ()):
        at = p - len(word)
        if t.endswith(word, 0, p) and (at < 1 or t[at - 1] not in guards):
            return word
    if bare:
        for word in _MAGNITUDE_PREFIXES_BY_LAST.get(last, ()):
            if t.endswith(word, 0, p) and not t.endswith(numlex.MAGNITUDE_PREFIX_BLOCKERS, 0, p):
                return word
    return None
