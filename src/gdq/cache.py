"""The on-disk index cache.

One file per corpus, named by a key made from the gdq version and, for each document, its
name, size and modification time (the bytes themselves for standard input). The file holds
the index as columns of plain values written with ``marshal``, which loads several times
faster than pickled objects. A file that is truncated, corrupt or from another version is
ignored and rebuilt; writes go to a temporary file that is renamed into place, so parallel
runs never see a half-written cache.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__, names
from .corpus import Source
from .index import DocInfo, Index
from .models import Fact, Sentence, Statement

MAGIC = b"GDQIDX1\n"
_FORMAT = 1


def cache_dir() -> Path:
    env = os.environ.get("GDQ_CACHE_DIR")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "gdq"


def _code_stamp() -> str:
    """Size and mtime of gdq's own modules: an edited checkout never reads an old cache."""
    here = Path(__file__).resolve().parent
    parts = []
    for module in sorted(here.glob("*.py")):
        st = module.stat()
        parts.append(f"{module.name}:{st.st_size}:{st.st_mtime_ns}")
    return ";".join(parts)


def corpus_key(sources: Sequence[Source], stdin_bytes: bytes | None) -> str:
    h = hashlib.sha256(f"gdq {__version__} format {_FORMAT}.{names.KEYS_FORMAT}\n".encode())
    h.update(_code_stamp().encode())
    for src in sources:
        h.update(src.name.encode("utf-8", "surrogatepass") + b"\0")
        if src.path is None:
            h.update(hashlib.sha256(stdin_bytes or b"").digest())
        else:
            st = src.path.stat()
            h.update(f"{st.st_size}:{st.st_mtime_ns}\0".encode())
    return h.hexdigest()[:32]


def _columns(records: Sequence[Any], fields: Sequence[str]) -> list[list[Any]]:
    return [[getattr(r, f) for r in records] for f in fields]


# Columns in the order of the dataclass fields, so a record is rebuilt by position.
_SENTENCE = tuple(Sentence.__dataclass_fields__)
_STATEMENT = tuple(Statement.__dataclass_fields__)
_FACT = tuple(Fact.__dataclass_fields__)
_DOC = tuple(DocInfo.__dataclass_fields__)


def dumps(index: Index, key: str) -> bytes:
    payload = {
        "format": _FORMAT,
        "version": __version__,
        "key": key,
        "docs": _columns(index.docs, _DOC),
        "sentences": _columns(index.sentences, _SENTENCE),
        "statements": _columns(index.statements, _STATEMENT),
        "facts": _columns(index.facts, _FACT),
        "speakers": [names.keys_to_tuple(k) for k in index.speakers],
    }
    body = marshal.dumps(payload)
    return MAGIC + hashlib.sha256(body).digest()[:16] + body


def loads(data: bytes, key: str) -> Index | None:
    """The index stored in ``data``, or None when it is not a valid cache for ``key``."""
    if not data.startswith(MAGIC):
        return None
    digest, body = data[len(MAGIC) : len(MAGIC) + 16], data[len(MAGIC) + 16 :]
    if hashlib.sha256(body).digest()[:16] != digest:
        return None
    try:
        payload = marshal.loads(body)
        if payload["format"] != _FORMAT or payload["version"] != __version__ or payload["key"] != key:
            return None
        return Index(
            docs=tuple(DocInfo(*row) for row in zip(*payload["docs"], strict=True)),
            sentences=tuple(Sentence(*row) for row in zip(*payload["sentences"], strict=True)),
            statements=tuple(Statement(*row) for row in zip(*payload["statements"], strict=True)),
            facts=tuple(Fact(*row) for row in zip(*payload["facts"], strict=True)),
            speakers=tuple(names.keys_from_tuple(k) for k in payload["speakers"]),
        )
    except (ValueError, EOFError, TypeError, KeyError):
        return None


def path_for(key: str) -> Path:
    return cache_dir() / f"{key}.idx"


def read(key: str) -> Index | None:
    try:
        data = path_for(key).read_bytes()
    except OSError:
        return None
    return loads(data, key)


def write(index: Index, key: str) -> str | None:
    """Store the index; returns a one-line reason when the cache could not be written."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=".idx", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(dumps(index, key))
            os.replace(tmp, path_for(key))
        except BaseException:
            # Interrupted or failed: never leave a half-written file behind.
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        return f"cache folder {folder} is not writable ({exc.strerror or exc}); running without a cache"
    return None
