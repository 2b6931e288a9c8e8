from __future__ import annotations

import pytest

from conftest import index_of
from gdq.errors import QueryError
from gdq.search import query
from gdq.store.index import Store as Index


def one(text: str, words: tuple[int, ...] = ()) -> Index:
    return index_of((text, words))


def test_exact_hit_on_word_boundaries_scores_highest(mini_index: Index) -> None:
    hits = query.keyword(mini_index, ["人工智能"])
    assert hits and all(h.score >= query.SCORE_SUBSTRING for h in hits[:2])
    top = hits[0]
    start, end = top.matches[0]
    assert top.sentence.text[start:end] == "人工智能"


def test_match_inside_a_word_ranks_below_a_whole_word() -> None:
    idx = index_of(("广州市政府", (3, 5)), ("市政府的", (1, 3, 4)))  # 广州市/政府, 市/政府/的
    hits = query.keyword(idx, ["市政"])
    assert [h.score for h in hits] == [query.SCORE_SUBSTRING, query.SCORE_SUBSTRING]
    hits = query.keyword(idx, ["政府"])
    assert [h.score for h in hits] == [query.SCORE_WORD, query.SCORE_WORD]


def test_typo_is_found_below_exact_hits(mini_index: Index) -> None:
    hits = query.keyword(mini_index, ["新能原汽车"])  # 原 for 源
    assert hits, "a one-character typo in a five-character word must still match"
    assert all(h.score == query.SCORE_TYPO - 10 for h in hits)
    s, e = hits[0].matches[0]
    assert hits[0].sentence.text[s:e] == "新能源汽车"


def test_two_character_words_are_not_typo_tolerant(mini_index: Index) -> None:
    assert query.keyword(mini_index, ["深川"]) == []  # 深圳 with one character changed


def test_several_words_must_all_occur(mini_index: Index) -> None:
    hits = query.keyword(mini_index, ["深圳", "研发"])
    assert len(hits) == 1
    text = hits[0].sentence.text
    assert [text[s:e] for s, e in hits[0].matches] == ["深圳", "研发"]
    assert query.keyword(mini_index, ["深圳", "佛山市"]) == []


def test_latin_letters_match_case_insensitively() -> None:
    idx = one("占GDP比重达6%左右。", (1, 4, 6, 7, 8, 9, 11, 12))
    hits = query.keyword(idx, ["gdp"])
    assert hits and hits[0].matches == ((1, 4),)


def test_all_occurrences_are_marked() -> None:
    hits = query.keyword(one("广州广州", (2, 4)), ["广州"])
    assert hits[0].matches == ((0, 2), (2, 4))


def test_limit_keeps_the_best() -> None:
    idx = index_of(("高质亮发展", (2, 3, 5)), ("高质量发展", (3, 5)))
    hits = query.keyword(idx, ["高质量发展"], limit=1)
    assert [h.sentence.id for h in hits] == ["k-s1"]
    assert [h.sentence.id for h in query.keyword(idx, ["高质量发展"])] == ["k-s1"]  # exact only
    both = query.keyword(idx, ["高质量发展"], fuzzy=True)
    assert [h.sentence.id for h in both] == ["k-s1", "k-s0"]


def test_regex_metacharacters_are_literal() -> None:
    assert query.keyword(one("价格(元)上涨.*", ()), [".*"])
    assert query.keyword(one("价格上涨", ()), [".*"]) == []


@pytest.mark.parametrize("bad", [[""], ["   "], [], ["x" * 1001]])
def test_bad_queries_are_errors(bad: list[str]) -> None:
    with pytest.raises(QueryError):
        query.keyword(one("文本。"), bad)


def test_limit_returns_the_best_even_when_weaker_hits_come_first() -> None:
    idx = index_of(
        ("广州市政府", (3, 5)),  # 市政 inside 广州市: 90
        ("市政工程", (2, 4)),  # 市政 as a word: 100
        ("加强市政管理", (2, 4, 6)),
        ("市政设施", (2, 4)),
    )
    assert [h.sentence.id for h in query.keyword(idx, ["市政"], limit=2)] == ["k-s1", "k-s2"]
    assert [h.score for h in query.keyword(idx, ["市政"], limit=4)] == [100, 100, 100, 90]


def test_a_bound_beyond_any_float_is_a_usage_error() -> None:
    from gdq.errors import QueryError
    from gdq.search import query

    with pytest.raises(QueryError, match="too large"):
        query.parse_bound("亿" * 39, "--min")


def test_a_number_query_beyond_any_float_is_a_usage_error() -> None:
    from gdq.search.numbers import NumberQueryError, parse_query

    with pytest.raises(NumberQueryError, match="too large"):
        parse_query("亿" * 39)
    with pytest.raises(NumberQueryError, match="too large"):
        parse_query("1.." + "亿" * 39)
