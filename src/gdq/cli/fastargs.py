"""A small parser for well-formed command lines, so that a warm run does not import Typer.

``import typer`` costs several times the whole rest of a warm query. The options of every
command are declared here once more, as data; a test checks them against the Typer app, option
by option, and checks that both parsers give each command the same arguments. This parser
only accepts what it fully understands: anything else (``--help``, ``--version``, an unknown
option, a value that does not convert or breaks a bound, a repeated single option) returns
None, and the Typer app handles the command line with its own help and error messages.
"""

# No ``from __future__ import annotations``: see gdq.models (NamedTuple creation cost).
from collections.abc import Sequence
from typing import NamedTuple

from gdq.cli.commands import Format


class Opt(NamedTuple):
    flags: tuple[str, ...]
    dest: str  # keyword argument of the function in gdq.cli.commands
    kind: str  # "text", "texts" (repeatable), "int", "float", "flag" or "format"
    minimum: int | None = None


class Spec(NamedTuple):
    positional: str  # keyword argument for the positional argument(s); "" when none
    many: bool  # the positional takes one or more values
    options: tuple[Opt, ...]


CORPUS = Opt(("--corpus", "-c"), "corpus", "texts")
FORMAT = Opt(("--format", "-f"), "fmt", "format")
JSON = Opt(("--json",), "as_json", "flag")
LIMIT = Opt(("--limit", "-n"), "limit", "int", minimum=1)
NO_CACHE = Opt(("--no-cache",), "no_cache", "flag")
KIND = Opt(("--kind", "-k"), "kind", "text")
TYPE = Opt(("--type", "-t"), "speaker_type", "text")
UNIT = Opt(("--unit", "-u"), "unit", "text")
QUERY_OPTIONS = (CORPUS, FORMAT, JSON, LIMIT, NO_CACHE)

SPECS: dict[str, Spec] = {
    "keyword": Spec("words", True, QUERY_OPTIONS),
    "speaker": Spec("name", False, (KIND, TYPE, *QUERY_OPTIONS)),
    "quotes": Spec(
        "", False, (Opt(("--speaker", "-s"), "speaker_query", "text"), KIND, TYPE, *QUERY_OPTIONS)
    ),
    "speakers": Spec("", False, QUERY_OPTIONS),
    "number": Spec("value", False, (UNIT, Opt(("--tolerance",), "tolerance", "float"), *QUERY_OPTIONS)),
    "facts": Spec(
        "", False, (UNIT, Opt(("--min",), "low", "text"), Opt(("--max",), "high", "text"), *QUERY_OPTIONS)
    ),
    "show": Spec(
        "record_id", False, (Opt(("--context",), "context", "int", minimum=0), CORPUS, FORMAT, JSON, NO_CACHE)
    ),
    "stats": Spec("", False, (CORPUS, FORMAT, JSON, NO_CACHE)),
    "export": Spec("", False, (CORPUS, FORMAT, NO_CACHE)),
    "index": Spec("", False, (CORPUS, FORMAT, JSON, Opt(("--print-path",), "print_path", "flag"))),
}


# Commands whose argument may start with a minus sign: ``gdq number -5``, ``-5..5``. No
# option of gdq is a dash and a digit, so such a token is the query, not an option.
SIGNED_ARGUMENT = frozenset({"number"})


def _signed_number(token: str) -> bool:
    return len(token) > 1 and token[0] == "-" and (token[1].isdigit() or token[1] == ".")


def signed_arguments_last(args: Sequence[str]) -> list[str]:
    """The command line with a signed query (``number -5 --json``) moved behind ``--``, where
    Click reads it as the argument instead of an unknown option; unchanged for other lines."""
    if not args or args[0] not in SIGNED_ARGUMENT or "--" in args:
        return list(args)
    takes_value = {f for opt in SPECS[args[0]].options if opt.kind != "flag" for f in opt.flags}
    kept, signed, value_next = [args[0]], [], False
    for token in args[1:]:
        if not value_next and _signed_number(token):
            signed.append(token)
            continue
        kept.append(token)
        value_next = token in takes_value
    return [*kept, "--", *signed] if signed else kept


# An option's value as the function in gdq.cli.commands takes it.
Value = str | int | float | bool | Format | list[str]


def _convert(opt: Opt, text: str) -> str | int | float | Format | None:
    """The value of an option, or None when it is not plainly valid (Typer will explain)."""
    if opt.kind == "text":
        return text
    if opt.kind == "format":
        return Format(text) if text in Format.__members__ else None
    if opt.kind == "int":
        if not text.isascii() or not text.isdigit():
            return None
        number = int(text)
        return number if opt.minimum is None or number >= opt.minimum else None
    if opt.kind == "float":
        try:
            value = float(text)
        except ValueError:
            return None
        return value if value == value and abs(value) != float("inf") else None
    return None


def parse(args: Sequence[str]) -> tuple[str, dict[str, Value]] | None:
    """(command, keyword arguments for gdq.cli.commands) or None to let Typer parse."""
    if not args or args[0] not in SPECS:
        return None
    spec = SPECS[args[0]]
    by_flag = {flag: opt for opt in spec.options for flag in opt.flags}
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
    if spec.positional:
        if not positional or (len(positional) > 1 and not spec.many):
            return None
        values[spec.positional] = positional if spec.many else positional[0]
    elif positional:
        return None
    return args[0], values
