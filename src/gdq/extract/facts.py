"""Numeric facts in a sentence: ``find_facts(text) -> list[FactSpan]``.

A fact is a quantity as written (``超3.2万亿元``), with its exact value, the counted unit and a
qualifier. Rules, so a reader knows what to expect:

* Magnitude goes into the value, never the unit: ``3.2万亿元`` is 3200000000000 元.
* Percentages keep the number as written: ``12%`` and ``百分之十二`` are 12 with unit ``%``;
  ``个百分点`` is unit ``百分点``; ``三分之一`` is 0.333… with no unit.
* Years: ``2035年``, ``二〇二六年`` and a year used as a name prefix (``2026广东…大会``) have
  unit ``年份`` (a calendar year). Any other ``N年`` is a duration with unit ``年``: ``连续5年``,
  ``1000多年前``, and a four-digit number after a duration cue (``建城2240年``, ``历时1800年``)
  or before one (``2000年之久``). ``3个月`` is unit ``月``; ``30天``, ``2小时`` likewise.
* Dates are not facts: ``6月``, ``25日``, ``3号``, ``2025-06-25``, ``9:30``, weekdays
  (``周一``) and lunar dates (``初八``). Ordinals (``第一``, ``第3届``) and vague numbers
  (``数千``, ``几十``, ``三四个``) are not facts either.
* A magnitude class such as ``百亿级`` or ``亿元级`` is a fact with the magnitude as value
  (10000000000), qualifier ``at_least`` and the currency if written (``亿元级`` -> 元) else no
  unit. ``不少于10个百亿级`` gives two facts: 10 个 (at_least) and 百亿级.
* A Chinese numeral is a fact only with a unit after it, so words such as 一流, 统一, 十分,
  万一, 两业, 三资 are skipped. A lone ``一`` counts only before a measure (``一公里``), since
  ``一个``/``一项`` is usually an article; a lone ``零`` never counts (零售, 零部件). A bare
  ``百年``/``千年`` needs a qualifier or duration cue (``历史超千年``), as ``千年商都`` is an
  epithet. Arabic numbers count with or without a unit.
* Set phrases (numlex.IDIOMS), numbers inside a short quotation (“百千万工程”, “十五五”) or a
  title (《中国制造2025》), numbers joined to Latin letters (5G, C919, PM2.5), ranking names
  (世界500强) and scientific notation are not facts.
* In a range ``3-5年``/``3至5年`` the first number takes the second's unit.
* ``近`` before a span of time means "recent": ``近5年`` is 5 年, exact (raw ``5年``).
* Bare Arabic codes are skipped: a leading zero (``020``) or seven or more digits with no
  unit (phone numbers, IDs); so are date spans such as ``1-9月`` and ``3·15``.

``find_facts`` runs in linear time on any input (numbers longer than MAX_CORE_CHARS are
skipped, not parsed) and never raises.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_right
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from gdq.extract.numerals import (
    BIG_UNITS,
    CN_NUMERAL_CHARS,
    DIGITS,
    FRACTION_INFIX,
    SMALL_UNITS,
    ZEROS,
    numeral_parts,
)
from gdq.lexicon import numbers as numlex

MAX_CORE_CHARS = 40  # longer runs of digits are codes or noise, and parsing them is costly

# Each alternative eats a whole run per step (possessive), so a long run of digits or numeral
# characters costs one pass in the regex engine and is never re-scanned.
# Full-width digits and marks are matched as they are: folding every sentence first would
# cost more than the whole search.
# The patterns that find numbers open with one plain character class, the first digit or
# numeral, and then read the rest of its run (the lookbehind picks the Arabic reading when
# that first character was a digit): the regex engine then skips straight to a candidate
# character instead of trying every alternative at every position of the sentence.
_D = "0-9０-９"
_AR_REST = f"[{_D}]*+(?:[,，][{_D}]{{3}}(?![{_D}]))*+(?:[.．][{_D}]++)?"
_AR = f"[{_D}]{_AR_REST}"
_BODY = (
    f"[{_D}{CN_NUMERAL_CHARS}](?:(?<=[{_D}]){_AR_REST}|[{CN_NUMERAL_CHARS}]*+)"
    f"(?:{_AR}|[{CN_NUMERAL_CHARS}余多点]++)*+"
)
_CORE = re.compile(f"{_BODY}(?:{FRACTION_INFIX}{_BODY})?")
# 2025-06-25, 9:30, 3/15 (the first digit is taken out of each alternative, see above).
_DATE = re.compile(
    f"[{_D}](?:[{_D}]{{1,3}}[-/.－／．][{_D}]{{1,2}}[-/.－／．][{_D}]{{1,2}}"
    f"|[{_D}]?[:：][{_D}]{{2}}|[{_D}]*[/／][{_D}]+)"
)
# Every date above holds a digit followed by a mark, one or two digits and a second mark
# (6-25-), by a colon and two digits (:30) or by a slash and a digit (/15). Looking for just
# that rules out most sentences (decimals such as 32.2万 do not match) far more cheaply than
# a _DATE search, which tries every alternative at every digit. The pattern opens with the
# mark, with the digit before it checked by a lookbehind: marks are rarer than digits in
# sentences with numbers, and the engine skips straight to them.
_DATE_HINT = re.compile(
    f"[-/.－／．:：](?<=[{_D}].)"
    f"(?:(?<=[-/.－／．])[{_D}]{{1,2}}[-/.－／．]|(?<=[:：])[{_D}]{{2}}|(?<=[/／])[{_D}])"
)
_ARABIC_DIGITS = frozenset("0123456789０１２３４５６７８９")
_MINUS = frozenset("-－−")
# Before a dash these make it a range or a hyphen: 3%-5%, 2024-2025, COVID-19.
_JOINERS = _ARABIC_DIGITS | frozenset(CN_NUMERAL_CHARS) | frozenset("%％‰_")
_LATIN_LETTERS = frozenset(string.ascii_letters)


def _by_char(words: Iterable[str], last: bool = False) -> dict[str, tuple[str, ...]]:
    """Words grouped by their first (or last) character, order kept: one dict lookup finds
    the few words that can match at a position, instead of trying every word."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[-1] if last else word[0], []).append(word)
    return {ch: tuple(group) for ch, group in groups.items()}


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    """One regex matching the longest of ``words`` at a position.

    Written as a tree on the first character (千(?:家万户|方百计|…)|万(?:…)), so at each
    position the engine compares the first character once per group, not once per word."""
    # Longest first, so 千年古城 wins over a shorter word at the same place.
    groups = _by_char(sorted(set(words), key=len, reverse=True))
    return re.compile(
        "|".join(
            re.escape(first) + "(?:" + "|".join(re.escape(w[1:]) for w in group) + ")"
            for first, group in groups.items()
        )
    )


_UNITS = numlex.MEASURE_UNITS + numlex.CLASSIFIERS + numlex.TIME_UNITS
# Longest first, so 个月 wins over 个 and 平方公里 over 公里.
_UNITS_BY_FIRST = _by_char(sorted(set(_UNITS), key=len, reverse=True))
_LATIN_UNIT = re.compile(
    "(?:" + "|".join(sorted(numlex.LATIN_UNITS, key=len, reverse=True)) + ")(?![A-Za-z])"
)
_IDIOM = _alternation(numlex.IDIOMS)
# Each qualifier word with the characters that, written just before it, make it part of
# another word (最近, 赶超, 签约): see numlex.PREFIX_GUARDS.
_PREFIXES_BY_LAST = {
    last: tuple((word, numlex.PREFIX_GUARDS.get(word, "")) for word in words)
    for last, words in _by_char(sorted(numlex.PREFIX_QUALIFIERS, key=len, reverse=True), last=True).items()
}
_MAGNITUDE_PREFIXES_BY_LAST = _by_char(numlex.MAGNITUDE_PREFIX_QUALIFIERS, last=True)
# 上 ending these is no prefix qualifier: 以上3家 is not "about 3".
_MAGNITUDE_PREFIX_BLOCKERS = ("以上", "之上", "向上")
_PREFIX_LAST_CHARS = frozenset(
    w[-1] for w in (*numlex.PREFIX_QUALIFIERS, *numlex.MAGNITUDE_PREFIX_QUALIFIERS)
)
_SUFFIXES_BY_FIRST = _by_char(sorted(numlex.SUFFIX_QUALIFIERS, key=len, reverse=True))
_SUFFIX_FIRST_CHARS = frozenset(_SUFFIXES_BY_FIRST)
# After a unit only these can add to the fact: 级 (亿元级) or a qualifier word (万元以上).
_AFTER_UNIT_TRIGGERS = _SUFFIX_FIRST_CHARS | {"级"}
_UNIT_LEADING_NUMERALS = frozenset(w[0] for w in _UNITS if w[0] in CN_NUMERAL_CHARS)
_MEASURES = frozenset(numlex.MEASURE_UNITS)
_TIME_AFTER_GE = ("月", "小时", "星期", "季度")
_MAGNITUDE_CHARS = frozenset(SMALL_UNITS) | frozenset(BIG_UNITS)
_DIGIT_CHARS = frozenset(DIGITS)
_CURRENCIES = frozenset(u for u in numlex.MEASURE_UNITS if u.endswith(("元", "币", "镑", "布")))
# Units after which 级 makes a magnitude class (亿元级, 百亿级 with no unit at all).
_COUNTED_UNITS = _CURRENCIES | frozenset(numlex.CLASSIFIERS)
_UNIT_ALIASES = numlex.UNIT_ALIASES
# Units that need a word after them or must not have certain characters after them.
_GUARDED_UNITS = frozenset(numlex.UNIT_REQUIRES) | frozenset(numlex.UNIT_BLOCKERS)
# Qualifier of a prefix word; the general words win over 过/上 (which only qualify 过万, 上千).
_PREFIX_QUALIFIERS = {**numlex.MAGNITUDE_PREFIX_QUALIFIERS, **numlex.PREFIX_QUALIFIERS}
_EXACT = numlex.EXACT
_MORE_THAN = numlex.MORE_THAN


def _one_char_units() -> dict[str, frozenset[str]]:
    """One-character units without guard words (年, 人, 元, %), each with the characters that,
    written next, call for the full reading in _read_suffix: the second character of a longer
    unit (人 -> 人次, 人民币), 级 or a qualifier word (万元以上), and 多/余 after 个 (3个多月).
    Before any other character the unit is simply that one character."""
    units: dict[str, frozenset[str]] = {}
    for first, group in _UNITS_BY_FIRST.items():
        if first in group and first not in _GUARDED_UNITS:
            stops = {unit[1] for unit in group if len(unit) > 1} | _AFTER_UNIT_TRIGGERS
            if first == "个":
                stops |= set("多余")  # 3个多月
            units[first] = frozenset(stops)
    return units


_ONE_CHAR_UNITS = _one_char_units()
_DURATION_CUE_LAST_CHARS = frozenset(w[-1] for w in numlex.DURATION_CUES)
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Every character a unit, 级 or a trailing 点/余/多 can start with; anything else after a
# Chinese numeral means it is a word (一流, 十分), so most candidates stop at one set test.
_UNIT_FIRST_CHARS = frozenset(w[0] for w in _UNITS) | frozenset("级点余多")
# Marks that, between two digits, make a date, a time, a version or a code (3.5.1, 9:30).
_NUMBER_MARKS = "./:．／：·•"
# The only characters before a number that can change how it is read: a sign, a vague or
# ordinal word, Latin letters, a date or code mark, the end of a weekday or qualifier word.
# After any other character the number has no sign and no qualifier, and nothing is looked up.
_PREFIX_STOPS = (
    _MINUS
    | numlex.VAGUE_PREFIXES
    | _LATIN_LETTERS
    | frozenset("负" + _NUMBER_MARKS)
    | frozenset(w[-1] for w in numlex.DATE_PREFIXES)
)
_PREFIX_TRIGGERS = _PREFIX_STOPS | _PREFIX_LAST_CHARS
# How far before a number _read_prefix looks: a sign, then the longest word it tests (a
# qualifier, 以上 or a date prefix such as 星期), then the guard character before that word.
_PREFIX_WORDS = (
    *numlex.PREFIX_QUALIFIERS,
    *numlex.MAGNITUDE_PREFIX_QUALIFIERS,
    *numlex.DATE_PREFIXES,
    *_MAGNITUDE_PREFIX_BLOCKERS,
)
_PREFIX_REACH = 1 + max(map(len, _PREFIX_WORDS)) + 1
# Of those, the ones that can only end a qualifier word (超, 近, 到).
_QUALIFIER_ONLY_ENDS = _PREFIX_LAST_CHARS - _PREFIX_STOPS
# Likewise after a number: the start of a unit, 级, a date or rank word, a range, a
# qualifier, Latin letters or a mark. After anything else the number stands alone.
_SUFFIX_TRIGGERS = (
    _UNIT_FIRST_CHARS
    | _LATIN_LETTERS
    | frozenset(_NUMBER_MARKS)
    | frozenset(w[0] for w in numlex.ARABIC_STOP_SUFFIXES)
    | numlex.RANGE_SEPARATORS
    | frozenset(_SUFFIXES_BY_FIRST)
)


def _quoted(pairs: dict[str, str], limit: int) -> list[tuple[str, re.Pattern[str]]]:
    return [
        (o, re.compile(f"{re.escape(o)}[^{re.escape(o + c)}\n]{{0,{limit}}}{re.escape(c)}"))
        for o, c in pairs.items()
    ]


# Each pattern with a character it needs, if any: most sentences have no quotation or title
# mark, and a substring test is much cheaper than starting a regex search.
_NAME_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("", _IDIOM),
    ("", _DATE),
    *_quoted(numlex.QUOTE_PAIRS, numlex.SLOGAN_MAX_CHARS),
    *_quoted(numlex.TITLE_PAIRS, numlex.TITLE_MAX_CHARS),
]


def _quoted_numeral(pairs: dict[str, str], limit: int) -> list[str]:
    """Patterns for a quotation or title as in _quoted that holds a digit or numeral."""
    return [
        f"{re.escape(o)}(?=[^{re.escape(o + c)}\n]{{0,{limit}}}{re.escape(c)})"
        f"[^{re.escape(o + c)}\n]{{0,{limit - 1}}}[{_D}{CN_NUMERAL_CHARS}]"
        for o, c in pairs.items()
    ]


# Whether a sentence may have a name span that matters. A span can only hide a number if it
# holds the number's first character, a digit or numeral (a span opens with a mark, never a
# number character), so quotations and titles without one are not looked for: most quotes in
# news are speech. Idioms and dates always hold one. Every alternative opens with a literal
# character, so the engine skips to those characters; a date has its own cheap test.
_NAME_HINT = re.compile(
    "|".join(
        [
            _IDIOM.pattern,
            *_quoted_numeral(numlex.QUOTE_PAIRS, numlex.SLOGAN_MAX_CHARS),
            *_quoted_numeral(numlex.TITLE_PAIRS, numlex.TITLE_MAX_CHARS),
        ]
    )
)


class FactSpan(NamedTuple):
    """One quantity in a sentence; ``raw == text[start:end]``. (A NamedTuple: one is made for
    every number read, and a frozen dataclass's __init__ cost about as much as the reading.)"""

    raw: str
    value: int | float
    unit: str | None
    qualifier: str
    start: int
    end: int


def find_facts(text: str) -> list[FactSpan]:
    """Every numeric fact in ``text``, in order of position."""
    facts: list[FactSpan] = []
    names: tuple[list[int], list[int]] | None = None  # built on first need: most sentences never need it
    end = 0
    # One search per number, as finditer would do, but with no iterator to set up: most
    # sentences have no number, and the first search is all they cost.
    while (match := _CORE.search(text, end)) is not None:
        start, end = match.span()
        found = _fact(text, start, end)
        if found is None:
            continue
        core_end, fact = found
        if names is None:
            names = _name_spans(text)
        starts, ends = names
        if starts:
            i = bisect_right(starts, core_end - 1) - 1
            if i >= 0 and ends[i] > start:
                continue  # the number is part of a name
        facts.append(fact)
    return facts


def _name_spans(t: str) -> tuple[list[int], list[int]]:
    """Merged spans of text where numerals are names (idioms, short quotations, titles, dates),
    as sorted starts and their ends; none when no span could hold a number (see _NAME_HINT)."""
    if _NAME_HINT.search(t) is None and _DATE_HINT.search(t) is None:
        return [], []  # the common case: two searches, no finditer or sorting
    spans: list[tuple[int, int]] = []
    for needed, pattern in _NAME_PATTERNS:
        if needed in t:
            spans += [m.span() for m in pattern.finditer(t)]
    spans.sort()
    starts: list[int] = []
    ends: list[int] = []
    for start, end in spans:
        if ends and start < ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


# A parsed core: its public value, its unit if a percentage (百分之十二 -> %), whether 余/多
# was written, whether it is magnitude words only (千亿, 百, 万), and the year it may name.
_Parsed = tuple[int | float, str | None, bool, bool, int]
_CN_YEAR = -1  # the year of a core written as four Chinese digits: 二〇二六


@lru_cache(maxsize=8192)
def _parse(core: str) -> _Parsed | None:
    """Parse once per distinct core: the same few thousand numbers recur across a corpus."""
    parts = numeral_parts(core)
    if parts is None:
        return None
    value, unit, approx = parts
    return value, unit, approx, _MAGNITUDE_CHARS.issuperset(core), _year_of(core)


def _year_of(core: str) -> int:
    """The value of four Arabic digits (2035), _CN_YEAR for four Chinese digits, else 0."""
    if len(core) != 4:
        return 0
    if _DIGIT_CHARS.issuperset(core):
        return _CN_YEAR
    return int(core) if core.isdigit() else 0


def _fact(t: str, s: int, e: int) -> tuple[int, FactSpan] | None:
    """The number at t[s:e] read with its surroundings, or None if it states no quantity.

    Returns the end of the number proper (names are checked against it) and the fact.
    This runs once per number in the corpus, so the common case stays in this one function
    and the rarer readings (signs, qualifier words, ranges, Latin units) are helpers.
    """
    if e - s > MAX_CORE_CHARS:
        return None
    arabic = t[s] in _ARABIC_DIGITS  # written with Arabic digits (any unit optional)
    if not arabic and not _may_count(t, s, e):
        return None
    core = t[s:e]
    parsed = _parse(core)
    if parsed is None:
        core, parsed = _reread_core(t, e, core)
        if parsed is None:
            return None
        e = s + len(core)  # from here on e is the end of the number proper
    value, percent, approx, bare, year = parsed

    start, negative, prefix = s, False, None
    # Most numbers follow a character that cannot end a prefix: skip the lookups.
    if s and t[s - 1] in _PREFIX_TRIGGERS:
        read_prefix = _prefix_before(t[s - _PREFIX_REACH : s] if s > _PREFIX_REACH else t[:s], arabic, bare)
        if read_prefix is None:
            return None
        taken, negative, prefix = read_prefix
        start = s - taken

    unit: str | None = _plain_unit(t[e : e + 2])
    if unit is not None:
        # The common case (5.6%, 1262万人, 2024年 then punctuation or a plain word): a
        # one-character unit and nothing after it that can change the reading.
        end, suffix, magnitude_class = e + 1, None, False
    elif t[e : e + 1] in _SUFFIX_TRIGGERS:
        read_suffix = _read_suffix(t, core, arabic, e)
        if read_suffix is None:
            return None
        end, unit, suffix, magnitude_class = read_suffix
    elif arabic and _code_like(core):
        return None
    else:
        end, unit, suffix, magnitude_class = e, None, None, False

    if prefix is not None and prefix in numlex.RECENT_PREFIXES and unit in numlex.RECENT_UNITS:
        # 近5年 is "the last five years", not "nearly five years".
        start += len(prefix)
        prefix = None
    if not arabic and not _chinese_quantity(t, core, unit, prefix, bare, magnitude_class, start):
        return None
    if unit is None and arabic and not magnitude_class and t.startswith("强", end):
        return None  # 世界500强: a ranking name

    if percent is not None:
        unit = percent  # 百分之十二
    elif unit == "年":
        calendar = _calendar_year(t, year, approx or prefix is not None or suffix is not None, start, end)
        unit = numlex.YEAR_UNIT if calendar else "年"
    elif unit is None and prefix is None and 1900 <= year <= 2099 and _CJK.match(t, end) is not None:
        unit = numlex.YEAR_UNIT  # 2026广东高质量发展大会: a year written straight before a name

    if prefix is not None:
        qualifier = _PREFIX_QUALIFIERS[prefix]
    elif suffix is not None:
        qualifier = numlex.SUFFIX_QUALIFIERS[suffix]
    elif approx:
        qualifier = _MORE_THAN
    else:
        qualifier = numlex.AT_LEAST if magnitude_class else _EXACT
    # Positional (_make) costs about half of keywords, and one is made for every number read.
    fact = FactSpan._make((t[start:end], -value if negative else value, unit, qualifier, start, end))
    return e, fact


@lru_cache(maxsize=4096)
def _plain_unit(pair: str) -> str | None:
    """The unit (as reported) of a one-character unit that opens ``pair``, the two characters
    after a number, when the second cannot change the reading (see _ONE_CHAR_UNITS); else None.

    One slice and one cached lookup per number, in place of two slices and three lookups:
    the pairs that follow numbers (万人，, 年以, %的) are few."""
    after = pair[:1]
    stops = _ONE_CHAR_UNITS.get(after)
    if stops is None or pair[1:] in stops:
        return None
    return _UNIT_ALIASES.get(after, after)


def _may_count(t: str, s: int, e: int) -> bool:
    """Cheap first test: a Chinese numeral needs a unit, 级 or 分之 next to it."""
    if e < len(t) and t[e] in _UNIT_FIRST_CHARS:
        return True
    if e - s > 1 and t[e - 1] in "点余多":
        return True  # 十点建议: the run took the 点 that is really the unit
    return FRACTION_INFIX in t[s:e]


def _reread_core(t: str, e: int, core: str) -> tuple[str, _Parsed | None]:
    """A run ``core`` (ending at ``e``) that is no numeral may hold one without its last word."""
    parsed = None
    if core[-1] in _UNIT_LEADING_NUMERALS and _unit_at(t, e - 1) is not None:
        core = core[:-1]  # 120万千瓦: 千 starts the unit 千瓦
        parsed = _parse(core) if core else None
    if parsed is None:
        # 十点建议, 5点多: 点/余/多 that end a run belong to the next word.
        core = core.rstrip("点余多")
        parsed = _parse(core) if core else None
    return core, parsed


def _unit_at(t: str, pos: int) -> str | None:
    """The longest unit written at ``pos``, as written."""
    for unit in _UNITS_BY_FIRST.get(t[pos : pos + 1], ()):
        if t.startswith(unit, pos):
            return unit
    return None


@lru_cache(maxsize=4096)
def _prefix_before(before: str, arabic: bool, bare: bool) -> tuple[int, bool, str | None] | None:
    """_read_prefix for a number that follows ``before``, the last _PREFIX_REACH characters
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
    return t[p - 1] == "负" and arabic  # 负5%; 负 before a word (负责, 胜负) is not a sign


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
            if t.endswith(word, 0, p) and not t.endswith(_MAGNITUDE_PREFIX_BLOCKERS, 0, p):
                return word
    return None


# What _read_suffix found: (end, unit, qualifier word, magnitude class 级).
_Suffix = tuple[int, str | None, str | None, bool]


def _read_suffix(t: str, core: str, arabic: bool, pos: int) -> _Suffix | None:
    """Unit, magnitude class 级, then qualifier word after the number ending at ``pos``.

    None when it is a date, code or name."""
    after = t[pos]
    unit: str | None = None
    units = _UNITS_BY_FIRST.get(after)
    if units is not None:
        if after == "个" and pos + 1 < len(t) and t[pos + 1] in "多余":
            # 3个多月: the 多 sits between 个 and the unit of time.
            for time_unit in _TIME_AFTER_GE:
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
        after == "级" and core[-1] in _MAGNITUDE_CHARS and (unit is None or unit in _COUNTED_UNITS)
    )
    if magnitude_class:
        pos += 1  # 百亿级, 亿元级: a size class, not a count of 级
    if unit is None:
        if arabic and t.startswith(numlex.ARABIC_STOP_SUFFIXES, pos):
            return None
        if pos < len(t) and t[pos] in numlex.RANGE_SEPARATORS:
            nxt = _CORE.match(t, pos + 1)
            if nxt is not None and t.startswith(numlex.ARABIC_STOP_SUFFIXES, nxt.end()):
                return None  # 1-9月: a span of dates
            unit = _range_unit(t, pos + 1)
        if unit is None and arabic and _code_like(core):
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


def _code_like(core: str) -> bool:
    """Phone numbers, IDs and codes: a leading zero (020) or seven or more bare digits."""
    return (len(core) > 1 and core[0] in "0０" and core[1] in _ARABIC_DIGITS) or (
        len(core) >= 7 and _ARABIC_DIGITS.issuperset(core)
    )


def _range_unit(t: str, pos: int) -> str | None:
    nxt = _CORE.match(t, pos)
    if nxt is None or nxt.end() - pos > MAX_CORE_CHARS:
        return None
    unit = _unit_at(t, nxt.end())
    if unit is None or _unit_blocked(t, unit, nxt.end() + len(unit)):
        return None
    return _UNIT_ALIASES.get(unit, unit)


def _suffix_word(t: str, pos: int, unit: str | None) -> str | None:
    for word in _SUFFIXES_BY_FIRST.get(t[pos : pos + 1], ()):
        if not t.startswith(word, pos):
            continue
        if word in "多余" and unit is None:
            continue  # 5多: 多 after a bare number already sits in the core when it counts
        after = t[pos + len(word)] if pos + len(word) < len(t) else ""
        if after and after in numlex.SUFFIX_GUARDS.get(word, ""):
            continue
        return word
    return None


def _chinese_quantity(
    t: str, core: str, unit: str | None, prefix: str | None, bare: bool, magnitude_class: bool, start: int
) -> bool:
    if FRACTION_INFIX in core:
        return True
    if ZEROS.issuperset(core):
        return False
    if len(core) >= 3 and _DIGIT_CHARS.issuperset(core):
        return len(core) == 4 and unit == "年"  # 二〇二六年; other digit strings are codes
    if magnitude_class:
        return True
    if unit is None:
        return False
    if core in ("一", "壹"):
        return unit in _MEASURES
    if bare and core not in ("十", "拾") and unit == "年":
        return prefix is not None or _duration_cue_before(t, start)
    return True


def _calendar_year(t: str, year: int, qualified: bool, start: int, end: int) -> bool:
    """N年 (``year`` from _year_of) as a calendar year rather than a length of time;
    ``qualified`` when the number has a qualifier word or 余/多."""
    if year == _CN_YEAR:
        return True
    if not 1000 <= year <= 2999 or qualified:
        return False
    if _duration_cue_before(t, start):
        return False
    if t.startswith(numlex.YEAR_AFTER_GUARDS, end):
        return True
    return not t.startswith(numlex.DURATION_AFTER, end)


def _duration_cue_before(t: str, p: int) -> bool:
    if p >= 2 and t[p - 2] in numlex.FOUNDING_VERBS:
        return True  # 建城, 建镇, 建校: founded N years ago
    return p >= 1 and t[p - 1] in _DURATION_CUE_LAST_CHARS and t.endswith(numlex.DURATION_CUES, 0, p)


__all__ = ["FactSpan", "find_facts"]
