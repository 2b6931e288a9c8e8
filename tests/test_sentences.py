from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import read_table
from gdq.lexicon.marks import PADDING
from gdq.text import sentences


def spans(paragraph: str) -> list[tuple[int, int]]:
    numbers, starts, ends = sentences.paragraph_sentences([paragraph])
    assert numbers == [0] * len(starts)
    return list(zip(starts, ends, strict=True))


@pytest.mark.parametrize(("paragraph", "expected"), read_table("sentences.tsv"))
def test_split_table(paragraph: str, expected: str) -> None:
    got = [paragraph[s:e] for s, e in spans(paragraph)]
    assert got == expected.split(" | ")


def test_paragraphs_are_split_together_and_numbered() -> None:
    paragraphs = ["第一句。第二句！", "", "　“引语。”“又一句。”", "没有句号"]
    numbers, starts, ends = sentences.paragraph_sentences(paragraphs)
    joined = "\n".join(paragraphs)
    assert [(n, joined[s:e]) for n, s, e in zip(numbers, starts, ends, strict=True)] == [
        (0, "第一句。"),
        (0, "第二句！"),
        (2, "“引语。”"),
        (2, "“又一句。”"),
        (3, "没有句号"),
    ]


def test_matched_pairs_ignore_mismatched_marks() -> None:
    text = "“甲（乙”丙）"
    assert sentences.matched_pairs(text) == [(0, 4)]  # （ is dropped, ） stays unmatched


_ALPHABET = st.sampled_from(list('我们的发展。！？!?.,，“”‘’「」《》（）()" 　a1\u3000'))
# Paragraphs hold no line break: the layout stage splits the text at every one.
_PARAGRAPH = (st.text(_ALPHABET, max_size=80) | st.text(max_size=80)).map(lambda t: t.replace("\n", ""))


@given(st.lists(_PARAGRAPH, min_size=1, max_size=4))
def test_spans_cover_each_paragraph(paragraphs: list[str]) -> None:
    numbers, starts, ends = sentences.paragraph_sentences(paragraphs)
    assert numbers == sorted(numbers)
    base = 0
    for n, text in enumerate(paragraphs):
        pos = 0
        for k in range(len(numbers)):
            if numbers[k] != n:
                continue
            start, end = starts[k] - base, ends[k] - base
            assert pos <= start < end <= len(text)
            assert all(ch in PADDING for ch in text[pos:start])
            pos = end
        assert all(ch in PADDING for ch in text[pos:])
        base += len(text) + 1
