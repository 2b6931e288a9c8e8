"""Sentences packed into flat buffers: one UTF-8 text blob and columns of integers.

A 100 MB archive holds about a million sentences; building a Python object for each on every
run would cost seconds. Instead the texts sit end to end in one blob (each followed by a
newline, which no sentence contains), so an exact search is one ``find`` over the blob, and the
per-sentence numbers sit in typed columns. The buffers can be plain ``bytes``/``array`` (an
index built in this run) or ``mmap`` views of the cache files (a warm run): the same class
reads both, and a ``Sentence`` object is made only for the sentences a query returns.
"""

# No ``from __future__ import annotations``: see gdq.models (NamedTuple creation cost).
import array
import mmap
import os
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate
from typing import TYPE_CHECKING, Literal, NamedTuple, overload

from gdq.models import Sentence

if TYPE_CHECKING:
    from typing import TypeAlias

    # A column of numbers: an array built in this run, or a typed view of a mapped cache file.
    IntColumn: TypeAlias = array.array[int] | memoryview[int]
    FloatColumn: TypeAlias = array.array[float] | memoryview[float]

# Per-sentence integer columns, in this order.
COLUMNS = ("doc", "para", "line", "start", "end", "speaker")
_NCOLS = len(COLUMNS)
_DOC, _PARA, _LINE, _START, _END, _SPEAKER = range(_NCOLS)

FILES = {
    "text": "text.bin",
    "offsets": "offsets.u64",  # byte offset of each sentence in the blob, plus the end
    "cols": "cols.u32",
    "word_offsets": "woffsets.u64",  # index into ``words`` of each sentence, plus the end
    "words": "words.u32",  # word end offsets (characters) within each sentence
}


# The sentence texts end to end: built in this run, or a memory map of the cache file.
Blob = bytes | mmap.mmap


class CorruptStore(Exception):
    """The packed data does not hold together: the cache must be rebuilt."""


def position(i: int | slice, length: int) -> int | range:
    """A sequence index as a position (negative ones count from the end) or, for a slice, the
    range of positions it selects; IndexError outside the sequence."""
    if isinstance(i, slice):
        return range(*i.indices(length))
    if i < 0:
        i += length
    if not 0 <= i < length:
        raise IndexError(i)
    return int(i)


class SentenceTable(Sequence[Sentence]):
    def __init__(
        self,
        doc_names: Sequence[str],
        doc_keys: Sequence[str],
        doc_first: Sequence[int],
        speaker_names: Sequence[str],
        blob: Blob,
        offsets: "IntColumn",
        cols: "IntColumn",
        word_offsets: "IntColumn",
        words: "IntColumn",
    ) -> None:
        self.doc_names = doc_names
        self.doc_keys = doc_keys
        self.doc_first = doc_first  # index of each document's first sentence, plus the total
        self.speaker_names = speaker_names
        self.blob = blob
        self.offsets = offsets
        self.cols = cols
        self.word_offsets = word_offsets
        self.words = words
        self._doc_by_key = {k: i for i, k in enumerate(doc_keys)}
        self._check()

    def _check(self) -> None:
        n = len(self.offsets) - 1
        if (
            n < 0
            or len(self.cols) != n * _NCOLS
            or len(self.word_offsets) != n + 1
            or (n and (self.offsets[0] != 0 or self.offsets[n] != len(self.blob)))
            or self.word_offsets[n] != len(self.words)
            or len(self.doc_first) != len(self.doc_names) + 1
            or self.doc_first[-1] != n
        ):
            raise CorruptStore("sentence store columns do not match")

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def text(self, i: int) -> str:
        try:
            return bytes(self.blob[self.offsets[i] : self.offsets[i + 1] - 1]).decode("utf-8")
        except UnicodeDecodeError:
            raise CorruptStore("sentence text is not UTF-8") from None

    def word_ends(self, i: int) -> Sequence[int]:
        return self.words[self.word_offsets[i] : self.word_offsets[i + 1]]

    def doc_index(self, i: int) -> int:
        return int(self.cols[i * _NCOLS + _DOC])

    def speaker(self, i: int) -> str | None:
        n = self.cols[i * _NCOLS + _SPEAKER]
        return self.speaker_names[n - 1] if n else None

    def sentence_id(self, i: int) -> str:
        d = self.doc_index(i)
        return f"{self.doc_keys[d]}-s{i - self.doc_first[d]}"

    @overload
    def __getitem__(self, index: int) -> Sentence: ...
    @overload
    def __getitem__(self, index: slice) -> list[Sentence]: ...
    def __getitem__(self, index: int | slice) -> Sentence | list[Sentence]:
        i = position(index, len(self))
        if isinstance(i, range):
            return [self[j] for j in i]
        base = i * _NCOLS
        d = int(self.cols[base + _DOC])
        return Sentence(
            id=f"{self.doc_keys[d]}-s{i - self.doc_first[d]}",
            doc=self.doc_names[d],
            para=int(self.cols[base + _PARA]),
            seq=i - self.doc_first[d],
            line=int(self.cols[base + _LINE]),
            start=int(self.cols[base + _START]),
            end=int(self.cols[base + _END]),
            text=self.text(i),
            words=tuple(self.words[self.word_offsets[i] : self.word_offsets[i + 1]]),
        )

    def __iter__(self) -> Iterator[Sentence]:
        for i in range(len(self)):
            yield self[i]

    def doc_number(self, key: str) -> int | None:
        """Position of the document with this record key, or None."""
        return self._doc_by_key.get(key)

    def position(self, sentence_id: str) -> int | None:
        """Table position of a sentence id (``<doc key>-s<n>``), or None."""
        key, sep, number = sentence_id.rpartition("-s")
        d = self._doc_by_key.get(key)
        if not sep or d is None or not number.isdigit():
            return None
        i = self.doc_first[d] + int(number)
        return i if i < self.doc_first[d + 1] else None

    def containing(self, term: str, ignore_case: bool = False) -> Iterator[int]:
        """Positions of the sentences whose text contains ``term`` (ASCII case folded if asked),
        in order, found lazily: a caller that needs only the first few stops the scan early."""
        needle = term.encode("utf-8")
        if not needle or b"\n" in needle:
            return
        offsets = self.offsets
        if ignore_case:
            import re

            pattern = re.compile(re.escape(needle), re.IGNORECASE)
            pos = 0
            while (match := pattern.search(self.blob, pos)) is not None:
                i = bisect_right(offsets, match.start()) - 1
                yield i
                pos = offsets[i + 1]
            return
        pos = self.blob.find(needle)
        while pos != -1:
            i = bisect_right(offsets, pos) - 1
            yield i
            pos = self.blob.find(needle, offsets[i + 1])

    def all_texts(self) -> list[str]:
        """Every sentence text, in order (for scans that must look at everything)."""
        try:
            texts = bytes(self.blob).decode("utf-8").split("\n")
        except UnicodeDecodeError:
            raise CorruptStore("sentence text is not UTF-8") from None
        return texts[: len(self)]


class PackedSentences(NamedTuple):
    """The sentences of one document as the buffers of a table, ready to be appended to one:
    built in the worker process that read the document, so that joining an archive's tables
    is concatenation (C) rather than a Python step per sentence. The arrays are native
    byte order, like the cache files they end up in."""

    text: bytes  # each sentence's UTF-8 text followed by "\n"
    lengths: bytes  # array "Q": byte length of each sentence in ``text``, "\n" included
    cols: bytes  # array "I": COLUMNS per sentence, with doc 0 and speaker as given (see pack)
    word_counts: bytes  # array "I": number of word ends of each sentence
    words: bytes  # array "I": word ends, sentence after sentence


def pack_sentences(sentences: Sequence[Sentence], speaker_ids: Sequence[int]) -> PackedSentences:
    """``speaker_ids``: per sentence, a number that the joining step maps (0 stays 0)."""
    texts = [s.text.encode("utf-8", "surrogatepass") + b"\n" for s in sentences]
    cols = array.array("I")
    words = array.array("I")
    for s, speaker in zip(sentences, speaker_ids, strict=True):
        cols.extend((0, s.para, s.line, s.start, s.end, speaker))
        words.extend(s.words)
    return PackedSentences(
        b"".join(texts),
        array.array("Q", map(len, texts)).tobytes(),
        cols.tobytes(),
        array.array("I", [len(s.words) for s in sentences]).tobytes(),
        words.tobytes(),
    )


def check_packed(packed: PackedSentences, speakers: int) -> None:
    """Raise ValueError unless the buffers hold together (a cached record is checked before
    use, so that joining it cannot fail half-way)."""
    if not all(isinstance(part, bytes) for part in packed):
        raise ValueError("packed sentences: not bytes")
    lengths = _array("Q", packed.lengths)
    cols = _array("I", packed.cols)
    counts = _array("I", packed.word_counts)
    n = len(lengths)
    if len(cols) != n * _NCOLS or len(counts) != n or sum(lengths) != len(packed.text):
        raise ValueError("packed sentences: buffers of different lengths")
    if sum(counts) * counts.itemsize != len(packed.words):
        raise ValueError("packed sentences: word counts do not match")
    if n and max(cols[_SPEAKER::_NCOLS]) > speakers:
        raise ValueError("packed sentences: unknown speaker")


def _array(typecode: str, data: bytes) -> "array.array[int]":
    out = array.array(typecode)
    out.frombytes(data)  # ValueError when the length is not a multiple of the item size
    return out


class TableBuilder:
    """Joins the packed sentences of documents, in order, into one table."""

    def __init__(self) -> None:
        self.doc_names: list[str] = []
        self.doc_keys: list[str] = []
        self.doc_first: list[int] = [0]
        self.parts: list[bytes] = []
        self.offsets = array.array("Q", [0])
        self.cols = array.array("I")
        self.word_offsets = array.array("Q", [0])
        self.words = array.array("I")

    def add(self, name: str, key: str, packed: PackedSentences, speaker_map: Sequence[int]) -> None:
        """Append a document (checked with ``check_packed`` when it was read from a file); a
        sentence's speaker number n becomes ``speaker_map[n]``."""
        d = len(self.doc_names)
        lengths = _array("Q", packed.lengths)
        cols = _array("I", packed.cols)
        n = len(lengths)
        if n:
            # Columns are filled with extended slices and map, which run in C.
            cols[_DOC::_NCOLS] = array.array("I", [d]) * n
            local = cols[_SPEAKER::_NCOLS]
            cols[_SPEAKER::_NCOLS] = array.array("I", map(speaker_map.__getitem__, local))
        ends = accumulate(lengths, initial=self.offsets[-1])
        next(ends)
        self.offsets.extend(ends)
        word_ends = accumulate(_array("I", packed.word_counts), initial=self.word_offsets[-1])
        next(word_ends)
        self.word_offsets.extend(word_ends)
        self.parts.append(packed.text)
        self.cols += cols
        self.words.frombytes(packed.words)
        self.doc_names.append(name)
        self.doc_keys.append(key)
        self.doc_first.append(len(self.offsets) - 1)

    def table(self, speaker_names: Sequence[str]) -> SentenceTable:
        return SentenceTable(
            self.doc_names, self.doc_keys, self.doc_first, speaker_names, b"".join(self.parts),
            self.offsets, self.cols, self.word_offsets, self.words,
        )  # fmt: skip


def write_table(table: SentenceTable, folder: str) -> None:
    """Write the buffers of a table as files (the caller owns atomicity)."""
    buffers = {
        "text": table.blob,
        "offsets": table.offsets,
        "cols": table.cols,
        "word_offsets": table.word_offsets,
        "words": table.words,
    }
    for name, buffer in buffers.items():
        with open(os.path.join(folder, FILES[name]), "wb") as fh:
            fh.write(memoryview(buffer).cast("B") if not isinstance(buffer, bytes) else buffer)


@overload
def map_file(path: str, fmt: None) -> Blob: ...
@overload
def map_file(path: str, fmt: Literal["Q", "I"]) -> "IntColumn": ...
@overload
def map_file(path: str, fmt: Literal["d"]) -> "FloatColumn": ...
def map_file(path: str, fmt: Literal["Q", "I", "d"] | None) -> "Blob | IntColumn | FloatColumn":
    """A file memory-mapped read-only: bytes-like (``fmt`` None) or a typed view."""
    size = os.stat(path).st_size
    if size == 0:
        return b"" if fmt is None else array.array(fmt)
    with open(path, "rb") as fh:
        mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
    if fmt is None:
        return mapped
    item = array.array(fmt).itemsize
    if size % item:
        raise CorruptStore(f"{os.path.basename(path)}: truncated")
    return memoryview(mapped).cast(fmt)


def open_table(
    folder: str,
    doc_names: Sequence[str],
    doc_keys: Sequence[str],
    doc_first: Sequence[int],
    speaker_names: Sequence[str],
) -> SentenceTable:
    try:
        return SentenceTable(
            doc_names, doc_keys, doc_first, speaker_names,
            map_file(os.path.join(folder, FILES["text"]), None),
            map_file(os.path.join(folder, FILES["offsets"]), "Q"),
            map_file(os.path.join(folder, FILES["cols"]), "I"),
            map_file(os.path.join(folder, FILES["word_offsets"]), "Q"),
            map_file(os.path.join(folder, FILES["words"]), "I"),
        )  # fmt: skip
    except (OSError, ValueError, TypeError) as exc:
        raise CorruptStore(str(exc)) from None


def file_sizes(folder: str) -> dict[str, int]:
    return {name: os.path.getsize(os.path.join(folder, name)) for name in FILES.values()}
