"""Rich tables for a terminal. The only module besides the CLI that imports Rich.

Tables are laid out for 80 columns: ids, places (``doc:line``) and numbers never wrap (an id
must stay whole to be copied into ``gdq show``), an id and its place share one cell, one above
the other, and the text gets the rest of the width. A line under the tables counts the results.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from typing import IO, TYPE_CHECKING

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from gdq.output.color import on_terminal
from gdq.output.context import context_lines, has_context
from gdq.output.delimited import cell
from gdq.output.fields import pick
from gdq.output.serialize import match_spans, value_text
from gdq.output.summary import count_line

if TYPE_CHECKING:
    from gdq.output.context import Line
    from gdq.output.serialize import Record

_MATCH_STYLE = "bold black on yellow"
_WHERE_STYLE = "cyan"
_NEIGHBOUR_STYLE = "dim"
_HEADING_STYLE = "bold"
_UNLIMITED = 100_000
_MIN_TEXT = 4  # columns a text keeps however narrow the terminal
_GAP = 2  # columns between two cells: the box's blank divider and one column of padding
_SHORT = 30  # a generic column whose cells are all this short is never wrapped


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # Rich would exit with status 1; gdq ends a closed pipe quietly, as for every format
        # (gdq.cli.commands.quiet_pipe).
        self.quiet = True
        raise BrokenPipeError


def console(out: IO[str] | None = None, *, color: bool | None = None, width: int | None = None) -> Console:
    """A console on ``out`` (stdout). ``color`` None leaves colour to Rich's own detection;
    True or False decides it, whatever the stream or ``NO_COLOR``/``FORCE_COLOR`` say.
    ``width`` None is the terminal's width, or no limit when ``out`` is not a terminal: piped
    tables are never cropped to 80 columns."""
    stream = out or sys.stdout
    if width is None and not on_terminal(stream):
        width = _UNLIMITED
    if color is None:
        return _Console(file=stream, highlight=False, width=width, soft_wrap=False)
    return _Console(
        file=stream,
        highlight=False,
        width=width,
        soft_wrap=False,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
    )


def _text(value: str, matches: Iterable[Sequence[int]] = ()) -> Text:
    # News text may contain "[...]": a Text object is never parsed as Rich markup.
    text = Text(value)
    for start, end in matches:
        text.stylize(_MATCH_STYLE, start, end)
    return text


def _where(rec: Record) -> str:
    return f"{rec['doc']}:{rec['line']}"


def _id_where(rec: Record) -> Text:
    text = Text(rec["id"])
    text.append("\n" + _where(rec), _WHERE_STYLE)
    return text


def _table(*, header: bool = True) -> Table:
    return Table(
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1, 0, 0),
        header_style="bold",
        show_header=header,
    )


def _fixed(table: Table, name: str, width: int | None = None, justify: str = "left") -> None:
    """A column that never wraps or cuts: ids, places, numbers. (Rich narrows it only when the
    other columns cannot give more room; it then folds rather than drops characters.)"""
    table.add_column(name, no_wrap=True, overflow="fold", min_width=width, justify=justify)  # type: ignore[arg-type]


def _wrapped(table: Table, name: str, width: int | None = None, max_width: int | None = None) -> None:
    table.add_column(name, overflow="fold", width=width, max_width=max_width)


def _rows(records: Sequence[Record]) -> list[Line]:
    """Records, or records with their neighbours merged as ``grep -C`` merges them."""
    if any(has_context(rec) for rec in records):
        return list(context_lines(records))
    return [(rec, True) for rec in records]


def sentences_table(records: Sequence[Record]) -> Table:
    table = _table()
    _fixed(table, "id / where")
    _wrapped(table, "sentence")
    _wrapped(table, "speaker", max_width=12)
    _fixed(table, "score", justify="right")
    for line in _rows(records):
        if line is None:
            table.add_row(Text("--", _NEIGHBOUR_STYLE))
            continue
        rec, hit = line
        score = "" if rec.get("score") is None else f"{rec['score']:g}"
        text = _text(rec["text"], rec.get("matches") or () if hit else ())
        table.add_row(
            _id_where(rec), text, rec.get("speaker") or "", score, style=None if hit else _NEIGHBOUR_STYLE
        )
    return table


def _speaker_groups(records: Sequence[Record]) -> list[list[Record]]:
    """Statements by speaker, speakers in order of first appearance, each group in input order."""
    groups: dict[str, list[Record]] = {}
    for rec in records:
        groups.setdefault(rec["speaker"], []).append(rec)
    return list(groups.values())


def _heading(group: Sequence[Record]) -> Text:
    first = group[0]
    roles = "、".join(dict.fromkeys(rec["role"] for rec in group if rec.get("role")))
    heading = Text(first["speaker"], _HEADING_STYLE)
    if first.get("speaker_type"):
        heading.append(f" ({first['speaker_type']})", "dim")
    if roles:
        heading.append("  " + roles)
    return heading


def _widest(values: Iterable[str]) -> int:
    return max((cell_len(line) for value in values for line in value.splitlines()), default=0)


def quote_tables(records: Sequence[Record], width: int) -> list[Text | Table]:
    """A heading per speaker (name, type and role, once), then that speaker's statements:
    id and place, kind and verb, text. One table per speaker with the same column widths."""
    id_width = _widest(v for rec in records for v in (rec["id"], _where(rec)))
    kind_width = max(_widest(v for rec in records for v in (rec["kind"], rec.get("verb") or "")), len("kind"))
    room = width - id_width - kind_width - 2 * _GAP
    text_width = max(min(_widest(rec["text"] for rec in records), room), _MIN_TEXT)
    out: list[Text | Table] = []
    for n, group in enumerate(_speaker_groups(records)):
        table = _table(header=n == 0)
        _fixed(table, "id / where", id_width)
        _fixed(table, "kind", kind_width)
        _wrapped(table, "text", width=text_width)
        for rec in group:
            kind = Text(rec["kind"])
            if rec.get("verb"):
                kind.append("\n" + rec["verb"], "dim")
            table.add_row(_id_where(rec), kind, _text(rec["text"], rec.get("matches") or ()))
        out += [Text(""), _heading(group), table] if n else [_heading(group), table]
    return out


def facts_table(records: Sequence[Record]) -> Table:
    table = _table()
    _fixed(table, "id / where")
    _fixed(table, "number")
    _wrapped(table, "sentence")
    for rec in records:
        value = value_text(rec) + (f" {rec['unit']}" if rec.get("unit") else "")
        number = Text(rec["raw"], "bold")
        number.append("\n" + value)
        number.append("\n" + rec["qualifier"], "dim")
        table.add_row(_id_where(rec), number, _text(rec["sentence"], match_spans(rec)))
    return table


def speakers_table(records: Sequence[Record]) -> Table:
    table = _table()
    _fixed(table, "speaker")
    _wrapped(table, "roles")
    _fixed(table, "direct", justify="right")
    _fixed(table, "indirect", justify="right")
    for rec in records:
        table.add_row(rec["name"], "\n".join(rec["roles"]), str(rec["direct"]), str(rec["indirect"]))
    return table


def stats_table(records: Sequence[Record]) -> Table:
    table = _table()
    _fixed(table, "what")
    _fixed(table, "count", justify="right")
    rec = records[0]
    for key, value in rec.items():
        if key not in {"type", "id", "doc", "line", "per_document"}:
            table.add_row(key.replace("_", " "), str(value))
    return table


def counts_table(records: Sequence[Record]) -> Table:
    table = _table()
    _fixed(table, "doc")
    _fixed(table, "count", justify="right")
    for rec in records:
        table.add_row(str(rec["doc"]), str(rec["count"]))
    return table


def fields_table(records: Sequence[Record], names: Sequence[str]) -> Table:
    """Any records, one column per name (``--fields``): short columns never wrap."""
    table = _table()
    cells = [[cell(rec.get(name)) for name in names] for rec in records]
    for n, name in enumerate(names):
        if _widest(row[n] for row in cells) <= _SHORT:
            _fixed(table, name)
        else:
            _wrapped(table, name)
    for row in cells:
        table.add_row(*(Text(value) for value in row))
    return table


_TABLES: dict[str, Callable[[Sequence[Record]], Table]] = {
    "sentence": sentences_table,
    "fact": facts_table,
    "speaker": speakers_table,
    "stats": stats_table,
    "count": counts_table,
}


def _runs(records: Sequence[Record]) -> list[list[Record]]:
    """Runs of records of the same type."""
    runs: list[list[Record]] = []
    for rec in records:
        if runs and runs[-1][0].get("type") == rec.get("type"):
            runs[-1].append(rec)
        else:
            runs.append([rec])
    return runs


def _renderables(run: Sequence[Record], width: int) -> list[Text | Table]:
    kind = str(run[0].get("type"))
    if kind == "quote":
        return quote_tables(run, width)
    if kind in _TABLES:
        return [_TABLES[kind](run)]
    return [fields_table(run, list(dict.fromkeys(key for rec in run for key in rec)))]


def print_records(
    records: Sequence[Record],
    out: IO[str] | None = None,
    *,
    color: bool | None = None,
    width: int | None = None,
    fields: Sequence[str] | None = None,
) -> None:
    """Print records as tables, one per run of records of the same type (quotes: one per
    speaker), then a line counting them. ``color`` and ``width`` as for ``console``;
    ``fields`` (already checked by ``fields.check``) prints only those columns."""
    con = console(out, color=color, width=width)
    if not records:
        return
    if fields is not None:
        con.print(fields_table([pick(rec, fields) for rec in records], fields))
    else:
        for run in _runs(records):
            for renderable in _renderables(run, con.width):
                con.print(renderable)
    summary = count_line(records)
    if summary:
        con.print(Text(summary, "dim"))
