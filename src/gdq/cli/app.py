"""Typer commands: parse options, call the core, pick the writer, map errors to exit codes."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated

import typer

try:  # typer 0.24+ vendors click under a private name; older releases use click itself
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - depends on the installed typer
    from click import exceptions as click_exceptions  # type: ignore[no-redef,import-not-found,unused-ignore]

from gdq import __version__
from gdq.cli import commands
from gdq.cli.commands import Format
from gdq.errors import Exit

app = typer.Typer(
    name="gdq",
    help="Who said what, where is this word, where is this number — in Chinese news text.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


CorpusOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--corpus",
        "-c",
        help="File or folder of .txt files (repeatable); '-' reads standard input. "
        "Default: $GDQ_CORPUS, else the bundled article.",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format. Default: table on a terminal, plain when piped.",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Same as --format json.")]
LimitOpt = Annotated[
    int | None, typer.Option("--limit", "-n", min=1, help="Show at most N results (default: all).")
]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the index cache.")]


# --- commands ------------------------------------------------------------------------------
# Each function declares its options for Typer and hands them, by name (``**locals()`` is
# exactly the parameters), to the same function of gdq.cli.commands that the fast path calls.


@app.command()
def keyword(
    words: Annotated[list[str], typer.Argument(help="Word(s) to find; several words must all occur.")],
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
    no_cache: NoCacheOpt = False,
) -> int:
    """Sentences containing the words (typo-tolerant), best first, matches highlighted."""
    return commands.keyword(**locals())


KindOpt = Annotated[
    str, typer.Option("--kind", "-k", help="direct (quoted words), indirect (reported speech) or all.")
]
TypeOpt = Annotated[
    str | None,
    typer.Option(
        "--type",
        "-t",
        metavar="TYPE[,TYPE]",
        help="Only these speaker types: person, organisation, media, document, anonymous, group.",
    ),
]


@app.command()
def speaker(
    name: Annotated[
        str, typer.Argument(help="Name, a typo of it, pinyin, traditional characters, or a role word.")
    ],
    kind: KindOpt = "all",
    speaker_type: TypeOpt = None,
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
    no_cache: NoCacheOpt = False,
) -> int:
    """Statements of the speakers a name finds: direct quotes first, then reported speech."""
    return commands.speaker(**locals())


@app.command()
def quotes(
    speaker_query: Annotated[
        str | None, typer.Option("--speaker", "-s", help="Only statements of speakers this finds.")
    ] = None,
    kind: KindOpt = "all",
    speaker_type: TypeOpt = None,
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
    no_cache: NoCacheOpt = False,
) -> int:
    """Every statement (direct quotes and reported speech), in document order."""
    return commands.quotes(**locals())


@app.command()
def speakers(
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
    no_cache: NoCacheOpt = False,
) -> int:
    """Every speaker with roles and counts of direct and indirect statements."""
    return commands.speakers(**locals())


UnitOpt = Annotated[
    str | None,
    typer.Option("--unit", "-u", help="Only facts with this unit (元, 人, 家, %, ...; 亿元 means 元)."),
]


@app.command()
def number(
    value: Annotated[
        str,
        typer.Argument(
            metavar="QUERY",
            help="3.2万亿, 1800万人, 2035年, 十, 1000亿..5万亿, 10~15年, >=100亿, 超千亿, 约3万, 12%, -5",
        ),
    ],
    unit: UnitOpt = None,
    tolerance: Annotated[
        float | None,
        typer.Option(
            "--tolerance",
            help="Relative tolerance for a single value (0.01 = 1%; default 0.001, 0.1 after 约).",
            show_default=False,
        ),
    ] = None,
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
    no_cache: NoCacheOpt = False,
) -> int:
    """Sentences that state a number, however it was written; closest first."""
    return commands.number(**locals())


@app.command()
def facts(
    unit: UnitOpt = None,
    low: Annotated[str | None, typer.Option("--min", help="Smallest value, in any form (100亿).")] = None,
    high: Annotated[str | None, typer.Option("--max", help="Largest value, in any form (5万亿).")] = None,
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
    no_cache: NoCacheOpt = False,
) -> int:
    """Every numeric fact, in document order."""
    return commands.facts(**locals())


@app.command()
def show(
    record_id: Annotated[str, typer.Argument(metavar="ID", help="A record id from any other command.")],
    context: Annotated[int, typer.Option("--context", min=0, help="Sentences to show on each side.")] = 1,
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    no_cache: NoCacheOpt = False,
) -> int:
    """One record by id, with its surrounding sentences."""
    return commands.show(**locals())


@app.command()
def stats(
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    no_cache: NoCacheOpt = False,
) -> int:
    """Counts of documents, paragraphs, sentences, statements, speakers, facts, and repairs."""
    return commands.stats(**locals())


@app.command()
def export(
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    no_cache: NoCacheOpt = False,
) -> int:
    """Every sentence, statement and fact as JSON Lines, for loading into a search cluster."""
    return commands.export(**locals())


@app.command("index")
def build_index(
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    print_path: Annotated[
        bool, typer.Option("--print-path", help="Print the path of the corpus database.")
    ] = False,
) -> int:
    """Build the index cache ahead of time (with a progress bar on a terminal)."""
    return commands.build_index(**locals())


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"gdq {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Who said what, where is this word, where is this number — in Chinese news text."""


# --- entry point ---------------------------------------------------------------------------


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line through Typer and return the exit status (never raises for user
    errors). ``gdq.cli.entry`` tries a faster parser first and comes here for everything else."""
    from gdq.cli.fastargs import signed_arguments_last

    args = signed_arguments_last(argv if argv is not None else sys.argv[1:])
    return commands.guarded(lambda: _run_once(args))


def _run_once(args: list[str]) -> int:
    """One run; what is not Typer's own (user errors, Ctrl-C, a closed pipe, a corrupt cache)
    is left to commands.guarded, as on the fast path."""
    try:
        result = app(args=args, standalone_mode=False)
    except click_exceptions.NoArgsIsHelpError as exc:
        # no_args_is_help: the help text is the answer, the missing command a usage error.
        sys.stderr.write((exc.ctx.get_help() if exc.ctx else "usage: gdq COMMAND --help") + "\n")
        return Exit.ERROR
    except click_exceptions.UsageError as exc:
        hint = f" (see: {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
        return commands.fail(exc.format_message() + hint)
    except typer.Exit as exc:
        if exc.exit_code == Exit.INTERRUPTED:  # typer's translation of Ctrl-C
            sys.stderr.write("gdq: interrupted\n")
        return int(exc.exit_code)
    except typer.Abort:  # Typer's own Ctrl-C
        sys.stderr.write("gdq: interrupted\n")
        return Exit.INTERRUPTED
    if isinstance(result, int):
        return result
    return Exit.FOUND
