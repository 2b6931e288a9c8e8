"""Rich tables for a terminal. The only module besides the CLI that imports Rich."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from gdq.output.serialize import value_text

if TYPE_CHECKING:
    from gdq.output.serialize import Record

_MATCH_STYLE = "bold black on yellow"


def console(out: IO[str] | None = None) -> Console:
    stream = out or sys.stdout
    is_tty = hasattr(stream, "isatty") and stream.isatty()
    # Piped tables must not be cropped to 80 columns: give them all the width they need.
    return Console(file=stream, highlight=False, width=None if is_tty else 100_000, soft_wrap=False)


def _text(value: str, matches: Sequence[Sequence[int]] = ()) -> Text:
    # News text may contain "[...]": a Text object is never parsed as Rich markup.
    text = Text(value)
    for start, end in matches:
        text.stylize(_MATCH_STYLE, start, end)
    return text


def _where(rec: Record) -> str:
    return f"{rec['doc']}:{rec['line']}"


def _table(*columns: str) -> Table:
    table = Table(show_lines=False, header_style="bold")
    for name in columns:
        table.add_column(name, overflow="fold")
    return table


def sentences_table(records: Sequence[Record]) -> Table:
    table = _table("id", "where", "sentence", "speaker", "score")
    for rec in records:
        score = "" if rec["score"] is None else f"{rec['score']:g}"
        table.add_row(rec["id"], _where(rec), _text(rec["text"], rec["matches"]), rec["speaker"] or "", score)
    return table


def quotes_table(records: Sequence[Record]) -> Table:
    table = _table("id", "where", "speaker", "role", "kind", "verb", "text")
    for rec in records:
        table.add_row(
            rec["id"],
            _where(rec),
            rec["speaker"],
            rec["role"] or "",
            rec["kind"],
            rec["verb"] or "",
            _text(rec["text"]),
        )
    return table


def facts_table(records: Sequence[Record]) -> Table:
    table = _table("id", "where", "raw", "value", "unit", "qualifier", "sentence")
    for rec in records:
        start = rec["sentence"].find(rec["raw"])
        spans = [(start, start + len(rec["raw"]))] if start >= 0 else []
        table.add_row(
            rec["id"],
            _where(rec),
            rec["raw"],
            value_text(rec),
            rec["unit"] or "",
            rec["qualifier"],
            _text(rec["sentence"], spans),
        )
    return table


def speakers_table(records: Sequence[Record]) -> Table:
    table = _table("speaker", "roles", "direct", "indirect")
    for rec in records:
        table.add_row(rec["name"], "\n".join(rec["roles"]), str(rec["direct"]), str(rec["indirect"]))
    return table


def stats_table(records: Sequence[Record]) -> Table:
    table = _table("what", "count")
    rec = records[0]
    for key, value in rec.items():
        if key not in {"type", "id", "doc", "line", "per_document"}:
            table.add_row(key.replace("_", " "), str(value))
    return table


_TABLES = {
    "sentence": sentences_table,
    "quote": quotes_table,
    "fact": facts_table,
    "speaker": speakers_table,
    "stats": stats_table,
}


def print_records(records: Sequence[Record], out: IO[str] | None = None) -> None:
    """Print records grouped by type, one table per run of records of the same type."""
    con = console(out)
    group: list[Record] = []
    for rec in [*records, {"type": None}]:
        if group and rec["type"] != group[0]["type"]:
            con.print(_TABLES[group[0]["type"]](group))
            group = []
        if rec["type"] is not None:
            group.append(rec)
