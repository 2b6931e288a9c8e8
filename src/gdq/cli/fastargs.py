"""A small parser for well-formed command lines, so that a warm run does not import Typer.

``import typer`` costs several times the whole rest of a warm query. This parser reads the same
table as the Typer app (``gdq.cli.spec``), and only accepts what it fully understands: anything
else (``--help``, ``--version``, an unknown option, a value that does not convert, a repeated
single option) returns None, and the Typer app handles the command line with its own help and
error messages.
"""

# No ``from __future__ import annotations``: see gdq.models (NamedTuple creation cost).
from collections.abc import Sequence

from gdq.cli.spec import BY_NAME, SIGNED_ARGUMENT, Opt

# An option's value as parsed: text, a number, a flag or the values of a repeatable option.
Value = str | int | float | bool | list[str]


def _signed_number(token: str) -> bool:
    return len(token) > 1 and token[0] == "-" and (token[1].isdigit() or token[1] == ".")


def signed_arguments_last(args: Sequence[str]) -> list[str]:
    """The command line with a signed query (``number -5 --json``) moved behind ``--``, where
    Click reads it as the argument instead of an unknown option; unchanged for other lines."""
    if not args or args[0] not in SIGNED_ARGUMENT or "--" in args:
        return list(args)
    takes_value = {f for opt in BY_NAME[args[0]].options if opt.kind != "flag" for f in opt.flags}
    kept, signed, value_next = [args[0]], [], False
    for token in args[1:]:
        if not value_next and _signed_number(token):
            signed.append(token)
            continue
        kept.append(token)
        value_next = token in takes_value
    return [*kept, "--", *signed] if signed else kept


def _convert(opt: Opt, text: str) -> str | int | float | None:
    """The value of an option, or None when it is not plainly valid (Typer will explain)."""
    if opt.kind == "text":
        return text
    if opt.kind == "choice":
        return text if text in opt.choices else None
    if opt.kind == "int":
        return int(text) if text.isascii() and text.isdigit() else None
    if opt.kind == "float":
        try:
            value = float(text)
        except ValueError:
            return None
        return value if value == value and abs(value) != float("inf") else None
    return None


def parse(args: Sequence[str]) -> tuple[str, dict[str, Value]] | None:
    """(command, the options given, by dest) or None to let Typer parse."""
    if not args or args[0] not in BY_NAME:
        return None
    command = BY_NAME[args[0]]
    by_flag = {flag: opt for opt in command.options for flag in opt.flags}
    values: dict[str, Value] = {}
    repeated: dict[str, list[str]] = {}  # the values of each repeatable option
    positional: list[str] = []
    rest, i, options_ended = args[1:], 0, False
    while i < len(rest):
        token = rest[i]
        i += 1
        signed = args[0] in SIGNED_ARGUMENT and _signed_number(token)
        if options_ended or token == "-" or not token.startswith("-") or signed:
            positional.append(token)
            continue
        if token == "--":
            options_ended = True
            continue
        attached: str | None
        if token.startswith("--"):
            flag, eq, attached = token.partition("=")
            attached = attached if eq else None
        else:
            flag, attached = token[:2], token[2:] or None
        opt = by_flag.get(flag)
        if opt is None:
            return None
        if opt.kind == "flag":
            if attached is not None:
                return None
            value: Value = True
        else:
            if attached is None:
                if i >= len(rest) or (rest[i].startswith("-") and rest[i] != "-"):
                    return None
                attached = rest[i]
                i += 1
            if opt.kind == "texts":
                texts = repeated.setdefault(opt.dest, [])
                texts.append(attached)
                values[opt.dest] = texts
                continue
            converted = _convert(opt, attached)
            if converted is None:
                return None
            value = converted
        if opt.dest in values:
            return None
        values[opt.dest] = value
    arg = command.arg
    if arg is not None:
        if not positional or (len(positional) > 1 and not arg.many):
            return None
        values[arg.dest] = positional if arg.many else positional[0]
    elif positional:
        return None
    return args[0], values
