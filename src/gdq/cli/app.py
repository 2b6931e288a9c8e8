"""The Typer app, built from the table of commands in ``gdq.cli.spec``: help pages, shell
completion and usage errors. Well-formed command lines usually skip it (``gdq.cli.entry``);
both paths end in ``gdq.cli.commands.invoke``."""

from __future__ import annotations

import contextlib
import inspect
import os
import sys
from collections.abc import Callable, Sequence
from enum import Enum
from typing import Annotated, Any

import typer
import typer.core

from gdq import __version__
from gdq.cli import commands
from gdq.cli.spec import COMMANDS, Arg, Command, Opt
from gdq.errors import Exit

SUMMARY = "Who said what, where is this word, where is this number — in Chinese news text."


def _choices(opt: Opt) -> type[Enum]:
    # Click offers an Enum's values as the choices, in help and in shell completion.
    return Enum(opt.dest.title(), {c: c for c in opt.choices}, type=str)  # type: ignore[return-value]


def _option(opt: Opt) -> inspect.Parameter:
    help_text = opt.help
    default: Any = opt.default
    if opt.kind == "flag":
        kind: Any = bool
    elif opt.kind == "texts":
        kind = list[str] | None
    elif opt.kind == "choice":
        enum = _choices(opt)
        kind = enum | None
        default = None if opt.default is None else enum(opt.default)
        help_text += f" [{'|'.join(opt.choices)}]"
    else:
        kind = {"int": int, "float": float}.get(opt.kind, str)
        kind = kind if opt.default is not None else kind | None
    info = typer.Option(
        *opt.flags, help=help_text, metavar=opt.metavar or None, show_default=False, case_sensitive=False
    )
    return inspect.Parameter(
        opt.dest, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=Annotated[kind, info]
    )


def _argument(arg: Arg) -> inspect.Parameter:
    info = typer.Argument(help=arg.help, metavar=arg.metavar, show_default=False)
    kind: Any = list[str] if arg.many else str
    return inspect.Parameter(arg.dest, inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[kind, info])


def _callback(command: Command) -> Callable[..., int]:
    """A function whose signature declares the command's options for Typer."""

    def callback(**given: Any) -> int:
        return commands.invoke(command.name, given)

    params = [_argument(command.arg)] if command.arg else []
    params += [_option(opt) for opt in command.options]
    callback.__signature__ = inspect.Signature(params, return_annotation=int)  # type: ignore[attr-defined]
    callback.__annotations__ = {p.name: p.annotation for p in params} | {"return": int}
    callback.__name__ = command.name
    return callback


class _Command(typer.core.TyperCommand):
    """Usage lines that read ``gdq keyword [OPTIONS] WORD...``: Typer would write ``{WORD...}``."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces = [self.options_metavar or "[OPTIONS]"]
        return pieces + [p.metavar for p in self.params if p.param_type_name == "argument" and p.metavar]


def _epilog(command: Command) -> str:
    # "\b" keeps Click from re-flowing the lines of the paragraph that follows it.
    return "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in command.examples)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"gdq {__version__}\n")
        raise typer.Exit(0)


def build() -> typer.Typer:
    app = typer.Typer(
        name="gdq",
        help=SUMMARY,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )

    @app.callback()
    def _root(
        version: Annotated[
            bool,
            typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print the version."),
        ] = False,
    ) -> None:
        """Who said what, where is this word, where is this number — in Chinese news text.

        Run 'gdq COMMAND -h' for a command's options and examples.
        """

    for command in COMMANDS:
        app.command(
            command.name, help=command.help, short_help=command.summary, epilog=_epilog(command), cls=_Command
        )(_callback(command))
    return app


app = build()


# --- entry point ---------------------------------------------------------------------------


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line through Typer and return the exit status (never raises for user
    errors). ``gdq.cli.entry`` tries a faster parser first and comes here for everything else."""
    from gdq.cli.fastargs import signed_arguments_last

    args = signed_arguments_last(argv if argv is not None else sys.argv[1:])
    if not args and "_GDQ_COMPLETE" not in os.environ:
        # The help text is the answer, the missing command a usage error (as git does).
        with contextlib.redirect_stdout(sys.stderr):
            _run_once(["--help"])
        return Exit.ERROR
    return commands.guarded(lambda: _run_once(args))


def _run_once(args: list[str]) -> int:
    """One run; what is not Typer's own (user errors, Ctrl-C, a closed pipe, a corrupt cache)
    is left to commands.guarded, as on the fast path."""
    try:
        result = app(args=args, prog_name="gdq", standalone_mode=False)
    except typer.Exit as exc:
        if exc.exit_code == Exit.INTERRUPTED:  # typer's translation of Ctrl-C
            sys.stderr.write("gdq: interrupted\n")
        return int(exc.exit_code)
    except typer.Abort:  # Typer's own Ctrl-C
        sys.stderr.write("gdq: interrupted\n")
        return Exit.INTERRUPTED
    except Exception as exc:
        usage = _usage_error(exc)
        if usage is None:
            raise
        return commands.fail(usage)
    if isinstance(result, int):
        return result
    return Exit.FOUND


def _usage_error(exc: Exception) -> str | None:
    """A Click usage error's one-line message with a pointer to help, else None.

    Click's exception classes are recognised by their shape: Typer 0.24+ vendors Click under a
    private module name, older releases use Click itself, and neither is ours to import."""
    message = getattr(exc, "format_message", None)
    if not callable(message) or not hasattr(exc, "exit_code"):
        return None
    ctx = getattr(exc, "ctx", None)
    hint = f" (see: {ctx.command_path} --help)" if ctx is not None else ""
    return str(message()) + hint
