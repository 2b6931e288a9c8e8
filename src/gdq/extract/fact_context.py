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
from typing import NamedTuple

from gdq.extract.fact_scan import CORE, MAX_CORE_CHARS, by_char
from gdq.lexicon import numbers as numlex

ARABIC_DIGITS = numlex.ARABIC_DIGITS
_APPROX = numlex.APPROX_MARKERS
_MINUS = numlex.MINUS_SIGNS
# Words that make the number after them negative (负5%, 负一, 零下五度), by last character.
_NEGATIVE_BY_LAST = by_char(sorted(numlex.NEGATIVE_WORDS, key=len, reverse=True), last=True)
# Before a dash these make it a range or a hyphen: 3%-5%, 2024-2025, COVID-19.
_JOINERS = ARABIC_DIGITS | frozenset(numlex.CN_NUMERAL_CHARS) | numlex.HYPHEN_JOINERS
_LATIN_LETTERS = frozenset(string.ascii_letters)
MAGNITUDE_CHARS = frozenset(numlex.SMALL_UNITS) | frozenset(numlex.BIG_UNITS)

_UNITS = numlex.MEASURE_UNITS + numlex.CLASSIFIERS + numlex.TIME_UNITS + numlex.STAT_UNITS
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
    w[-1]
    for w in (
        *numlex.PREFIX_QUALIFIERS,
        *numlex.MAGNITUDE_PREFIX_QUALIFIERS,
        *numlex.QUALIFIER_LINKS,
        *numlex.CURRENCY_PREFIXES,
    )
)
_LINKS_BY_LAST = by_char(sorted(numlex.QUALIFIER_LINKS, key=len, reverse=True), last=True)
_CURRENCIES_BY_LAST = by_char(sorted(numlex.CURRENCY_PREFIXES, key=len, reverse=True), last=True)
# An adverb qualifier, then a short verb phrase (no numeral, 的 or punctuation), then the number:
# 至少新增1.4万个. Searched at the end of the few characters before a number.
_ADVERB_GAP = 4
_ADVERB_BEFORE = re.compile(
    "(?:"
    + "|".join(sorted(numlex.ADVERB_QUALIFIERS, key=len, reverse=True))
    + ")"
    + f"((?:(?![{numlex.CN_NUMERAL_CHARS}的])[\u4e00-\u9fff]){{1,{_ADVERB_GAP}}})$"
)
ADVERB_REACH = max(map(len, numlex.ADVERB_QUALIFIERS)) + _ADVERB_GAP
_SUFFIXES_BY_FIRST = by_char(sorted(numlex.SUFFIX_QUALIFIERS, key=len, reverse=True))
_SUFFIX_FIRST_CHARS = frozenset(_SUFFIXES_BY_FIRST)
# After a unit only these can add to the fact: 级 (亿元级) or a qualifier word (万元以上).
# A per mark opens the second half of a compound unit (元/平方米).
_AFTER_UNIT_TRIGGERS = _SUFFIX_FIRST_CHARS | {numlex.MAGNITUDE_CLASS} | numlex.PER_MARKS
_PER_UNITS_BY_FIRST = by_char(sorted(set(_UNITS + numlex.PER_UNITS), key=len, reverse=True))
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
    """One-character units that need no word after them (年, 人, 元, %), each with the
    characters that, written next, call for the full reading in read_suffix: the second
    character of a longer unit (人 -> 人次, 人民币), 级, a per mark or a qualifier word (万元以上),
    多/余 after 个 (3个多月) and the characters that block the unit (年代, 位数).
    Before any other character the unit is simply that one character."""
    units: dict[str, frozenset[str]] = {}
    for first, group in _UNITS_BY_FIRST.items():
        if first in group and first not in numlex.UNIT_REQUIRES:
            stops = {unit[1] for unit in group if len(unit) > 1} | _AFTER_UNIT_TRIGGERS
            stops |= set(numlex.UNIT_BLOCKERS.get(first, ""))
            if first == numlex.APPROX_CLASSIFIER:
                stops |= _APPROX  # 3个多月
            units[first] = frozenset(stops)
    return units


_ONE_CHAR_UNITS = _one_char_units()
# Every character a unit, 级 or a trailing 点/余/多 can start with; anything else after a
# Chinese numeral means it is a word (一流, 十分), so most candidates stop at one set test.
UNIT_FIRST_CHARS = frozenset(w[0] for w in _UNITS) | {numlex.MAGNITUDE_CLASS, numlex.CN_POINT} | _APPROX
# Marks that, between two digits, make a date, a time, a version or a code (3.5.1, 9:30).
_NUMBER_MARKS = numlex.CODE_MARKS
# The only characters before a number that can change how it is read: a sign, a vague or
# ordinal word, Latin letters, a date or code mark, the end of a weekday or qualifier word.
# After any other character the number has no sign and no qualifier, and nothing is looked up.
_PREFIX_STOPS = (
    _MINUS
    | numlex.VAGUE_PREFIXES
    | _LATIN_LETTERS
    | frozenset(_NEGATIVE_BY_LAST)
    | frozenset(_NUMBER_MARKS)
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
# ... and what may stand between such a word and the number: a verb (约为), a currency
# (约新台币430亿元) or a magnitude prefix (至少上百家).
_BETWEEN_WORDS = (*numlex.QUALIFIER_LINKS, *numlex.CURRENCY_PREFIXES, *numlex.MAGNITUDE_PREFIX_QUALIFIERS)
PREFIX_REACH = 1 + max(map(len, _PREFIX_WORDS)) + max(map(len, _BETWEEN_WORDS)) + 1
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
    | {numlex.LIST_MARK}
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
                    if t[pos] in numlex.PER_MARKS:
                        unit, pos = _per_unit(t, unit, pos)
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
        if arabic and t.startswith(numlex.INDEX_POINT, pos) and _above_clock(core):
            return pos + len(numlex.INDEX_POINT), numlex.INDEX_POINT, None, False  # 6000点
        if arabic and t.startswith(numlex.ARABIC_STOP_SUFFIXES, pos):
            return None
        if arabic and t.startswith(numlex.LIST_MARK, pos):
            last = _list_end(t, pos)
            if last is not None and t.startswith(numlex.ARABIC_STOP_SUFFIXES, last):
                return None  # 1、2月份: a list of dates
            unit = _list_unit(t, last) if last is not None else None
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


def _per_unit(t: str, unit: str, pos: int) -> tuple[str, int]:
    """元/平方米: the compound unit, if a unit follows the per mark at ``pos``."""
    for per in _PER_UNITS_BY_FIRST.get(t[pos + 1 : pos + 2], ()):
        if t.startswith(per, pos + 1):
            return f"{unit}/{_UNIT_ALIASES.get(per, per)}", pos + 1 + len(per)
    return unit, pos


_CLOCK_HOURS = 24  # 点 after a number up to this may be a clock time (十点开会, 9点)


def _above_clock(core: str) -> bool:
    """A whole number too big to be an hour: 6000点 is a point of an index."""
    return core.isdigit() and int(core) > _CLOCK_HOURS


_LIST_REACH = 8  # numbers of a list looked through for the unit written at its end


def _list_end(t: str, pos: int) -> int | None:
    """The end of the last number of a list (21.3、20.4个百分点) whose ``、`` is at ``pos``."""
    for _ in range(_LIST_REACH):
        nxt = CORE.match(t, pos + 1)
        if nxt is None or nxt.end() - nxt.start() > MAX_CORE_CHARS:
            return None
        pos = nxt.end()
        if not t.startswith(numlex.LIST_MARK, pos):
            return pos
    return None


def _list_unit(t: str, pos: int) -> str | None:
    """The unit written after the last number of a list, ending at ``pos``: money, measures
    and counts only (in 2020、2021年 the list holds years)."""
    unit = unit_at(t, pos)
    return _UNIT_ALIASES.get(unit, unit) if unit in _LIST_UNITS else None


_LIST_UNITS = frozenset(numlex.MEASURE_UNITS) | frozenset(numlex.CLASSIFIERS)


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


class Prefix(NamedTuple):
    """What precedes a number: characters taken, sign, qualifier word, how many characters
    stand between that word and the number (约为26%: 1) and a currency written before it."""

    taken: int
    negative: bool
    word: str | None
    gap: int
    currency: str | None


_NO_PREFIX = Prefix(0, False, None, 0, None)


@lru_cache(maxsize=4096)
def prefix_before(before: str, arabic: bool, bare: bool) -> Prefix | None:
    """_read_prefix for a number that follows ``before``, the last PREFIX_REACH characters
    before it, or None if no quantity.

    Cached: the words before numbers recur (同比增长超, 总投资近), and a lookup costs less
    than the reading."""
    read = _read_prefix(before, len(before), arabic, bare)
    if read is None:
        return None
    start, negative, (word, gap, currency) = read
    return Prefix(len(before) - start, negative, word, gap, currency)


_Qualifier = tuple[str | None, int, str | None]  # word, gap, currency
_NONE: _Qualifier = (None, 0, None)


def _read_prefix(t: str, p: int, arabic: bool, bare: bool) -> tuple[int, bool, _Qualifier] | None:
    """Sign, then qualifier word before ``p``: (start, negative, (word, gap, currency)).

    None when the prefix shows it is no quantity."""
    if t[p - 1] in _QUALIFIER_ONLY_ENDS:
        # 超, 近, 到: at most the end of a qualifier word, never a sign, mark or vague word.
        start, found = _qualifier_before(t, p, bare)
        return start, False, found
    sign = _sign_length(t, p)
    negative = sign > 0
    p -= sign
    before = t[p - 1] if p >= 1 else ""
    if before in numlex.VAGUE_PREFIXES or before in _LATIN_LETTERS:
        return None
    if before in _MINUS and p >= 2 and t[p - 2] in _LATIN_LETTERS:
        return None  # COVID-19
    if before and before in _NUMBER_MARKS and p >= 2 and t[p - 2].isdigit():
        return None
    if not arabic and t.endswith(numlex.DATE_PREFIXES, 0, p):
        return None
    start, found = _qualifier_before(t, p, bare)
    return start, negative, found


def _qualifier_before(t: str, p: int, bare: bool) -> tuple[int, _Qualifier]:
    """The qualifier word ending at ``p``, or ending before a currency (约新台币430亿元), a
    linking verb (约为15万元) or a magnitude prefix (至少上百家) that ends at ``p``.

    Magnitude prefixes (上百, 过万) are how a round amount is said: a qualifier word before
    them decides (至少上百家 is at_least), else they qualify the number themselves."""
    currency = _word_before(_CURRENCIES_BY_LAST, t, p) or None
    at = p - len(currency) if currency else p
    word = _prefix_word(t, at, bare and not currency)
    if word is not None:
        if word in numlex.MAGNITUDE_PREFIX_QUALIFIERS and word not in numlex.PREFIX_QUALIFIERS:
            outer = _prefix_word(t, at - len(word), False)
            if outer is not None:
                return at - len(word) - len(outer), (outer, p - at + len(word), currency)
        return at - len(word), (word, p - at, currency)
    link = _word_before(_LINKS_BY_LAST, t, at)
    if link:
        word = _prefix_word(t, at - len(link), False)
        if word is not None:
            return at - len(link) - len(word), (word, p - at + len(link), currency)
    return at, (None, 0, currency)


def _word_before(groups: dict[str, tuple[str, ...]], t: str, p: int) -> str:
    for word in groups.get(t[p - 1 : p], ()) if p >= 1 else ():
        if t.endswith(word, 0, p):
            return word
    return ""


def adverb_before(window: str) -> tuple[str, int] | None:
    """An adverb qualifier a short verb phrase before the end of ``window`` (至少新增):
    (word, characters between it and the number)."""
    match = _ADVERB_BEFORE.search(window)
    if match is None:
        return None
    gap = len(match.group(1))
    return match.group()[:-gap], gap


def _sign_length(t: str, p: int) -> int:
    """How many characters of the minus sign or negative word (负, 零下) end at ``p``; 0 when
    none does. A dash after a letter, digit or numeral is a hyphen or a range (COVID-19,
    3-5); so is 负 after a digit (3胜2负, a record); 负 ending a word of SIGN_GUARDS is a verb
    or a noun (身负三处伤, 胜负)."""
    if p < 1:
        return 0
    last = t[p - 1]
    if last in _MINUS:
        return 0 if p >= 2 and _joins(t[p - 2]) else 1
    for word in _NEGATIVE_BY_LAST.get(last, ()):
        if t.endswith(word, 0, p):
            at = p - len(word)
            if (at >= 1 and _joins(t[at - 1])) or t.endswith(numlex.SIGN_GUARDS, 0, p):
                return 0
            return len(word)
    return 0


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
