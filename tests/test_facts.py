"""Numeric facts found in sentences."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import count_calls
from gdq.extract.facts import FactSpan, find_facts

DATA = Path(__file__).parent / "data"
# raw, value, value_max (the high end of a range, else None), unit, qualifier
Expected = tuple[str, int | float, int | float | None, str | None, str]
# facts.tsv: the first table; facts_written.tsv: how news writes qualifiers, ranges and units
# (issue 12), a positive and a negative case for each rule.
TABLES = ("facts.tsv", "facts_written.tsv")


def _value(text: str) -> int | float:
    number = Decimal(text)
    return int(number) if number == number.to_integral_value() else float(number)


def _fact(cell: str) -> Expected:
    """raw|value|unit|qualifier; a range's value is written low..high."""
    raw, value, unit, qualifier = cell.split("|")
    low, _, high = value.partition("..")
    return raw, _value(low), _value(high) if high else None, None if unit == "-" else unit, qualifier


def _cases(name: str) -> list[tuple[str, list[Expected]]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    cases = []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        sentence, *cells = line.split("\t")
        cases.append((sentence, [_fact(c) for c in cells]))
    return cases


CASES = [case for name in TABLES for case in _cases(name)]


def _seen(fact: FactSpan) -> Expected:
    return fact.raw, fact.value, fact.value_max, fact.unit, fact.qualifier


def test_fact_table_has_negative_cases() -> None:
    assert len(CASES) >= 80
    assert sum(1 for _, facts in CASES if not facts) >= 15
    written = _cases("facts_written.tsv")
    assert sum(1 for _, facts in written if not facts) >= 15


def test_a_range_is_one_fact_with_both_ends() -> None:
    for sentence, _ in CASES:
        for fact in find_facts(sentence):
            assert (fact.qualifier == "range") == (fact.value_max is not None), sentence
            if fact.value_max is not None:
                assert fact.value < fact.value_max, sentence


@pytest.mark.parametrize(("sentence", "expected"), CASES, ids=[c[0][:16] for c in CASES])
def test_fact_table(sentence: str, expected: list[Expected]) -> None:
    found = find_facts(sentence)
    assert [_seen(f) for f in found] == expected
    for fact in found:
        assert sentence[fact.start : fact.end] == fact.raw


def test_value_types_are_exact() -> None:
    (fact,) = find_facts("地区生产总值超3.2万亿元。")
    assert fact.value == 3200000000000 and type(fact.value) is int


def test_fact_span_is_frozen_and_slotted() -> None:
    (fact,) = find_facts("共有12家。")
    with pytest.raises(AttributeError):
        fact.value = 13  # type: ignore[misc]
    assert not hasattr(fact, "__dict__")


@given(st.text(max_size=200))
def test_never_raises_and_raw_matches_offsets(text: str) -> None:
    for fact in find_facts(text):
        assert text[fact.start : fact.end] == fact.raw
        assert fact.start < fact.end


_NUMERIC_ALPHABET = (
    "0123456789０１２３.．,，%％-－一二两三十百千万亿零〇余多点分之个年月日元家超近约以上下左右级“”《》第 ab"
)


@given(st.text(alphabet=_NUMERIC_ALPHABET, max_size=80))
def test_never_raises_on_numeric_noise(text: str) -> None:
    for fact in find_facts(text):
        assert text[fact.start : fact.end] == fact.raw


@pytest.mark.parametrize(
    "unit",
    ["1", "一", "一千二百万亿", "数据显示企业营收增长", "１２３．", "营收增长123家，"],
    ids=["digits", "cn-digits", "cn-mixed", "no-punctuation", "dots", "many-numbers"],
)
def test_work_grows_linearly_with_the_line(unit: str) -> None:
    # Long lines without sentence breaks come from bad conversions; the work on them must
    # grow in proportion, not with the square of their length.
    small, large = unit * 20_000, unit * 80_000
    assert count_calls(find_facts, large) <= 4.5 * max(count_calls(find_facts, small), 1)
