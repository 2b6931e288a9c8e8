"""Acceptance on the bundled article: hand-annotated figures must be found by value."""

from __future__ import annotations

import pytest

from conftest import build_index, read_table
from gdq.search import query
from gdq.store.index import Store as Index
from gdq.text import read as corpus

GOLD = read_table("gold_seed_facts.tsv")
NOT_NUMBERS = [
    "千家万户",
    "一视同仁",
    "百千万工程",
    "百万英才汇南粤",
    "十五五",
    "五联模式",
    "三资",
    "千年商都",
]


@pytest.fixture(scope="module")
def seed() -> Index:
    return build_index(corpus.bundled_corpus())


@pytest.mark.parametrize(("raw", "value", "unit", "qualifier", "first", "second"), GOLD)
def test_every_figure_is_found_by_two_spellings(
    seed: Index, raw: str, value: str, unit: str, qualifier: str, first: str, second: str
) -> None:
    for spelling in (first, second):
        found = {(f.raw, f.value, f.unit or "-", f.qualifier) for f, _ in query.number(seed, spelling)}
        assert (raw, int(value), unit, qualifier) in found, spelling


def test_no_idiom_or_programme_name_is_a_number(seed: Index) -> None:
    for fact in seed.facts:
        text = seed.sentence_text(fact.sentence_id) or ""
        for name in NOT_NUMBERS:
            pos = text.find(name)
            while pos != -1:
                assert not (fact.start < pos + len(name) and pos < fact.end), (fact.raw, name)
                pos = text.find(name, pos + 1)


def test_the_gold_list_is_complete(seed: Index) -> None:
    annotated = sorted(row[0] for row in GOLD)
    found = sorted({f.raw for f in seed.facts})
    assert sorted(set(annotated)) == found
