"""Statements and facts on disk, read row by row, with the indexes that find the rows.

A 100 MB archive holds ~400,000 statements and ~900,000 facts; unmarshalling all of them
took seconds, and building an object for each took more, on every ``gdq speaker`` or ``gdq
number``. Here each row (the tuple of a record's fields) is marshalled on its own and the rows
sit end to end in one memory-mapped blob, so a query unmarshals only the rows it returns:

- statements grouped by speaker (speaker numbers as in the sentence table), for ``speaker``;
- fact values sorted, for ``number`` and ``facts --min/--max`` (a bisection, then the rows),
  and the range facts (10至15年) by their high end, so that a range whose low end lies below
  a query's values but whose high end reaches them is found without reading the facts between;
- the first row of each document, for ``show ID`` (ids are ``<doc key>-q<n>``/``-f<n>``);
- speakers (their matching keys) by written and simplified form, so that a query naming a
  speaker reads that speaker's keys, not all of them (spellings and typos still read all).
"""

# No ``from __future__ import annotations``: see gdq.models (NamedTuple creation cost).
import array
import marshal
import math
import os
import zlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from contextlib import suppress
from itertools import accumulate, pairwise
from operator import itemgetter
from typing import TYPE_CHECKING, Generic, TypeVar, overload

from gdq.extract.speakers import KeysTuple, SpeakerKeys
from gdq.models import Fact, Statement
from gdq.store.table import CorruptStore, map_file, position

# A record's row: the record's fields in order, as marshal stores it (see _rows_are_records).
StatementRow = tuple[str, str, int, str, str, str | None, str, str | None, str, tuple[str, ...], str, int]
FactRow = tuple[str, str, int, str, str, int | float, str | None, str, int, int, int | float | None]
R = TypeVar("R", StatementRow, FactRow, KeysTuple)

if TYPE_CHECKING:
    from typing import TypeAlias

    _Data: TypeAlias = bytes | array.array[int] | array.array[float]

    def _rows_are_records(st: Statement, f: Fact, k: SpeakerKeys) -> tuple[StatementRow, FactRow, KeysTuple]:
        return st, f, k  # a record is a tuple of its fields: mypy fails here if a row type drifts


# Where the fields the store reads sit in a row (from the record types, so never out of step
# with them), and typed readers of them: itemgetter runs in C, nearly as cheap as indexing, and
# a row is read without making its record.
STATEMENT_ID = Statement._fields.index("id")
FACT_ID = Fact._fields.index("id")
statement_speaker: Callable[[StatementRow], str] = itemgetter(Statement._fields.index("speaker"))
fact_value: Callable[[FactRow], int | float] = itemgetter(Fact._fields.index("value"))
fact_value_max: Callable[[FactRow], int | float | None] = itemgetter(Fact._fields.index("value_max"))
speaker_name: Callable[[KeysTuple], str] = itemgetter(SpeakerKeys._fields.index("name"))
speaker_roles: Callable[[KeysTuple], tuple[str, ...]] = itemgetter(SpeakerKeys._fields.index("roles"))
speaker_key: Callable[[KeysTuple], str] = itemgetter(SpeakerKeys._fields.index("key"))
speaker_simplified: Callable[[KeysTuple], str] = itemgetter(SpeakerKeys._fields.index("simplified"))

_BLOCK = 1 << 18  # bytes of rows read at a time when rows are read in order

STATEMENT_FILES = (
    "statements.rows",
    "statements.roff",
    "statements.docs",
    "statements.spk",
    "statements.spkoff",
)
FACT_FILES = (
    "facts.rows",
    "facts.roff",
    "facts.docs",
    "facts.values",
    "facts.order",
    "facts.rhigh",  # the high ends of the range facts, sorted
    "facts.rlow",  # their low ends, in the same order
    "facts.rrows",  # their row numbers, in the same order
)
SPEAKER_FILES = ("speakers.rows", "speakers.roff", "speakers.forms")


class FileBytes:
    """The bytes of a file, read on demand with ``pread``. Rows are read a few at a time
    from anywhere in a large file: a memory map would count every page the kernel maps
    around each read (it maps ahead) towards the process's memory."""

    def __init__(self, path: str) -> None:
        self._fd = os.open(path, os.O_RDONLY)
        self._size = os.fstat(self._fd).st_size

    def __len__(self) -> int:
        return self._size

    def __getitem__(self, span: slice) -> bytes:
        start, stop, _ = span.indices(self._size)
        return os.pread(self._fd, max(0, stop - start), start)

    def __del__(self) -> None:
        with suppress(OSError, AttributeError):  # AttributeError: the open itself failed
            os.close(self._fd)


class RowStore(Sequence[R], Generic[R]):
    """Rows, each marshalled on its own behind a CRC-32 of it, end to end in ``blob``;
    ``offsets`` has one more entry than there are rows. The rows are of type R as written:
    each is checked to be a tuple, and its checksum guards the rest."""

    def __init__(self, blob: bytes | FileBytes, offsets: Sequence[int]) -> None:
        if len(offsets) < 1 or offsets[0] != 0 or offsets[-1] != len(blob):
            raise CorruptStore("row store offsets do not match its blob")
        self.blob = blob
        self.offsets = offsets

    def __len__(self) -> int:
        return len(self.offsets) - 1

    @overload
    def __getitem__(self, index: int) -> R: ...
    @overload
    def __getitem__(self, index: slice) -> list[R]: ...
    def __getitem__(self, index: int | slice) -> R | list[R]:
        i = position(index, len(self))
        if isinstance(i, range):
            return [self[j] for j in i]
        data = self.blob[self.offsets[i] : self.offsets[i + 1]]
        # Each row carries a checksum: rows are read one by one, never the whole file.
        if zlib.crc32(data[4:]) != int.from_bytes(data[:4], "little"):
            raise CorruptStore(f"row {i}: checksum mismatch")
        try:
            row: R = marshal.loads(data[4:])
        except (EOFError, ValueError, TypeError) as exc:
            raise CorruptStore(f"row {i}: {exc}") from None
        if type(row) is not tuple:
            raise CorruptStore(f"row {i}: not a row")
        return row

    def __iter__(self) -> Iterator[R]:
        # Rows in order: read in blocks of about _BLOCK bytes rather than one read per row
        # (a caller that needs the first few stops after one block).
        i, n = 0, len(self)
        while i < n:
            end = bisect_right(self.offsets, self.offsets[i] + _BLOCK, i + 1, n + 1) - 1
            end = max(end, i + 1)  # a row larger than a block is read alone
            start = self.offsets[i]
            block: RowStore[R] = RowStore(
                self.blob[start : self.offsets[end]], [o - start for o in self.offsets[i : end + 1]]
            )
            yield from (block[j] for j in range(end - i))
            i = end


def _row_store(folder: str, name: str) -> RowStore[R]:
    """The rows written as ``<name>.rows`` and ``<name>.roff`` in a pack folder."""
    path = os.path.join(folder, f"{name}.rows")
    try:
        blob = FileBytes(path)
    except OSError as exc:
        raise CorruptStore(f"{os.path.basename(path)}: {exc.strerror or exc}") from None
    return RowStore(blob, map_file(os.path.join(folder, f"{name}.roff"), "Q"))


def _pack(rows: Sequence[R]) -> tuple[bytes, "array.array[int]"]:
    bodies = map(marshal.dumps, rows)
    parts = [zlib.crc32(body).to_bytes(4, "little") + body for body in bodies]
    return b"".join(parts), array.array("Q", accumulate(map(len, parts), initial=0))


def _doc_first(rows: Sequence[R], doc_keys: Sequence[str], id_field: int) -> "array.array[int]":
    """Index of each document's first row (rows are in document order), plus the total."""
    first = array.array("Q")
    i = 0
    for key in doc_keys:
        first.append(i)
        prefix = key + "-"
        while i < len(rows) and str(rows[i][id_field]).startswith(prefix):
            i += 1
    first.append(len(rows))
    return first


def _write(folder: str, names: Sequence[str], data: "Sequence[_Data]") -> None:
    for name, part in zip(names, data, strict=True):
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(part if isinstance(part, bytes) else memoryview(part).cast("B"))


def write_statements(
    folder: str, rows: Sequence[StatementRow], doc_keys: Sequence[str], speaker_names: Sequence[str]
) -> None:
    blob, offsets = _pack(rows)
    number = {name: n for n, name in enumerate(speaker_names, start=1)}
    speakers = [number.get(name, 0) for name in map(statement_speaker, rows)]
    by_speaker = sorted(range(len(rows)), key=speakers.__getitem__)
    counts = [0] * (len(speaker_names) + 1)
    for n in speakers:
        counts[n] += 1
    first = _doc_first(rows, doc_keys, STATEMENT_ID)
    speaker_first = array.array("Q", accumulate(counts, initial=0))
    _write(folder, STATEMENT_FILES, (blob, offsets, first, array.array("I", by_speaker), speaker_first))


def sort_value(value: int | float) -> float:
    """A fact's value as a float for the sorted index (non-finite values sort last)."""
    try:
        v = float(value)
    except (OverflowError, TypeError, ValueError):
        return math.inf
    return v if math.isfinite(v) else math.inf


def write_facts(folder: str, rows: Sequence[FactRow], doc_keys: Sequence[str]) -> None:
    blob, offsets = _pack(rows)
    values = list(map(sort_value, map(fact_value, rows)))
    order = sorted(range(len(rows)), key=values.__getitem__)
    first = _doc_first(rows, doc_keys, FACT_ID)
    sorted_values = array.array("d", [values[i] for i in order])
    ranges = [
        (sort_value(high), values[i], i)
        for i, high in enumerate(map(fact_value_max, rows))
        if high is not None
    ]
    ranges.sort()
    _write(
        folder,
        FACT_FILES,
        (
            blob,
            offsets,
            first,
            sorted_values,
            array.array("I", order),
            array.array("d", [high for high, _, _ in ranges]),
            array.array("d", [low for _, low, _ in ranges]),
            array.array("I", [i for _, _, i in ranges]),
        ),
    )


def write_speakers(folder: str, rows: Sequence[KeysTuple]) -> None:
    blob, offsets = _pack(rows)
    forms: dict[str, list[int]] = {}
    for n, row in enumerate(rows):
        for form in dict.fromkeys((speaker_key(row), speaker_simplified(row))):
            forms.setdefault(form, []).append(n)
    table = marshal.dumps(forms)
    _write(folder, SPEAKER_FILES, (blob, offsets, zlib.crc32(table).to_bytes(4, "little") + table))


class SpeakerIndex:
    """Speaker keys of a pack (rows numbered from 0), and their rows by folded form."""

    def __init__(self, folder: str) -> None:
        self.rows: RowStore[KeysTuple] = _row_store(folder, "speakers")
        self._forms_file = os.path.join(folder, "speakers.forms")

    def with_forms(self, *forms: str) -> list[KeysTuple]:
        """Rows whose folded or simplified name is one of ``forms``, in speaker order."""
        try:
            with open(self._forms_file, "rb") as fh:
                data = fh.read()
            if zlib.crc32(data[4:]) != int.from_bytes(data[:4], "little"):
                raise ValueError("checksum mismatch")
            table = marshal.loads(data[4:])
            numbers = sorted({n for form in forms for n in table.get(form, ())})
        except (OSError, EOFError, ValueError, TypeError, AttributeError) as exc:
            raise CorruptStore(f"speakers.forms: {exc}") from None
        found = [self.rows[n] for n in numbers]
        if any(speaker_key(row) not in forms and speaker_simplified(row) not in forms for row in found):
            raise CorruptStore("speakers.forms does not match the rows")
        return found


class StatementIndex:
    """Statements of a pack: rows, rows by speaker number, rows by document."""

    def __init__(self, folder: str) -> None:
        self.rows: RowStore[StatementRow] = _row_store(folder, "statements")
        self.doc_first = map_file(os.path.join(folder, "statements.docs"), "Q")
        self.by_speaker = map_file(os.path.join(folder, "statements.spk"), "I")
        self.speaker_first = map_file(os.path.join(folder, "statements.spkoff"), "Q")
        if len(self.by_speaker) != len(self.rows) or self.speaker_first[-1] != len(self.rows):
            raise CorruptStore("statement indexes do not match the rows")

    def of_speaker(self, number: int) -> list[StatementRow]:
        if not 0 < number < len(self.speaker_first) - 1:
            return []
        lo, hi = self.speaker_first[number], self.speaker_first[number + 1]
        found = list(self.by_speaker[lo:hi])
        if any(a >= b for a, b in pairwise(found)):  # written in document order
            raise CorruptStore("statements by speaker are out of order")
        return [self.rows[i] for i in found]


class FactIndex:
    """Facts of a pack: rows, rows by document, and row numbers sorted by value."""

    def __init__(self, folder: str) -> None:
        self.rows: RowStore[FactRow] = _row_store(folder, "facts")
        self.doc_first = map_file(os.path.join(folder, "facts.docs"), "Q")
        self.values = map_file(os.path.join(folder, "facts.values"), "d")
        self.order = map_file(os.path.join(folder, "facts.order"), "I")
        self.range_high = map_file(os.path.join(folder, "facts.rhigh"), "d")
        self.range_low = map_file(os.path.join(folder, "facts.rlow"), "d")
        self.range_rows = map_file(os.path.join(folder, "facts.rrows"), "I")
        if len(self.values) != len(self.rows) or len(self.order) != len(self.rows):
            raise CorruptStore("fact indexes do not match the rows")
        if not len(self.range_high) == len(self.range_low) == len(self.range_rows) <= len(self.rows):
            raise CorruptStore("fact range indexes do not match the rows")

    def between(self, low: float, high: float) -> list[int]:
        """Row numbers of the facts whose value (as a float) lies in [low, high], in order."""
        lo, hi = bisect_left(self.values, low), bisect_right(self.values, high)
        return sorted(self.order[lo:hi])

    def reaching(self, low: float, high: float) -> list[int]:
        """Row numbers of the facts ``between(low, high)`` finds, and of the range facts whose
        low end lies below ``low`` and whose high end reaches it, in order."""
        found = self.between(low, high)
        first = bisect_left(self.range_high, low)
        below = [
            r for r, start in zip(self.range_rows[first:], self.range_low[first:], strict=True) if start < low
        ]
        if not below:
            return found
        if any(r >= len(self.rows) for r in below):
            raise CorruptStore("fact range indexes point past the rows")
        return sorted({*found, *below})


def row_in_doc(doc_first: Sequence[int], doc: int, n: int) -> int | None:
    """Row number of the n-th record of document ``doc``, or None."""
    if not 0 <= doc < len(doc_first) - 1 or n < 0:
        return None
    i = doc_first[doc] + n
    return i if i < doc_first[doc + 1] else None


def files(folder: str) -> dict[str, int]:
    names = (*STATEMENT_FILES, *FACT_FILES, *SPEAKER_FILES)
    return {name: os.path.getsize(os.path.join(folder, name)) for name in names}
