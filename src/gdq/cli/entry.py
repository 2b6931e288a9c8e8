"""The ``gdq`` program: a well-formed command line goes straight to its command; anything else
(help, version, usage errors) goes through the Typer app, which explains it."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def run(argv: Sequence[str] | None = None) -> int:
    """Run a command line and return the exit status (never raises for user errors)."""
    from gdq.cli import fastargs

    args = list(argv) if argv is not None else sys.argv[1:]
    # Shell completion (Click's protocol) is answered by the Typer app.
    parsed = None if "_GDQ_COMPLETE" in os.environ else fastargs.parse(args)
    if parsed is None:
        from gdq.cli.app import run as run_typer

        return run_typer(args)
    from gdq.cli import commands

    name, given = parsed
    return commands.guarded(lambda: commands.invoke(name, given))


def main() -> None:
    code = run()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        from gdq.cli.commands import silence_stdout

        silence_stdout()
    sys.exit(code)
