"""One entry point for every output format, so that the command line picks a writer by name.
Rich is imported only for ``table``: the other formats are the fast path in pipes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from gdq.errors import QueryError

Record = dict[str, Any]

FORMATS = ("table", "plain", "json", "jsonl", "csv", "tsv")


def write_records(
    records: Sequence[Record],
    out: IO[str],
    fmt: str,
    *,
    fields: Sequence[str] | None = None,
    color: bool = False,
    width: int | None = None,
) -> None:
    """Write ``records`` to ``out`` as ``fmt``. ``fields`` (from ``fields.parse``) keeps only
    those keys, in that order (plain output: their values, tab-separated); an unknown name
    raises QueryError. ``color`` is for table and plain; ``width`` for table (None: the
    terminal's, or unlimited in a pipe)."""
    from gdq.output import delimited, serialize
    from gdq.output import fields as chosen

    if fmt not in FORMATS:
        raise QueryError(f"--format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    # Unknown field names fail here, before a table or a line is written.
    rows = records if fields is None else chosen.select(records, fields)
    if fmt == "table":
        from gdq.output.render import print_records

        print_records(records, out, color=color, width=width, fields=fields)
        return
    if fmt == "plain" and fields is not None:
        delimited.write_tsv(rows, out, fields, header=False)
    elif fmt == "plain":
        serialize.write_plain(records, out, color=color)
    else:
        if fmt == "json":
            serialize.write_json(list(rows), out)
        elif fmt == "jsonl":
            serialize.write_jsonl(rows, out)
        elif fmt == "csv":
            delimited.write_csv(rows, out, fields)
        else:
            delimited.write_tsv(rows, out, fields)
