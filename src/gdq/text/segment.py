"""The one module that talks to the word segmenter.

The engine is jieba's dictionary and algorithm, run by ``rjieba`` (a binding of the Rust
port, jieba-rs) when it is installed: it gives the same words as jieba with HMM on (a test
checks this on our fixtures) at ~20× the speed and without jieba's second-long dictionary
load. Plain ``jieba`` is the fallback. Either is imported here only, on first use, so runs
that read a cached index never pay for it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from functools import lru_cache
from itertools import accumulate

Cutter = Callable[[str], list[str]]


@lru_cache(maxsize=2)
def cutter(engine: str = "auto") -> Cutter:
    """A function from text to its words. ``engine``: "auto", "rjieba" or "jieba"."""
    if engine in ("auto", "rjieba"):
        try:
            import rjieba

            return lambda text: list(rjieba.cut(text, hmm=True))
        except ImportError:
            if engine == "rjieba":
                raise
    import jieba

    # jieba logs its dictionary loading to stderr; keep stderr for gdq's own messages.
    jieba.setLogLevel(logging.ERROR)
    logging.getLogger("jieba").setLevel(logging.ERROR)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return lambda text: list(tokenizer.cut(text, HMM=True))


def word_ends_many(texts: Sequence[str]) -> list[tuple[int, ...]]:
    """For each text, the offsets where its words end (the last equals the text's length)."""
    cut = cutter()
    # accumulate and map run in C: a Python loop over every word cost more than the cut.
    return [tuple(accumulate(map(len, cut(t)))) for t in texts]
