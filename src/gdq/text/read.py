"""Find corpus files and decode them to text.

A corpus is a list of paths (files, or folders whose ``*.txt`` files, or the files that the
given globs select, are read recursively in sorted order) or ``-`` for standard input. Each
file is one document. Encodings met in Chinese newsrooms: UTF-8 (with or without a byte-order
mark), UTF-16 (with a mark, or without one when its zero bytes give it away), GB18030/GBK and
Big5. Valid UTF-8 is recognised without any detection; only other files pay for it.
"""

# No ``from __future__ import annotations``: see gdq.models (NamedTuple creation cost).
import codecs
import functools
import hashlib
import os
import re
import sys
from collections.abc import Callable, Sequence
from itertools import repeat
from typing import NamedTuple

from gdq.errors import CorpusError
from gdq.models import Document

STDIN = "-"
BUNDLED_NAME = "corpus.txt"
ENV_CORPUS = "GDQ_CORPUS"
DEFAULT_GLOB = "*.txt"

# A UTF-8 file with a handful of bad bytes is still a UTF-8 file; beyond this share of
# undecodable bytes it is some other encoding (or not text at all).
_MAX_BAD_UTF8_SHARE = 0.01
# Share of control characters above which decoded "text" is really binary data.
_MAX_CONTROL_SHARE = 0.5


class NotText(CorpusError):
    """A file's bytes are not text in an encoding gdq reads (binary data, or undecodable)."""


class Source(NamedTuple):
    name: str  # what the user will see as the record's ``doc``
    path: str | None  # None for standard input (a str: archives hold thousands of files)
    # Found by walking a folder: when it is not text it is skipped with a warning, as rg
    # does; a file named explicitly that is not text is an error.
    walked: bool = False


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
    return list(cli_paths or [p for p in os.environ.get(ENV_CORPUS, "").split(os.pathsep) if p])


def corpus_specs(cli_paths: Sequence[str] | None) -> list[str]:
    """The paths that name the corpus: --corpus, else GDQ_CORPUS (os.pathsep-separated), else
    the bundled article."""
    return _given(cli_paths) or [bundled_corpus()]


def expand(cli_paths: Sequence[str] | None, glob: Sequence[str] | None = None) -> list[Source]:
    """The documents to read, in a stable order, each file once (see ``corpus_specs``);
    ``glob`` selects the files of folders (see ``Globs``)."""
    return _expand(cli_paths, False, glob)[0]


# A file's name (as in Source), size and modification time (ns).
FileStat = tuple[str, int, int]


def expand_with_stats(
    cli_paths: Sequence[str] | None, glob: Sequence[str] | None = None
) -> tuple[list[Source], list[FileStat]]:
    """``expand``, with each file's size and time (read during the walk of a folder, which is
    a good part of a warm run over an archive). Standard input has neither: (-1, -1)."""
    return _expand(cli_paths, True, glob)


def _expand(
    cli_paths: Sequence[str] | None, stats: bool, glob: Sequence[str] | None
) -> tuple[list[Source], list[FileStat]]:
    specs = _given(cli_paths)
    origin = "--corpus" if cli_paths else ENV_CORPUS
    bundled = None
    if not specs:
        bundled = bundled_corpus()
        specs = [bundled]
    globs = Globs.of(glob)
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
            files = _text_files(spec, stats, globs)
            if not files:
                raise CorpusError(f"{spec}: {globs.none_found()}")
            # Resolving the folder once (not every file) keeps a 10,000-file archive cheap.
            base = os.path.join(os.path.realpath(spec), "")
            prefix = os.path.join(spec, "")  # "dir" and "dir/" both give "dir/"
            if len(specs) == 1:
                # One folder (the usual archive): no file can come twice, and the names are
                # made in one pass (a warm run over 10,000 files pays for each step here).
                names = [prefix + rel for rel, _, _ in files]
                sources.extend(map(Source, names, names, repeat(True)))
                pairs = zip(names, files, strict=True)
                found_stats.extend((name, size, mtime) for name, (_, size, mtime) in pairs)
                continue
            for rel, size, mtime in files:
                add(Source(prefix + rel, prefix + rel, True), base + rel, size, mtime)
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
            raise CorpusError(f"{spec}: no such file or folder; check the {origin} path")
    return sources, found_stats


class Globs(NamedTuple):
    """Which files of a folder are read, as rg's ``--glob``: a file is read when an include
    pattern matches it (``*.txt`` when none is given) and no ``!`` pattern does; a folder an
    ``!`` pattern matches is not entered. A pattern without ``/`` matches a base name at any
    depth, one with ``/`` the path relative to the folder given (``*`` and ``?`` stop at
    ``/``, ``**`` does not; ``[...]`` and ``{a,b}`` as in a shell). Case counts."""

    patterns: tuple[str, ...]  # as given; () for the default
    include_name: re.Pattern[str] | None  # None with include_path None: ``*.txt``
    include_path: re.Pattern[str] | None
    exclude_name: re.Pattern[str] | None
    exclude_path: re.Pattern[str] | None

    @staticmethod
    def of(glob: Sequence[str] | None) -> "Globs":
        patterns = tuple(glob or ())
        includes: list[str] = []
        excludes: list[str] = []
        for pattern in patterns:
            negated = pattern.startswith("!")
            body = pattern[1:] if negated else pattern
            if not body.strip("/"):
                raise CorpusError(f"glob {pattern!r} is empty; give a pattern such as '*.txt' or '!draft*'")
            (excludes if negated else includes).append(body)
        if excludes and not includes:
            includes = [DEFAULT_GLOB]  # only exclusions: from today's default set
        if includes == [DEFAULT_GLOB] and not excludes:
            return Globs(patterns, None, None, None, None)
        include_name, include_path = _compiled(includes)
        exclude_name, exclude_path = _compiled(excludes)
        return Globs(patterns, include_name, include_path, exclude_name, exclude_path)

    def none_found(self) -> str:
        if not self.patterns:
            return "folder has no .txt files; pass a folder of .txt files or a file"
        return f"no file in the folder matches --glob {' '.join(self.patterns)}"

    def default(self) -> bool:
        return self.include_name is None and self.include_path is None

    def wanted(self, name: str, rel: str) -> bool:
        if self.pruned(name, rel):
            return False
        return bool(
            (self.include_name and self.include_name.fullmatch(name))
            or (self.include_path and self.include_path.fullmatch(rel))
        )

    def pruned(self, name: str, rel: str) -> bool:
        """A file or folder that an exclusion names: not read, nothing below it read."""
        return bool(
            (self.exclude_name and self.exclude_name.fullmatch(name))
            or (self.exclude_path and self.exclude_path.fullmatch(rel))
        )

    def key(self) -> str:
        """What the globs add to the cache key of a corpus ("" for the default)."""
        return "" if self.default() else "\0".join(sorted(set(self.patterns)))


def _compiled(patterns: Sequence[str]) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """Patterns on base names, and on relative paths, each joined into one expression."""
    names: list[str] = []
    paths: list[str] = []
    for pattern in patterns:
        body = pattern.lstrip("/")
        if body.endswith("/"):
            body += "**"  # a folder: everything below it
        (paths if "/" in body else names).append(_glob_regex(body))
    return (
        re.compile("|".join(names), re.S) if names else None,
        re.compile("|".join(paths), re.S) if paths else None,
    )


def _glob_regex(pattern: str) -> str:
    out: list[str] = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and (close := pattern.find("]", i + 2)) > 0:
            inside = pattern[i + 1 : close]
            if inside.startswith("!"):
                inside = "^" + inside[1:]
            out.append("[" + inside.replace("\\", "\\\\") + "]")
            i = close + 1
            continue
        elif c == "{" and (close := pattern.find("}", i)) > 0:
            choices = pattern[i + 1 : close].split(",")
            out.append("(?:" + "|".join(_glob_regex(choice) for choice in choices) + ")")
            i = close + 1
            continue
        else:
            out.append(re.escape(c))
        i += 1
    return "(?:" + "".join(out) + ")"


def _text_files(folder: str, stats: bool, globs: Globs) -> list[tuple[str, int, int]]:
    """(relative path, size, mtime) of the files under a folder that the globs select, sorted;
    symlinked folders are not followed. ``scandir`` knows each entry's type without a
    ``stat`` per file, and its ``stat`` is relative to the open folder. Size and time are -1
    unless asked for."""
    found: list[tuple[str, int, int]] = []
    pending = [""]
    # The default (``*.txt``) keeps the plain suffix test: a warm run walks every file.
    default = globs.default()
    wanted, pruned = globs.wanted, globs.pruned
    while pending:
        rel = pending.pop()
        with os.scandir(os.path.join(folder, rel) if rel else folder) as entries:
            for entry in entries:
                child = f"{rel}/{entry.name}" if rel else entry.name
                if entry.is_dir(follow_symlinks=False):
                    if default or not pruned(entry.name, child):
                        pending.append(child)
                elif (
                    entry.name.endswith(".txt") if default else wanted(entry.name, child)
                ) and entry.is_file():
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
    """Decode a file's bytes; returns (text, encoding). Raises NotText when it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        return _decode_utf8(name, data[len(codecs.BOM_UTF8) :], warn), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)) and len(data) % 4 == 0:
        # Before UTF-16: UTF-32-LE's mark begins with UTF-16-LE's.
        try:
            return _check_text(name, data.decode("utf-32")), "utf-32"
        except UnicodeDecodeError:
            pass  # UTF-16 text that begins with a NUL character, say
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _check_text(name, data.decode("utf-16")), "utf-16"
        except UnicodeDecodeError:
            raise NotText(f"{name}: not a text file (broken UTF-16)") from None
    if b"\x00" in data:
        utf16 = _utf16_without_mark(data)
        if utf16 is not None:
            return _check_text(name, utf16[0]), utf16[1]
        raise NotText(f"{name}: not a text file (binary data); gdq reads UTF-8, UTF-16, GB18030 or Big5 text")
    try:
        return _check_text(name, data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    bad, good = _utf8_counts(data)
    few_bad = bad <= max(3, len(data) * _MAX_BAD_UTF8_SHARE)
    if few_bad and good >= bad:
        return _decode_utf8(name, data, warn), "utf-8"
    found = _chinese(name, data, warn)
    if found is not None:
        return _check_text(name, found[0]), found[1]
    if few_bad:  # ASCII with a stray byte or two (Latin-1, say)
        return _decode_utf8(name, data, warn), "utf-8"
    raise NotText(f"{name}: not a text file (neither UTF-8, UTF-16, GB18030 nor Big5)")


def _utf16_without_mark(data: bytes) -> tuple[str, str] | None:
    """(text, "utf-16-le" or "utf-16-be") when the bytes read as text in one of them, else None.
    Read in the wrong order (or as UTF-16 at all, when they are not), Chinese text turns into
    Hangul, Yi, surrogates and private-use characters; read right, into Chinese, ASCII and
    punctuation."""
    if len(data) % 2:
        return None
    sample = data[:_UTF16_SAMPLE]
    shares = [(_plain_share(sample.decode(enc, "replace")), enc) for enc in ("utf-16-le", "utf-16-be")]
    if shares[0][0] == shares[1][0]:
        # Latin text reads as CJK characters either way; the zero bytes (the high byte of
        # each ASCII character) tell the order.
        le = sample[1::2].count(0) >= sample[0::2].count(0)
        share, encoding = shares[0] if le else shares[1]
    else:
        share, encoding = max(shares)
    if share < _MIN_PLAIN_SHARE:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:  # a lone surrogate further on
        return None
    return None if "\x00" in text else (text, encoding)


_UTF16_SAMPLE = 8192
_MIN_PLAIN_SHARE = 0.95
# What Chinese news text is made of: ASCII, Latin-1 symbols, general punctuation (“” — …),
# CJK punctuation, the unified ideographs, full-width forms.
@functools.cache
def _not_plain() -> re.Pattern[str]:
    # Compiled on first use: the big character class costs a warm run ~3 ms to compile.
    return re.compile("[^\t\n\r\x20-\x7e\xa0-\xff\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _plain_share(text: str) -> float:
    if not text:
        return 0.0
    return 1 - len(_not_plain().findall(text)) / len(text)


# Big5 as Python names its variants, strictest first: Microsoft's cp950 adds a few symbols
# (the euro sign, box drawing), HKSCS the characters of Hong Kong.
_BIG5 = ("big5", "cp950", "big5hkscs")
# The share of common characters (see ``_common_share``) that text decoded right has, and by
# how much it beats the same bytes decoded in the other encoding, for that count to settle
# what charset-normalizer hesitates on, or to overrule it (it errs on a few short files).
_COMMON_RIGHT = 0.9
_COMMON_CLEAR_GAP = 0.4


def _chinese(name: str, data: bytes, warn: Warn) -> tuple[str, str] | None:
    """UTF-16 without a mark, GB18030 or Big5 (the bytes are not UTF-8), or None. Most Big5
    text is also valid GB18030 and much GB text valid Big5: when both decode, charset-normalizer
    judges which reads as language, and the share of common characters in each decoding backs
    or overrules it. When they disagree or cannot tell (a sentence or two), GB18030 is taken
    unless Big5 is clearly the better reading, and the guess is reported."""
    utf16 = _utf16_without_mark(data)
    if utf16 is not None:  # no zero byte: Chinese characters only
        return utf16
    decoded = _decodings(data)
    if len(decoded) < 2:
        return (decoded[0][1], decoded[0][0]) if decoded else None
    (gb, gb_text), (big5, big5_text) = decoded
    shares = {gb: _common_share(gb_text, "gb2312"), big5: _common_share(big5_text, "big5")}
    clearly = _clearly_better(shares[gb], shares[big5], gb, big5)
    found = _detected(data, [gb, big5])
    if len(found) == 1 and clearly in (None, found[0]):
        encoding = found[0]
    elif len(found) != 1 and clearly is not None:
        encoding = clearly
    else:
        encoding = big5 if clearly == big5 else gb
        warn(f"{name}: encoding guessed as {encoding} (not certain)")
    return (gb_text, gb) if encoding == gb else (big5_text, big5)


def _clearly_better(gb_share: float, big5_share: float, gb: str, big5: str) -> str | None:
    if gb_share >= _COMMON_RIGHT and gb_share - big5_share >= _COMMON_CLEAR_GAP:
        return gb
    if big5_share >= _COMMON_RIGHT and big5_share - gb_share >= _COMMON_CLEAR_GAP:
        return big5
    return None


def _decodings(data: bytes) -> list[tuple[str, str]]:
    """(encoding, text) for GB18030 and the first Big5 variant that decode the bytes whole."""
    found: list[tuple[str, str]] = []
    for family in (("gb18030",), _BIG5):
        for encoding in family:
            try:
                found.append((encoding, data.decode(encoding)))
                break
            except UnicodeDecodeError:
                continue
    return found


def _detected(data: bytes, encodings: list[str]) -> list[str]:
    """The encodings, of those given, that charset-normalizer finds the bytes plausible in
    (its ``chaos`` of the decoded text under its threshold), best first."""
    # Here, not at the top: only files that are not UTF-8 pay for its import (~40 ms).
    from charset_normalizer import from_bytes

    return [match.encoding for match in from_bytes(data, cp_isolation=encodings)]


# The characters of everyday text: GB2312's first level (rows 0xB0-0xD7, 3,755 characters)
# and Big5's (0xA440-0xC67E, 5,401). Decoded in the wrong encoding, text falls into each
# other's rare characters about half the time.
_COMMON = {"gb2312": (0xB0A1, 0xD7F9), "big5": (0xA440, 0xC67E)}


def _common_share(text: str, table: str) -> float:
    """Share of the CJK characters of a text (its first thousand) that are common ones."""
    low, high = _COMMON[table]
    han = [c for c in text[:4000] if c >= "\u3400"][:1000]
    if not han:
        return 0.0
    common = 0
    for c in han:
        code = c.encode(table, "ignore")
        common += len(code) == 2 and low <= int.from_bytes(code, "big") <= high
    return common / len(han)


# Control characters that text files do not hold (tabs, line and page breaks they do).
_CONTROL_CHARS = [chr(c) for c in range(32) if chr(c) not in "\t\n\r\f\v"]


def _check_text(name: str, text: str) -> str:
    if text:
        # One str.count per character (in C), not a Python step per character of the text.
        control = sum(map(text.count, _CONTROL_CHARS))
        if control > len(text) * _MAX_CONTROL_SHARE:
            raise NotText(f"{name}: not a text file (mostly control characters)")
    return text


def _utf8_counts(data: bytes) -> tuple[int, int]:
    """Invalid UTF-8 sequences, and valid characters beyond ASCII: a UTF-8 file with a few
    bad bytes has many more of the second (a short GB18030 file may have a few bad bytes only)."""
    kept = data.decode("utf-8", errors="ignore")
    bad = data.decode("utf-8", errors="replace").count("\ufffd") - kept.count("\ufffd")
    return bad, len(kept) - len(kept.encode("ascii", "ignore"))


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
