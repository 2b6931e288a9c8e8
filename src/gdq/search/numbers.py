"""The number-query language of ``gdq number``: ``parse_query(text) -> NumberQuery`` and
``matches(query, value, tolerance, value_max) -> score | None``.

A query is written the way people type a number:

* one value, in any spelling (``3.2万亿``, ``32000亿``, ``3.2e12``, ``十``, ``12%``, ``-5``);
* with a unit after it (``1800万人``, ``100公里``, ``10万元``): the unit is read as a fact's
  unit would be read in a sentence, magnitude folded into the value (``10万元`` is 100000 元)
  and ``N年`` a calendar year (unit ``年份``: ``2035年``) or a span of time (``年``: ``5年``)
  as the fact reader decides it, so ``2035年`` finds the year 2035 and never 2035 元;
* a bound: an operator ``>100亿``, ``>=``, ``<``, ``<=``, ``=`` (also ``≥``/``≤`` and full
  width ``＞``/``＜``), or a qualifier word as news writes one, before the number (``超千亿``
  is ``>1000亿``; ``不到``, ``至少``, ``最多``, ...) or after it (``1000亿元以上``,
  ``3万左右``); ``1000多``/``240余`` are "more than". The words and what they mean are the
  fact reader's (``lexicon/data/number_prefix_qualifiers.tsv``, ``number_suffix_qualifiers``,
  ``number_magnitude_prefix_qualifiers`` for ``过万``/``上千``): more_than ``>``, at_least
  ``>=``, less_than ``<``, at_most ``<=``; ``about`` (``约3万``, ``3万左右``) keeps the value
  and widens its tolerance to ``ABOUT_TOLERANCE`` (10%) unless ``--tolerance`` is given;
* a range ``a..b``, also written with ``~``, ``～``, ``至``, ``到``, ``-`` and the other range
  dashes of ``number_range_separators``; a ``-`` at the start of a number is its sign
  (``-5..5``, ``-5--3``, ``5-10``). The unit may be written on either end
  (``100亿..1万亿元``, ``100亿元~1万亿``), and a plain Arabic low end takes the high end's
  magnitude as news writes it: ``3-5万`` is 3万..5万.

Unlike numeral parsing, a query that does not parse raises ``NumberQueryError`` with a
one-line message saying what is wrong and how to write it.

A fact that is a range (``value``..``value_max``) matches a query that overlaps it: a single
value within the tolerance of either end or between them, or an interval or bound that shares
a value with it.
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import cache
from typing import NamedTuple

from gdq.extract.numerals import MONEY_UNIT, YUAN_WORDS, Numeral, fold, parse_numeral, to_value
from gdq.lexicon import numbers as numlex

_EXAMPLES = "try 3.2万亿, 1800万人, 10~15年 or >=100亿"
_BOUND_OPERATORS = (">=", "<=", ">", "<", "=")
_QUERY_FOLD = str.maketrans({"≥": ">=", "≧": ">=", "≤": "<=", "≦": "<="})
_RANGE_DOTS = ".."
_SIGNS = "-+"

# 约3万 matches 2.7万..3.3万: a rounded figure in news is rarely off by more.
ABOUT_TOLERANCE = 0.1
# A range fact that holds a single-value query scores just below an equal value.
RANGE_HOLDS = 99.0
RANGE = "range"

# What each qualifier makes of the value: (low bound, low inclusive, high bound, high inclusive)
# as "is the value a bound on that side"; about and exact keep the value itself.
_BOUNDS: dict[str, tuple[bool, bool, bool, bool]] = {
    numlex.MORE_THAN: (True, False, False, False),
    numlex.AT_LEAST: (True, True, False, False),
    numlex.LESS_THAN: (False, False, True, False),
    numlex.AT_MOST: (False, False, True, True),
}
_OPERATOR_QUALIFIERS = {
    ">": numlex.MORE_THAN,
    ">=": numlex.AT_LEAST,
    "<": numlex.LESS_THAN,
    "<=": numlex.AT_MOST,
    "=": numlex.EXACT,
}


class NumberQueryError(ValueError):
    """A number query that does not parse; the message is one line with a fix."""


class NumberQuery(NamedTuple):
    """Values wanted by ``gdq number``. ``None`` bounds are open.

    ``target`` ranks matches by closeness: the value itself for a single value, the middle of
    a range, the bound of a one-sided query. ``unit`` is the unit the query was written with,
    as facts report it (``%`` for ``12%``, ``元`` for ``10万元``), so callers can keep 12%
    apart from a count of 12; None when none was written. ``tolerance`` is the tolerance the
    query's own words ask for (``约3万``: ``ABOUT_TOLERANCE``), None for the caller's default.
    """

    low: int | float | None
    high: int | float | None
    low_inclusive: bool
    high_inclusive: bool
    target: int | float
    unit: str | None = None
    text: str = ""
    tolerance: float | None = None

    @property
    def is_exact(self) -> bool:
        return self.low is not None and self.low == self.high


class _End(NamedTuple):
    """One number of a query as written: its value, the unit facts would report, and what
    the reading itself says (多/余 make it "more than"; a Chinese range such as 三四十 read
    by the fact reader has a high end)."""

    exact: Fraction
    unit: str | None
    numeral: str  # the numeral as written, without the unit
    unit_text: str  # the unit as written ("" when none)
    qualifier: str = numlex.EXACT
    exact_max: Fraction | None = None


def parse_query(text: str) -> NumberQuery:
    """Parse ``3.2万亿``, ``1800万人``, ``1000亿..5万亿``, ``100亿~1万亿元``, ``>=100亿``,
    ``超千亿``, ``约3万``, ``＜5%``; raise NumberQueryError."""
    s = fold(text).translate(_QUERY_FOLD).strip()
    if not s:
        raise NumberQueryError(f"empty number query ({_EXAMPLES})")
    shown = text.strip()
    operator, rest = _operator(s)
    if operator is not None:
        if not rest:
            raise NumberQueryError(f"{operator!r} needs a number after it (write it as {operator}100亿)")
        end = _read_end(rest, f"not a number after {operator!r}: {rest!r} (try {operator}100亿)")
        if end.exact_max is not None:
            raise NumberQueryError(f"{operator!r} takes one number, not a range: {shown!r}")
        return _bounded(end, _OPERATOR_QUALIFIERS[operator], text)
    qualifier, rest = _qualifier_words(s, shown)
    pair = _split_range(rest, shown)
    if pair is not None:
        if qualifier not in (numlex.EXACT, numlex.ABOUT):
            raise NumberQueryError(
                f"a range takes no bound word: {shown!r} (write the range alone, e.g. 10..15年)"
            )
        return _range_query(*pair, text, about=qualifier == numlex.ABOUT)
    end = _read_end(rest, f"not a number: {shown!r} ({_EXAMPLES})")
    if end.exact_max is not None:
        return _range_of(end.exact, end.exact_max, end.unit, text, qualifier == numlex.ABOUT)
    return _bounded(end, _merge(qualifier, end.qualifier, shown), text)


def _operator(s: str) -> tuple[str | None, str]:
    for op in _BOUND_OPERATORS:
        if s.startswith(op):
            return op, s[len(op) :].strip()
    return None, s


# --- qualifier words ---------------------------------------------------------------------


@cache
def _prefix_words() -> tuple[tuple[str, str], ...]:
    """Qualifier words written before a number, longest first (不超过 before 超过)."""
    found = dict(numlex.PREFIX_QUALIFIERS)
    return tuple(sorted(found.items(), key=lambda item: -len(item[0])))


@cache
def _suffix_words() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(numlex.SUFFIX_QUALIFIERS.items(), key=lambda item: -len(item[0])))


def _bare_magnitude(s: str) -> bool:
    """Whether ``s`` starts with a magnitude (千亿, 万人): the only numbers 过/上 qualify."""
    return bool(s) and (s[0] in numlex.SMALL_UNITS or s[0] in numlex.BIG_UNITS)


def _qualifier_words(s: str, shown: str) -> tuple[str, str]:
    """The qualifier that words before and after the number give, and the number left."""
    before = numlex.EXACT
    for word, qualifier in _prefix_words():
        if s.startswith(word) and len(s) > len(word):
            before, s = qualifier, s[len(word) :].strip()
            break
    else:
        for word, qualifier in numlex.MAGNITUDE_PREFIX_QUALIFIERS.items():
            if s.startswith(word) and _bare_magnitude(s[len(word) :]):
                before, s = qualifier, s[len(word) :]
                break
    after = numlex.EXACT
    for word, qualifier in _suffix_words():
        if s.endswith(word) and len(s) > len(word) and not _numeral_tail(s, word):
            after, s = qualifier, s[: -len(word)].strip()
            break
    return _merge(before, after, shown), s


def _numeral_tail(s: str, word: str) -> bool:
    # 1000多 and 240余 are numerals of their own (more_than, read by parse_numeral); leaving
    # them whole keeps 1000多万 and 1000多 the same reading.
    return word in numlex.APPROX_MARKERS


def _merge(first: str, second: str, shown: str) -> str:
    if first == numlex.EXACT or first == second:
        return second
    if second == numlex.EXACT:
        return first
    raise NumberQueryError(f"the words of {shown!r} disagree ({first} and {second}); keep one of them")


# --- ranges ------------------------------------------------------------------------------


@cache
def _separators() -> tuple[str, ...]:
    folded = {fold(sep) for sep in numlex.RANGE_SEPARATORS}
    return tuple(sorted(folded, key=lambda sep: -len(sep)))


def _split_range(s: str, shown: str) -> tuple[str, str, str] | None:
    """(left, right, separator) when ``s`` is a range, else None. A ``-`` (or ``+``) at the
    start of a number is its sign: at the start of the query, after a separator, or after the
    ``e`` of an exponent."""
    if _RANGE_DOTS in s:
        return _sides(s, _RANGE_DOTS, shown)
    for i in range(len(s)):
        for sep in _separators():
            if s.startswith(sep, i) and not _is_sign(s, i, sep):
                return _sides(s, sep, shown, at=i)
    return None


def _is_sign(s: str, i: int, sep: str) -> bool:
    if sep not in _SIGNS:
        return False
    before = s[:i].rstrip()
    if not before:
        return True
    last = before[-1]
    exponent = last in "eE" and len(before) > 1 and before[-2].isdigit()
    return exponent or any(before.endswith(other) for other in _separators())


def _sides(s: str, sep: str, shown: str, at: int | None = None) -> tuple[str, str, str]:
    i = s.index(sep) if at is None else at
    left, right = s[:i].strip(), s[i + len(sep) :].strip()
    if not left or not right or (sep == _RANGE_DOTS and _RANGE_DOTS in right):
        raise NumberQueryError(
            f"a range needs a number on both sides of {sep!r}: {shown!r} (write it as 1000亿..5万亿)"
        )
    return left, right, sep


def _range_query(left: str, right: str, sep: str, text: str, about: bool) -> NumberQuery:
    high = _read_end(right, f"not a number right of {sep!r}: {right!r} ({_EXAMPLES})")
    left = _shared_magnitude(left, high)
    low = _read_end(left, f"not a number left of {sep!r}: {left!r} ({_EXAMPLES})")
    if low.unit is None and high.unit is not None:
        # 100亿..1万亿元, 2030-2035年: the unit written once is the unit of both ends, read as
        # it would be read after the low end (2030年 is a calendar year).
        low = _read_end(left + high.unit_text, f"not a number left of {sep!r}: {left!r}")
    elif high.unit is None and low.unit is not None:
        high = _read_end(right + low.unit_text, f"not a number right of {sep!r}: {right!r}")
    for end in (low, high):
        if end.exact_max is not None or end.qualifier != numlex.EXACT:
            raise NumberQueryError(f"each end of a range is one number: {text.strip()!r}")
    if low.unit != high.unit:
        raise NumberQueryError(f"range mixes {low.unit} and {high.unit}: {text.strip()!r}")
    if low.exact > high.exact:
        raise NumberQueryError(
            f"empty range: {left} is greater than {right} (write the smaller number first: {right}..{left})"
        )
    return _range_of(low.exact, high.exact, low.unit, text, about)


def _shared_magnitude(left: str, high: _End) -> str:
    """``3-5万`` is 3万 to 5万: a low end in plain Arabic digits takes the magnitude the high
    end ends with, as news writes ranges."""
    if not left or not all(ch.isdigit() or ch in ".," for ch in left):
        return left
    for magnitude in sorted((*numlex.COMPOUND_MAGNITUDES, *numlex.BIG_UNITS), key=len, reverse=True):
        if high.numeral.endswith(magnitude) and high.numeral != magnitude:
            return left + magnitude
    return left


def _range_of(low: Fraction, high: Fraction, unit: str | None, text: str, about: bool) -> NumberQuery:
    if about:  # 约10-15年: each end as loosely as 约10年 and 约15年
        share = Fraction(str(ABOUT_TOLERANCE))
        low, high = low - abs(low) * share, high + abs(high) * share
    middle = to_value((low + high) / 2)
    return NumberQuery(to_value(low), to_value(high), True, True, middle, unit, text)


# --- one number --------------------------------------------------------------------------


def _bounded(end: _End, qualifier: str, text: str) -> NumberQuery:
    if end.qualifier != numlex.EXACT:
        qualifier = _merge(qualifier, end.qualifier, text.strip())
    value = to_value(end.exact)
    bound = _BOUNDS.get(qualifier)
    if bound is None:  # exact or about
        tolerance = ABOUT_TOLERANCE if qualifier == numlex.ABOUT else None
        return NumberQuery(value, value, True, True, value, end.unit, text, tolerance)
    is_low, low_inclusive, is_high, high_inclusive = bound
    return NumberQuery(
        value if is_low else None,
        value if is_high else None,
        low_inclusive,
        high_inclusive,
        value,
        end.unit,
        text,
    )


def _read_end(s: str, message: str) -> _End:
    """One number, with or without a unit after it."""
    s = s.strip()
    numeral = parse_numeral(s)
    if numeral is not None:
        return _checked(_of_numeral(numeral, s, ""), s)
    split = _split_unit(s)
    if split is None:
        # 四五万元, 三四十人: two digits said together, a range only the fact reader reads.
        read = _read_as_fact(s, s, "")
        if read is None:
            raise NumberQueryError(message)
        return _checked(read, s)
    numeral_text, unit_text = split
    read = None if _plain_unit(unit_text) else _read_as_fact(s, numeral_text, unit_text)
    if read is None:
        numeral = parse_numeral(numeral_text)
        assert numeral is not None  # _split_unit found it
        read = _of_numeral(numeral, numeral_text, unit_text)
    return _checked(read, s)


def _of_numeral(numeral: Numeral, written: str, unit_text: str) -> _End:
    if numeral.unit == MONEY_UNIT and not unit_text:
        # 5万元 reads whole as money: the numeral as written is the amount before its 元 word.
        written = written[: next((i for i, c in enumerate(written) if c in YUAN_WORDS), len(written))]
    unit = numeral.unit or (normalise_unit(unit_text) if unit_text else None)
    qualifier = numlex.MORE_THAN if numeral.approx else numlex.EXACT
    return _End(numeral.exact, unit, written, unit_text or (numeral.unit or ""), qualifier)


def _checked(end: _End, s: str) -> _End:
    for exact in (end.exact, end.exact_max):
        if exact is not None and not comparable(to_value(exact)):
            raise NumberQueryError(f"{s!r} is too large to compare with figures")
    return end


def _split_unit(s: str) -> tuple[str, str] | None:
    """(numeral, unit): the longest unit the fact reader knows that ``s`` ends with after a
    numeral (600千瓦时 is 600 千瓦时, not 600千 瓦时), else the longest numeral ``s`` starts
    with and the rest; None when no numeral starts ``s``."""
    cuts = [cut for cut in range(len(s) - 1, 0, -1) if _unit_like(s[cut:]) and parse_numeral(s[:cut])]
    if not cuts:
        return None
    known = [cut for cut in cuts if s[cut:].strip() in _known_units()]
    cut = min(known) if known else max(cuts)
    return s[:cut].strip(), s[cut:].strip()


def _unit_like(text: str) -> bool:
    """A unit starts with no numeral character unless the fact reader knows it so (千瓦时,
    百分点): 万万人 and 5万万人 are malformed numerals, not a unit 万人 or 万."""
    unit = text.strip()
    if not unit or unit[0] in _SIGNS or any(ch.isdigit() for ch in unit):
        return False
    return unit[0] not in numlex.CN_NUMERAL_CHARS or unit in _known_units()


@cache
def _known_units() -> frozenset[str]:
    lists = (numlex.MEASURE_UNITS, numlex.CLASSIFIERS, numlex.TIME_UNITS, numlex.LATIN_UNITS)
    return frozenset((*(u for units in lists for u in units), *numlex.UNIT_ALIASES))


def _plain_unit(unit: str) -> bool:
    """A unit the fact reader reports as written after any number (人, 元, 公里, %): no
    alias, no magnitude in it, not 年 (a calendar year or a span of time). Reading it needs
    no fact reader, whose import a query would otherwise pay for."""
    return (
        unit in _known_units()
        and unit not in numlex.UNIT_ALIASES
        and unit != numlex.YEAR_WORD
        and unit[0] not in numlex.CN_NUMERAL_CHARS
    )


def _read_as_fact(s: str, numeral_text: str, unit_text: str) -> _End | None:
    """The number as the fact reader reads it in a sentence, when it reads all of ``s`` as
    one fact: the unit then is exactly the unit facts report (10万元 is 100000 元, 2035年 a
    calendar year, 一成 a 成)."""
    from gdq.extract.facts import find_facts

    found = find_facts(s)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(s) or found[0].unit is None:
        return None
    fact = found[0]
    exact_max = None if fact.value_max is None else exact_of(fact.value_max)
    qualifier = numlex.EXACT if fact.qualifier in (numlex.EXACT, RANGE) else fact.qualifier
    return _End(exact_of(fact.value), fact.unit, numeral_text, unit_text, qualifier, exact_max)


def normalise_unit(unit: str) -> str:
    """A unit as facts report it: ``亿元`` and ``万元`` are 元 (the magnitude goes into the
    value), ``人民币`` is 元, ``万人`` is 人. A unit the fact reader does not know is kept as
    written."""
    u = fold(unit).strip()
    if not u or _plain_unit(u):
        return u
    read = _read_as_fact("3" + u, "3", u)  # how the fact reader reads the unit after a number
    if read is not None:
        return read.unit or u
    bare = u
    while bare and bare[0] in numlex.BIG_UNITS and len(bare) > 1:
        bare = bare[1:]
    return numlex.UNIT_ALIASES.get(bare, bare)


def comparable(value: int | float) -> bool:
    """Whether a value can be compared with the figures of an index, which are found by
    their float values: an integer beyond any float (亿 written 39 times) cannot."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


# --- matching ----------------------------------------------------------------------------


def exact_of(value: int | float) -> Fraction:
    """Exact form of a public value; a float is read as its shortest decimal (0.1 -> 1/10)."""
    if isinstance(value, int):
        return Fraction(value)
    return Fraction(repr(value))


def _finite(value: int | float | None) -> bool:
    return value is None or not isinstance(value, float) or math.isfinite(value)


def matches(
    query: NumberQuery, value: int | float, tolerance: float, value_max: int | float | None = None
) -> float | None:
    """Closeness of a fact to ``query``, 0..100 (100 = exact), or ``None`` if outside.

    A single-value query matches equal values (score 100) and values within the relative
    ``tolerance`` (score 1..99, lower when further). A range or bound matches values inside it;
    the score is 100 at ``target`` and falls towards 50 with relative distance from it.
    A range fact (``value``..``value_max``) matches when it overlaps: a single value inside
    it scores ``RANGE_HOLDS``, one within the tolerance of an end scores by the distance to
    that end; a range or bound query scores by the distance from its target to the fact.
    """
    if not (_finite(value) and _finite(value_max)):
        return None
    low = exact_of(value)
    high = low if value_max is None else exact_of(value_max)
    if high < low:
        return None
    target = exact_of(query.target)
    if query.is_exact:
        if low < target < high or (low != high and target in (low, high)):
            return RANGE_HOLDS
        nearest = low if target <= low else high
        return _closeness(nearest, target, tolerance)
    if not _overlaps(query, low, high):
        return None
    distance = _distance(target, low, high) / max(abs(target), Fraction(1))
    return 50.0 + 50.0 / (1.0 + float(distance))


def _distance(target: Fraction, low: Fraction, high: Fraction) -> Fraction:
    if target < low:
        return low - target
    if target > high:
        return target - high
    return Fraction(0)


def _closeness(v: Fraction, target: Fraction, tolerance: float) -> float | None:
    if v == target:
        return 100.0
    if tolerance <= 0 or target == 0:
        return None
    distance = float(abs(v - target) / abs(target))
    if distance > tolerance:
        return None
    return 1.0 + 98.0 * (1.0 - distance / tolerance)


def _overlaps(query: NumberQuery, low: Fraction, high: Fraction) -> bool:
    """Whether the query's interval shares a value with [low, high]."""
    if query.low is not None:
        bound = exact_of(query.low)
        if high < bound or (high == bound and not query.low_inclusive):
            return False
    if query.high is not None:
        bound = exact_of(query.high)
        if low > bound or (low == bound and not query.high_inclusive):
            return False
    return True


__all__ = [
    "ABOUT_TOLERANCE",
    "NumberQuery",
    "NumberQueryError",
    "comparable",
    "exact_of",
    "matches",
    "normalise_unit",
    "parse_query",
]
