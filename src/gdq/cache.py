"""The on-disk cache: one record per processed file, and one packed index per corpus.

Layout under the cache folder (``$GDQ_CACHE_DIR``, else ``$XDG_CACHE_HOME/gdq``, else
``~/.cache/gdq``)::

    docs/<h>.rec                 one processed file, valid for its name, size and mtime
    packs/<corpus>/current       the name of the live build folder of this corpus
    packs/<corpus>/<build>/      packed sentences (see gdq.store) + marshal files + manifest

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
import signal
import threading
import time
import zlib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import __version__, names, store
from .corpus import Source
from .index import DocInfo, Index
from .models import Fact, Statement

_FORMAT = 3
_MAGIC = b"GDQ3"

SourceStat = tuple[str, int, int]  # name, size, mtime_ns


def cache_dir() -> Path:
    env = os.environ.get("GDQ_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "gdq"


def _code_stamp() -> str:
    """Version, formats, and size+mtime of gdq's own modules: an edited checkout never reads
    data written by other code."""
    here = Path(__file__).resolve().parent
    parts = [f"{__version__}:{_FORMAT}:{names.KEYS_FORMAT}"]
    for module in sorted(here.glob("*.py")):
        st = module.stat()
        parts.append(f"{module.name}:{st.st_size}:{st.st_mtime_ns}")
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


def _dump(path: Path, value: Any) -> None:
    body = marshal.dumps(value)
    _write_atomic(path, _MAGIC + zlib.crc32(body).to_bytes(4, "little") + body)


def _load(path: Path) -> Any:
    """The value in a file written by ``_dump``; raises CorruptStore when it does not check out."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise store.CorruptStore(f"{path.name}: {exc.strerror or exc}") from None
    body = data[8:]
    if data[:4] != _MAGIC or int.from_bytes(data[4:8], "little") != zlib.crc32(body):
        raise store.CorruptStore(f"{path.name}: checksum mismatch")
    try:
        return marshal.loads(body)
    except (ValueError, EOFError, TypeError) as exc:
        raise store.CorruptStore(f"{path.name}: {exc}") from None


@contextmanager
def _interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C until the block is done: a write is then either complete or never begun.

    (Catching KeyboardInterrupt cannot close every window: it may arrive between creating a
    temporary file and the line that would remove it.)"""
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


def _write_atomic(path: Path, data: bytes) -> None:
    import tempfile  # writing only: a warm run never needs it

    with _interrupts_deferred():
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            # Failed (a full disk, say): never leave a half-written file behind.
            Path(tmp).unlink(missing_ok=True)
            raise


# --- per-file records ------------------------------------------------------------------------


def _record_path(root: Path, name: str) -> Path:
    return root / "docs" / f"{_digest(_code_stamp(), name)}.rec"


def read_record(root: Path, stat: SourceStat) -> Any | None:
    """The plain record cached for a file, or None when absent or stale."""
    try:
        stored = _load(_record_path(root, stat[0]))
    except store.CorruptStore:
        return None
    if not isinstance(stored, tuple) or len(stored) != 2 or tuple(stored[0]) != tuple(stat):
        return None
    return stored[1]


def write_record(root: Path, stat: SourceStat, plain: Any) -> None:
    path = _record_path(root, stat[0])
    path.parent.mkdir(parents=True, exist_ok=True)
    _dump(path, (tuple(stat), plain))


# --- packed index per corpus -----------------------------------------------------------------


def _pack_root(root: Path, stats: Sequence[SourceStat]) -> Path:
    return root / "packs" / _digest(_code_stamp(), *(s[0] for s in stats))


_STATEMENT_FIELDS = tuple(Statement.__dataclass_fields__)
_FACT_FIELDS = tuple(Fact.__dataclass_fields__)


def write_pack(root: Path, stats: Sequence[SourceStat], index: Index) -> None:
    """Store the index as the live pack of this corpus (raises OSError when it cannot)."""
    with _interrupts_deferred():
        _write_pack(root, stats, index)


def _write_pack(root: Path, stats: Sequence[SourceStat], index: Index) -> None:
    import shutil
    import tempfile
    corpus_root = _pack_root(root, stats)
    corpus_root.mkdir(parents=True, exist_ok=True)
    # Filled under a temporary name, so that other runs cleaning up never remove it half-done.
    work = Path(tempfile.mkdtemp(prefix=".tmp-build-", dir=corpus_root))
    build = work
    try:
        table = index.sentences
        store.write_table(table, build)
        _dump(
            build / "meta.marshal",
            {
                "docs": [_doc_tuple(d) for d in index.docs],
                "doc_first": list(table.doc_first),
                "speaker_names": list(table.speaker_names),
                "counts": dict(index.counts),
            },
        )
        _dump(
            build / "statements.marshal",
            [[getattr(s, f) for f in _STATEMENT_FIELDS] for s in index.statements],
        )
        _dump(build / "facts.marshal", [[getattr(f, n) for n in _FACT_FIELDS] for f in index.facts])
        _dump(build / "speakers.marshal", [names.keys_to_tuple(k) for k in index.speakers])
        _dump(
            build / "manifest.marshal",
            {"sources": [tuple(s) for s in stats], "files": store.file_sizes(build)},
        )
        build = work.rename(corpus_root / work.name.removeprefix(".tmp-"))
        _write_atomic(corpus_root / "current", build.name.encode())
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    _remove_old_builds(corpus_root, keep=build.name)


def _doc_tuple(d: DocInfo) -> tuple[Any, ...]:
    return tuple(getattr(d, f) for f in DocInfo.__dataclass_fields__)


def _remove_old_builds(corpus_root: Path, keep: str) -> None:
    import shutil

    # Another run may still read an older build; on POSIX its open files stay readable after
    # removal, and a run that had not opened them yet treats them as a miss and rebuilds.
    # Temporary folders are another run's work in progress unless they are old (a killed run).
    for entry in corpus_root.iterdir():
        try:
            stale = entry.name.startswith(".tmp-") and time.time() - entry.stat().st_mtime > 3600
        except OSError:
            continue  # removed meanwhile by another run
        if entry.is_dir() and ((entry.name.startswith("build-") and entry.name != keep) or stale):
            shutil.rmtree(entry, ignore_errors=True)


def open_pack(root: Path, stats: Sequence[SourceStat]) -> Index | None:
    """The cached index of this corpus, or None when there is none or it is stale/corrupt."""
    corpus_root = _pack_root(root, stats)
    try:
        build = corpus_root / (corpus_root / "current").read_text(encoding="ascii").strip()
        manifest = _load(build / "manifest.marshal")
        if [tuple(s) for s in manifest["sources"]] != [tuple(s) for s in stats]:
            return None
        if store.file_sizes(build) != manifest["files"]:
            return None  # a truncated or replaced column file
        meta = _load(build / "meta.marshal")
        docs = [DocInfo(*d) for d in meta["docs"]]
        table = store.open_table(
            build,
            [d.name for d in docs],
            [d.key for d in docs],
            meta["doc_first"],
            meta["speaker_names"],
        )
        counts = meta["counts"]
    except (OSError, store.CorruptStore, KeyError, TypeError, ValueError):
        return None

    def statements() -> tuple[Statement, ...]:
        return tuple(Statement(*row) for row in _load(build / "statements.marshal"))

    def facts() -> tuple[Fact, ...]:
        return tuple(Fact(*row) for row in _load(build / "facts.marshal"))

    def speakers() -> tuple[names.SpeakerKeys, ...]:
        try:
            return tuple(names.keys_from_tuple(t) for t in _load(build / "speakers.marshal"))
        except ValueError as exc:
            raise store.CorruptStore(str(exc)) from None

    return Index(docs, table, statements, facts, speakers, counts)
