"""The on-disk cache: one record per processed file, and one packed index per corpus.

Layout under the cache folder (``$GDQ_CACHE_DIR``, else ``$XDG_CACHE_HOME/gdq``, else
``~/.cache/gdq``)::

    docs/<h>.rec                 one processed file, valid for its name, size and mtime
    packs/<corpus>/current       the name of the live build folder of this corpus
    packs/<corpus>/<build>/      packed sentences (see gdq.store.table) + marshal files + manifest

A corpus is the list of files it reads; its pack is valid while every file has the size and
modification time recorded in the manifest and the gdq code is the same. When a file is
added or changed, only that file is processed again: the others come from ``docs/``. Every
file is written to a temporary name and renamed into place, and a pack becomes live by
replacing ``current``, so parallel runs never see half-written data. Anything truncated,
corrupt or from another version fails its checks and is rebuilt.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import time
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from gdq import __version__
from gdq.extract import speakers
from gdq.store import rows
from gdq.store import table as store
from gdq.store.index import DocInfo, Index
from gdq.text.read import Source

if TYPE_CHECKING:
    # What marshal writes: builtin values (None, numbers, str, bytes, tuples, lists, dicts),
    # nested. Read back, such a value is an ``object`` until checked.
    from marshal import _Marshallable as Plain

_FORMAT = 9  # 9: range facts indexed by their high end (facts.rhigh, facts.rlow, facts.rrows)
_MAGIC = b"GDQ5"

SourceStat = tuple[str, int, int]  # name, size, mtime_ns
T = TypeVar("T")


def cache_dir() -> str:
    # Paths are str and os.path throughout (see corpus.bundled_corpus: pathlib's import).
    env = os.environ.get("GDQ_CACHE_DIR")
    if env:
        return env
    xdg = os.environ.get("XDG_CACHE_HOME")
    return os.path.join(xdg or os.path.join(os.path.expanduser("~"), ".cache"), "gdq")


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """Version, formats, and size+mtime of gdq's own modules: an edited checkout never reads
    data written by other code. Read once per process: every record path depends on it."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    parts = [f"{__version__}:{_FORMAT}:{speakers.KEYS_FORMAT}"]
    # Every module and every lexicon data file: editing a word list changes what is extracted.
    # scandir rather than os.walk: every warm run reads this, and scandir's entries spare the
    # path joins and a third of the time (~1.3 ms for ~170 files).
    folders = [package]
    while folders:
        for entry in sorted(os.scandir(folders.pop()), key=lambda e: e.name):
            if entry.is_dir():
                if entry.name != "__pycache__":
                    folders.append(entry.path)
            elif entry.name.endswith((".py", ".txt", ".tsv")) and entry.name != "corpus.txt":
                st = entry.stat()
                parts.append(f"{entry.path[len(package) + 1 :]}:{st.st_size}:{st.st_mtime_ns}")
    return ";".join(parts)


def _digest(*parts: str) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    return h.hexdigest()[:24]


def source_stats(sources: Sequence[Source]) -> list[SourceStat]:
    out: list[SourceStat] = []
    for src in sources:
        assert src.path is not None  # standard input is never cached
        st = os.stat(src.path)
        out.append((src.name, st.st_size, st.st_mtime_ns))
    return out


# --- small marshal files with a checksum -----------------------------------------------------


def _frame(value: Plain) -> bytes:
    """``value`` marshalled, behind a magic number and a checksum of the body."""
    body = marshal.dumps(value)
    return _MAGIC + zlib.crc32(body).to_bytes(4, "little") + body


def _unframe(data: bytes, name: str) -> object:
    """The value of ``_frame``'s output; raises CorruptStore when it does not check out."""
    body = memoryview(data)[8:]
    if data[:4] != _MAGIC or int.from_bytes(data[4:8], "little") != zlib.crc32(body):
        raise store.CorruptStore(f"{name}: checksum mismatch")
    try:
        return marshal.loads(body)
    except (ValueError, EOFError, TypeError) as exc:
        raise store.CorruptStore(f"{name}: {exc}") from None


def _field(table: object, key: str, kind: type[T]) -> T:
    """``table[key]`` of a table read back from marshal, checked to be a ``kind``; raises
    CorruptStore when it is not."""
    value = table.get(key) if isinstance(table, dict) else None
    if not isinstance(value, kind):
        raise store.CorruptStore(f"{key}: not a {kind.__name__}")
    return value


def _dump(path: str, value: Plain) -> None:
    _write_atomic(path, _frame(value))


def _load(path: str) -> object:
    """The value in a file written by ``_dump``; raises CorruptStore when it does not check out."""
    name = os.path.basename(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise store.CorruptStore(f"{name}: {exc.strerror or exc}") from None
    return _unframe(data, name)


@contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C until the block is done: a write is then either complete or never begun.

    (Catching KeyboardInterrupt cannot close every window: it may arrive between creating a
    temporary file and the line that would remove it.)"""
    import signal  # writing only, like tempfile: a warm run never needs either
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    # A handler, not a signal mask: a process with worker threads (the build's pool) may take
    # the signal on another thread, and Python then raises in the main thread all the same.
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            raise KeyboardInterrupt


def _write_atomic(path: str, data: bytes) -> None:
    import tempfile  # writing only: a warm run never needs it

    with _interrupts_deferred():
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=os.path.dirname(path))
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            # Failed (a full disk, say): never leave a half-written file behind.
            with suppress(FileNotFoundError):
                os.unlink(tmp)
            raise


# --- per-file records ------------------------------------------------------------------------


def _record_path(root: str, name: str) -> str:
    return os.path.join(root, "docs", f"{_digest(_code_stamp(), name)}.rec")


def read_record(root: str, stat: SourceStat) -> object | None:
    """The plain record cached for a file, or None when absent or stale."""
    try:
        stored = _load(_record_path(root, stat[0]))
    except store.CorruptStore:
        return None
    return _current(stored, stat)


def _current(stored: object, stat: SourceStat) -> object | None:
    if not isinstance(stored, tuple) or len(stored) != 2 or tuple(stored[0]) != tuple(stat):
        return None
    record: object = stored[1]
    return record


def encode_record(stat: SourceStat, plain: Plain) -> bytes:
    """The file content of a record (made in the worker process that built the record, so the
    parent only writes bytes)."""
    return _frame((tuple(stat), plain))


def decode_record(data: bytes, stat: SourceStat) -> object:
    """The plain record in ``encode_record``'s output."""
    stored = _current(_unframe(data, stat[0]), stat)
    if stored is None:
        raise store.CorruptStore(f"{stat[0]}: record does not match its file")
    return stored


def write_record(root: str, stat: SourceStat, data: bytes) -> None:
    """Store the output of ``encode_record`` (raises OSError when it cannot)."""
    path = _record_path(root, stat[0])
    os.makedirs(os.path.dirname(path), exist_ok=True)
    _write_atomic(path, data)


# --- packed index per corpus -----------------------------------------------------------------


def _pack_root(root: str, stats: Sequence[SourceStat]) -> str:
    return os.path.join(root, "packs", _digest(_code_stamp(), *(s[0] for s in stats)))


def write_pack(root: str, stats: Sequence[SourceStat], index: Index) -> None:
    """Store the index as the live pack of this corpus (raises OSError when it cannot)."""
    with _interrupts_deferred():
        _write_pack(root, stats, index)


def _write_pack(root: str, stats: Sequence[SourceStat], index: Index) -> None:
    import shutil
    import tempfile

    corpus_root = _pack_root(root, stats)
    os.makedirs(corpus_root, exist_ok=True)
    # Filled under a temporary name, so that other runs cleaning up never remove it half-done.
    work = tempfile.mkdtemp(prefix=".tmp-build-", dir=corpus_root)
    build = work
    join = os.path.join
    try:
        table = index.sentences
        store.write_table(table, build)
        _dump(
            join(build, "meta.marshal"),
            {
                "docs": [tuple(d) for d in index.docs],
                "doc_first": list(table.doc_first),
                "speaker_names": list(table.speaker_names),
                "counts": dict(index.counts),
            },
        )
        doc_keys = [d.key for d in index.docs]
        rows.write_statements(build, index.statement_rows(), doc_keys, table.speaker_names)
        rows.write_facts(build, index.fact_rows(), doc_keys)
        rows.write_speakers(build, index.speaker_rows())
        _dump(
            join(build, "manifest.marshal"),
            {"sources": [tuple(s) for s in stats], "files": {**store.file_sizes(build), **rows.files(build)}},
        )
        build = join(corpus_root, os.path.basename(work).removeprefix(".tmp-"))
        os.rename(work, build)
        _write_atomic(join(corpus_root, "current"), os.path.basename(build).encode())
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    _remove_old_builds(corpus_root, keep=os.path.basename(build))


def _remove_old_builds(corpus_root: str, keep: str) -> None:
    import shutil

    # Another run may still read an older build; on POSIX its open files stay readable after
    # removal, and a run that had not opened them yet treats them as a miss and rebuilds.
    # Temporary folders are another run's work in progress unless they are old (a killed run).
    with os.scandir(corpus_root) as entries:
        for entry in entries:
            try:
                stale = entry.name.startswith(".tmp-") and time.time() - entry.stat().st_mtime > 3600
                folder = entry.is_dir()
            except OSError:
                continue  # removed meanwhile by another run
            if folder and ((entry.name.startswith("build-") and entry.name != keep) or stale):
                shutil.rmtree(entry.path, ignore_errors=True)


def open_pack(root: str, stats: Sequence[SourceStat]) -> Index | None:
    """The cached index of this corpus, or None when there is none or it is stale/corrupt."""
    corpus_root = _pack_root(root, stats)
    try:
        with open(os.path.join(corpus_root, "current"), encoding="ascii") as fh:
            build = os.path.join(corpus_root, fh.read().strip())
        manifest = _load(os.path.join(build, "manifest.marshal"))
        if [tuple(s) for s in _field(manifest, "sources", list)] != [tuple(s) for s in stats]:
            return None
        if {**store.file_sizes(build), **rows.files(build)} != _field(manifest, "files", dict):
            return None  # a truncated or replaced column file
        meta = _load(os.path.join(build, "meta.marshal"))
        docs = [DocInfo(*d) for d in _field(meta, "docs", list)]
        table = store.open_table(
            build,
            [d.name for d in docs],
            [d.key for d in docs],
            _field(meta, "doc_first", list),
            _field(meta, "speaker_names", list),
        )
        counts = _field(meta, "counts", dict)
    except (OSError, store.CorruptStore, KeyError, TypeError, ValueError):
        return None

    statement_index = lru_cache(maxsize=1)(lambda: rows.StatementIndex(build))
    fact_index = lru_cache(maxsize=1)(lambda: rows.FactIndex(build))
    speaker_index = lru_cache(maxsize=1)(lambda: rows.SpeakerIndex(build))

    return Index(
        docs,
        table,
        lambda: statement_index().rows,
        lambda: fact_index().rows,
        lambda: speaker_index().rows,
        counts,
        statement_index=statement_index,
        fact_index=fact_index,
        speaker_index=speaker_index,
    )
