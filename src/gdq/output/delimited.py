"""``--format csv`` and ``--format tsv``: a header line, then one row per record (as
sqlite-utils writes them).

Columns: the given fields, else every scalar key in order of first appearance over all the
records (mixed types share one header; a record without a key leaves its cell empty). Lists and
dicts are left out by default and written as compact JSON when asked for by name. Cells: null is
empty, true/false and numbers as JSON writes them, text as is.

CSV is RFC 4180 quoting by the csv module, with ``\\n`` line ends (Unix tools read them; every
CSV reader does). TSV is the text format of PostgreSQL's COPY and sqlite's ``.mode tabs``
readers: no quoting, and a backslash, tab, newline or carriage return inside a value written as
``\\\\``, ``\\t``, ``\\n``, ``\\r``, so that every record is exactly one line.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import IO, Any

Record = dict[str, Any]


def _compound(value: object) -> bool:
    return isinstance(value, (list, tuple, dict))


def columns(records: Iterable[Record]) -> list[str]:
    """The scalar keys of the records, in order of first appearance."""
    seen: dict[str, bool] = {}
    for rec in records:
        for key, value in rec.items():
            seen[key] = seen.get(key, True) and not _compound(value)
    return [key for key, scalar in seen.items() if scalar]


def cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def tsv_cell(value: object) -> str:
    return cell(value).translate(_TSV_ESCAPES)


def tsv_row(rec: Record, names: Sequence[str]) -> str:
    return "\t".join(tsv_cell(rec.get(name)) for name in names)


def write_csv(records: Sequence[Record], out: IO[str], fields: Sequence[str] | None = None) -> None:
    import csv

    names = list(fields) if fields is not None else columns(records)
    if not names:
        return  # nothing found and no fields named: no header to write
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(names)
    writer.writerows([cell(rec.get(name)) for name in names] for rec in records)


def write_tsv(
    records: Sequence[Record], out: IO[str], fields: Sequence[str] | None = None, *, header: bool = True
) -> None:
    names = list(fields) if fields is not None else columns(records)
    if not names:
        return
    if header:
        out.write("\t".join(name.translate(_TSV_ESCAPES) for name in names) + "\n")
    for rec in records:
        out.write(tsv_row(rec, names) + "\n")
