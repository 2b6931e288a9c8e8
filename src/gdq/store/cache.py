"""Where a corpus database lives, and opening one that can be trusted.

One SQLite file per corpus under the cache folder (``$GDQ_CACHE_DIR``, else
``$XDG_CACHE_HOME/gdq``, else ``~/.cache/gdq``)::

    <cache>/corpora/<digest of the corpus paths and globs>.sqlite

A corpus is the list of paths it was given, with the globs that select its folders' files (a
folder stays one corpus as files come and go: an added, changed or removed file changes only
its own rows). A database is used only when it
was written by this code (format and code stamp in ``meta``); otherwise, or when it is
truncated or damaged, it is built again under a temporary name and renamed into place, so a
reader never sees half of one.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from contextlib import contextmanager, suppress
from functools import lru_cache
from typing import TYPE_CHECKING

from gdq import __version__
from gdq.models import KEYS_FORMAT
from gdq.store import schema

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence


SourceStat = tuple[str, int, int]  # name, size, mtime_ns
TEMP_PREFIX = ".tmp-"
# A database another run is updating stays locked for as long as the update takes.
BUSY_TIMEOUT_MS = 600_000


def cache_dir() -> str:
    # Paths are str and os.path throughout (see corpus.bundled_corpus: pathlib's import).
    env = os.environ.get("GDQ_CACHE_DIR")
    if env:
        return env
    xdg = os.environ.get("XDG_CACHE_HOME")
    return os.path.join(xdg or os.path.join(os.path.expanduser("~"), ".cache"), "gdq")


@lru_cache(maxsize=1)
def code_stamp() -> str:
    """A digest of ``code_parts``: read once per process."""
    return hashlib.sha256(code_parts().encode()).hexdigest()


def code_parts() -> str:
    """Version, formats, and size+mtime of gdq's own modules: an edited checkout never reads
    data written by other code."""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    # The Python version too: speakers' matching keys are kept in marshal's format.
    parts = [f"{__version__}:{schema.FORMAT}:{KEYS_FORMAT}:{sys.version}"]
    # Every module and every lexicon data file: editing a word list changes what is extracted.
    # scandir rather than os.walk: every warm run reads this (~1.3 ms for ~170 files).
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


def database_path(root: str, specs: Sequence[str], globs: str = "") -> str:
    """The database of the corpus named by ``specs`` (paths as given, and where they lead)
    and the globs that select the files of its folders (``Globs.key``: "" for the default):
    other globs over one folder are another corpus."""
    h = hashlib.sha256()
    for spec in specs:
        h.update(f"{spec}\0{os.path.realpath(spec)}\0".encode("utf-8", "surrogatepass"))
    if globs:
        h.update(f"glob\0{globs}".encode("utf-8", "surrogatepass"))
    return os.path.join(root, "corpora", f"{h.hexdigest()[:24]}.sqlite")


def _looks_whole(path: str) -> bool:
    """The header is SQLite's and the file is as long as the header says: a cheap test that
    catches a truncated or overwritten file before any query runs on it."""
    try:
        with open(path, "rb") as fh:
            header = fh.read(100)
            size = os.fstat(fh.fileno()).st_size
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        return False
    page = int.from_bytes(header[16:18], "big")
    page = 65536 if page == 1 else page
    pages = int.from_bytes(header[28:32], "big")
    # The page count in the header is valid when the two change counters agree.
    return header[24:28] != header[92:96] or size == page * pages


def connect(path: str, readonly: bool = False) -> sqlite3.Connection:
    if readonly:
        uri = "file:" + path.replace("?", "%3f").replace("#", "%23") + "?mode=ro"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    else:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def open_trusted(path: str) -> sqlite3.Connection | None:
    """The database at ``path`` when it is whole and from this code, else None."""
    if not os.path.exists(path):
        return None
    try:
        conn = connect(path, readonly=not os.access(os.path.dirname(path), os.W_OK))
    except sqlite3.Error:
        return None
    try:
        # A file whose length disagrees with its header is truncated or extended, unless
        # another run is in the middle of writing it: SQLite's own check, under its locks,
        # decides (it reads every page, so only a suspicious file pays for it).
        if not _looks_whole(path) and conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
            conn.close()
            return None
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error:
        conn.close()
        return None
    if (
        meta.get("format") != str(schema.FORMAT)
        or meta.get("stamp") != code_stamp()
        or not tables.issuperset(schema.TABLES)
    ):
        conn.close()
        return None
    return conn


def fresh(path: str) -> tuple[sqlite3.Connection, str]:
    """A new, empty database under a temporary name beside ``path`` (see ``publish``); raises
    OSError or sqlite3.Error when the folder cannot take it."""
    import tempfile  # building only: a warm run never needs it

    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=".sqlite", dir=folder)
    os.close(fd)
    try:
        conn = connect(tmp)
        # Nobody else reads a database under construction, and a crash discards it: no journal.
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        from gdq.store import db

        db.create(conn, code_stamp())
    except BaseException:
        remove(tmp)
        raise
    return conn, tmp


def publish(conn: sqlite3.Connection, tmp: str, path: str) -> None:
    """Make a database built by ``fresh`` the live one (atomically: readers of the old file
    keep reading it)."""
    with interrupts_deferred():
        conn.close()
        os.replace(tmp, path)


def remove(path: str) -> None:
    """Remove a database and its journal: one that cannot be trusted (another run may have
    replaced it already), or a temporary one whose build failed."""
    for name in (path, path + "-journal"):
        with suppress(OSError):
            os.unlink(name)


def remove_stale_temporaries(folder: str, max_age: float = 3600.0) -> None:
    """Temporary databases older than ``max_age`` seconds are left by killed runs."""
    import time

    with suppress(OSError), os.scandir(folder) as entries:
        for entry in entries:
            with suppress(OSError):
                if entry.name.startswith(TEMP_PREFIX) and time.time() - entry.stat().st_mtime > max_age:
                    os.unlink(entry.path)


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold Ctrl-C until the block is done: a step is then either complete or never begun."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if received:
            raise KeyboardInterrupt
