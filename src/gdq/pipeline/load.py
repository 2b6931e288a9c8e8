"""Get the index for a corpus: from the cache when it is valid, else by building it.

Building processes only the files whose cached record is missing or stale, in parallel
worker processes when there is enough text to repay starting them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING

from gdq.errors import CorpusError
from gdq.store import cache
from gdq.store.index import Index
from gdq.text import read as corpus
from gdq.text.read import Source, Warn

if TYPE_CHECKING:
    from gdq.pipeline.stages import Packed

# Given the total number of bytes to index, returns a callback advanced by bytes processed.
ProgressFactory = Callable[[int], Callable[[int], None]]

# Below this much text to process, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 4_000_000


def open_index(
    specs: Sequence[str] | None,
    *,
    use_cache: bool = True,
    warn: Warn,
    progress: ProgressFactory | None = None,
    force_rebuild: bool = False,
) -> Index:
    sources = corpus.expand(specs)
    stdin_bytes: bytes | None = None
    if any(s.path is None for s in sources):
        # Standard input has no name, size or mtime to key a cache on: always built afresh.
        stdin_bytes = corpus.read_bytes(Source(corpus.STDIN, None))
        use_cache = False

    root = cache.cache_dir()
    stats = cache.source_stats(sources) if use_cache else []
    if use_cache and not force_rebuild:
        cached = cache.open_pack(root, stats)
        if cached is not None:
            return cached

    from gdq.pipeline.stages import assemble, unpack

    problems: list[str] = []
    records: list[Packed | None] = (
        [_cached_record(root, stat) for stat in stats] if use_cache else [None] * len(sources)
    )
    todo = [i for i, r in enumerate(records) if r is None]
    sizes = [_size(sources[i], stdin_bytes) for i in todo]
    # Records are framed (marshalled, checksummed) by the process that builds them, so this
    # one only writes and reads bytes; an uncached run frames them under a stand-in stat.
    jobs = [(sources[i], stats[i] if use_cache else (sources[i].name, -1, -1)) for i in todo]
    advance = progress(sum(sizes)) if progress else None
    for j, data, warnings in _process_all(jobs, sizes, stdin_bytes):
        i = todo[j]
        for message in warnings:
            warn(message)
        records[i] = unpack(cache.decode_record(data, jobs[j][1]), check=False)
        if use_cache and not problems:
            try:
                cache.write_record(root, stats[i], data)
            except OSError as exc:
                problems.append(_unwritable(root, exc))
        if advance:
            advance(sizes[j])

    index = assemble([r for r in records if r is not None])
    if use_cache and not problems:
        try:
            cache.write_pack(root, stats, index)
        except OSError as exc:
            problems.append(_unwritable(root, exc))
    if problems:
        warn(problems[0])  # one message, not one per file
    return index


def _cached_record(root: str, stat: cache.SourceStat) -> Packed | None:
    """The cached record of a file, or None when there is none or it does not load."""
    from gdq.pipeline.stages import unpack

    data = cache.read_record(root, stat)
    if data is None:
        return None
    try:
        return unpack(data)
    except ValueError:
        return None  # the right checksum but not the right shape: process the file again


def _unwritable(root: str, exc: OSError) -> str:
    return f"cache folder {root} is not writable ({exc.strerror or exc}); running without a cache"


def _size(source: Source, stdin_bytes: bytes | None) -> int:
    if source.path is None:
        return len(stdin_bytes or b"")
    try:
        return os.stat(source.path).st_size
    except OSError:
        return 0


Job = tuple[Source, cache.SourceStat]


def _process_one(job: Job, stdin_bytes: bytes | None = None) -> tuple[bytes, list[str]]:
    """Read, decode and run every stage on one file; returns (framed record, warnings)."""
    from gdq.pipeline import stages as pipeline

    source, stat = job
    warnings: list[str] = []
    data = stdin_bytes or b"" if source.path is None else corpus.read_bytes(source)
    doc = corpus.document(source, data, warnings.append)
    return cache.encode_record(stat, pipeline.plain(pipeline.pack(pipeline.process(doc)))), warnings


def _worker_init() -> None:
    import signal  # here, not at the top: warm runs never start workers

    # Ctrl-C goes to the whole process group: the parent handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(job: Job) -> tuple[bytes, list[str]] | str:
    """In a worker: ``_process_one``'s result, or the message of the CorpusError it raised
    (sent back as text, and raised again by the parent)."""
    try:
        return _process_one(job)
    except CorpusError as exc:
        return str(exc)


def _process_all(
    jobs: Sequence[Job], sizes: Sequence[int], stdin_bytes: bytes | None
) -> Iterator[tuple[int, bytes, list[str]]]:
    """(position in ``jobs``, framed record, warnings) for each job, in order."""
    workers = min(os.cpu_count() or 1, len(jobs))
    if workers < 2 or sum(sizes) < PARALLEL_MIN_BYTES or stdin_bytes is not None:
        for i, job in enumerate(jobs):
            data, warnings = _process_one(job, stdin_bytes)
            yield i, data, warnings
        return
    import multiprocessing

    from gdq.text import segment

    segment.cutter()  # load the dictionary once, before forking, so workers share it
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_worker_init) as pool:
        for i, result in enumerate(pool.imap(_work, jobs, chunksize=4)):
            if isinstance(result, str):
                raise CorpusError(result)
            yield i, *result
