"""The fast command-line parser (gdq.cli.fastargs) against the Typer app (gdq.cli.app).

Both are built from one table (gdq.cli.spec) and end in gdq.cli.commands.invoke; these tests
make sure they hand it the same options, and that the fast parser leaves everything it does not
fully understand to Typer.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import Any

import pytest
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st

from gdq.cli import app as cli
from gdq.cli import commands, entry, fastargs, spec

COMMAND_NAMES = sorted(spec.BY_NAME)


def _click_params(name: str) -> list[Any]:
    # Click's classes are read by duck typing: typer 0.24+ vendors a trimmed click privately.
    group: Any = typer.main.get_command(cli.app)
    return list(group.commands[name].params)


def test_the_app_has_the_tables_commands_and_every_command_a_function() -> None:
    group: Any = typer.main.get_command(cli.app)
    assert sorted(group.commands) == COMMAND_NAMES == sorted(commands.COMMANDS)


@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_typer_declares_the_tables_options(name: str) -> None:
    params = _click_params(name)
    command = spec.BY_NAME[name]
    declared = {
        p.name: (sorted(p.opts), bool(getattr(p, "is_flag", False)), bool(p.multiple))
        for p in params
        if p.param_type_name == "option" and p.name != "help"
    }
    assert declared == {
        o.dest: (sorted(o.flags), o.kind == "flag", o.kind == "texts") for o in command.options
    }
    arguments = [(p.name, p.nargs == -1) for p in params if p.param_type_name == "argument"]
    assert arguments == ([(command.arg.dest, command.arg.many)] if command.arg else [])


def test_no_flag_is_declared_twice_in_a_command() -> None:
    for command in spec.COMMANDS:
        flags = [f for o in command.options for f in o.flags]
        assert len(flags) == len(set(flags)), command.name
        assert "-h" not in flags and "-V" not in flags


@contextlib.contextmanager
def _recording(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Replace every command function with one that records the options it was given."""
    calls: list[tuple[str, dict[str, Any]]] = []
    for name in commands.COMMANDS:

        def record(args: commands.Args, _name: str = name) -> int:
            calls.append((_name, dict(vars(args))))
            return 0

        monkeypatch.setitem(commands.COMMANDS, name, record)
    yield calls


def _both(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, int, int]:
    """(call via Typer, call via gdq.cli.entry, exit codes) for one command line."""
    monkeypatch.delenv("_GDQ_COMPLETE", raising=False)
    with _recording(monkeypatch) as calls, contextlib.redirect_stderr(io.StringIO()):
        with contextlib.redirect_stdout(io.StringIO()):
            typer_code = cli.run(argv)
        typer_call = calls[:]
        calls.clear()
        with contextlib.redirect_stdout(io.StringIO()):
            entry_code = entry.run(argv)
        entry_call = calls[:]
    return typer_call, entry_call, typer_code, entry_code


ACCEPTED = [
    ["speaker", "郑永年", "--format", "json"],
    ["speaker", "--format=json", "郑永年"],
    ["speaker", "-fjson", "-k", "direct", "郑永年", "-n", "3"],
    ["speaker", "周雪梅", "--json", "--no-cache", "-c", "a.txt", "-c", "-", "--corpus=b"],
    ["keyword", "人工智能", "大模型", "--limit", "20"],
    ["keyword", "--", "-负号开头", "词"],
    ["keyword", "-", "--limit=1"],
    ["keyword", "制造业", "--fuzzy", "-w", "-C", "2", "-A1", "--count", "--color", "never"],
    ["keyword", "x", "--glob", "*.md", "-g", "!a*", "--fields", "id,text", "-f", "csv"],
    ["quotes", "--about", "人工智能", "--about", "大模型 芯片", "-f", "tsv"],
    ["facts", "--about", "旅游", "--unit", "元"],
    ["quotes", "-s", "李晓军", "--kind", "indirect"],
    ["speakers", "-n", "1"],
    ["number", "3.2万亿", "--tolerance", "0.01", "-u", "元"],
    ["number", ">=100亿", "--tolerance=1e-3"],
    ["number", "-5", "--json"],  # a signed query is the argument, on both paths
    ["number", "--limit", "2", "-5..5"],
    ["facts", "--min", "100亿", "--max", "5万亿", "--unit", "%"],
    ["show", "abc-s1", "--context", "0"],
    ["stats", "-f", "plain"],
    ["export", "--format", "json"],
    ["index", "--json"],
]


@pytest.mark.parametrize("argv", ACCEPTED, ids=" ".join)
def test_well_formed_lines_take_the_fast_path_with_typers_arguments(
    argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert fastargs.parse(argv) is not None
    typer_call, entry_call, typer_code, entry_code = _both(argv, monkeypatch)
    assert typer_call and entry_call == typer_call
    assert entry_code == typer_code == 0


REFUSED = [
    [],
    ["--help"],
    ["--version"],
    ["speaker", "--help"],
    ["speaker"],  # missing argument
    ["speaker", "a", "b"],  # extra argument
    ["keyword", "x", "--limit", "-1"],
    ["keyword", "x", "--limit", "二"],
    ["keyword", "x", "--limit"],  # no value
    ["keyword", "x", "--format", "JSON"],  # Typer accepts it, case-insensitively
    ["keyword", "x", "--format", "xml"],
    ["keyword", "x", "--kind", "all"],  # not an option of keyword
    ["keyword", "x", "--json=yes"],
    ["keyword", "x", "--limit", "1", "--limit", "2"],  # repeated single option
    ["number", "5", "--tolerance", "inf"],
    ["number", "--limit", "-1", "5"],  # a signed value after an option is the option's
    ["show", "id", "--context", "-1"],
    ["keyword", "x", "--color", "sometimes"],
    ["export", "--format", "csv"],  # export writes JSON only
    ["-h"],
    ["keyword", "-h"],
    ["-V"],
    ["stats", "extra"],
    ["nosuchcommand"],
]


@pytest.mark.parametrize("argv", REFUSED, ids=lambda a: " ".join(a) or "(empty)")
def test_anything_else_goes_to_typer(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert fastargs.parse(argv) is None
    typer_call, entry_call, typer_code, entry_code = _both(argv, monkeypatch)
    assert entry_call == typer_call
    assert entry_code == typer_code


TOKENS = st.sampled_from(
    [
        "speaker", "keyword", "number", "facts", "show", "stats", "quotes", "speakers",
        "郑永年", "人工智能", "3.2万亿", "-", "--", "x", "",
        "--corpus", "-c", "--format", "-f", "json", "plain", "--json", "--limit", "-n", "0", "1",
        "7", "-1", "--no-cache", "--kind", "-k", "direct", "--unit", "-u", "元", "--tolerance",
        "0.5", "--min", "--max", "--context", "--speaker", "-s", "--help", "-n2", "--limit=3",
        "--format=jsonl", "-fplain", "--bogus", "--about", "--fuzzy", "-w", "-C", "--count",
        "--glob", "--fields", "id,text", "--color", "always", "csv", "-h",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(TOKENS, max_size=7))
def test_any_line_the_fast_parser_accepts_typer_reads_the_same_way(argv: list[str]) -> None:
    parsed = fastargs.parse(argv)
    if parsed is None:
        return
    with pytest.MonkeyPatch.context() as monkeypatch:
        typer_call, entry_call, typer_code, entry_code = _both(argv, monkeypatch)
    assert entry_call == typer_call
    assert entry_code == typer_code
    assert [name for name, _ in entry_call] in ([parsed[0]], [])  # [] when a bound refused it


@pytest.mark.parametrize("argv", [["keyword", "x", "--limit", "0"], ["show", "x", "-C", "-1"]])
def test_a_value_below_its_bound_is_one_line_on_either_path(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.run(argv) == entry.run(argv) == 2
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and lines[0] == lines[1] and lines[0].startswith("gdq: error: ")
