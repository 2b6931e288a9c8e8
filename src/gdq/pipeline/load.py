"""Get the store of a corpus: the cached database when it is current, else brought up to date.

A warm run compares each file's size and modification time with the ``documents`` table and
opens the database read as it is. A file that was added, changed or removed is processed
(only that file) and its rows replaced in one transaction; a file whose time changed but
whose content did not (its SHA-256 is kept) only gets its new time. A missing, damaged or
out-of-date database is built afresh under a temporary name and renamed into place. Files are
processed in parallel worker processes when there is enough text to repay starting them, and
their rows stream into the database, so memory stays flat however large the archive.

A file found in a folder that is not text is skipped with a warning (a file named explicitly
is an error). The database keeps its size, time and warning (table ``skipped``): a warm run
warns again without reading it, and reads it again only once it changes.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple

from gdq.errors import CorpusError
from gdq.store import cache, db
from gdq.store.index import Store
from gdq.store.rows import DocRows
from gdq.text import read as corpus
from gdq.text.read import Source, Warn

# Given the total number of bytes to index, returns a callback advanced by bytes processed.
ProgressFactory = Callable[[int], Callable[[int], None]]

# Below this much text to process, starting worker processes costs more than it saves.
PARALLEL_MIN_BYTES = 4_000_000


class Job(NamedTuple):
    source: Source
    stat: cache.SourceStat
    position: int  # place of the document in the corpus


class Delta(NamedTuple):
    """What to do to a database to make it hold the corpus."""

    jobs: list[Job]  # documents to process and add
    removed: list[int]  # ids of documents to remove (gone, or replaced by a job)
    touched: list[tuple[int, int, int]]  # (id, size, mtime_ns): same content, new time
    positions: dict[int, int]  # id → position, for every document kept

    def empty(self, current_positions: dict[int, int]) -> bool:
        return not (self.jobs or self.removed or self.touched) and self.positions == current_positions


def open_index(
    specs: Sequence[str] | None,
    *,
    use_cache: bool = True,
    warn: Warn,
    progress: ProgressFactory | None = None,
    force_rebuild: bool = False,
    glob: Sequence[str] | None = None,
) -> Store:
    """The store of the corpus ``specs`` names (see ``gdq.text.read.corpus_specs``), reading
    the files of its folders that ``glob`` selects (``gdq.text.read.Globs``; None: ``*.txt``)."""
    if use_cache:
        sources, stats = corpus.expand_with_stats(specs, glob)
    else:
        sources, stats = corpus.expand(specs, glob), []
    stdin_bytes: bytes | None = None
    if any(s.path is None for s in sources):
        # Standard input has no name, size or mtime to key a cache on: always built afresh.
        stdin_bytes = corpus.read_bytes(Source(corpus.STDIN, None))
        use_cache = False
    if not use_cache:
        jobs = [Job(src, (src.name, -1, -1), i) for i, src in enumerate(sources)]
        return _in_memory(jobs, warn, progress, stdin_bytes)

    globs = corpus.Globs.of(glob).key()
    path = cache.database_path(cache.cache_dir(), corpus.corpus_specs(specs), globs)
    jobs = _jobs(sources, stats)
    conn = None if force_rebuild else cache.open_trusted(path)
    if conn is not None:
        try:
            known = db.documents(conn)
            still_skipped = _skipped_as_before(db.skipped(conn), stats)
            if still_skipped is not None and [d[1:4] for d in known] == _kept(stats, still_skipped):
                for reason in still_skipped.values():
                    warn(reason)
                return Store(conn, path, known)  # the warm path: no lock taken, nothing written
            return _brought_up_to_date(conn, path, jobs, warn, progress)
        except sqlite3.OperationalError as exc:
            # Read-only, or locked by another run for longer than we wait.
            conn.close()
            warn(_unwritable(os.path.dirname(path), exc))
            return _in_memory(jobs, warn, progress, None)
        except sqlite3.DatabaseError:
            conn.close()  # damaged beyond what opening it showed: built again below
    if force_rebuild:
        cache.remove(path)
    try:
        conn, tmp = cache.fresh(path)
    except (OSError, sqlite3.Error) as exc:
        warn(_unwritable(os.path.dirname(path), exc))
        return _in_memory(jobs, warn, progress, None)
    try:
        _fill(conn, jobs, [], [], {}, warn, progress, None, bulk=True)
        cache.publish(conn, tmp, path)
    except BaseException:
        conn.close()
        cache.remove(tmp)
        raise
    cache.remove_stale_temporaries(os.path.dirname(path))
    reopened = cache.open_trusted(path)
    if reopened is None:
        raise CorpusError(f"the index cache {path} could not be read back; try --no-cache")
    return Store(reopened, path)


def _skipped_as_before(
    skipped: dict[str, db.SkippedRow], stats: Sequence[cache.SourceStat]
) -> dict[str, str] | None:
    """Name → warning of the files skipped before, in corpus order, when each is still there
    as it was; None when one changed or went."""
    if not skipped:
        return {}  # the usual case: one empty table read
    found = {name: (size, mtime) for name, size, mtime in stats if name in skipped}
    if len(found) != len(skipped) or any(found[n] != row[1:3] for n, row in skipped.items()):
        return None
    return {name: skipped[name][3] for name in found}


def _kept(stats: list[cache.SourceStat], skipped: dict[str, str]) -> list[cache.SourceStat]:
    return [stat for stat in stats if stat[0] not in skipped] if skipped else stats


def _in_memory(
    jobs: list[Job], warn: Warn, progress: ProgressFactory | None, stdin_bytes: bytes | None
) -> Store:
    conn = _memory_db()
    _fill(conn, jobs, [], [], {}, warn, progress, stdin_bytes, bulk=True)
    return Store(conn)


def _memory_db() -> sqlite3.Connection:
    conn = cache.connect(":memory:")
    db.create(conn, "memory")
    return conn


def _jobs(sources: Sequence[Source], stats: Sequence[cache.SourceStat]) -> list[Job]:
    return [Job(src, stat, i) for i, (src, stat) in enumerate(zip(sources, stats, strict=True))]


def memory_store(docs: Iterable[DocRows]) -> Store:
    """A store in memory of documents already processed (``stages.doc_rows``), in order."""
    conn = _memory_db()
    conn.execute("BEGIN")
    writer = db.Writer(conn, bulk=True)
    for position, rows in enumerate(docs):
        writer.add(rows, (rows.info.name, -1, -1, ""), position)
    writer.finish()
    conn.execute("COMMIT")
    return Store(conn)


def _brought_up_to_date(
    conn: sqlite3.Connection, path: str, jobs: list[Job], warn: Warn, progress: ProgressFactory | None
) -> Store:
    conn.execute("BEGIN IMMEDIATE")  # one writer at a time; readers go on meanwhile
    try:
        # Read again under the lock: another run may have made the same update meanwhile.
        known = db.documents(conn)
        jobs = _without_skipped(conn, jobs, warn)
        delta = _delta(known, jobs)
        if not delta.empty({d[0]: d[6] for d in known}):
            _fill(
                conn,
                delta.jobs,
                delta.removed,
                delta.touched,
                delta.positions,
                warn,
                progress,
                None,
                bulk=False,
            )
        with cache.interrupts_deferred():
            conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return Store(conn, path)


def _without_skipped(conn: sqlite3.Connection, jobs: list[Job], warn: Warn) -> list[Job]:
    """The jobs less the files skipped before that are as they were (warned about again);
    the skipped files that changed or went are forgotten, to be read again if present."""
    skipped = db.skipped(conn)
    if not skipped:
        return jobs
    left: list[Job] = []
    for job in jobs:
        row = skipped.get(job.stat[0])
        if row is not None and row[1:3] == job.stat[1:3]:
            warn(row[3])
            del skipped[row[0]]
        else:
            left.append(job)
    db.unskip(conn, skipped)
    return left


def _delta(known: Sequence[db.DocumentRow], jobs: list[Job]) -> Delta:
    """The documents to process, remove and re-time. A file whose time changed is read: if
    its content is what was indexed (same SHA-256), only its new time is noted."""
    by_name = {d[1]: d for d in known}  # (id, name, size, mtime_ns, key, sha256, position)
    delta = Delta([], [], [], {})
    for job in jobs:
        name, size, mtime = job.stat
        doc = by_name.pop(name, None)
        if doc is None:
            delta.jobs.append(job)
            continue
        d, old_size, old_mtime, sha = doc[0], doc[2], doc[3], doc[5]
        if (size, mtime) != (old_size, old_mtime):
            if size == old_size and _sha256(job.source) == sha:
                delta.touched.append((d, size, mtime))
            else:
                delta.removed.append(d)
                delta.jobs.append(job)
                continue
        delta.positions[d] = job.position
    delta.removed.extend(doc[0] for doc in by_name.values())
    return delta


def _sha256(source: Source) -> str:
    return hashlib.sha256(corpus.read_bytes(source)).hexdigest()


def _fill(
    conn: sqlite3.Connection,
    jobs: list[Job],
    removed: list[int],
    touched: list[tuple[int, int, int]],
    positions: dict[int, int],
    warn: Warn,
    progress: ProgressFactory | None,
    stdin_bytes: bytes | None,
    bulk: bool,
) -> None:
    """Apply a delta inside the caller's transaction (``bulk``: a new database, in its own)."""
    if bulk:
        conn.execute("BEGIN")
    writer = db.Writer(conn, bulk=bulk)
    for d in removed:
        writer.remove(d)
    db.touch(conn, touched)
    writer.reorder(positions)
    sizes = [_size(job, stdin_bytes) for job in jobs]
    advance = progress(sum(sizes)) if progress and jobs else None
    for j, rows, sha, warnings in _process_all(jobs, sizes, stdin_bytes):
        for message in warnings:
            warn(message)
        name, size, mtime = jobs[j].stat
        if isinstance(rows, str):
            db.skip(conn, (name, size, mtime, rows))
        else:
            writer.add(rows, (name, size, mtime, sha), jobs[j].position)
        if advance:
            advance(sizes[j])
    writer.finish()
    if bulk:
        conn.execute("COMMIT")


def _unwritable(root: str, exc: Exception) -> str:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
    return f"cache folder {root} is not writable ({reason}); running without a cache"


def _size(job: Job, stdin_bytes: bytes | None) -> int:
    if job.source.path is None:
        return len(stdin_bytes or b"")
    if job.stat[1] >= 0:
        return job.stat[1]  # read during the walk of the corpus
    try:
        return os.stat(job.source.path).st_size
    except OSError:
        return 0


# Rows (or, for a file found in a folder that is not text, the warning that it was skipped),
# SHA-256 of the file, warnings.
Result = tuple[DocRows | str, str, list[str]]


def _process_one(job: Job, stdin_bytes: bytes | None = None) -> Result:
    """Read, decode and run every stage on one file."""
    from gdq.pipeline import stages as pipeline

    warnings: list[str] = []
    data = stdin_bytes or b"" if job.source.path is None else corpus.read_bytes(job.source)
    sha = hashlib.sha256(data).hexdigest()
    try:
        doc = corpus.document(job.source, data, warnings.append)
    except corpus.NotText as exc:
        if not job.source.walked:
            raise
        reason = f"{exc}; skipped"
        return reason, sha, [*warnings, reason]
    return pipeline.doc_rows(pipeline.process(doc)), sha, warnings


def _worker_init() -> None:
    import signal  # here, not at the top: warm runs never start workers

    # Ctrl-C goes to the whole process group: the parent handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _work(job: Job) -> Result | str:
    """In a worker: ``_process_one``'s result, or the message of the CorpusError it raised
    (sent back as text, and raised again by the parent)."""
    try:
        return _process_one(job)
    except CorpusError as exc:
        return str(exc)


def _process_all(
    jobs: Sequence[Job], sizes: Sequence[int], stdin_bytes: bytes | None
) -> Iterator[tuple[int, DocRows | str, str, list[str]]]:
    """(position in ``jobs``, rows or why skipped, SHA-256, warnings) for each job, in order."""
    workers = min(os.cpu_count() or 1, len(jobs))
    if workers < 2 or sum(sizes) < PARALLEL_MIN_BYTES or stdin_bytes is not None:
        for i, job in enumerate(jobs):
            yield i, *_process_one(job, stdin_bytes)
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
