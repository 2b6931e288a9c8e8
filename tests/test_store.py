"""The SQLite store: one code path for every lookup, and the same answers however the database
was made (in memory, built afresh on disk, or brought up to date file by file)."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdq.models import Fact, Sentence
from gdq.output import serialize
from gdq.pipeline import load as loader
from gdq.pipeline.stages import DocRecord, doc_rows
from gdq.search import query
from gdq.store import rows
from gdq.store.index import Store
from gdq.store.rows import DocInfo

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
    "c.txt": "无人发言的一篇短讯。全年投资约32000亿元,增长百分之七,工期10至15年。\n",
    "d.txt": "广州市发展改革委主任吴佩仪指出,全市数字经济核心产业增加值超过3000亿元。\n",
}


def _open(folder: Path, cache: Path, use_cache: bool = True) -> Store:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GDQ_CACHE_DIR", str(cache))
        return loader.open_index([str(folder)], use_cache=use_cache, warn=print)


def _write(folder: Path, names: list[str]) -> None:
    for name in names:
        (folder / name).write_text(ARTICLES[name], encoding="utf-8")


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Store]:
    """The same corpus: in memory, built afresh into a cache, and brought up to date file by
    file (files added in an order other than the corpus's, one changed, one removed and put
    back). The last lives in another folder, so its records have other ids and doc names."""
    folder = tmp_path_factory.mktemp("corpus")
    _write(folder, list(ARTICLES))
    memory = _open(folder, tmp_path_factory.mktemp("unused"), use_cache=False)
    cache = tmp_path_factory.mktemp("cache")
    _open(folder, cache)
    fresh = _open(folder, cache)

    history, cache2 = tmp_path_factory.mktemp("history"), tmp_path_factory.mktemp("cache2")
    for step in (["c.txt"], ["a.txt"], ["d.txt"]):
        _write(history, step)
        _open(history, cache2)
    (history / "b.txt").write_text("临时稿件。\n", encoding="utf-8")
    _open(history, cache2)
    _write(history, ["b.txt"])  # changed
    _open(history, cache2)
    (history / "d.txt").unlink()
    _open(history, cache2)
    _write(history, ["d.txt"])  # back again
    updated = _open(history, cache2)
    assert updated.path is not None and not updated.ordered  # a.txt came after c.txt
    return {"memory": memory, "fresh": fresh, "updated": updated}


def _export(store: Store) -> list[dict[str, object]]:
    records = list(serialize.export_records(store))
    for rec in records:
        rec.pop("id")
        rec.pop("sentence_id", None)
        rec["doc"] = Path(str(rec["doc"])).name
    return records


def _docs(store: Store) -> list[str]:
    return [Path(d.name).name for d in store.docs]


def test_every_way_of_building_gives_the_same_records(stores: dict[str, Store]) -> None:
    memory, fresh, updated = stores["memory"], stores["fresh"], stores["updated"]
    assert _docs(memory) == _docs(fresh) == _docs(updated) == sorted(ARTICLES)
    expected = _export(memory)
    assert expected and _export(fresh) == expected and _export(updated) == expected
    assert memory.stats() == fresh.stats() == updated.stats()


@pytest.mark.parametrize(
    "name", ["陈立新", "陳立新", "吴佩仪", "chen lixin", "陈立心", "林海峰", "Zhang Wei", "周某某"]
)
def test_speaker_lookups_agree(stores: dict[str, Store], name: str) -> None:
    answers = []
    for store in stores.values():
        hits = query.speaker(store, name)
        answers.append([(h.name, h.roles, h.score, h.how, [s.text for s in h.statements]) for h in hits])
    assert answers[0] == answers[1] == answers[2]
    listings = [list(store.iter_speakers()) for store in stores.values()]
    assert listings[0] == listings[1] == listings[2]
    assert ("吴佩仪", ("华南理工大学教授", "广州市发展改革委主任")) in listings[
        0
    ]  # roles merged in corpus order


def test_an_exact_name_reads_only_that_speakers_keys(stores: dict[str, Store]) -> None:
    store = stores["fresh"]
    store.__dict__.pop("speakers", None)
    hits = query.speaker(store, "陈立新")
    assert hits and hits[0].name == "陈立新"
    assert "speakers" not in store.__dict__  # every speaker's keys were never read


@pytest.mark.parametrize(
    "text", ["3.2万亿", "1200亿", "12.5%", "五万", ">=1000亿", "100..2000", "<=30", "12年"]
)
def test_number_lookups_agree(stores: dict[str, Store], text: str) -> None:
    answers = []
    for store in stores.values():
        for tolerance in (0.0, 0.001, 0.5):
            answers.append([(f.raw, f.value, s) for f, s in query.number(store, text, None, tolerance)])
    assert answers[0:3] == answers[3:6] == answers[6:9]
    if text == "12年":
        assert answers[1] and answers[1][0][0] == "10至15年"  # a range reaching the value


def test_keyword_in_corpus_order_however_the_database_grew(stores: dict[str, Store]) -> None:
    for word in ("表示", "亿元", "Zhang", "新材料产业"):
        found = [[Path(h.sentence.doc).name for h in query.keyword(s, [word])] for s in stores.values()]
        assert found[0] and found[0] == found[1] == found[2], word


def test_users_can_query_the_database_with_sql(stores: dict[str, Store]) -> None:
    store = stores["fresh"]
    assert store.path is not None
    with sqlite3.connect(f"file:{store.path}?mode=ro", uri=True) as conn:
        per_speaker = dict(conn.execute("SELECT speaker, count(*) FROM statements GROUP BY 1"))
        big = conn.execute("SELECT raw FROM facts WHERE value >= 1e11 ORDER BY value").fetchall()
        ids = {r[0] for r in conn.execute("SELECT id FROM sentence_records")}
    assert per_speaker == Counter(st.speaker for st in store.iter_statements())
    assert [r[0] for r in big][:2] == ["1200亿元", "超过3000亿元"]
    assert {r[0] for r in big[2:]} == {"约32000亿元", "3.2万亿元"}  # the same value
    assert ids == {s.id for s, _ in store.iter_sentences()}


def _store_of_facts(values: list[tuple[int | float, int | float | None]]) -> Store:
    sentence = Sentence("k-s0", "d", 0, 0, 1, 0, 1, "x", (1,))
    facts = tuple(
        Fact(f"k-f{n}", "d", 1, "k-s0", "x", v, None, "range" if high is not None else "exact", 0, 1, high)
        for n, (v, high) in enumerate(values)
    )
    info = DocInfo("d", "k", "utf-8", 1, 1, 1, 0, 0, 0)
    return loader.memory_store([doc_rows(DocRecord(info, (sentence,), (), facts))])


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.one_of(st.integers(-(10**20), 10**20), st.floats(allow_nan=True, allow_infinity=True, width=64)),
        max_size=30,
    ),
    st.floats(-1e21, 1e21),
    st.floats(0, 1e21),
)
def test_facts_between_is_a_filter_on_the_float_value(values: list[float], low: float, width: float) -> None:
    store = _store_of_facts([(v, None) for v in values])
    found = [f.id for f in store.facts_between(low, low + width)]
    assert found == [f"k-f{n}" for n, v in enumerate(values) if low <= rows.sort_value(v) <= low + width]
    stored = [f.value for f in store.iter_facts()]
    assert [repr(v) for v in stored] == [repr(v) for v in values]  # exact: big integers, nan, inf


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(-1000, 1000), st.one_of(st.none(), st.integers(0, 3000))), max_size=30),
    st.integers(-1200, 1200),
    st.integers(0, 500),
)
def test_facts_reaching_finds_every_fact_that_overlaps(
    facts: list[tuple[int, int | None]], low: int, width: int
) -> None:
    store = _store_of_facts([(v, None if span is None else v + span) for v, span in facts])
    high = low + width
    overlapping = [
        f"k-f{n}"
        for n, (v, span) in enumerate(facts)
        if v <= high and (v if span is None else v + span) >= low
    ]
    assert [f.id for f in store.facts_reaching(low, high)] == overlapping


@given(st.lists(st.integers(1, 400), max_size=50))
def test_word_boundaries_survive_storage(lengths: list[int]) -> None:
    ends = tuple(sum(lengths[: i + 1]) for i in range(len(lengths)))
    assert rows.word_ends(rows.words_blob(ends)) == ends


def test_a_damaged_database_is_reported_as_corrupt(tmp_path: Path) -> None:
    from gdq.store.index import CorruptStore

    folder = tmp_path / "c"
    folder.mkdir()
    _write(folder, ["a.txt"])
    store = _open(folder, tmp_path / "cache")
    assert store.path is not None
    with sqlite3.connect(store.path) as other:
        other.execute("DROP TABLE facts")
    with pytest.raises(CorruptStore):
        list(store.iter_facts())


def test_the_readme_documents_every_table_and_column() -> None:
    """The schema is public: the README's table lists each table and its columns as they are."""
    import re

    from gdq.store import db

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## The index: one SQLite database per corpus") :]
    section = section[: section.index("\n## ")]
    conn = sqlite3.connect(":memory:")
    db.create(conn, "test")
    documented: dict[str, set[str]] = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0].startswith("`"):
            table = cells[0].split("`")[1]
            documented[table] = {name.split(".")[-1] for name in re.findall(r"`([a-z_0-9.]+)`", cells[2])}
    # A view documented as "the columns of `sentences`" has them too.
    for columns in documented.values():
        columns.update(*(documented.get(other, set()) for other in columns & set(documented)))
    found = conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
    tables = {name for (name,) in found}
    public = {t for t in tables if not t.startswith("sentence_text_") and t != "sqlite_sequence"}
    assert set(documented) == public
    for table, columns in documented.items():
        actual = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        assert actual and actual <= columns, (table, actual - columns)


def test_a_chinese_query_reads_only_the_speakers_its_rules_can_reach() -> None:
    """match_speakers over the narrowed speakers finds what it finds over every speaker: typos,
    given names, surnames with titles, names with titles, roles and parts of institutions."""
    import random

    from conftest import FIXTURES, build_index
    from gdq.search.speakers import match_speakers, narrowing

    bundled = Path(__file__).resolve().parent.parent / "data" / "corpus.txt"
    store = build_index(*sorted(FIXTURES.glob("*.txt")), bundled)
    pool = store.speakers
    names = [k.simplified for k in pool]
    assert len(names) > 15
    rnd = random.Random(7)
    alphabet = "".join(sorted(set("".join(names))))
    queries = {"郑永", "永年", "郑先生", "郑永年教授", "广药集团", "李晓军", "新闻办", "研究院", "王"}
    for name in names:
        i = rnd.randrange(len(name))
        queries |= {name[:i] + rnd.choice(alphabet) + name[i + 1 :], name[1:], name[:-1], name + "董事长"}
    for k in pool:
        for role in k.role_keys[:2]:
            queries.add(role[: 2 + rnd.randrange(3)])
    narrowed_sizes = []
    for q in sorted(queries):
        n = narrowing(q)
        if n is None:
            continue
        near = store.speakers_matching(*n)
        assert match_speakers(q, near) == match_speakers(q, pool), q
        narrowed_sizes.append(len(near))
    assert len(narrowed_sizes) > 60
    assert sorted(narrowed_sizes)[len(narrowed_sizes) // 2] < len(pool) / 4  # most queries read few
    assert narrowing("zheng yongnian") is None and narrowing("Zhang Wei表示") is None


def test_a_pinyin_query_reads_only_the_speakers_it_may_spell() -> None:
    """The same for pinyin: whole names in either order, surnames, given names, initials,
    one-letter typos; the narrowed speakers give match_speakers' answers over every speaker."""
    import random

    from conftest import FIXTURES, build_index
    from gdq.search.speakers import match_speakers, spelling

    bundled = Path(__file__).resolve().parent.parent / "data" / "corpus.txt"
    store = build_index(*sorted(FIXTURES.glob("*.txt")), bundled)
    pool = store.speakers
    rnd = random.Random(3)
    queries = {"zheng yongnian", "Zhèng Yǒngnián", "zyn", "yongnian", "zhengyongnain", "guangyao", "li"}
    for k in pool:
        usual = [unit.split("|")[0] for unit in k.syllables]
        if not usual:
            continue
        n = len(k.surname)
        queries |= {"".join(usual), " ".join(usual), "".join(usual[n:] + usual[:n])}
        queries.add("".join(usual[:n] or usual))
        if k.initials:
            queries.add(k.initials)
        spelled = "".join(usual)
        i = rnd.randrange(len(spelled))
        queries.add(spelled[:i] + rnd.choice("aeiouzhng") + spelled[i + 1 :])
    checked = 0
    for q in sorted(queries):
        s = spelling(q)
        if s is None:
            continue
        checked += 1
        assert match_speakers(q, store.speakers_spelled(*s)) == match_speakers(q, pool), q
    assert checked > 40
    assert spelling("郑永年") is None
