"""What each command does, given its parsed options: call the library, pick the writer, return
the exit status. Both front ends end here, through :func:`invoke`: the Typer app
(``gdq.cli.app``: help, completion, usage errors) and the fast path (``gdq.cli.entry``: well-formed
command lines, without paying for Typer's import). The options are declared once, in
``gdq.cli.spec``. Neither typer nor rich is imported here at module level.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import Enum
from typing import TYPE_CHECKING, Any

from gdq.cli.spec import BY_NAME, Command
from gdq.errors import Exit, GdqError, QueryError

if TYPE_CHECKING:
    from gdq.api import Index
    from gdq.output.serialize import Record


class Args:
    """The options of one command line by name (``spec.Opt.dest``), the table's defaults filled
    in for what was not given."""

    def __init__(self, command: Command, given: Mapping[str, object]) -> None:
        values: dict[str, object] = {opt.dest: opt.default for opt in command.options}
        if command.arg is not None:
            values[command.arg.dest] = None
        for key, value in given.items():
            if isinstance(value, Enum):
                value = value.value
            if value is not None or values.get(key) is None:
                values[key] = value
        self.__dict__.update(values)
        self.command = command

    def __getattr__(self, name: str) -> Any:  # only for names the table does not declare
        raise AttributeError(f"no option {name!r}")


def invoke(name: str, given: Mapping[str, object]) -> int:
    """Run a command with the options a parser found (by dest)."""
    command = BY_NAME[name]
    args = Args(command, given)
    for opt in command.options:
        value = getattr(args, opt.dest)
        if opt.minimum is not None and value is not None and value < opt.minimum:
            raise QueryError(f"{opt.flags[0]} must be {opt.minimum} or more, not {value}")
    return COMMANDS[name](args)


def warn(message: str) -> None:
    _stop_progress()
    sys.stderr.write(f"gdq: warning: {message}\n")


def note(message: str) -> None:
    sys.stderr.write(f"gdq: {message}\n")


def fail(message: str, code: int = Exit.ERROR) -> int:
    _stop_progress()
    sys.stderr.write(f"gdq: error: {' '.join(message.split())}\n")
    return code


# --- progress --------------------------------------------------------------------------------

# The bar on screen, if any: stopped (and erased) before anything else is written to stderr,
# when the index is ready, and on every way out (Ctrl-C, an error).
_bar: Any = None


def _stop_progress() -> None:
    global _bar
    if _bar is not None:
        bar, _bar = _bar, None
        bar.stop()


def _progress_factory() -> Callable[[int], Callable[[int], None]] | None:
    # The bar is for the person at the terminal: it goes to stderr whenever stderr is one,
    # wherever stdout goes.
    if not sys.stderr.isatty():
        return None

    def factory(total: int) -> Callable[[int], None]:
        def advance(chars: int) -> None:
            global _bar
            if _bar is None:
                if chars <= 0:
                    return
                _bar = _new_bar(total)
            _bar.update(_bar.task_ids[0], advance=chars)

        return advance

    return factory


def _new_bar(total: int) -> Any:
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from gdq.output.render import console

    bar = Progress(
        TextColumn("indexing"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%"),
        TimeRemainingColumn(),
        console=console(sys.stderr),
        transient=True,
    )
    bar.add_task("index", total=max(total, 1))
    bar.start()
    return bar


# Set when a cached index turned out corrupt part-way through a command: the command is run
# again with the index rebuilt instead of read.
_rebuild_next = False


def _index(args: Args, rebuild: bool = False) -> Index:
    from gdq.api import Index
    from gdq.pipeline.load import open_index

    try:
        return Index(
            open_index(
                args.corpus,
                use_cache=not getattr(args, "no_cache", False),
                warn=warn,
                progress=_progress_factory(),
                force_rebuild=rebuild or _rebuild_next,
                glob=args.glob,
            )
        )
    finally:
        _stop_progress()


def retrying_corrupt_cache(run_once: Callable[[], int]) -> int:
    """Run a command; if a lazily read part of the cached index fails its checks, run it once
    more with the index rebuilt."""
    global _rebuild_next
    from gdq.store.index import CorruptStore

    try:
        return run_once()
    except CorruptStore:
        _rebuild_next = True
        try:
            return run_once()
        except CorruptStore as exc:
            return fail(f"the index cache is corrupt and could not be rebuilt ({exc}); try --no-cache")
        finally:
            _rebuild_next = False


def silence_stdout() -> None:
    # Keep Python from complaining about the closed pipe when it flushes stdout at exit.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


@contextmanager
def quiet_pipe() -> Iterator[None]:
    """Write to stdout; if the reader went away (`gdq ... | head -1`), stop quietly like grep.

    Handled here, around the writing: typer turns a BrokenPipeError that reaches it into exit 1.
    """
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()


def guarded(run_once: Callable[[], int]) -> int:
    """The exit status of a command; user errors, Ctrl-C and a closed pipe never raise."""
    try:
        return retrying_corrupt_cache(run_once)
    except KeyboardInterrupt:
        _stop_progress()
        sys.stderr.write("gdq: interrupted\n")
        return Exit.INTERRUPTED
    except GdqError as exc:
        return fail(str(exc), exc.exit_code)
    except BrokenPipeError:
        silence_stdout()
        return Exit.FOUND
    finally:
        _stop_progress()


# --- output ----------------------------------------------------------------------------------


def _format(args: Args) -> str:
    fmt: str | None = args.fmt
    if getattr(args, "as_json", False):
        if fmt not in (None, "json"):
            raise QueryError("--json and --format disagree; give one of them")
        return "json"
    if fmt is not None:
        return fmt
    return "table" if sys.stdout.isatty() else "plain"


class Output:
    """How this command line wants its records written (checked before any indexing)."""

    def __init__(self, args: Args) -> None:
        from gdq.output.color import want_color

        self.format = _format(args)
        self.color = want_color(getattr(args, "color", "auto"), sys.stdout)
        self.fields = _fields(args)

    def emit(self, records: Sequence[Record], empty: str | None = None) -> int:
        """Write the records; ``empty``: what to tell a person at a table when there are none."""
        from gdq.output.emit import write_records

        with quiet_pipe():
            write_records(records, sys.stdout, self.format, fields=self.fields, color=self.color)
        if not records and self.format == "table" and empty:
            note(empty)
        return Exit.FOUND if records else Exit.NOTHING


def _fields(args: Args) -> list[str] | None:
    """The names of ``--fields``, checked before any indexing against the kinds of record the
    command writes (those found are checked again against their own kinds when written)."""
    spec: str | None = getattr(args, "fields", None)
    if spec is None:
        return None
    from gdq.output.fields import check, parse, record_keys

    names = parse(spec)
    check(record_keys(args.command.records), names)
    return names


def _about(args: Args) -> list[str]:
    """``--about`` words (each value may hold several, separated by spaces), checked as keyword
    words before any indexing; [] when not given."""
    if args.about is None:
        return []
    from gdq.search import query

    words = [w for v in args.about for w in v.split()]
    query.normalise_terms(words)
    return words


# --- commands ------------------------------------------------------------------------------
# Each command checks its query before paying for the index, then takes its records from the
# library (gdq.api.Index), which checks them again: a bad query fails before any indexing.


def keyword(args: Args) -> int:
    from gdq.search import query

    output = Output(args)
    words: list[str] = args.words
    query.normalise_terms(words)
    before = args.before if args.before is not None else args.context or 0
    after = args.after if args.after is not None else args.context or 0
    index = _index(args)
    shown = " ".join(words)
    empty = f"no sentence contains {shown}"
    if args.count:
        records = index.keyword_counts(*words, fuzzy=args.fuzzy, whole_words=args.whole_words)
    else:
        records = index.keyword(
            *words,
            limit=args.limit,
            fuzzy=args.fuzzy,
            whole_words=args.whole_words,
            before=before,
            after=after,
        )
    if not args.fuzzy and records and not query.has_exact_match(index.store, words, args.whole_words):
        # Without --fuzzy, near matches come only when no sentence holds the words as typed.
        note(f"no exact match for {shown}; near matches:")
    return output.emit(records, empty=empty)


def speaker(args: Args) -> int:
    # The statements of the speakers a name finds: what ``gdq quotes --speaker NAME`` lists.
    return _statements(args, args.name)


def quotes(args: Args) -> int:
    return _statements(args, args.speaker_query)


def _statements(args: Args, name: str | None) -> int:
    from gdq.search import query

    output = Output(args)
    query.check_kind(args.kind)
    query.check_types(args.speaker_type)
    about = _about(args)
    if name is not None:
        query.check_speaker_query(name)
    index = _index(args)
    if name is not None:
        _say_substitutions(index, name, args.speaker_type)
    records = index.quotes(name, args.kind, args.speaker_type, args.limit, about=about)
    what = f"no statements of {name}" if name is not None else "no statements"
    return output.emit(records, empty=what + (f" about {' '.join(about)}" if about else ""))


def _say_substitutions(index: Index, name: str, speaker_type: str | None) -> None:
    """Name on stderr the speakers found in place of a name nobody has."""
    from gdq.search.speakers import substituted

    found = index.speaker_matches(name, type=speaker_type)
    if found and all(substituted(how) for _, how in found):
        names = "、".join(n for n, _ in found)
        note(f"no speaker named {name}; showing {names} (a near spelling)")


def speakers(args: Args) -> int:
    output = Output(args)
    return output.emit(_index(args).speakers(args.limit), empty="no speakers")


def number(args: Args) -> int:
    from gdq.search import query

    output = Output(args)
    query.check_tolerance(args.tolerance)
    query.number_query(args.value, args.unit)
    records = _index(args).number(args.value, args.unit, args.tolerance, args.limit)
    return output.emit(records, empty=f"no fact matches {args.value}")


def facts(args: Args) -> int:
    from gdq.search import query

    output = Output(args)
    query.parse_bounds(args.low, args.high)
    query.check_unit(args.unit)
    about = _about(args)
    records = _index(args).facts(args.unit, args.low, args.high, args.limit, about=about)
    return output.emit(records, empty="no facts" + (f" about {' '.join(about)}" if about else ""))


def show(args: Args) -> int:
    output = Output(args)
    index = _index(args)
    record_id: str = args.record_id
    if output.format in ("json", "jsonl", "csv", "tsv") or output.fields is not None:
        found = index.show(record_id, args.context)
        records = [found] if found is not None else []
    else:
        records = index.show_lines(record_id, args.context)
    if not records:
        note(f"no record has the id {record_id.strip()!r} in this corpus (ids come from the other commands)")
    return output.emit(records)


def stats(args: Args) -> int:
    output = Output(args)
    output.emit([_index(args).stats()])
    return Exit.FOUND


def export(args: Args) -> int:
    from gdq.output import serialize

    names = _fields(args)
    index = _index(args)
    records: Iterator[Record] = index.export()
    if names is not None:
        from gdq.output.fields import pick

        records = (pick(rec, names) for rec in records)
    with quiet_pipe():
        if (args.fmt or "jsonl") == "jsonl":
            serialize.write_jsonl(records, sys.stdout)
        else:
            serialize.write_json_stream(records, sys.stdout)
    return Exit.FOUND if index.store.sentence_count() else Exit.NOTHING


def build_index(args: Args) -> int:
    """Bring the corpus database up to date (built afresh after a corrupt cache was met)."""
    output = Output(args)
    index = _index(args)
    if args.print_path:
        if index.store.path is None:
            return fail("the index could not be kept on disk (see the warning above)")
        sys.stdout.write(index.store.path + "\n")
        return Exit.FOUND
    output.emit([index.stats()])
    return Exit.FOUND


# The function behind each command name.
COMMANDS: dict[str, Callable[[Args], int]] = {
    "keyword": keyword,
    "speaker": speaker,
    "quotes": quotes,
    "speakers": speakers,
    "number": number,
    "facts": facts,
    "show": show,
    "stats": stats,
    "export": export,
    "index": build_index,
}
