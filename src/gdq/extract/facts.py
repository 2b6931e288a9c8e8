"""Numeric facts in a sentence: ``find_facts(text) -> list[FactSpan]``.

A fact is a quantity as written (``超3.2万亿元``), with its exact value, the counted unit and a
qualifier. Rules, so a reader knows what to expect:

* Magnitude goes into the value, never the unit: ``3.2万亿元`` is 3200000000000 元, and
  ``3万元/亩`` is 30000 元/亩 (a compound unit keeps both halves, ``／`` written ``/``).
* Percentages keep the number as written: ``12%`` and ``百分之十二`` are 12 with unit ``%``;
  ``个百分点`` is unit ``百分点``; ``三分之一`` is 0.333… with no unit.
* Qualifiers (lexicon/data/number_*_qualifiers.tsv): ``约/约为/大约/左右/上下/前后/近`` about,
  ``将近/接近/不到/不足`` less_than, ``逾/超/超过/突破/多/余/十几`` more_than, ``至少/不少于/以上``
  at_least, ``最多/至多/以内/以下/不超过`` at_most. A verb may stand between the word and its
  number (``约为``, ``将近有14亿元``, ``超过了``), and an adverb (``至少``, ``最多``, ``大约``) may
  qualify a number a short verb phrase later (``至少新增了1.4万个``). When a word before and a
  word after the number disagree, the one nearest the number wins (the word before on a tie);
  ``上百``/``过万`` are how a round amount is said, so a word before them decides
  (``至少上百家`` is at_least 100), and ``余``/``多`` yield to any qualifier word.
* A range is one fact with qualifier ``range``, ``value`` the low end and ``value_max`` the high
  end, the unit from either end: ``10至15年``, ``3-5年``, ``30%至50%``, ``2200点至2300点``,
  ``1.5亿至1.8亿元``; a first number with no magnitude takes the second's (``3至5万元`` is
  30000 to 50000); two neighbouring digits said together are a range too (``四五万元``,
  ``三四十人``, ``一两个``). A qualifier word around a range is dropped (``20%到40%左右``).
  Two years (``2025-2027年``) stay two facts; two numbers with no unit (``25-1``, ``8+5``) are
  a score, a code or a name, no fact.
* ``十几`` is more_than 10 (``十几万元`` more_than 100000). ``一半`` and ``半`` are 0.5, only
  with a qualifier (``一半以上``, ``半年多``, ``超过半年``): ``上半年`` and ``一半的`` are none.
* Years: ``2035年``, ``二〇二六年`` and a year used as a name prefix (``2026广东…大会``) have
  unit ``年份`` (a calendar year). Any other ``N年`` is a duration with unit ``年``: ``连续5年``,
  ``1000多年前``, and a four-digit number after a duration cue (``建城2240年``, ``历时1800年``)
  or before one (``2000年之久``). ``3个月`` is unit ``月``; ``30天``, ``2小时`` likewise.
* Calendar windows say when, not how much, and are no facts: ``前2个月`` (after a time word or
  at a clause start; ``入驻前3年`` is a length), ``过去两年``, ``未来的两个月``, ``近5年``. After
  ``已``, ``历时``, ``用了`` … ``近`` means nearly: ``已近两个月`` is about 2 月.
* Dates are not facts: ``6月``, ``25日``, ``3号``, ``2025-06-25``, ``9:30``, ``9时30分``, weekdays
  (``周一``) and lunar dates (``初八``); nor are lists of them (``1、2月份``). Ordinals
  (``第一``, ``第3届``), grades (``二度烫伤``), ``两位数``, decades (``90年代``), denominators
  (``每百户``), programme names (``百城``) and vague numbers (``数千``, ``几十``) are not facts either.
* A magnitude class such as ``百亿级`` or ``亿元级`` is a fact with the magnitude as value
  (10000000000), qualifier ``at_least`` and the currency if written (``亿元级`` -> 元) else no
  unit. ``不少于10个百亿级`` gives two facts: 10 个 (at_least) and 百亿级.
* Units are money (all common currencies; one written before the number counts its 元:
  ``新台币430亿元`` is 新台币元), measures, counters (lexicon/data/number_classifiers.txt: 个,
  名, 发, 把, 口, 头, 部门, 方面, 城 …) and, after Arabic digits, sports statistics (``24分``,
  ``11篮板``, ``5投4中``; ``近2个盖帽`` counts 盖帽). The numbers of a list take the unit written
  at its end (``21.3、20.4个百分点``); ``6000点`` (above any clock hour) is a point of an index.
* A Chinese numeral is a fact only with a unit after it, so words such as 一流, 统一, 十分,
  万一, 两业, 三资 are skipped; one with 万 or 亿 and a digit needs none (``两千亿``). A lone
  ``一`` counts only before a measure (``一公里``) or with a qualifier (``一个多小时``), since
  ``一个``/``一项`` is usually an article; a lone ``零`` counts only before a measure (``零元``;
  not 零售, 零部件). A string of three or more digits (``一七二零元``) counts before a measure
  or, four digits, as a year (``二〇二六年``); two (``一一``) never. A bare ``百年``/``千年``
  needs a qualifier or duration cue (``历史超千年``), as ``千年商都`` is an epithet. Arabic
  numbers count with or without a unit.
* Signs: ``-``, ``负`` and ``零下`` make the value negative (``负5%``, ``负一七二零元``,
  ``零下五度``). ``负`` is no sign in a word (``背负``, ``正负``, ``身负``:
  lexicon/data/number_sign_guards.txt), after a digit (``5胜3负``) or before a counter, since no
  count is negative (``负两场`` is two games lost; floors may be: ``负二层``).
* Money written out whole is one fact in 元: ``壹拾壹元壹角壹分`` is 11.11, ``三块五毛`` 3.5;
  ``圆`` is 元 after formal numerals or before 整 (``壹佰壹拾壹圆整`` is 111), and no money
  elsewhere (``一圆奥运梦``).
* Set phrases (lexicon/data/number_idioms.txt), numbers inside a short quotation (“百千万工程”, “十五五”) or a
  title (《中国制造2025》), numbers joined to Latin letters (5G, C919, PM2.5), ranking names
  (世界500强) and scientific notation are not facts.
* Bare Arabic codes are skipped: a leading zero (``020``) or seven or more digits with no
  unit (phone numbers, IDs); so are date spans such as ``1-9月`` and ``3·15``.

``find_facts`` runs in linear time on any input (numbers longer than MAX_CORE_CHARS are
skipped, not parsed) and never raises.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from gdq.extract.alternation import alternation
from gdq.extract.fact_context import (
    ADVERB_REACH,
    ARABIC_DIGITS,
    MAGNITUDE_CHARS,
    PREFIX_QUALIFIERS,
    PREFIX_REACH,
    PREFIX_TRIGGERS,
    SUFFIX_TRIGGERS,
    UNIT_FIRST_CHARS,
    UNIT_LEADING_NUMERALS,
    adverb_before,
    code_like,
    plain_unit,
    prefix_before,
    read_suffix,
    unit_at,
)
from gdq.extract.fact_scan import CORE, MAX_CORE_CHARS, by_char, name_spans
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
_BIG = frozenset(numlex.BIG_UNITS)
_HUNDREDS = frozenset(c for c, v in numlex.SMALL_UNITS.items() if v in (100, 1000))
_CLASSIFIERS = frozenset(numlex.CLASSIFIERS)
_UNSIGNED_COUNTERS = _CLASSIFIERS - numlex.SIGNED_COUNTERS
_COUNT_DIGITS = frozenset(c for c, v in {**numlex.DIGITS, **numlex.COUNTING_DIGITS}.items() if v)
# After a numeral these call for a reading the parser does not do: 十几, 一半.
_SPECIAL_TAILS = frozenset((numlex.SEVERAL, numlex.HALF))
_OTHER_TAILS = _SPECIAL_TAILS | numlex.RANGE_SEPARATORS
_RANGE_SEPARATORS = numlex.RANGE_SEPARATORS
_CALENDAR_YEAR = numlex.YEAR_UNIT
_RECENT_UNITS = numlex.RECENT_UNITS
_RECENT_PREFIXES = numlex.RECENT_PREFIXES
_ADVERB_ANY = re.compile(alternation(numlex.ADVERB_QUALIFIERS))
_OF = numlex.OF
_GENERAL_CLASSIFIER = numlex.APPROX_CLASSIFIER  # 个: after 一 an article even when qualified
# The last characters of the words that can make a span of time a window (前, 过去, 的).
_WINDOW_ENDS = frozenset(w[-1] for w in (*numlex.WINDOW_PREFIXES, _OF))
_YUAN = numlex.YUAN


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
    adverbs: bool | None = None  # whether an adverb qualifier (至少, 最多) is in the sentence
    # One search per number, as finditer would do, but with no iterator to set up: most
    # sentences have no number, and the first search is all they cost.
    while (match := CORE.search(text, end)) is not None:
        start, end = match.span()
        if adverbs is None:
            adverbs = _ADVERB_ANY.search(text) is not None
        found = _single(text, start, end, adverbs)
        if found is None:
            continue
        core_end, fact = found
        if fact.end < len(text) and text[fact.end] in _RANGE_SEPARATORS:
            ranged = _with_range(text, fact, core_end)
            if ranged is None:
                continue
            fact = ranged
        if names is None:
            names = name_spans(text)
        starts, ends = names
        if starts:
            i = bisect_right(starts, core_end - 1) - 1
            if i >= 0 and ends[i] > start:
                continue  # the number is part of a name
        facts.append(fact)
        if fact.end > end:
            end = fact.end  # a range holds its second number: never read it again
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


def _with_range(t: str, fact: FactSpan, core_end: int) -> FactSpan | None:
    """``fact``, which a range separator follows, as one fact with the number after it (3至5年,
    1.5亿至1.8亿元); or unchanged; or None when the two are a score or a code (25-1)."""
    if fact.unit == _CALENDAR_YEAR:
        return fact  # 2025-2027年: two years
    joined = _range(t, fact, fact.end == core_end)
    if joined is not None:
        return joined
    if fact.unit is None and _bare_pair(t, fact.end):
        return None
    return fact


def _range(t: str, low: FactSpan, borrowed: bool) -> FactSpan | None:
    """One fact for ``low``, a separator and a second number: 10至15年, 30%至50%, 3至5万元.

    The unit is the second number's (the first's, when written, must be the same); a first
    number with no magnitude of its own takes the second's (3至5万元 is 30000 to 50000)."""
    nxt = CORE.match(t, low.end + 1)
    if nxt is None:
        return None
    found = _single(t, nxt.start(), nxt.end(), False)
    if found is None:
        return None
    high = found[1]
    unit = high.unit
    if unit is None or unit == numlex.YEAR_UNIT or not (low.unit in (None, unit) or borrowed):
        return None  # 3-1 (a score), 2025-2027年 (two years), 5个-10元
    low_value = low.value
    core = t[nxt.start() : found[0]]
    magnitude = _trailing_magnitude(core)
    written_magnitude = MAGNITUDE_CHARS.intersection(t[low.start : low.end])
    if magnitude > 1 and not written_magnitude and low_value * magnitude <= high.value:
        low_value *= magnitude
    if not low_value < high.value:
        return None
    raw = t[low.start : high.end]
    return FactSpan._make((raw, low_value, unit, numlex.RANGE, low.start, high.end, high.value))


def _bare_pair(t: str, sep: int) -> bool:
    """A dash at ``sep`` then a number with no unit: the two are a score or a code."""
    nxt = CORE.match(t, sep + 1)
    if nxt is None or t[sep] not in numlex.MINUS_SIGNS or t[nxt.start()] not in ARABIC_DIGITS:
        return False
    found = _single(t, nxt.start(), nxt.end(), False)
    return found is None or found[1].unit is None


def _trailing_magnitude(core: str) -> int:
    """The value of the magnitude characters ending ``core``: 5万 -> 10000, 1.8亿 -> 10**8."""
    i = len(core)
    while i > 0 and core[i - 1] in MAGNITUDE_CHARS:
        i -= 1
    if i == len(core) or i == 0:
        return 1
    parsed = _parse(core[i:])
    return int(parsed[0]) if parsed is not None else 1


def _single(t: str, s: int, e: int, adverbs: bool) -> tuple[int, FactSpan] | None:
    """One number at t[s:e] with its sign, qualifier words and unit.

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
    if arabic and core[-1] in UNIT_LEADING_NUMERALS and core[-2:-1] in ARABIC_DIGITS and unit_at(t, e - 1):
        # 700千瓦时: the 千 opens the unit (the reading 700千 + 瓦 would leave 时 behind).
        e -= 1
        core = core[:-1]
        parsed = _parse(core)
    value_max = None
    half = False
    if parsed is None or t[e : e + 1] in _SPECIAL_TAILS:
        special = _special_core(t, s, e, core, parsed)
        if special is not None:
            e, parsed, value_max, half = special
            core = t[s:e]
        elif parsed is None:
            core, parsed = _reread_core(t, e, core)
            if parsed is None:
                return None
            e = s + len(core)  # from here on e is the end of the number proper
    value, percent, approx, bare, year = parsed

    start, negative, prefix, prefix_gap, currency = s, False, None, 0, None
    # Most numbers follow a character that cannot end a prefix: skip the lookups.
    if s and t[s - 1] in PREFIX_TRIGGERS:
        read_prefix = prefix_before(t[s - PREFIX_REACH : s] if s > PREFIX_REACH else t[:s], arabic, bare)
        if read_prefix is None:
            return None
        taken, negative, prefix, prefix_gap, currency = read_prefix
        start = s - taken

    unit: str | None = plain_unit(t[e : e + 2])
    if unit is not None:
        # The common case (5.6%, 1262万人, 2024年 then punctuation or a plain word): a
        # one-character unit and nothing after it that can change the reading.
        end, suffix, magnitude_class = e + 1, None, False
        if unit in _YUAN_WORDS and t[end : end + 1] in _CENT_FIRST:
            amount = _amount(t, s, e, core)  # 壹拾壹元壹角壹分, 三块五毛
            if amount is not None:
                end, value, unit = amount
    elif t[e : e + 1] in SUFFIX_TRIGGERS:
        after = read_suffix(t, core, arabic, e)
        if after is None:
            return None
        end, unit, suffix, magnitude_class = after
    elif arabic and code_like(core):
        return None
    else:
        end, unit, suffix, magnitude_class = e, None, None, False
        if arabic and t[e : e + 1] in _SHOT_CHARS:
            unit, end = _shots(t, s, e)
    if unit is None and t[e : e + 1] in _AMOUNT_ONLY_YUAN:
        amount = _amount(t, s, e, core)  # 壹佰壹拾壹圆, 三块五毛
        if amount is not None:
            end, value, unit = amount
    if unit is not None and unit in _SPECIAL_UNITS:
        checked = _special_unit(t, s, e, end, unit, arabic, core, negative)
        if checked is None:
            return None
        unit, end = checked
    if adverbs and prefix is None and s:
        adverb = adverb_before(t[max(0, s - ADVERB_REACH) : s])
        if adverb is not None:
            prefix, prefix_gap = adverb
            start = s - prefix_gap - len(prefix)

    if negative and unit in _UNSIGNED_COUNTERS:
        negative = False  # 负两场: 负 is "lost", as no count of things is below zero
        if prefix is None:
            start = s
    if unit in _RECENT_UNITS:
        if prefix is not None and prefix in _RECENT_PREFIXES:
            if not t.endswith(numlex.RECENT_MEASURED, 0, start):
                return None  # 近5年 is "the last five years": a window, not an amount
        elif start and t[start - 1] in _WINDOW_ENDS and _window_before(t, start):
            return None  # 前2个月, 过去两年
    qualified = prefix is not None or suffix is not None or approx
    if value_max is not None and unit is None:
        return None  # 三四, 七八: two digits with no unit are no amount
    if half and not qualified:
        return None  # 一半, 半年: only 一半以上, 超过半年, 半年多 state an amount
    if (
        value_max is None
        and not (half or arabic)
        and not (qualified and core in _ONES and unit != _GENERAL_CLASSIFIER)  # 一个多小时, 超过一年
        and not _chinese_quantity(t, core, unit, prefix, bare, magnitude_class, start)
    ):
        return None
    if unit is None and arabic and not magnitude_class:
        if t.startswith(numlex.RANKING, end):
            return None  # 世界500强: a ranking name
        if start == s and s >= 2 and t[s - 1] in numlex.MINUS_SIGNS and t[s - 2] in ARABIC_DIGITS:
            return None  # the 1 of 25-1: a score or a code
    if bare and core in _HUNDREDS and unit in _CLASSIFIERS and not (prefix or suffix):
        return None  # 百城, 千企: a bare 百 or 千 before a counted thing names a programme

    if percent is not None:
        unit = percent  # 百分之十二
    elif unit == _YEAR:
        calendar = _calendar_year(t, year, approx or prefix is not None or suffix is not None, start, end)
        unit = numlex.YEAR_UNIT if calendar else _YEAR
    elif unit is None and prefix is None and 1900 <= year <= 2099 and _CJK.match(t, end) is not None:
        unit = numlex.YEAR_UNIT  # 2026广东高质量发展大会: a year written straight before a name
    if currency is not None:
        unit = _currency_unit(currency, unit)

    if value_max is not None:
        qualifier = numlex.RANGE
    elif prefix is not None and (suffix is None or prefix_gap <= end - len(suffix) - e):
        qualifier = PREFIX_QUALIFIERS[prefix]
    elif suffix is not None:
        qualifier = numlex.SUFFIX_QUALIFIERS[suffix]
    elif approx:
        qualifier = _MORE_THAN
    else:
        qualifier = numlex.AT_LEAST if magnitude_class else _EXACT
    # Positional (_make) costs about half of keywords, and one is made for every number read.
    if negative:
        value = -value
    return e, FactSpan._make((t[start:end], value, unit, qualifier, start, end, value_max))


def _may_count(t: str, s: int, e: int) -> bool:
    """Cheap first test: a Chinese numeral needs a unit, 级 or 分之 next to it (or a big
    magnitude: 两千亿, and the special tails: 十几, 一半, 至 of a range)."""
    if e < len(t) and (t[e] in UNIT_FIRST_CHARS or t[e] in _AMOUNT_ONLY_YUAN):
        return True
    if e - s > 1 and t[e - 1] in _RUN_TAIL_CHARS:
        return True  # 十点建议: the run took the 点 that is really the unit
    if e < len(t) and t[e] in _OTHER_TAILS:
        return True
    return _FRACTION in t[s:e] or _big_numeral(t[s:e])


def _big_numeral(core: str) -> bool:
    """两千亿, 一千万: a digit and 万 or 亿 state an amount with no unit written (千万, 万一,
    亿万 have no digit and are words)."""
    return not _BIG.isdisjoint(core) and not _COUNT_DIGITS.isdisjoint(core)


_Special = tuple[int, _Parsed, int | float | None, bool]  # end, parsed, value_max, half


def _special_core(t: str, s: int, e: int, core: str, parsed: _Parsed | None) -> _Special | None:
    """Numbers the numeral parser does not read: 十几万 (more than 100000), 四五万 and 三四十
    (ranges of two neighbouring digits), 一半 and 半 (one half, counted only when qualified)."""
    tail = t[e : e + 1]
    if tail == numlex.SEVERAL and parsed is not None and core[-1] in _TENS:
        j = e + 1
        while j < len(t) and t[j] in numlex.BIG_UNITS:
            j += 1
        magnitude = _parse(t[e + 1 : j]) if j > e + 1 else None
        scale = magnitude[0] if magnitude is not None else 1
        return j, (parsed[0] * scale, None, True, False, 0), None, False
    if tail == numlex.HALF and core in _ONES:
        return e + 1, (0.5, None, False, False, 0), None, True  # 一半
    if core == numlex.HALF:
        return e, (0.5, None, False, False, 0), None, True
    if parsed is None:
        pair = _neighbour_digits(core)
        if pair is not None:
            low, high = pair
            return e, (low, None, False, False, 0), high, False
    return None


_PAIR = re.compile(
    f"((?:[{''.join(numlex.DIGITS)}{''.join(numlex.COUNTING_DIGITS)}]?十)?)"
    f"([{''.join(numlex.DIGITS)}{''.join(numlex.COUNTING_DIGITS)}])"
    f"([{''.join(numlex.DIGITS)}{''.join(numlex.COUNTING_DIGITS)}])"
    f"([{''.join(numlex.SMALL_UNITS)}{''.join(numlex.BIG_UNITS)}]*)"
)


def _neighbour_digits(core: str) -> tuple[int | float, int | float] | None:
    """四五万 = 40000 to 50000, 三四十 = 30 to 40, 一两 = 1 to 2, 十七八 = 17 to 18: two digits
    one apart said together are a range (三五 and 七八糟 are not)."""
    match = _PAIR.fullmatch(core)
    if match is None:
        return None
    tens, first, second, rest = match.groups()
    if tens and rest[:1] in numlex.SMALL_UNITS:
        return None
    digit = {**numlex.DIGITS, **numlex.COUNTING_DIGITS}
    if digit[second] != digit[first] + 1 or digit[first] == 0:
        return None
    low, high = _parse(tens + first + rest), _parse(tens + second + rest)
    if low is None or high is None:
        return None
    return low[0], high[0]


# Money written out whole, with its 元 word (lexicon/data/numeral_money.tsv) and what follows
# it inside the amount: 壹拾壹元壹角壹分 is 11.11 元, 三块五毛 3.5 元, 壹佰壹拾壹圆整 111 元.
_YUAN_WORDS = frozenset(w for w, v in numlex.MONEY_WORDS.items() if v == 1)
# 元 words that are no unit of their own, money only in a written-out amount: 圆 is a circle
# or "to fulfil" (一圆冠军梦), 块 a piece (三块地) unless 五毛 follows.
_AMOUNT_ONLY_YUAN = _YUAN_WORDS - _MEASURES - _CLASSIFIERS
_CENT_FIRST = frozenset("0123456789") | frozenset(numlex.DIGITS) | frozenset(numlex.COUNTING_DIGITS)
_CENT_DIGIT = f"[{''.join(sorted(_CENT_FIRST))}]"
_JIAO = "".join(w for w, v in numlex.MONEY_WORDS.items() if v == Fraction(1, 10))
_FEN = "".join(w for w, v in numlex.MONEY_WORDS.items() if v == Fraction(1, 100))
# 分 before 钟, 之, 别 ... is another word (一元一分钟 is a price per minute).
_FEN_BLOCKERS = "".join(numlex.UNIT_BLOCKERS.get(w, "") for w in _FEN)
_FEN_END = f"[{_FEN}](?![{re.escape(_FEN_BLOCKERS)}])"
# A digit and 角 (then a digit and 分), or 分 alone (壹元零伍分), as the numeral parser reads them.
_CENTS = re.compile(
    f"{_CENT_DIGIT}[{_JIAO}](?:{_CENT_DIGIT}{_FEN_END})?|[{''.join(numlex.ZEROS)}]?{_CENT_DIGIT}{_FEN_END}"
)
_MONEY_CLOSERS = numlex.MONEY_CLOSERS


def _amount(t: str, s: int, e: int, core: str) -> tuple[int, int | float, str | None] | None:
    """A money amount written whole, its 元 word at ``e``: (end, value, unit) or None.

    角 and 分 after the 元 word belong to the amount (壹拾壹元壹角壹分 = 11.11 元, 三块五毛 =
    3.5 元); 圆 is money after formal (大写) numerals or before 整/正 (壹佰壹拾壹圆, 贰圆整)."""
    cents = _CENTS.match(t, e + 1)
    if cents is not None:
        parsed = _parse(t[s : cents.end()])
        if parsed is not None and parsed[1] is not None:
            return cents.end(), parsed[0], parsed[1]
    if t[e] not in UNIT_FIRST_CHARS and (  # 圆; 块 (which opens 块钱) needs cents
        t.startswith(_MONEY_CLOSERS, e + 1) or not numlex.FORMAL_NUMERAL_CHARS.isdisjoint(core)
    ):
        parsed = _parse(t[s : e + 1])
        if parsed is not None and parsed[1] is not None:
            return e + 1, parsed[0], parsed[1]
    return None


def _shots(t: str, s: int, e: int) -> tuple[str | None, int]:
    """5投4中: attempts (unit 投) and makes (unit 中) of a sports statistic."""
    if _SHOTS_PAIR.match(t, e):
        return numlex.SHOTS_TAKEN, e + 1
    if t[e] == numlex.SHOTS_MADE and _SHOTS_BEFORE.search(t, max(0, s - MAX_CORE_CHARS), s):
        return numlex.SHOTS_MADE, e + 1
    return None, e


_SHOT_CHARS = frozenset((numlex.SHOTS_TAKEN, numlex.SHOTS_MADE))
_SHOTS_PAIR = re.compile(f"{numlex.SHOTS_TAKEN}[{''.join(ARABIC_DIGITS)}]+{numlex.SHOTS_MADE}")
_SHOTS_BEFORE = re.compile(f"[{''.join(ARABIC_DIGITS)}]{numlex.SHOTS_TAKEN}$")
_STAT_UNITS = frozenset(numlex.STAT_UNITS)
_SPECIAL_UNITS = _STAT_UNITS | numlex.GRADE_UNITS | {numlex.APPROX_CLASSIFIER}


def _special_unit(
    t: str, s: int, e: int, end: int, unit: str, arabic: bool, core: str, negative: bool
) -> tuple[str | None, int] | None:
    """Units with a condition: statistics only after Arabic digits and not in a clock time
    (9时30分); 个 followed by a statistic counts it (近2个盖帽); a grade (二度烫伤) is no
    amount, but no grade is negative (零下五度)."""
    if unit == numlex.APPROX_CLASSIFIER:
        for stat in _STATS_BY_FIRST.get(t[end : end + 1], ()):
            if t.startswith(stat, end):
                return stat, end + len(stat)
        return unit, end
    if unit in numlex.GRADE_UNITS:
        return None if not arabic and len(core) == 1 and not negative else (unit, end)
    if not arabic:
        return None, e
    not_after = numlex.UNIT_NOT_AFTER.get(unit)
    if not_after and s and t[s - 1] in not_after:
        return None
    return unit, end


_STATS_BY_FIRST = by_char(sorted(numlex.STAT_UNITS, key=len, reverse=True))


def _window_before(t: str, p: int) -> bool:
    """前2个月, 过去两年, 未来的两个月: a window word (then perhaps 的) before ``p``."""
    if p >= 1 and t[p - 1] == _OF:
        p -= 1
    if not t.endswith(numlex.WINDOW_PREFIXES, 0, p):
        return False
    for word in numlex.WINDOW_PREFIXES:
        if t.endswith(word, 0, p):
            at = p - len(word)
            needs = numlex.WINDOW_NEEDS.get(word)
            return needs is None or at < 1 or t[at - 1] in needs or _CJK.match(t[at - 1]) is None
    return False


def _currency_unit(currency: str, unit: str | None) -> str | None:
    """The unit of a number after a currency: 新台币430亿元 is 新台币元, 人民币5000元 元."""
    name = numlex.UNIT_ALIASES.get(currency, currency)
    if unit is None:
        return name
    if unit == numlex.UNIT_ALIASES.get(_YUAN, _YUAN) and name != _YUAN:
        return name + _YUAN
    return unit


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
        return len(core) == 1 and unit in _MEASURES  # 零元, 零度; not 零售, 零部件
    if len(core) >= 3 and _DIGIT_CHARS.issuperset(core):
        # 二〇二六年, 一七二零元; before anything else a digit string is a code or a name.
        return (len(core) == 4 and unit == _YEAR) or unit in _MEASURES
    if magnitude_class:
        return True
    if unit is None:
        return _big_numeral(core)
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
