"""The fast command-line parser (gdq.cli.fastargs) against the Typer app (gdq.cli.app).

Both front ends call the same functions of gdq.cli.commands; these tests make sure they call them
with the same arguments, and that the fast parser hands everything it does not fully
understand to Typer.
"""

from __future__ import annotations

import contextlib
import inspect
import io
from collections.abc import Iterator
from typing import Any

import pytest
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st

from gdq.cli import app as cli
from gdq.cli import commands, entry, fastargs

COMMAND_NAMES = sorted(fastargs.SPECS)


# Click's classes are read by duck typing: typer 0.24+ vendors a trimmed click privately.


def _click_params(name: str) -> list[Any]:
    group: Any = typer.main.get_command(cli.app)
    return list(group.commands[name].params)


def _kind(param: Any) -> str:
    if getattr(param, "is_flag", False):
        return "flag"
    if param.multiple:
        return "texts"
    type_name = type(param.type).__name__
    if "Choice" in type_name:
        return "format"
    return {"IntRange": "int", "IntParamType": "int", "FloatParamType": "float"}.get(type_name, "text")


def test_every_typer_command_has_a_spec_and_back() -> None:
    group: Any = typer.main.get_command(cli.app)
    assert sorted(group.commands) == COMMAND_NAMES
    assert set(COMMAND_NAMES) == set(commands.COMMANDS)


@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_the_spec_declares_the_options_typer_declares(name: str) -> None:
    params = _click_params(name)
    spec = fastargs.SPECS[name]
    typer_options = {}
    for param in params:
        if param.param_type_name == "option":
            minimum = getattr(param.type, "min", None)
            typer_options[param.name] = (tuple(sorted(param.opts)), _kind(param), minimum)
    spec_options = {o.dest: (tuple(sorted(o.flags)), o.kind, o.minimum) for o in spec.options}
    assert spec_options == typer_options
    arguments = [p for p in params if p.param_type_name == "argument"]
    if spec.positional:
        assert [(a.name, a.nargs == -1) for a in arguments] == [(spec.positional, spec.many)]
    else:
        assert arguments == []


@pytest.mark.parametrize("name", COMMAND_NAMES)
def test_the_command_functions_take_what_the_typer_functions_take(name: str) -> None:
    typer_function = next(
        c.callback
        for c in cli.app.registered_commands
        if (c.name or (c.callback.__name__ if c.callback else "")) == name
    )
    assert typer_function is not None
    typer_params = inspect.signature(typer_function).parameters
    core_params = inspect.signature(commands.COMMANDS[name]).parameters
    assert list(typer_params) == list(core_params)
    for key, param in typer_params.items():
        assert param.default == core_params[key].default, key


@contextlib.contextmanager
def _recording(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Replace every command function with one that records its (bound, defaulted) arguments."""
    calls: list[tuple[str, dict[str, Any]]] = []
    for name, function in commands.COMMANDS.items():

        def record(*args: Any, _name: str = name, _f: Any = function, **kwargs: Any) -> int:
            bound = inspect.signature(_f).bind(*args, **kwargs)
            bound.apply_defaults()
            calls.append((_name, dict(bound.arguments)))
            return 0

        monkeypatch.setitem(commands.COMMANDS, name, record)
        monkeypatch.setattr(commands, function.__name__, record)
    yield calls


def _both(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, int, int]:
    """(call via Typer, call via gdq.cli.entry, exit codes) for one command line."""
    with _recording(monkeypatch) as calls, contextlib.redirect_stderr(io.StringIO()):
        typer_code = cli.run(argv)
        typer_call = calls[:]
        calls.clear()
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
    ["keyword", "x", "--limit", "0"],  # below the minimum
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
        "--format=jsonl", "-fplain", "--bogus",
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
    assert entry_call == typer_call == [(parsed[0], entry_call[0][1])]
    assert entry_code == typer_code
