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
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from gdq import numlex
from gdq.numbers import (
    BIG_UNITS,
    CN_NUMERAL_CHARS,
    DIGITS,
    FRACTION_INFIX,
    SMALL_UNITS,
    ZEROS,
    Numeral,
    parse_numeral,
)

MAX_CORE_CHARS = 40  # longer runs of digits are codes or noise, and parsing them is costly

# Each alternative eats a whole run per step (possessive), so a long run of digits or numeral
# characters costs one pass in the regex engine and is never re-scanned.
# Full-width digits and marks are matched as they are: folding every sentence first would
# cost more than the whole search.
_D = "0-9０-９"
_AR = f"[{_D}]++(?:[,，][{_D}]{{3}}(?![{_D}]))*+(?:[.．][{_D}]++)?"
_CN = "[" + CN_NUMERAL_CHARS + "]"
_BODY = f"(?:{_AR}|{_CN}++)(?:{_AR}|[{CN_NUMERAL_CHARS}余多点]++)*+"
_CORE = re.compile(f"{_BODY}(?:{FRACTION_INFIX}{_BODY})?")
_DATE = re.compile(
    f"[{_D}]{{2,4}}[-/.－／．][{_D}]{{1,2}}[-/.－／．][{_D}]{{1,2}}"
    f"|[{_D}]{{1,2}}[:：][{_D}]{{2}}|[{_D}]+[/／][{_D}]+"
)
_ARABIC_DIGITS = frozenset("0123456789０１２３４５６７８９")
_MINUS = frozenset("-－−")
# Before a dash these make it a range or a hyphen: 3%-5%, 2024-2025, COVID-19.
_JOINERS = _ARABIC_DIGITS | frozenset(CN_NUMERAL_CHARS) | frozenset("%％‰_")


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    # Longest first, so 个月 wins over 个 and 平方公里 over 公里.
    ordered = sorted(set(words), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in ordered))


_UNIT = _alternation(numlex.MEASURE_UNITS + numlex.CLASSIFIERS + numlex.TIME_UNITS)
_LATIN_UNIT = re.compile(
    "(?:" + "|".join(sorted(numlex.LATIN_UNITS, key=len, reverse=True)) + ")(?![A-Za-z])"
)
_IDIOM = _alternation(numlex.IDIOMS)
_PREFIXES = sorted(numlex.PREFIX_QUALIFIERS, key=len, reverse=True)
_PREFIX_LAST_CHARS = frozenset(
    w[-1] for w in (*numlex.PREFIX_QUALIFIERS, *numlex.MAGNITUDE_PREFIX_QUALIFIERS)
)
_SUFFIXES = sorted(numlex.SUFFIX_QUALIFIERS, key=len, reverse=True)
_UNIT_LEADING_NUMERALS = frozenset(
    w[0] for w in numlex.MEASURE_UNITS + numlex.CLASSIFIERS + numlex.TIME_UNITS if w[0] in CN_NUMERAL_CHARS
)
_SUFFIX_FIRST_CHARS = frozenset(w[0] for w in numlex.SUFFIX_QUALIFIERS)
_MEASURES = frozenset(numlex.MEASURE_UNITS)
_TIME_AFTER_GE = ("月", "小时", "星期", "季度")
_MAGNITUDE_CHARS = frozenset(SMALL_UNITS) | frozenset(BIG_UNITS)
_DIGIT_CHARS = frozenset(DIGITS)
_CURRENCIES = frozenset(u for u in numlex.MEASURE_UNITS if u.endswith(("元", "币", "镑", "布")))
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Every character a unit, 级 or a trailing 点/余/多 can start with; anything else after a
# Chinese numeral means it is a word (一流, 十分), so most candidates stop at one set test.
_UNIT_FIRST_CHARS = frozenset(
    w[0] for w in numlex.MEASURE_UNITS + numlex.CLASSIFIERS + numlex.TIME_UNITS
) | frozenset("级点余多")


def _quoted(pairs: dict[str, str], limit: int) -> list[re.Pattern[str]]:
    return [
        re.compile(f"{re.escape(o)}[^{re.escape(o + c)}\n]{{0,{limit}}}{re.escape(c)}")
        for o, c in pairs.items()
    ]


_NAME_PATTERNS: list[re.Pattern[str]] = [
    _IDIOM,
    _DATE,
    *_quoted(numlex.QUOTE_PAIRS, numlex.SLOGAN_MAX_CHARS),
    *_quoted(numlex.TITLE_PAIRS, numlex.TITLE_MAX_CHARS),
]


@dataclass(frozen=True, slots=True)
class FactSpan:
    """One quantity in a sentence; ``raw == text[start:end]``."""

    raw: str
    value: int | float
    unit: str | None
    qualifier: str
    start: int
    end: int


def find_facts(text: str) -> list[FactSpan]:
    """Every numeric fact in ``text``, in order of position."""
    facts: list[FactSpan] = []
    names: _Spans | None = None  # built on first need: most sentences never need it
    for match in _CORE.finditer(text):
        candidate = _candidate(text, match.start(), match.end())
        if candidate is None:
            continue
        if names is None:
            names = _Spans(text)
        if names.overlaps(match.start(), match.start() + len(candidate.core)):
            continue
        candidate.unit = _unit_of(text, candidate)
        facts.append(_span(text, candidate))
    return facts


class _Spans:
    """Merged spans of text where numerals are names: idioms, short quotations, titles, dates."""

    def __init__(self, t: str) -> None:
        spans = sorted((m.start(), m.end()) for pattern in _NAME_PATTERNS for m in pattern.finditer(t))
        self.starts: list[int] = []
        self.ends: list[int] = []
        for start, end in spans:
            if self.ends and start < self.ends[-1]:
                self.ends[-1] = max(self.ends[-1], end)
            else:
                self.starts.append(start)
                self.ends.append(end)

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_right(self.starts, e - 1) - 1
        return i >= 0 and self.ends[i] > s


@lru_cache(maxsize=8192)
def _parse(core: str) -> Numeral | None:
    return parse_numeral(core)


@dataclass(slots=True)
class _Candidate:
    """Working state while one number's surroundings are read."""

    core: str
    numeral: Numeral
    start: int  # start of raw (qualifier or sign included)
    end: int  # end of raw so far
    negative: bool = False
    prefix: str | None = None
    suffix: str | None = None
    unit: str | None = None
    magnitude_class: bool = False
    arabic: bool = False  # written with Arabic digits (any unit optional)
    bare: bool = False  # magnitude words only: 千亿, 百, 万


def _candidate(t: str, s: int, e: int) -> _Candidate | None:
    """The number at t[s:e] read with its surroundings, or None if it states no quantity."""
    if e - s > MAX_CORE_CHARS:
        return None
    if not _may_count(t, s, e):
        return None
    core, numeral = _read_core(t, s, e)
    if numeral is None:
        return None
    c = _Candidate(core, numeral, s, s + len(core))
    c.arabic = core[0] in _ARABIC_DIGITS
    c.bare = all(ch in _MAGNITUDE_CHARS for ch in core)
    if not _read_prefix(t, c) or not _read_suffix(t, c):
        return None
    if c.prefix in numlex.RECENT_PREFIXES and c.unit in numlex.RECENT_UNITS:
        # 近5年 is "the last five years", not "nearly five years".
        c.start += len(c.prefix or "")
        c.prefix = None
    if not c.arabic and not _chinese_quantity(t, c):
        return None
    if c.unit is None and c.arabic and not c.magnitude_class and _is_rank(t, c.end):
        return None
    return c


def _may_count(t: str, s: int, e: int) -> bool:
    """Cheap first test: a Chinese numeral needs a unit, 级 or 分之 next to it."""
    if t[s] in _ARABIC_DIGITS:
        return True
    if e < len(t) and t[e] in _UNIT_FIRST_CHARS:
        return True
    if e - s > 1 and t[e - 1] in "点余多":
        return True  # 十点建议: the run took the 点 that is really the unit
    return FRACTION_INFIX in t[s:e]


def _read_core(t: str, s: int, e: int) -> tuple[str, Numeral | None]:
    core = t[s:e]
    if len(core) > MAX_CORE_CHARS:
        return core, None
    numeral = _parse(core)
    if numeral is None and core[-1] in _UNIT_LEADING_NUMERALS and _UNIT.match(t, e - 1):
        core = core[:-1]  # 120万千瓦: 千 starts the unit 千瓦
        numeral = _parse(core) if core else None
    if numeral is None:
        # 十点建议, 5点多: 点/余/多 that end a run belong to the next word.
        core = core.rstrip("点余多")
        numeral = _parse(core) if core else None
    return core, numeral


def _read_prefix(t: str, c: _Candidate) -> bool:
    """Sign, then qualifier word. False when the prefix shows it is no quantity."""
    p = c.start
    if _has_sign(t, p, c.arabic):
        c.negative, p = True, p - 1
    before = t[p - 1] if p >= 1 else ""
    if before in numlex.VAGUE_PREFIXES or _latin(before):
        return False
    if before in _MINUS and p >= 2 and _latin(t[p - 2]):
        return False  # COVID-19
    if before and before in "./:．／：·•" and p >= 2 and t[p - 2].isdigit():
        return False
    if not c.arabic and t.endswith(numlex.DATE_PREFIXES, 0, p):
        return False
    word = _prefix_word(t, p, c.bare)
    if word is not None:
        c.prefix = word
        p -= len(word)
    c.start = p
    return True


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


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
    if p < 1 or t[p - 1] not in _PREFIX_LAST_CHARS:
        return None
    for word in _PREFIXES:
        if t.endswith(word, 0, p) and not _guarded(t, p - len(word), word):
            return word
    if bare:
        for word in numlex.MAGNITUDE_PREFIX_QUALIFIERS:
            if t.endswith(word, 0, p) and not t.endswith(("以上", "之上", "向上"), 0, p):
                return word
    return None


def _guarded(t: str, at: int, word: str) -> bool:
    guard = numlex.PREFIX_GUARDS.get(word, "")
    return at >= 1 and t[at - 1] in guard


def _read_suffix(t: str, c: _Candidate) -> bool:
    """Unit, magnitude class 级, then qualifier word. False when it is a date, code or name."""
    pos = c.end
    if pos < len(t) and t[pos].isascii() and t[pos].isalpha():
        latin = _LATIN_UNIT.match(t, pos) if c.arabic else None
        if latin is None:
            return not c.arabic  # 5G, 3D: a code; a Chinese numeral just has no unit
        c.unit, c.end = latin.group(), latin.end()
        return True
    if pos + 1 < len(t) and t[pos] in ".:/．：／·•" and t[pos + 1].isdigit():
        return False
    pos = _read_unit(t, c, pos)
    if c.unit is None and c.arabic and t.startswith(numlex.ARABIC_STOP_SUFFIXES, pos):
        return False
    if c.unit is None and pos < len(t) and t[pos] in numlex.RANGE_SEPARATORS:
        nxt = _CORE.match(t, pos + 1)
        if nxt is not None and t.startswith(numlex.ARABIC_STOP_SUFFIXES, nxt.end()):
            return False  # 1-9月: a span of dates
        c.unit = _range_unit(t, pos + 1)
    if c.unit is None and c.arabic and _code_like(c.core):
        return False
    c.end = _read_suffix_word(t, c, pos)
    return True


def _read_unit(t: str, c: _Candidate, pos: int) -> int:
    """Set ``c.unit`` (and 级) from the text at ``pos``; return the position after them."""
    if t.startswith("个", pos) and pos + 1 < len(t) and t[pos + 1] in "多余":
        # 3个多月: the 多 sits between 个 and the unit of time.
        for unit in _TIME_AFTER_GE:
            if t.startswith(unit, pos + 2):
                c.unit, c.suffix = unit, t[pos + 1]
                return pos + 2 + len(unit)
    match = _UNIT.match(t, pos)
    if match is not None and not _unit_blocked(t, match.group(), match.end()):
        c.unit = numlex.UNIT_ALIASES.get(match.group(), match.group())
        pos = match.end()
    counted = c.unit is None or c.unit in _CURRENCIES or c.unit in numlex.CLASSIFIERS
    if counted and c.core[-1] in _MAGNITUDE_CHARS and t.startswith("级", pos):
        c.magnitude_class = True  # 百亿级, 亿元级: a size class, not a count of 级
        return pos + 1
    return pos


def _unit_blocked(t: str, unit: str, end: int) -> bool:
    required = numlex.UNIT_REQUIRES.get(unit)
    if required is not None and not t.startswith(required, end):
        return True
    blockers = numlex.UNIT_BLOCKERS.get(unit)
    return blockers is not None and end < len(t) and t[end] in blockers


def _code_like(core: str) -> bool:
    """Phone numbers, IDs and codes: a leading zero (020) or seven or more bare digits."""
    return (len(core) > 1 and core[0] in "0０" and core[1] in _ARABIC_DIGITS) or (
        len(core) >= 7 and all(ch in _ARABIC_DIGITS for ch in core)
    )


def _range_unit(t: str, pos: int) -> str | None:
    nxt = _CORE.match(t, pos)
    if nxt is None or nxt.end() - pos > MAX_CORE_CHARS:
        return None
    unit = _UNIT.match(t, nxt.end())
    if unit is None or _unit_blocked(t, unit.group(), unit.end()):
        return None
    return numlex.UNIT_ALIASES.get(unit.group(), unit.group())


def _read_suffix_word(t: str, c: _Candidate, pos: int) -> int:
    if c.suffix is not None or c.magnitude_class:
        return pos
    if pos >= len(t) or t[pos] not in _SUFFIX_FIRST_CHARS:
        return pos
    for word in _SUFFIXES:
        if not t.startswith(word, pos):
            continue
        if word in "多余" and c.unit is None:
            continue  # 5多: 多 after a bare number already sits in the core when it counts
        after = t[pos + len(word)] if pos + len(word) < len(t) else ""
        if after and after in numlex.SUFFIX_GUARDS.get(word, ""):
            continue
        c.suffix = word
        return pos + len(word)
    return pos


def _chinese_quantity(t: str, c: _Candidate) -> bool:
    core = c.core
    if FRACTION_INFIX in core:
        return True
    if all(ch in ZEROS for ch in core):
        return False
    if all(ch in _DIGIT_CHARS for ch in core) and len(core) >= 3:
        return len(core) == 4 and c.unit == "年"  # 二〇二六年; other digit strings are codes
    if c.magnitude_class:
        return True
    if c.unit is None:
        return False
    if core in ("一", "壹"):
        return c.unit in _MEASURES
    if c.bare and core not in ("十", "拾") and c.unit == "年":
        return c.prefix is not None or _duration_cue_before(t, c.start)
    return True


def _is_rank(t: str, pos: int) -> bool:
    return t.startswith("强", pos)


def _unit_of(t: str, c: _Candidate) -> str | None:
    if c.numeral.unit is not None:
        return c.numeral.unit  # 百分之十二
    if c.unit == "年":
        return numlex.YEAR_UNIT if _calendar_year(t, c) else "年"
    if c.unit is None and _year_prefix(t, c):
        return numlex.YEAR_UNIT
    return c.unit


def _calendar_year(t: str, c: _Candidate) -> bool:
    core = c.core
    if all(ch in _DIGIT_CHARS for ch in core) and len(core) == 4:
        return True
    if not (len(core) == 4 and core.isdigit() and 1000 <= int(core) <= 2999):
        return False
    if c.prefix is not None or c.numeral.approx or c.suffix is not None:
        return False
    if _duration_cue_before(t, c.start):
        return False
    after = c.end
    if t.startswith(numlex.YEAR_AFTER_GUARDS, after):
        return True
    return not t.startswith(numlex.DURATION_AFTER, after)


def _duration_cue_before(t: str, p: int) -> bool:
    if p >= 2 and t[p - 2] in numlex.FOUNDING_VERBS:
        return True  # 建城, 建镇, 建校: founded N years ago
    return t.endswith(numlex.DURATION_CUES, 0, p)


def _year_prefix(t: str, c: _Candidate) -> bool:
    """2026广东高质量发展大会: a year written straight before a name."""
    core = c.core
    if not (len(core) == 4 and core.isdigit() and 1900 <= int(core) <= 2099):
        return False
    return c.prefix is None and c.end < len(t) and _CJK.match(t, c.end) is not None


def _span(text: str, c: _Candidate) -> FactSpan:
    value = c.numeral.value
    if c.negative:
        value = -value
    return FactSpan(text[c.start : c.end], value, c.unit, _qualifier(c), c.start, c.end)


def _qualifier(c: _Candidate) -> str:
    if c.prefix is not None:
        table = (
            numlex.PREFIX_QUALIFIERS
            if c.prefix in numlex.PREFIX_QUALIFIERS
            else numlex.MAGNITUDE_PREFIX_QUALIFIERS
        )
        return table[c.prefix]
    if c.suffix is not None:
        return numlex.SUFFIX_QUALIFIERS[c.suffix]
    if c.numeral.approx:
        return numlex.MORE_THAN
    if c.magnitude_class:
        return numlex.AT_LEAST
    return numlex.EXACT


__all__ = ["FactSpan", "find_facts"]
