from __future__ import annotations

from gdq.text import dedupe


def drops(rows: list[tuple[str, bool, bool]]) -> list[bool]:
    """For (text, first in its paragraph, last in its paragraph) in order: which to drop."""
    texts, first, last = (list(column) for column in zip(*rows, strict=True))
    return dedupe.duplicate_flags(texts, first, last)


def test_exact_repeat_is_dropped_but_short_repeats_are_kept() -> None:
    long = "深圳的新能源汽车产量连续三年位居全国城市前列。"
    assert drops(
        [(long, True, True), ("谢谢大家。", True, True), (long, True, True), ("谢谢大家。", True, True)]
    ) == [
        False,
        False,
        True,
        False,
    ]


def test_whitespace_does_not_hide_a_repeat() -> None:
    long = "深圳的新能源汽车产量连续三年位居全国城市前列。"
    assert drops([(long, True, True), (long.replace("汽车", "汽 车"), True, True)]) == [False, True]


def test_reprint_starting_mid_sentence_is_dropped_at_paragraph_start_only() -> None:
    full = "春节期间,白云机场成为全国首个春运客流量突破五百万人次的机场。"
    tail = "首个春运客流量突破五百万人次的机场。"
    assert drops([(full, True, True), (tail, True, False)]) == [False, True]
    # the same words in the middle of a paragraph are a new sentence, not a reprint
    assert drops([(full, True, True), (tail, False, False)]) == [False, False]


def test_reprint_cut_at_the_end_is_dropped() -> None:
    full = "春节期间,白云机场成为全国首个春运客流量突破五百万人次的机场。"
    head = "春节期间,白云机场成为全国首个春运"
    assert drops([(full, True, True), (head, False, True)]) == [False, True]


def test_no_sentences_drop_nothing() -> None:
    assert dedupe.duplicate_flags([], [], []) == []
