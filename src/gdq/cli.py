"""Typer commands: parse options, call the core, pick the writer, map errors to exit codes."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import Annotated, Any

import typer

try:  # typer 0.24+ vendors click under a private name; older releases use click itself
    from typer._click import exceptions as click_exceptions
except ImportError:  # pragma: no cover - depends on the installed typer
    from click import exceptions as click_exceptions  # type: ignore[no-redef,import-not-found]

from . import __version__
from .errors import Exit, GdqError, QueryError
from .query import DEFAULT_TOLERANCE

app = typer.Typer(
    name="gdq",
    help="Who said what, where is this word, where is this number — in Chinese news text.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class Format(StrEnum):
    table = "table"
    plain = "plain"
    json = "json"
    jsonl = "jsonl"


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


def _warn(message: str) -> None:
    sys.stderr.write(f"gdq: warning: {message}\n")


def _progress_factory() -> Callable[[int], Callable[[int], None]] | None:
    if not sys.stderr.isatty():
        return None

    def factory(total: int) -> Callable[[int], None]:
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        from .render import console

        bar = Progress(
            TextColumn("indexing"),
            BarColumn(),
            TextColumn("{task.percentage:>3.0f}%"),
            TimeRemainingColumn(),
            console=console(sys.stderr),
            transient=True,
        )
        task = bar.add_task("index", total=max(total, 1))
        bar.start()
        done = 0

        def advance(chars: int) -> None:
            nonlocal done
            done += chars
            bar.update(task, advance=chars)
            if done >= total:
                bar.stop()

        return advance

    return factory


# Set when a cached index turned out corrupt part-way through a command: the command is run
# again with the index rebuilt instead of read.
_rebuild_next = False


def _index(corpus: list[str] | None, no_cache: bool, rebuild: bool = False) -> Any:
    from .loader import open_index

    return open_index(
        corpus,
        use_cache=not no_cache,
        warn=_warn,
        progress=_progress_factory(),
        force_rebuild=rebuild or _rebuild_next,
    )


def _format(fmt: Format | None, as_json: bool) -> Format:
    if as_json:
        if fmt not in (None, Format.json):
            raise QueryError("--json and --format disagree; give one of them")
        return Format.json
    if fmt is not None:
        return fmt
    return Format.table if sys.stdout.isatty() else Format.plain


@contextmanager
def _quiet_pipe() -> Iterator[None]:
    """Write to stdout; if the reader went away (`gdq ... | head -1`), stop quietly like grep.

    Handled here, around the writing: typer turns a BrokenPipeError that reaches it into exit 1.
    """
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()


def _emit(records: Sequence[dict[str, Any]], fmt: Format) -> int:
    from . import serialize

    out = sys.stdout
    with _quiet_pipe():
        if fmt is Format.json:
            serialize.write_json(list(records), out)
        elif fmt is Format.jsonl:
            serialize.write_jsonl(records, out)
        elif fmt is Format.plain:
            serialize.write_plain(records, out)
        elif records:
            from .render import print_records

            print_records(records, out)
    return Exit.FOUND if records else Exit.NOTHING


# --- commands ------------------------------------------------------------------------------


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
    from . import query, serialize

    out_format = _format(fmt, as_json)
    query.normalise_terms(words)  # reject a bad query before paying for the index
    index = _index(corpus, no_cache)
    hits = query.keyword(index, words, limit)
    return _emit([serialize.hit_record(h) for h in hits], out_format)


KindOpt = Annotated[
    str, typer.Option("--kind", "-k", help="direct (quoted words), indirect (reported speech) or all.")
]


def _quote_records(index: Any, pairs: Sequence[tuple[Any, float | None]]) -> list[dict[str, Any]]:
    from . import serialize

    return [serialize.statement_record(st, score, index.sentence_text(st.sentence_id)) for st, score in pairs]


@app.command()
def speaker(
    name: Annotated[
        str, typer.Argument(help="Name, a typo of it, pinyin, traditional characters, or a role word.")
    ],
    kind: KindOpt = "all",
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
    no_cache: NoCacheOpt = False,
) -> int:
    """Statements of the speakers a name finds: direct quotes first, then reported speech."""
    from . import query

    out_format = _format(fmt, as_json)
    query.check_kind(kind)
    query.check_speaker_query(name)
    index = _index(corpus, no_cache)
    pairs = [(st, hit.score) for hit in query.speaker(index, name, kind) for st in hit.statements]
    return _emit(_quote_records(index, pairs[:limit]), out_format)


@app.command()
def quotes(
    speaker_query: Annotated[
        str | None, typer.Option("--speaker", "-s", help="Only statements of speakers this finds.")
    ] = None,
    kind: KindOpt = "all",
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
    no_cache: NoCacheOpt = False,
) -> int:
    """Every statement (direct quotes and reported speech), in document order."""
    from . import query

    out_format = _format(fmt, as_json)
    query.check_kind(kind)
    if speaker_query is not None:
        query.check_speaker_query(speaker_query)
    index = _index(corpus, no_cache)
    pairs = query.quotes(index, speaker_query, kind)
    return _emit(_quote_records(index, pairs[:limit]), out_format)


@app.command()
def speakers(
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
    no_cache: NoCacheOpt = False,
) -> int:
    """Every speaker with roles and counts of direct and indirect statements."""
    from . import serialize

    out_format = _format(fmt, as_json)
    index = _index(corpus, no_cache)
    by_speaker = index.statements_by_speaker
    records = [serialize.speaker_record(k.name, k.roles, by_speaker.get(k.name, [])) for k in index.speakers]
    return _emit(records[:limit], out_format)


UnitOpt = Annotated[
    str | None, typer.Option("--unit", "-u", help="Only facts with this unit (元, 人, 家, %, ...).")
]


def _fact_records(index: Any, pairs: Sequence[tuple[Any, float | None]]) -> list[dict[str, Any]]:
    from . import serialize

    return [serialize.fact_record(f, index.sentence_text(f.sentence_id) or "", score) for f, score in pairs]


@app.command()
def number(
    value: Annotated[
        str, typer.Argument(metavar="QUERY", help="3.2万亿, 32000亿, 3.2e12, 十, 1000亿..5万亿, >=100亿, 12%")
    ],
    unit: UnitOpt = None,
    tolerance: Annotated[
        float, typer.Option("--tolerance", help="Relative tolerance for a single value (0.01 = 1%).")
    ] = DEFAULT_TOLERANCE,
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
    no_cache: NoCacheOpt = False,
) -> int:
    """Sentences that state a number, however it was written; closest first."""
    from . import query
    from .numbers import NumberQueryError, parse_query

    out_format = _format(fmt, as_json)
    try:
        parse_query(value)  # a malformed query fails before the index is loaded
    except NumberQueryError as exc:
        raise QueryError(str(exc)) from None
    index = _index(corpus, no_cache)
    pairs = query.number(index, value, unit, tolerance)
    return _emit(_fact_records(index, pairs[:limit]), out_format)


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
    from . import query

    out_format = _format(fmt, as_json)
    query.parse_bound(low, "--min")
    query.parse_bound(high, "--max")
    index = _index(corpus, no_cache)
    found = query.all_facts(index, unit, low, high)
    return _emit(_fact_records(index, [(f, None) for f in found[:limit]]), out_format)


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
    from . import serialize
    from .models import Sentence

    out_format = _format(fmt, as_json)
    index = _index(corpus, no_cache)
    rec = index.record(record_id.strip())
    if rec is None:
        return _emit([], out_format)
    own = rec if isinstance(rec, Sentence) else index.sentence(rec.sentence_id)
    if own is None:
        return _emit([], out_format)
    sentence_id = own.id
    before, after = index.neighbours(sentence_id, context, context)
    main = serialize.record_of(index, rec)
    if out_format in (Format.json, Format.jsonl):
        main["context_before"] = [serialize.record_of(index, s) for s in before]
        main["context_after"] = [serialize.record_of(index, s) for s in after]
        return _emit([main], out_format)
    if main["type"] == "sentence":
        main["matches"] = [[0, len(main["text"])]]
    records = [serialize.record_of(index, s) for s in before]
    records += [main] if rec is own else [main, serialize.record_of(index, own)]
    records += [serialize.record_of(index, s) for s in after]
    return _emit(records, out_format)


@app.command()
def stats(
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
    no_cache: NoCacheOpt = False,
) -> int:
    """Counts of documents, paragraphs, sentences, statements, speakers, facts, and repairs."""
    from . import serialize

    out_format = _format(fmt, as_json)
    index = _index(corpus, no_cache)
    _emit([serialize.stats_record(index)], out_format)
    return Exit.FOUND


@app.command()
def export(
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    no_cache: NoCacheOpt = False,
) -> int:
    """Every sentence, statement and fact as JSON Lines, for loading into a search cluster."""
    from . import serialize

    out_format = fmt or Format.jsonl
    if out_format not in (Format.jsonl, Format.json):
        raise QueryError("export writes --format jsonl (the default) or json")
    index = _index(corpus, no_cache)
    records = serialize.export_records(index)
    with _quiet_pipe():
        if out_format is Format.jsonl:
            serialize.write_jsonl(records, sys.stdout)
        else:
            serialize.write_json_stream(records, sys.stdout)
    return Exit.FOUND if len(index.sentences) else Exit.NOTHING


@app.command("index")
def build_index(
    corpus: CorpusOpt = None,
    fmt: FormatOpt = None,
    as_json: JsonOpt = False,
) -> int:
    """Build the index cache ahead of time (with a progress bar on a terminal)."""
    from . import serialize

    out_format = _format(fmt, as_json)
    index = _index(corpus, no_cache=False, rebuild=True)
    _emit([serialize.stats_record(index)], out_format)
    return Exit.FOUND


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


def _fail(message: str, code: int = Exit.ERROR) -> int:
    sys.stderr.write(f"gdq: error: {' '.join(message.split())}\n")
    return code


def run(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status (never raises for user errors)."""
    global _rebuild_next
    from .store import CorruptStore

    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        return _run_once(args)
    except CorruptStore:
        # Parts of a cached index are read lazily; one that fails its checks is rebuilt.
        _rebuild_next = True
        try:
            return _run_once(args)
        except CorruptStore as exc:
            return _fail(f"the index cache is corrupt and could not be rebuilt ({exc}); try --no-cache")
        finally:
            _rebuild_next = False


def _run_once(args: list[str]) -> int:
    """One run; a CorruptStore from the cache is left to the caller."""
    try:
        result = app(args=args, standalone_mode=False)
    except click_exceptions.NoArgsIsHelpError as exc:
        # no_args_is_help: the help text is the answer, the missing command a usage error.
        sys.stderr.write((exc.ctx.get_help() if exc.ctx else "usage: gdq COMMAND --help") + "\n")
        return Exit.ERROR
    except click_exceptions.UsageError as exc:
        hint = f" (see: {exc.ctx.command_path} --help)" if exc.ctx is not None else ""
        return _fail(exc.format_message() + hint)
    except typer.Exit as exc:
        if exc.exit_code == Exit.INTERRUPTED:  # typer's translation of Ctrl-C
            sys.stderr.write("gdq: interrupted\n")
        return int(exc.exit_code)
    except (KeyboardInterrupt, typer.Abort):
        sys.stderr.write("gdq: interrupted\n")
        return Exit.INTERRUPTED
    except GdqError as exc:
        return _fail(str(exc), exc.exit_code)
    except BrokenPipeError:
        _silence_stdout()
        return Exit.FOUND
    if isinstance(result, int):
        return result
    return Exit.FOUND


def _silence_stdout() -> None:
    # Keep Python from complaining about the closed pipe when it flushes stdout at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def main() -> None:
    code = run()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
    sys.exit(code)
