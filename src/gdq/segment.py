"""The one module that talks to the word segmenter (jieba).

jieba prints to stderr while it loads its dictionary and takes most of a second to do so; it is
imported here only, on first use, so runs that read a cached index never pay for it.
"""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _tokenizer() -> Any:
    import jieba

    jieba.setLogLevel(logging.ERROR)
    logging.getLogger("jieba").setLevel(logging.ERROR)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def words(text: str) -> list[str]:
    """The words of a text, in order; their concatenation is the text."""
    return list(_tokenizer().cut(text, HMM=True))


def word_ends(text: str) -> tuple[int, ...]:
    """Offsets where each word of ``text`` ends (the last equals ``len(text)``)."""
    ends: list[int] = []
    pos = 0
    for word in _tokenizer().cut(text, HMM=True):
        pos += len(word)
        ends.append(pos)
    return tuple(ends)
