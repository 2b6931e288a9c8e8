"""Get the index for a corpus: from the cache when it is valid, else by building it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from . import cache, corpus
from .corpus import Warn
from .index import Index
from .pipeline import Progress

# Given the total number of bytes to index, returns the per-document progress callback.
ProgressFactory = Callable[[int], Progress]


def open_index(
    specs: Sequence[str] | None,
    *,
    use_cache: bool = True,
    warn: Warn,
    progress: ProgressFactory | None = None,
    force_rebuild: bool = False,
) -> Index:
    from . import pipeline

    sources = corpus.expand(specs)
    stdin_bytes: bytes | None = None
    if any(s.path is None for s in sources):
        stdin_bytes = corpus.read_bytes(corpus.Source(corpus.STDIN, None))

    key = cache.corpus_key(sources, stdin_bytes) if use_cache else ""
    if use_cache and not force_rebuild:
        cached = cache.read(key)
        if cached is not None:
            return cached

    def read(source: corpus.Source) -> bytes:
        return stdin_bytes or b"" if source.path is None else corpus.read_bytes(source)

    docs = corpus.load(sources, warn, read=read)
    total = sum(len(d.text) for d in docs)
    index = pipeline.build(docs, progress(total) if progress else None)
    if use_cache:
        problem = cache.write(index, key)
        if problem:
            warn(problem)
            index = replace(index, notes=(problem,))
    return index
