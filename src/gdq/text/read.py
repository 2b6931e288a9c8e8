"""Find corpus files and decode them to text.

A corpus is a list of paths (files, or folders whose ``*.txt`` files are read recursively in
sorted order) or ``-`` for standard input. Each file is one document. Encodings met in Chinese
newsrooms: UTF-8 (with or without a byte-order mark), UTF-16 with a mark, GB18030/GBK.
"""

# No ``from __future__ import annotations``: see gdq.models (NamedTuple creation cost).
import codecs
import hashlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import NamedTuple

from gdq.errors import CorpusError
from gdq.models import Document

STDIN = "-"
BUNDLED_NAME = "corpus.txt"

# A UTF-8 file with a handful of bad bytes is still a UTF-8 file; beyond this share of
# undecodable bytes it is some other encoding (or not text at all).
_MAX_BAD_UTF8_SHARE = 0.01
# Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.5


class Source(NamedTuple):
    name: str  # what the user will see as the record's ``doc``
    path: str | None  # None for standard input (a str: archives hold thousands of files)


def bundled_corpus() -> str:
    """The article shipped inside the package (falls back to the source tree's data/)."""
    # os.path rather than pathlib here and in the cache: importing pathlib costs a warm run
    # about a tenth of its time.
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    for candidate in (
        os.path.join(package, "data", BUNDLED_NAME),
        os.path.join(os.path.dirname(os.path.dirname(package)), "data", BUNDLED_NAME),
    ):
        if os.path.isfile(candidate):
            return candidate
    raise CorpusError("the bundled corpus is missing from this installation; pass --corpus PATH")


def _given(cli_paths: Sequence[str] | None) -> list[str]:
    return list(cli_paths or [p for p in os.environ.get("GDQ_CORPUS", "").split(os.pathsep) if p])


def corpus_specs(cli_paths: Sequence[str] | None) -> list[str]:
    """The paths that name the corpus: --corpus, else GDQ_CORPUS (os.pathsep-separated), else
    the bundled article."""
    return _given(cli_paths) or [bundled_corpus()]


def expand(cli_paths: Sequence[str] | None) -> list[Source]:
    """The documents to read, in a stable order, each file once (see ``corpus_specs``)."""
    return _expand(cli_paths, False)[0]


# A file's name (as in Source), size and modification time (ns).
FileStat = tuple[str, int, int]


def expand_with_stats(cli_paths: Sequence[str] | None) -> tuple[list[Source], list[FileStat]]:
    """``expand``, with each file's size and time (read during the walk of a folder, which is
    a good part of a warm run over an archive). Standard input has neither: (-1, -1)."""
    return _expand(cli_paths, True)


def _expand(cli_paths: Sequence[str] | None, stats: bool) -> tuple[list[Source], list[FileStat]]:
    specs = _given(cli_paths)
    bundled = None
    if not specs:
        bundled = bundled_corpus()
        specs = [bundled]
    sources: list[Source] = []
    found_stats: list[FileStat] = []
    seen: set[str] = set()

    def add(source: Source, key: str, size: int, mtime: int) -> None:
        if key not in seen:
            seen.add(key)
            sources.append(source)
            found_stats.append((source.name, size, mtime))

    for spec in specs:
        if spec == STDIN:
            add(Source(STDIN, None), STDIN, -1, -1)
            continue
        if os.path.isdir(spec):
            files = _text_files(spec, stats)
            if not files:
                raise CorpusError(f"{spec}: folder has no .txt files; pass a folder of .txt files or a file")
            # Resolving the folder once (not every file) keeps a 10,000-file archive cheap.
            base = os.path.join(os.path.realpath(spec), "")
            prefix = os.path.join(spec, "")  # "dir" and "dir/" both give "dir/"
            if len(specs) == 1:
                # One folder (the usual archive): no file can come twice, and the names are
                # made in one pass (a warm run over 10,000 files pays for each step here).
                names = [prefix + rel for rel, _, _ in files]
                sources.extend(map(Source, names, names))
                pairs = zip(names, files, strict=True)
                found_stats.extend((name, size, mtime) for name, (_, size, mtime) in pairs)
                continue
            for rel, size, mtime in files:
                add(Source(prefix + rel, prefix + rel), base + rel, size, mtime)
        elif os.path.isfile(spec):
            name = BUNDLED_NAME if spec == bundled else spec
            size, mtime = -1, -1
            if stats:
                st = os.stat(spec)
                size, mtime = st.st_size, st.st_mtime_ns
            add(Source(name, spec), os.path.realpath(spec), size, mtime)
        elif os.path.exists(spec):
            raise CorpusError(f"{spec}: not a regular file or folder")
        else:
            raise CorpusError(f"{spec}: no such file or folder; check the --corpus path")
    return sources, found_stats


def _text_files(folder: str, stats: bool) -> list[tuple[str, int, int]]:
    """(relative path, size, mtime) of the ``*.txt`` files under a folder, sorted; symlinked
    folders are not followed. ``scandir`` knows each entry's type without a ``stat`` per file,
    and its ``stat`` is relative to the open folder. Size and time are -1 unless asked for."""
    found: list[tuple[str, int, int]] = []
    pending = [""]
    while pending:
        rel = pending.pop()
        with os.scandir(os.path.join(folder, rel) if rel else folder) as entries:
            for entry in entries:
                child = f"{rel}/{entry.name}" if rel else entry.name
                if entry.is_dir(follow_symlinks=False):
                    pending.append(child)
                elif entry.name.endswith(".txt") and entry.is_file():
                    if stats:
                        st = entry.stat()
                        found.append((child, st.st_size, st.st_mtime_ns))
                    else:
                        found.append((child, -1, -1))
    found.sort()
    return found


def read_bytes(source: Source) -> bytes:
    if source.path is None:
        return sys.stdin.buffer.read()
    try:
        with open(source.path, "rb") as fh:
            return fh.read()
    except PermissionError:
        raise CorpusError(f"{source.name}: permission denied; check the file's read permission") from None
    except OSError as exc:
        raise CorpusError(f"{source.name}: cannot read ({exc.strerror or exc})") from None


def doc_key(name: str) -> str:
    """Short key used in record ids: stable for a document name across runs and machines.

    48 bits: among 100,000 documents the chance that two share a key is about 2 in 100,000
    (six hex digits would make a clash likely in an archive of a few thousand files). Keys are
    computed per document, in parallel workers; the database writer (gdq.store.db) refuses a clash."""
    return hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:12]


Warn = Callable[[str], None]


def decode(name: str, data: bytes, warn: Warn) -> tuple[str, str]:
    """Decode a file's bytes; returns (text, encoding). Raises CorpusError when it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode_utf8(name, data[len(codecs.BOM_UTF8) :], warn), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _check_text(name, data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError:
            raise CorpusError(f"{name}: not a text file (broken UTF-16)") from None
    if b"\x00" in data:
        raise CorpusError(f"{name}: not a text file (binary data); gdq reads UTF-8 or GB18030 text")
    try:
        return _check_text(name, data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    bad = _count_bad_utf8(data)
    if bad <= max(3, len(data) * _MAX_BAD_UTF8_SHARE):
        return _decode_utf8(name, data, warn), "utf-8"
    try:
        return _check_text(name, data.decode("gb18030")), "gb18030"
    except UnicodeDecodeError:
        raise CorpusError(f"{name}: not a text file (neither UTF-8 nor GB18030)") from None


# Control characters that text files do not hold (tabs, line and page breaks they do).
_CONTROL_CHARS = [chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v"]


def _check_text(name: str, text: str) -> str:
    if text:
        # One str.count per character (in C), not a Python step per character of the text.
        control = sum(map(text.count, _CONTROL_CHARS))
        if control > len(text) * _MAX_CONTROL_SHARE:
            raise CorpusError(f"{name}: not a text file (mostly control characters)")
    return text


def _count_bad_utf8(data: bytes) -> int:
    return data.decode("utf-8", errors="replace").count("\ufffd") - data.decode(
        "utf-8", errors="ignore"
    ).count("\ufffd")


def _decode_utf8(name: str, data: bytes, warn: Warn) -> str:
    try:
        return _check_text(name, data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    bad_offsets: list[int] = []

    def record(exc: UnicodeError) -> tuple[str, int]:
        assert isinstance(exc, UnicodeDecodeError)
        bad_offsets.append(exc.start)
        return "\ufffd", exc.end

    # A private error handler sees each bad byte once, so decoding stays linear in the size.
    codecs.register_error("gdq-record", record)
    text = data.decode("utf-8", errors="gdq-record")
    lines = [data.count(b"\n", 0, off) + 1 for off in bad_offsets[:6]]
    shown = ", ".join(str(n) for n in sorted(set(lines))[:5])
    more = ", ..." if len(bad_offsets) > len(lines[:5]) else ""
    warn(f"{name}: invalid UTF-8 byte(s) on line {shown}{more}; replaced with U+FFFD, rest indexed")
    return _check_text(name, text)


def document(source: Source, data: bytes, warn: Warn) -> Document:
    """One decoded document, with its key."""
    text, encoding = decode(source.name, data, warn)
    return Document(name=source.name, key=doc_key(source.name), text=text, encoding=encoding)

