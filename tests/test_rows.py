"""Statements, facts and speakers read row by row from a cached index (gdq.store.rows).

A cached index answers through its row indexes; an index built in this run answers by
scanning its lists. Both must give the same answers.
"""

from __future__ import annotations

import array
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdq.output import serialize
from gdq.pipeline import load as loader
from gdq.search import query
from gdq.store import rows
from gdq.store.index import Store as Index
from gdq.store.table import CorruptStore

ARTICLES = {
    "a.txt": (
        "湾区新材料产业集聚\n\n"
        "佛山市工业和信息化局局长陈立新表示:“今年新材料产业规模预计达到3.2万亿元。”\n"
        "他说,全市已有1,260家企业入园,带动就业五万余人。\n"
        "华南理工大学教授吴佩仪认为,产业链配套还要补齐。吴佩仪说:“人才是关键。”\n"
    ),
    "b.txt": (
        "跨境电商再提速\n\n"
        "海关总署广东分署副署长林海峰介绍,一季度跨境电商进出口额达到1200亿元,同比增长12.5%。\n"
        "陳立新表示,还将新增孵化面积十二万平方米。\n"
        "深圳市商务局副局长Zhang Wei表示,将推出30项便利化措施。\n"
    ),
    "c.txt": "无人发言的一篇短讯。全年投资约32000亿元,增长百分之七。\n",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder, tmp_path_factory.mktemp("cache")


def _open(corpus: tuple[Path, Path]) -> Index:
    folder, cache = corpus
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GDQ_CACHE_DIR", str(cache))
        return loader.open_index([str(folder)], use_cache=True, warn=print)


@pytest.fixture(scope="module")
def both(corpus: tuple[Path, Path]) -> tuple[Index, Index]:
    """(index built in this run, the same corpus read back from the cache)."""
    built = _open(corpus)
    cached = _open(corpus)
    assert cached.docs == built.docs
    assert "_speaker_index" in vars(cached) and vars(cached)["_speaker_index"] is not None
    return built, cached


def _records(index: Index, pairs: list[tuple[object, float | None]]) -> list[dict[str, object]]:
    return [serialize.record_of(index, rec) for rec, _ in pairs]


@pytest.mark.parametrize(
    "name", ["陈立新", "陳立新", "吴佩仪", "chen lixin", "陈立心", "林海峰", "Zhang Wei", "周某某"]
)
def test_speaker_lookups_agree(both: tuple[Index, Index], name: str) -> None:
    built, cached = both
    a, b = query.speaker(built, name), query.speaker(cached, name)
    assert [(h.name, h.roles, h.score, h.how) for h in a] == [(h.name, h.roles, h.score, h.how) for h in b]
    assert [h.statements for h in a] == [h.statements for h in b]


def test_an_exact_name_reads_only_that_speakers_keys(
    both: tuple[Index, Index], corpus: tuple[Path, Path]
) -> None:
    cached = _open(corpus)
    hits = query.speaker(cached, "陈立新")
    assert hits and hits[0].name == "陈立新"
    assert "speakers" not in cached.__dict__  # all keys were never built


@pytest.mark.parametrize(
    "text", ["3.2万亿", "1200亿", "12.5%", "五万", ">=1000亿", "100..2000", "<=30", "32000亿", "7%"]
)
def test_number_lookups_agree(both: tuple[Index, Index], text: str) -> None:
    built, cached = both
    for tolerance in (0.0, 0.001, 0.5):
        a = query.number(built, text, None, tolerance)
        b = query.number(cached, text, None, tolerance)
        assert [(f.id, s) for f, s in a] == [(f.id, s) for f, s in b]


def test_fact_listings_agree(both: tuple[Index, Index]) -> None:
    built, cached = both
    for low, high, unit, limit in [
        (None, None, None, None),
        ("100亿", None, None, None),
        (None, "100", "元", None),
        ("1000", "5万亿", None, 2),
    ]:
        a = query.all_facts(built, unit, low, high, limit)
        b = query.all_facts(cached, unit, low, high, limit)
        assert a == b
    assert query.all_facts(cached, None, "100亿", None)  # 3.2万亿元 and 1200亿元 at least


def test_quotes_records_and_listings_agree(both: tuple[Index, Index]) -> None:
    built, cached = both
    for kind in ("all", "direct", "indirect"):
        for limit in (None, 1, 3):
            a = query.quotes(built, None, kind, limit)
            assert a == query.quotes(cached, None, kind, limit)
            assert len(a) == (len(a) if limit is None else min(limit, len(a)))
    for record in [*built.statements, *built.facts]:
        assert cached.record(record.id) == record
    assert cached.record(built.docs[0].key + "-q999") is None
    assert cached.record("nokey-f0") is None
    for name in map(rows.speaker_name, built.speaker_rows()):
        assert cached.statements_of(name) == built.statements_of(name)
    assert list(cached.speaker_rows()) == list(built.speaker_rows())
    assert _records(built, query.quotes(built)) == _records(cached, query.quotes(cached))


def test_a_row_that_fails_its_checksum_is_corrupt(tmp_path: Path) -> None:
    rows_in = [("a", 1, 2.5, None, ("x", "y")), ("b", 2, 0.0, "元", ())]
    blob, offsets = rows._pack(rows_in)
    store = rows.RowStore(blob, offsets)
    assert list(store) == rows_in
    broken = bytearray(blob)
    broken[-1] ^= 0xFF
    with pytest.raises(CorruptStore):
        rows.RowStore(bytes(broken), offsets)[1]
    assert rows.RowStore(bytes(broken), offsets)[0] == rows_in[0]
    with pytest.raises(CorruptStore):
        rows.RowStore(blob, array.array("Q", [0, 3]))  # offsets that do not end at the blob's end


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.integers(-(10**20), 10**20),
            st.floats(allow_nan=True, allow_infinity=True, width=64),
        ),
        max_size=40,
    ),
    st.floats(-1e21, 1e21),
    st.floats(0, 1e21),
)
def test_facts_between_is_a_filter_on_the_float_value(values: list[float], low: float, width: float) -> None:
    import tempfile

    fact_rows = [(f"k-f{n}", "d", 1, "k-s0", "x", v, None, "exact", 0, 1, None) for n, v in enumerate(values)]
    with tempfile.TemporaryDirectory() as folder:
        rows.write_facts(folder, fact_rows, ["k"])
        index = rows.FactIndex(folder)
        found = index.between(low, low + width)
        expected = [n for n, v in enumerate(values) if low <= rows.sort_value(v) <= low + width]
        assert found == expected
        assert [index.rows[n] for n in found] == [fact_rows[n] for n in expected]
        assert all(not math.isnan(index.values[i]) for i in range(len(values)))
        assert index.reaching(low, low + width) == found  # no range facts: nothing more


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(-1000, 1000), st.one_of(st.none(), st.integers(0, 3000))),
        max_size=40,
    ),
    st.integers(-1200, 1200),
    st.integers(0, 500),
)
def test_facts_reaching_adds_the_ranges_that_start_below(
    facts: list[tuple[int, int | None]], low: int, width: int
) -> None:
    """The cached range index finds what a scan of the facts finds: every fact whose value or
    range (value..value+span) shares a value with [low, low+width]."""
    import tempfile

    from gdq.models import Fact
    from gdq.store.index import _reaches

    records = [
        Fact(f"k-f{n}", "d", 1, "k-s0", "x", v, None, "exact", 0, 1, None if span is None else v + span)
        for n, (v, span) in enumerate(facts)
    ]
    high = low + width
    expected = [n for n, f in enumerate(records) if _reaches(f, low, high)]
    overlapping = [
        n
        for n, f in enumerate(records)
        if f.value <= high and (f.value if f.value_max is None else f.value_max) >= low
    ]
    assert expected == overlapping
    with tempfile.TemporaryDirectory() as folder:
        rows.write_facts(folder, [tuple(f) for f in records], ["k"])  # type: ignore[misc]
        assert rows.FactIndex(folder).reaching(low, high) == expected


def test_row_readers_read_the_fields_they_name(both: tuple[Index, Index]) -> None:
    built, cached = both
    assert built.statements and built.facts and built.speakers
    for statement, row in zip(built.statements, cached.statement_rows(), strict=True):
        assert rows.statement_speaker(row) == statement.speaker and row[rows.STATEMENT_ID] == statement.id
    for fact, row in zip(built.facts, cached.fact_rows(), strict=True):
        assert rows.fact_value(row) == fact.value and row[rows.FACT_ID] == fact.id
    for keys, row in zip(built.speakers, cached.speaker_rows(), strict=True):
        assert (rows.speaker_name(row), rows.speaker_roles(row)) == (keys.name, keys.roles)
        assert (rows.speaker_key(row), rows.speaker_simplified(row)) == (keys.key, keys.simplified)
