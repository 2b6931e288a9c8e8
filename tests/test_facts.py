"""Numeric facts found in sentences."""

from __future__ import annotations

import time
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gdq.facts import FactSpan, find_facts

DATA = Path(__file__).parent / "data"
Expected = tuple[str, int | float, str | None, str]


def _value(text: str) -> int | float:
    number = Decimal(text)
    return int(number) if number == number.to_integral_value() else float(number)


def _fact(cell: str) -> Expected:
    raw, value, unit, qualifier = cell.split("|")
    return raw, _value(value), None if unit == "-" else unit, qualifier


def _cases() -> list[tuple[str, list[Expected]]]:
    lines = (DATA / "facts.tsv").read_text(encoding="utf-8").splitlines()
    cases = []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        sentence, *cells = line.split("\t")
        cases.append((sentence, [_fact(c) for c in cells]))
    return cases


CASES = _cases()


def _seen(fact: FactSpan) -> Expected:
    return fact.raw, fact.value, fact.unit, fact.qualifier


def test_fact_table_has_negative_cases() -> None:
    assert len(CASES) >= 80
    assert sum(1 for _, facts in CASES if not facts) >= 15


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


def _timed(text: str) -> float:
    started = time.perf_counter()
    find_facts(text)
    return time.perf_counter() - started


@pytest.mark.parametrize(
    "text",
    [
        "1" * 4_000_000,
        "一" * 4_000_000,
        "一千二百万亿" * 600_000,
        "数据显示企业营收增长" * 400_000,
        "１２３．" * 1_000_000,
    ],
    ids=["digits", "cn-digits", "cn-mixed", "no-punctuation", "dots"],
)
def test_long_lines_run_in_linear_time(text: str) -> None:
    assert _timed(text) < 10.0


def test_many_numbers_scale_linearly() -> None:
    small = "营收增长123家，" * 20_000
    large = small * 8
    assert _timed(large) < 12 * max(_timed(small), 0.01)
