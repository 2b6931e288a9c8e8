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
* Set phrases (lexicon/data/number_idioms.txt), numbers inside a short quotation (“百千万工程”, “十五五”) or a
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
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from gdq.extract.fact_context import (
    ARABIC_DIGITS,
    MAGNITUDE_CHARS,
    PREFIX_QUALIFIERS,
    PREFIX_REACH,
    PREFIX_TRIGGERS,
    SUFFIX_TRIGGERS,
    UNIT_FIRST_CHARS,
    UNIT_LEADING_NUMERALS,
    code_like,
    plain_unit,
    prefix_before,
    read_suffix,
    unit_at,
)
from gdq.extract.fact_scan import CORE, MAX_CORE_CHARS, name_spans
from gdq.extract.numerals import numeral_parts
from gdq.lexicon import numbers as numlex

_FRACTION = numlex.FRACTION_INFIX
_DIGIT_CHARS = frozenset(numlex.DIGITS)
# 一 and 十 as written alone, in everyday and financial forms.
_ONES = frozenset(c for c, v in numlex.DIGITS.items() if v == 1)
_TENS = frozenset(c for c, v in numlex.SMALL_UNITS.items() if v == 10)
# What may end a run of numerals and really start the next word: 十点建议, 5点多.
_RUN_TAILS = numlex.CN_POINT + "".join(sorted(numlex.APPROX_MARKERS))
_RUN_TAIL_CHARS = frozenset(_RUN_TAILS)
_MEASURES = frozenset(numlex.MEASURE_UNITS)
_YEAR = numlex.YEAR_WORD
_DURATION_CUE_LAST_CHARS = frozenset(w[-1] for w in numlex.DURATION_CUES)
_CJK = re.compile(r"[\u4e00-\u9fff]")
_EXACT = numlex.EXACT
_MORE_THAN = numlex.MORE_THAN


class FactSpan(NamedTuple):
    """One quantity in a sentence; ``raw == text[start:end]``. (A NamedTuple: one is made for
    every number read, and a frozen dataclass's __init__ cost about as much as the reading.)"""

    raw: str
    value: int | float
    unit: str | None
    qualifier: str
    start: int
    end: int
    value_max: int | float | None = None  # the high end of a range (qualifier "range")


def find_facts(text: str) -> list[FactSpan]:
    """Every numeric fact in ``text``, in order of position."""
    facts: list[FactSpan] = []
    names: tuple[list[int], list[int]] | None = None  # built on first need: most sentences never need it
    end = 0
    # One search per number, as finditer would do, but with no iterator to set up: most
    # sentences have no number, and the first search is all they cost.
    while (match := CORE.search(text, end)) is not None:
        start, end = match.span()
        found = _fact(text, start, end)
        if found is None:
            continue
        core_end, fact = found
        if names is None:
            names = name_spans(text)
        starts, ends = names
        if starts:
            i = bisect_right(starts, core_end - 1) - 1
            if i >= 0 and ends[i] > start:
                continue  # the number is part of a name
        facts.append(fact)
    return facts


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
    return value, unit, approx, MAGNITUDE_CHARS.issuperset(core), _year_of(core)


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
    arabic = t[s] in ARABIC_DIGITS  # written with Arabic digits (any unit optional)
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
    if s and t[s - 1] in PREFIX_TRIGGERS:
        read_prefix = prefix_before(t[s - PREFIX_REACH : s] if s > PREFIX_REACH else t[:s], arabic, bare)
        if read_prefix is None:
            return None
        taken, negative, prefix = read_prefix
        start = s - taken

    unit: str | None = plain_unit(t[e : e + 2])
    if unit is not None:
        # The common case (5.6%, 1262万人, 2024年 then punctuation or a plain word): a
        # one-character unit and nothing after it that can change the reading.
        end, suffix, magnitude_class = e + 1, None, False
    elif t[e : e + 1] in SUFFIX_TRIGGERS:
        after = read_suffix(t, core, arabic, e)
        if after is None:
            return None
        end, unit, suffix, magnitude_class = after
    elif arabic and code_like(core):
        return None
    else:
        end, unit, suffix, magnitude_class = e, None, None, False

    if prefix is not None and prefix in numlex.RECENT_PREFIXES and unit in numlex.RECENT_UNITS:
        # 近5年 is "the last five years", not "nearly five years".
        start += len(prefix)
        prefix = None
    if not arabic and not _chinese_quantity(t, core, unit, prefix, bare, magnitude_class, start):
        return None
    if unit is None and arabic and not magnitude_class and t.startswith(numlex.RANKING, end):
        return None  # 世界500强: a ranking name

    if percent is not None:
        unit = percent  # 百分之十二
    elif unit == _YEAR:
        calendar = _calendar_year(t, year, approx or prefix is not None or suffix is not None, start, end)
        unit = numlex.YEAR_UNIT if calendar else _YEAR
    elif unit is None and prefix is None and 1900 <= year <= 2099 and _CJK.match(t, end) is not None:
        unit = numlex.YEAR_UNIT  # 2026广东高质量发展大会: a year written straight before a name

    if prefix is not None:
        qualifier = PREFIX_QUALIFIERS[prefix]
    elif suffix is not None:
        qualifier = numlex.SUFFIX_QUALIFIERS[suffix]
    elif approx:
        qualifier = _MORE_THAN
    else:
        qualifier = numlex.AT_LEAST if magnitude_class else _EXACT
    # Positional (_make) costs about half of keywords, and one is made for every number read.
    fact = FactSpan._make((t[start:end], -value if negative else value, unit, qualifier, start, end, None))
    return e, fact


def _may_count(t: str, s: int, e: int) -> bool:
    """Cheap first test: a Chinese numeral needs a unit, 级 or 分之 next to it."""
    if e < len(t) and t[e] in UNIT_FIRST_CHARS:
        return True
    if e - s > 1 and t[e - 1] in _RUN_TAIL_CHARS:
        return True  # 十点建议: the run took the 点 that is really the unit
    return _FRACTION in t[s:e]


def _reread_core(t: str, e: int, core: str) -> tuple[str, _Parsed | None]:
    """A run ``core`` (ending at ``e``) that is no numeral may hold one without its last word."""
    parsed = None
    if core[-1] in UNIT_LEADING_NUMERALS and unit_at(t, e - 1) is not None:
        core = core[:-1]  # 120万千瓦: 千 starts the unit 千瓦
        parsed = _parse(core) if core else None
    if parsed is None:
        # 十点建议, 5点多: 点/余/多 that end a run belong to the next word.
        core = core.rstrip(_RUN_TAILS)
        parsed = _parse(core) if core else None
    return core, parsed


def _chinese_quantity(
    t: str, core: str, unit: str | None, prefix: str | None, bare: bool, magnitude_class: bool, start: int
) -> bool:
    if _FRACTION in core:
        return True
    if numlex.ZEROS.issuperset(core):
        return False
    if len(core) >= 3 and _DIGIT_CHARS.issuperset(core):
        return len(core) == 4 and unit == _YEAR  # 二〇二六年; other digit strings are codes
    if magnitude_class:
        return True
    if unit is None:
        return False
    if core in _ONES:
        return unit in _MEASURES
    if bare and core not in _TENS and unit == _YEAR:
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
