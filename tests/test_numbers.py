"""Numeral parsing (gdq.extract.numerals) and number queries (gdq.search.numbers)."""

from __future__ import annotations

import contextlib
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdq.extract.facts import find_facts
from gdq.extract.numerals import numeral_parts, parse_number, parse_numeral
from gdq.search.numbers import NumberQuery, NumberQueryError, matches, parse_query

DATA = Path(__file__).parent / "data"


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip(" ") and not line.startswith("#")]


NUMERAL_ROWS = _rows("numerals.tsv")
QUERY_ROWS = _rows("num_queries.tsv")


def _exact(text: str) -> Fraction:
    return Fraction(text) if "/" in text else Fraction(Decimal(text))


def _public(exact: Fraction) -> int | float:
    return exact.numerator if exact.denominator == 1 else float(exact)


def _parts(text: str) -> tuple[int | float, str | None, bool] | None:
    """numeral_parts(text), checked to give an int exactly when the value is integral."""
    parts = numeral_parts(text)
    if parts is not None:
        value = parts[0]
        assert type(value) is int or (type(value) is float and not value.is_integer()), parts
    return parts


_CN_DIGITS = "零一二三四五六七八九"


def _chinese(n: int) -> str:
    """Standard Chinese numeral (一千零五, 十万零三, 一亿零一十五万, 负五): input for round trips."""
    if n < 0:
        return "负" + _chinese(-n)
    return _write(n, leading=True) if n else "零"


def _write(n: int, leading: bool) -> str:
    for unit, char in ((10**8, "亿"), (10**4, "万")):
        if n >= unit:
            high, low = divmod(n, unit)
            zero = "零" if 0 < low < unit // 10 else ""
            return _write(high, leading) + char + (zero + _write(low, leading=False) if low else "")
    out = ""
    for unit, char in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit:
            # 十五 but 一百一十: a leading 一 before 十 is dropped.
            one_ten = unit == 10 and digit == 1 and leading and not out
            out += ("" if one_ten else _CN_DIGITS[digit]) + char
        elif out and n % unit:
            out += "" if out.endswith("零") else "零"
    return out


def test_numeral_table_is_large_enough() -> None:
    assert len(NUMERAL_ROWS) >= 150


@pytest.mark.parametrize("row", NUMERAL_ROWS, ids=[r[0] or "<empty>" for r in NUMERAL_ROWS])
def test_numeral_table(row: list[str]) -> None:
    text, expected, *flags = row
    numeral = parse_numeral(text)
    if expected == "None":
        assert numeral is None
        assert parse_number(text) is None
        assert _parts(text) is None
        return
    assert numeral is not None, f"{text!r} should parse"
    assert numeral.exact == _exact(expected)
    unit = next((f for f in flags if f in ("%", "‰", "元")), None)
    assert numeral.unit == unit
    assert numeral.approx == ("approx" in flags)
    # The reading facts use (integer arithmetic for Arabic numbers): the same public value.
    parts = _parts(text)
    assert parts == (_public(_exact(expected)), unit, "approx" in flags)
    assert type(parts[0]) is type(numeral.value)


# cn2an's own test table (tests/data/cn2an_table.tsv, MIT): numeral, value, cn2an mode.
CN2AN_ROWS = _rows("cn2an_table.tsv")
# The few numerals of that table gdq reads differently on purpose, and why.
CN2AN_DIFFERENT = {
    "一一": "two digits side by side are vague (三四个) or 'one by one' (一一列举), not 11",
    "壹壹": "the same two-digit rule in financial digits",
    "一万零百一十一": "零 before a bare 百 is a slip, not a way of writing 10111",
    "一百点123": "Arabic digits after a Chinese 点 are a clock time (十点30), not a decimal",
    "1百01": "an Arabic 01 after 百 is no way of writing 101",
}


def test_cn2an_table_is_complete() -> None:
    assert len(CN2AN_ROWS) == 132
    assert len(CN2AN_ROWS) - len(CN2AN_DIFFERENT) >= 126


@pytest.mark.parametrize("row", CN2AN_ROWS, ids=[r[0] for r in CN2AN_ROWS])
def test_cn2an_table(row: list[str]) -> None:
    text, expected, _mode = row
    numeral = parse_numeral(text)
    if text in CN2AN_DIFFERENT:
        assert numeral is None, "read now: take it off CN2AN_DIFFERENT"
        return
    assert numeral is not None, f"{text!r} should parse"
    assert numeral.exact == Fraction(Decimal(expected))
    assert parse_number(text) == _public(Fraction(Decimal(expected)))


def test_public_value_is_int_when_integral() -> None:
    value = parse_number("3.2万亿")
    assert value == 3200000000000 and type(value) is int
    assert parse_number("1.5亿") == 150000000 and type(parse_number("1.5亿")) is int
    assert parse_number("3.5") == 3.5 and isinstance(parse_number("3.5"), float)
    assert parse_number("1e6") == 1000000 and type(parse_number("1e6")) is int


def test_no_float_drift_on_large_mixed_forms() -> None:
    assert parse_number("0.1万亿") == 100000000000
    assert parse_number("1234.5678万亿") == 1234567800000000
    assert parse_number("9.99999999亿") == 999999999


@pytest.mark.parametrize(
    ("n", "written"),
    [
        (0, "零"),
        (10, "十"),
        (15, "十五"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (1050, "一千零五十"),
        (100003, "十万零三"),
        (100010, "十万零一十"),
        (150000, "十五万"),
        (18000000, "一千八百万"),
        (100150000, "一亿零一十五万"),
        (10**16, "一亿亿"),
        (-5, "负五"),
    ],
)
def test_standard_chinese_forms(n: int, written: str) -> None:
    assert _chinese(n) == written  # the round trips below read what people write
    assert parse_number(written) == n
    assert _parts(written) == (n, None, False)


@given(st.integers(min_value=0, max_value=10**16))
def test_chinese_round_trip(n: int) -> None:
    assert parse_number(_chinese(n)) == n
    assert _parts(_chinese(n)) == (n, None, False)


@given(st.integers(min_value=-(10**12), max_value=-1))
def test_negative_chinese_round_trip(n: int) -> None:
    assert parse_number(_chinese(n)) == n
    assert _parts(_chinese(n)) == (n, None, False)


def _with_magnitude(n: int, power: int, suffix: str) -> str:
    scaled = (Decimal(n) / (Decimal(10) ** power)).normalize()
    text = format(scaled, "f")
    return text + suffix


@given(
    st.integers(min_value=0, max_value=10**16),
    st.sampled_from([(4, "万"), (8, "亿"), (12, "万亿"), (3, "千"), (7, "千万")]),
)
def test_arabic_magnitude_round_trip(n: int, magnitude: tuple[int, str]) -> None:
    power, suffix = magnitude
    assert parse_number(_with_magnitude(n, power, suffix)) == n
    assert _parts(_with_magnitude(n, power, suffix)) == (n, None, False)


@given(
    st.integers(min_value=0, max_value=10**16),
    st.integers(min_value=0, max_value=6),
    st.sampled_from(["", "万", "萬", "亿", "億", "万亿"]),
    st.sampled_from(["", "余", "多"]),
    st.booleans(),
)
def test_arabic_tails_read_exactly(n: int, places: int, magnitude: str, mark: str, before: bool) -> None:
    """A decimal with 万/亿/万亿 and 余/多 either side of it: the exact value, int when integral."""
    number = format((Decimal(n) / 10**places).normalize(), "f") if places else str(n)
    text = number + (mark + magnitude if before else magnitude + mark)
    scale = {"": 1, "万": 10**4, "萬": 10**4, "亿": 10**8, "億": 10**8, "万亿": 10**12}[magnitude]
    exact = Fraction(number) * scale
    numeral = parse_numeral(text)
    assert numeral is not None and numeral.exact == exact and numeral.approx == bool(mark)
    assert _parts(text) == (_public(exact), None, bool(mark))


@given(st.integers(min_value=0, max_value=10**16))
def test_arabic_thousands_and_full_width_round_trip(n: int) -> None:
    assert parse_number(f"{n:,}") == n
    assert _parts(f"{n:,}") == (n, None, False)
    full_width = str(n).translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)})
    assert parse_number(full_width) == n
    assert _parts(full_width) == (n, None, False)


@given(st.text(max_size=40))
def test_parse_never_raises(text: str) -> None:
    parse_numeral(text)
    numeral_parts(text)
    with contextlib.suppress(NumberQueryError):
        parse_query(text)


# --- queries -------------------------------------------------------------------------------


def _bound(text: str) -> float | None:
    return None if text == "-" else float(_exact(text))


QUERY_OK = [r for r in QUERY_ROWS if r[1] != "ERROR"]
QUERY_BAD = [r for r in QUERY_ROWS if r[1] == "ERROR"]


@pytest.mark.parametrize("row", QUERY_OK, ids=[r[0] for r in QUERY_OK])
def test_query_table(row: list[str]) -> None:
    text, low, high, low_inc, high_inc, target, unit = row
    query = parse_query(text)
    assert query.low == _bound(low)
    assert query.high == _bound(high)
    assert query.low_inclusive == (low_inc == "1")
    assert query.high_inclusive == (high_inc == "1")
    assert query.target == _bound(target)
    assert query.unit == (None if unit == "-" else unit)


@pytest.mark.parametrize("row", QUERY_BAD, ids=[r[0] or "<empty>" for r in QUERY_BAD])
def test_malformed_queries(row: list[str]) -> None:
    text, _, *words = row
    with pytest.raises(NumberQueryError) as info:
        parse_query(text)
    message = str(info.value)
    assert "\n" not in message
    for word in words:
        assert word in message


def test_query_error_is_a_value_error_with_hint() -> None:
    with pytest.raises(ValueError, match=r"not a number: 'abc' \(try 3\.2万亿"):
        parse_query("abc")


def test_query_is_frozen() -> None:
    query = parse_query("1800万")
    assert isinstance(query, NumberQuery) and query.is_exact
    with pytest.raises(AttributeError):
        query.low = 1  # type: ignore[misc]


def test_exact_query_matches_equal_forms() -> None:
    query = parse_query("3.2万亿")
    assert matches(query, 3200000000000, 0.0) == 100.0
    assert matches(query, parse_number("32000亿") or 0, 0.0) == 100.0
    assert matches(query, 3200000000001, 0.0) is None


def test_exact_query_tolerance_scores_below_exact() -> None:
    query = parse_query("100")
    near = matches(query, 101, 0.05)
    far = matches(query, 104, 0.05)
    assert near is not None and far is not None
    assert 100.0 > near > far >= 1.0
    assert matches(query, 106, 0.05) is None
    assert matches(query, 100.0, 0.0) == 100.0


def test_float_values_compare_as_written() -> None:
    assert matches(parse_query("0.1"), 0.1, 0.0) == 100.0
    assert matches(parse_query("3.5%"), 3.5, 0.0) == 100.0


def test_range_and_bounds() -> None:
    query = parse_query("1000亿..5万亿")
    assert matches(query, 10**11, 0.0) is not None
    assert matches(query, 5 * 10**12, 0.0) is not None
    assert matches(query, 5 * 10**12 + 1, 0.0) is None
    assert matches(query, 10**11 - 1, 0.0) is None
    inside = matches(query, 3 * 10**12, 0.0)
    assert inside is not None and 50.0 < inside <= 100.0
    assert matches(parse_query(">100"), 100, 0.0) is None
    assert matches(parse_query(">=100"), 100, 0.0) == 100.0
    assert matches(parse_query("<5"), 5, 0.0) is None
    assert matches(parse_query("<=5"), -3, 0.0) is not None


def test_non_finite_values_never_match() -> None:
    assert matches(parse_query(">=0"), float("inf"), 0.1) is None
    assert matches(parse_query("5"), float("nan"), 0.1) is None


def _in_a_sentence(numeral: str) -> str:
    """As bench/numerals_table.py writes it: 共…元。, or 共…。 when the numeral ends in its own
    money word or 整 (壹拾壹元整, 壹拾壹元壹角壹分)."""
    own_unit = numeral.endswith(("元", "圆", "角", "分", "整", "正"))
    return f"共{numeral}。" if own_unit else f"共{numeral}元。"


def test_cn2an_table_in_running_text() -> None:
    # Issue 12: the facts of a sentence read the table's numerals as parse_number does,
    # signs (负一七二零), written-out money (玖仟陆佰陆拾伍圆壹角捌分) and digit strings included.
    wrong = []
    for text, expected, _mode in CN2AN_ROWS:
        facts = find_facts(_in_a_sentence(text))
        if len(facts) != 1 or Decimal(repr(facts[0].value)) != Decimal(expected):
            wrong.append(text)
    assert len(CN2AN_ROWS) - len(wrong) >= 126, wrong
    assert set(wrong) <= set(CN2AN_DIFFERENT), wrong
