"""What the command line's search options rest on: exact keyword matches by default (near ones
on request), full-width text found by half-width queries, whole words, context and counts;
``about`` filters of quotes, speakers and facts; speaker names found by their start, and the
matches that substitute another name; speaker records by id. All texts are invented."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import gdq
from conftest import index_of
from gdq.api import Index
from gdq.errors import QueryError
from gdq.search import query
from gdq.search.speakers import substituted

# --- keyword: exact by default ------------------------------------------------------------------

MAKERS = (
    ("青禾县制造业产值再创新高。", ()),
    ("零件先制造、再装配。", ()),
    ("当地制造企多达九十家。", ()),
    ("果园今年丰收。", ()),
)


def test_keyword_gives_exact_matches_only_by_default() -> None:
    index = Index(index_of(*MAKERS))
    assert [r["id"] for r in index.keyword("制造业")] == ["k-s0"]


def test_fuzzy_adds_near_matches_below_the_exact_ones() -> None:
    index = Index(index_of(*MAKERS))
    found = index.keyword("制造业", fuzzy=True)
    assert [r["id"] for r in found] == ["k-s0", "k-s1", "k-s2"]
    assert found[0]["score"] >= query.SCORE_SUBSTRING
    assert all(r["score"] < query.SCORE_SUBSTRING for r in found[1:])


def test_near_matches_come_alone_when_nothing_matches_exactly() -> None:
    store = index_of(*MAKERS)
    found = Index(store).keyword("制造叶")  # no sentence holds it as typed
    assert [r["id"] for r in found] == ["k-s0", "k-s1", "k-s2"]
    assert all(r["score"] < query.SCORE_SUBSTRING for r in found)
    assert not query.has_exact_match(store, ["制造叶"])
    assert query.has_exact_match(store, ["制造业"])


# --- keyword: full-width and half-width forms are one character --------------------------------

WIDE = (
    ("２０１６年青禾县营收翻番。", ()),
    ("ＡＩ芯片和ａｉ算法都在这里。", ()),
    ("Ai时代的2016年报告。", ()),
    ("峰会简称G２０，不是Ｇ２０。", ()),
    ("全角空格　在此。", ()),
)


@pytest.mark.parametrize(
    ("word", "ids"),
    [
        ("2016", ["k-s0", "k-s2"]),  # short: scanned
        ("２０１６", ["k-s0", "k-s2"]),
        ("2016年", ["k-s0", "k-s2"]),  # three or more characters: trigram lookup
        ("AI", ["k-s1", "k-s2"]),
        ("ａｉ芯片", ["k-s1"]),
        ("ai算法", ["k-s1"]),
        ("g20", ["k-s3"]),
        ("格 在", ["k-s4"]),
    ],
)
def test_full_width_and_half_width_text_match_either_query(word: str, ids: list[str]) -> None:
    found = Index(index_of(*WIDE)).keyword(word)
    assert [r["id"] for r in found] == ids
    assert all(r["score"] >= query.SCORE_SUBSTRING for r in found)  # exact, not typos


def test_full_width_matches_are_marked_in_the_text_as_written() -> None:
    [rec] = Index(index_of(*WIDE)).keyword("ai芯片")
    assert [rec["text"][s:e] for s, e in rec["matches"]] == ["ＡＩ芯片"]
    [rec] = Index(index_of(*WIDE)).keyword("G20")
    assert [rec["text"][s:e] for s, e in rec["matches"]] == ["G２０", "Ｇ２０"]


def test_full_width_text_is_found_in_a_cached_index(tmp_path: Path) -> None:
    texts = ["ＧＤＰＲ条例生效。", "新规ｇｄｐｒ落地。", "Gdpr无关。"]
    (tmp_path / "wide.txt").write_text("\n\n".join(texts), encoding="utf-8")
    gdq.open(tmp_path / "wide.txt")  # writes the cache (under the test's own home)
    index = gdq.open(tmp_path / "wide.txt")
    assert index.store.path is not None
    assert [r["text"] for r in index.keyword("gdpr")] == texts


# --- keyword: whole words ---------------------------------------------------------------------


def test_whole_words_drops_matches_inside_words() -> None:
    store = index_of(
        ("广州市政府", (3, 5)),  # 广州市/政府: 市政 cuts through two words
        ("市政工程", (2, 4)),
        ("市政和广州市政府", (2, 3, 6, 8)),
    )
    assert [r["id"] for r in Index(store).keyword("市政")] == ["k-s1", "k-s2", "k-s0"]
    found = Index(store).keyword("市政", whole_words=True)
    assert [(r["id"], r["matches"], r["score"]) for r in found] == [
        ("k-s1", [[0, 2]], 100),
        ("k-s2", [[0, 2]], 100),
    ]


def test_whole_words_applies_to_near_matches_too() -> None:
    store = index_of(("新能源汽车上市", (3, 5, 7)), ("新能源汽车厂上市", (3, 6, 8)))
    found = Index(store).keyword("新能原汽车", whole_words=True)
    assert [r["id"] for r in found] == ["k-s0"]


# --- keyword: context ---------------------------------------------------------------------------

FIVE = tuple((text, ()) for text in ("一号句。", "二号句。", "三号句有灯塔。", "四号句。", "五号句。"))


def test_context_gives_the_neighbouring_sentence_records() -> None:
    index = Index(index_of(*FIVE))
    [rec] = index.keyword("灯塔", before=1, after=2)
    assert [r["id"] for r in rec["context_before"]] == ["k-s1"]
    assert [r["id"] for r in rec["context_after"]] == ["k-s3", "k-s4"]
    assert rec["context_after"][0]["type"] == "sentence"
    [rec] = index.keyword("灯塔", before=5)
    assert [r["id"] for r in rec["context_before"]] == ["k-s0", "k-s1"] and rec["context_after"] == []


def test_context_keys_are_absent_unless_asked_for() -> None:
    index = Index(index_of(*FIVE))
    [rec] = index.keyword("灯塔")
    assert "context_before" not in rec and "context_after" not in rec
    with pytest.raises(QueryError):
        index.keyword("灯塔", after=-1)


# --- keyword: counts -----------------------------------------------------------------------------


def _archive(tmp_path: Path, texts: dict[str, str]) -> Index:
    folder = tmp_path / "archive"
    folder.mkdir()
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    return gdq.open(folder, cache=False)


def test_counts_give_matching_sentences_per_document(tmp_path: Path) -> None:
    index = _archive(
        tmp_path,
        {
            "a.txt": "松江港扩建码头。\n\n松江港的货运量上升，松江港很忙。\n\n无关的一句。\n",
            "b.txt": "松江巷的早市热闹。\n",
            "c.txt": "完全无关。\n",
        },
    )
    counts = index.keyword_counts("松江港")
    assert [(r["doc"].rsplit("/", 1)[-1], r["count"]) for r in counts] == [("a.txt", 2)]
    assert counts[0]["type"] == "count" and counts[0]["line"] is None
    assert counts[0]["id"].startswith("count-") and counts[0]["id"] != "count-"
    fuzzy = index.keyword_counts("松江港", fuzzy=True)
    assert [(r["doc"].rsplit("/", 1)[-1], r["count"]) for r in fuzzy] == [("a.txt", 2), ("b.txt", 1)]
    near = index.keyword_counts("松江巷口")  # no exact match anywhere: the near ones count
    assert [r["doc"].rsplit("/", 1)[-1] for r in near] == ["b.txt"]


# --- speakers: substitutions and the start of a name ---------------------------------------------

HARVEST = """青禾县秋收见闻

“今年全县粮食产量再创新高，人工智能灌溉系统功不可没。”青禾县农业局局长李小军表示。

县科技局局长郑远航介绍，全县新建了三座温室大棚，投资约1200万元。

“明年将继续扩大种植面积，人工智能还会用在更多地方。”郑远航说。

郑远航指出，ＡＩ育种试点已覆盖8个乡镇。
"""


@pytest.fixture()
def harvest(tmp_path: Path) -> Index:
    (tmp_path / "harvest.txt").write_text(HARVEST, encoding="utf-8")
    return gdq.open(tmp_path / "harvest.txt", cache=False)


def test_a_near_spelling_is_reported_as_a_substitution(harvest: Index) -> None:
    assert harvest.speaker_matches("李晓军") == [("李小军", "homophone")]
    assert all(substituted(how) for _, how in harvest.speaker_matches("李晓军"))
    assert [r["speaker"] for r in harvest.speaker("李晓军")] == ["李小军"]


@pytest.mark.parametrize("query_text", ["李小军", "li xiaojun", "李小", "小军", "郑远航", "郑", "农业局局长"])
def test_the_name_itself_or_a_part_of_it_is_no_substitution(harvest: Index, query_text: str) -> None:
    found = harvest.speaker_matches(query_text)
    assert found and not any(substituted(how) for _, how in found)


def test_substitutions_are_typos_and_homophones_only() -> None:
    assert substituted("typo") and substituted("homophone")
    hows = ["exact", "traditional", "pinyin", "name_in_query", "name_start", "given_name", "name_part",
            "surname", "surname_title", "initials", "role"]  # fmt: skip
    assert not any(map(substituted, hows))


def test_the_start_of_a_name_finds_the_speaker(harvest: Index) -> None:
    assert harvest.speaker_matches("郑远") == [("郑远航", "name_start")]
    assert {r["speaker"] for r in harvest.speaker("郑远")} == {"郑远航"}
    assert harvest.speaker_matches("郑远航局长") == [("郑远航", "name_in_query")]  # not a start
    assert harvest.speaker_matches("郑航") == []  # not the start: characters left out


def test_speaker_matches_keeps_only_the_speaker_types_asked_for(harvest: Index) -> None:
    assert harvest.speaker_matches("郑远", type="organisation") == []
    with pytest.raises(QueryError):
        harvest.speaker_matches("郑远", type="robot")


# --- about: quotes, speaker and facts on a subject ------------------------------------------------


def _marked(rec: dict[str, Any], field: str) -> list[str]:
    return [rec[field][s:e] for s, e in rec["matches"]]


def test_quotes_about_keep_statements_with_the_words(harvest: Index) -> None:
    found = harvest.quotes(about=["人工智能"])
    assert [r["speaker"] for r in found] == ["李小军", "郑远航"]
    assert [_marked(r, "text") for r in found] == [["人工智能"], ["人工智能"]]
    assert [r["text"] for r in harvest.quotes(about=["人工智能", "明年"])] == [found[1]["text"]]
    assert all("matches" not in r for r in harvest.quotes() + harvest.facts())  # only with about


def test_a_word_in_the_sentence_but_not_the_quote_keeps_it_unmarked(harvest: Index) -> None:
    [rec] = harvest.quotes(about=["农业局"])
    assert rec["speaker"] == "李小军" and rec["matches"] == []


def test_about_folds_width_and_case_but_forgives_no_typo(harvest: Index) -> None:
    [rec] = harvest.quotes(about=["ai"])
    assert _marked(rec, "text") == ["ＡＩ"]
    assert harvest.quotes(about=["人工智慧"]) == []


def test_about_filters_before_the_limit(harvest: Index) -> None:
    assert [r["speaker"] for r in harvest.quotes(about=["明年"], limit=1)] == ["郑远航"]
    assert len(harvest.quotes(about=["人工智能"], limit=1)) == 1


def test_speaker_about_keeps_that_speakers_statements_on_the_subject(harvest: Index) -> None:
    found = harvest.speaker("郑远航", about=["人工智能"])
    assert [r["text"] for r in found] == ["明年将继续扩大种植面积，人工智能还会用在更多地方。"]
    assert _marked(found[0], "text") == ["人工智能"]
    assert harvest.speaker("李小军", about=["温室"]) == []


def test_facts_about_keep_facts_whose_sentence_holds_the_words(harvest: Index) -> None:
    found = harvest.facts(about=["温室"])
    assert [r["raw"] for r in found] == ["三座", "约1200万元"]
    assert all(_marked(r, "sentence") == ["温室"] for r in found)
    assert [r["raw"] for r in harvest.facts(about=["温室"], min="100")] == ["约1200万元"]
    assert [r["raw"] for r in harvest.facts(about=["ＡＩ", "乡镇"])] == ["8个"]
    assert harvest.facts(about=["温室", "乡镇"]) == []


@pytest.mark.parametrize("bad", [[""], ["  "], ["人工智能", ""], ["\udcff"]])
def test_bad_about_words_are_query_errors(harvest: Index, bad: list[str]) -> None:
    for call in (
        lambda: harvest.quotes(about=bad),
        lambda: harvest.speaker("郑远航", about=bad),
        lambda: harvest.facts(about=bad),
    ):
        with pytest.raises(QueryError):
            call()


# --- show: a speaker by id ---------------------------------------------------------------------------


def test_show_of_a_speaker_id_gives_the_speakers_record(harvest: Index) -> None:
    listed = {r["name"]: r for r in harvest.speakers()}
    record = listed["郑远航"]
    assert harvest.show(record["id"]) == record
    assert harvest.show(f"  {record['id']} ", context=0) == record
    known = {r["id"] for r in harvest.speakers()}
    for unknown in ("p-000000", "p-zzzzzz", "p-", record["id"] + "0"):  # still nothing
        assert unknown not in known
        assert harvest.show(unknown) is None and harvest.show_lines(unknown) == []


def test_show_lines_of_a_speaker_id_add_the_statements_in_corpus_order(harvest: Index) -> None:
    record = {r["name"]: r for r in harvest.speakers()}["郑远航"]
    lines = harvest.show_lines(record["id"])
    assert lines[0] == record
    assert [r["type"] for r in lines[1:]] == ["quote"] * 3
    assert lines[1:] == [r for r in harvest.quotes() if r["speaker"] == "郑远航"]
