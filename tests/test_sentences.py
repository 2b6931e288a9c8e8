from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import read_table
from gdq.text import sentences

_PAD = " \t\u3000\u00a0"


@pytest.mark.parametrize(("paragraph", "expected"), read_table("sentences.tsv"))
def test_split_table(paragraph: str, expected: str) -> None:
    got = [paragraph[s:e] for s, e in sentences.split(paragraph)]
    assert got == expected.split(" | ")


def test_matched_pairs_ignore_mismatched_marks() -> None:
    text = "“甲（乙”丙）"
    assert sentences.matched_pairs(text) == [(0, 4)]  # （ is dropped, ） stays unmatched


_ALPHABET = st.sampled_from(list('我们的发展。！？!?.,，“”‘’「」《》（）()" 　a1\u3000'))


@given(st.text(_ALPHABET, max_size=80) | st.text(max_size=80))
def test_spans_cover_the_paragraph(text: str) -> None:
    spans = sentences.split(text)
    pos = 0
    for start, end in spans:
        assert pos <= start < end <= len(text)
        assert all(ch in _PAD for ch in text[pos:start])
        pos = end
    assert all(ch in _PAD for ch in text[pos:])
