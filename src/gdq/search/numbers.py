"""The number-query language of ``gdq number``: ``parse_query(text) -> NumberQuery`` and
``matches(query, value, tolerance) -> score | None``.

A query is one numeral (``3.2万亿``, ``12%``), a range ``1000亿..5万亿`` or a bound ``>=100亿``
(``≥``/``≤`` and full-width ``＞``/``＜`` are read too); numerals are read by
``gdq.extract.numerals``. Unlike numeral parsing, a query that does not parse raises
``NumberQueryError`` with a one-line message saying what is wrong and how to write it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from gdq.extract.numerals import Numeral, fold, parse_numeral, to_value

_EXAMPLES = "try 3.2万亿, 1800万, 1000亿..5万亿 or >=100亿"
_BOUND_OPERATORS = (">=", "<=", ">", "<", "=")
_QUERY_FOLD = str.maketrans({"≥": ">=", "≧": ">=", "≤": "<=", "≦": "<="})


class NumberQueryError(ValueError):
    """A number query that does not parse; the message is one line with a fix."""


@dataclass(frozen=True, slots=True)
class NumberQuery:
    """Values wanted by ``gdq number``. ``None`` bounds are open.

    ``target`` ranks matches by closeness: the value itself for a single value, the middle of
    a range, the bound of a one-sided query. ``unit`` is ``%``/``‰`` when the query was a
    percentage, so callers can keep 12% apart from a count of 12.
    """

    low: int | float | None
    high: int | float | None
    low_inclusive: bool
    high_inclusive: bool
    target: int | float
    unit: str | None = None
    text: str = ""

    @property
    def is_exact(self) -> bool:
        return self.low is not None and self.low == self.high


def parse_query(text: str) -> NumberQuery:
    """Parse ``3.2万亿``, ``1000亿..5万亿``, ``>=100亿``, ``＜5%``; raise NumberQueryError."""
    s = fold(text).translate(_QUERY_FOLD).strip()
    if not s:
        raise NumberQueryError(f"empty number query ({_EXAMPLES})")
    if ".." in s:
        return _parse_range(s, text)
    for op in _BOUND_OPERATORS:
        if s.startswith(op):
            return _parse_bound(op, s[len(op) :].strip(), text)
    numeral = _query_numeral(s, f"not a number: {text.strip()!r} ({_EXAMPLES})")
    value = numeral.value
    return NumberQuery(value, value, True, True, value, numeral.unit, text)


def _query_numeral(s: str, message: str) -> Numeral:
    numeral = parse_numeral(s)
    if numeral is None:
        raise NumberQueryError(message)
    if not comparable(numeral.value):
        raise NumberQueryError(f"{s!r} is too large to compare with figures")
    return numeral


def comparable(value: int | float) -> bool:
    """Whether a value can be compared with the figures of an index, which are found by
    their float values: an integer beyond any float (亿 written 39 times) cannot."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _parse_range(s: str, text: str) -> NumberQuery:
    left, _, right = s.partition("..")
    left, right = left.strip(), right.strip()
    if not left or not right or ".." in right:
        raise NumberQueryError(
            f"a range needs a number on both sides of '..': {text.strip()!r} (write it as 1000亿..5万亿)"
        )
    low = _query_numeral(left, f"not a number left of '..': {left!r} ({_EXAMPLES})")
    high = _query_numeral(right, f"not a number right of '..': {right!r} ({_EXAMPLES})")
    if low.exact > high.exact:
        raise NumberQueryError(
            f"empty range: {left} is greater than {right} (write the smaller number first: {right}..{left})"
        )
    if low.unit and high.unit and low.unit != high.unit:
        raise NumberQueryError(f"range mixes {low.unit} and {high.unit}: {text.strip()!r}")
    middle = to_value((low.exact + high.exact) / 2)
    return NumberQuery(low.value, high.value, True, True, middle, low.unit or high.unit, text)


def _parse_bound(op: str, rest: str, text: str) -> NumberQuery:
    if not rest:
        raise NumberQueryError(f"{op!r} needs a number after it (write it as {op}100亿)")
    numeral = _query_numeral(rest, f"not a number after {op!r}: {rest!r} (try {op}100亿)")
    value = numeral.value
    if op == "=":
        return NumberQuery(value, value, True, True, value, numeral.unit, text)
    if op.startswith(">"):
        return NumberQuery(value, None, op == ">=", False, value, numeral.unit, text)
    return NumberQuery(None, value, False, op == "<=", value, numeral.unit, text)


def exact_of(value: int | float) -> Fraction:
    """Exact form of a public value; a float is read as its shortest decimal (0.1 -> 1/10)."""
    if isinstance(value, int):
        return Fraction(value)
    return Fraction(repr(value))


def matches(query: NumberQuery, value: int | float, tolerance: float) -> float | None:
    """Closeness of ``value`` to ``query``, 0..100 (100 = exact), or ``None`` if outside.

    A single-value query matches equal values (score 100) and values within the relative
    ``tolerance`` (score 1..99, lower when further). A range or bound matches values inside it;
    the score is 100 at ``target`` and falls towards 50 with relative distance from it.
    """
    if isinstance(value, float) and not math.isfinite(value):
        return None
    v = exact_of(value)
    target = exact_of(query.target)
    if query.is_exact:
        return _closeness(v, target, tolerance)
    if not _inside(query, v):
        return None
    distance = abs(v - target) / max(abs(target), Fraction(1))
    return 50.0 + 50.0 / (1.0 + float(distance))


def _closeness(v: Fraction, target: Fraction, tolerance: float) -> float | None:
    if v == target:
        return 100.0
    if tolerance <= 0 or target == 0:
        return None
    distance = float(abs(v - target) / abs(target))
    if distance > tolerance:
        return None
    return 1.0 + 98.0 * (1.0 - distance / tolerance)


def _inside(query: NumberQuery, v: Fraction) -> bool:
    if query.low is not None:
        low = exact_of(query.low)
        if v < low or (v == low and not query.low_inclusive):
            return False
    if query.high is not None:
        high = exact_of(query.high)
        if v > high or (v == high and not query.high_inclusive):
            return False
    return True




__all__ = ["NumberQuery", "NumberQueryError", "exact_of", "matches", "parse_query"]
