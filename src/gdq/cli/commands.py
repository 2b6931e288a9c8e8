"""What each command does, given its parsed options: call the core, pick the writer, return the
exit status. Both front ends call these: the Typer app (``gdq.cli.app``, every case, help and
usage errors) and the fast path (``gdq.cli.entry``, well-formed common command lines, without
paying for Typer's import). Neither typer nor rich is imported here at module level.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import StrEnum
from typing import TYPE_CHECKING

from gdq.errors import Exit, GdqError, QueryError

if TYPE_CHECKING:
    from gdq.api import Index
    from gdq.output.serialize import Record


class Format(StrEnum):
    table = "table"
    plain = "plain"
    json = "json"
    jsonl = "jsonl"


def warn(message: str) -> None:
    sys.stderr.write(f"gdq: warning: {message}\n")


def fail(message: str, code: int = Exit.ERROR) -> int:
    sys.stderr.write(f"gdq: error: {' '.join(message.split())}\n")
    return code


def _progress_factory() -> Callable[[int], Callable[[int], None]] | None:
    if not sys.stderr.isatty():
        return None

    def factory(total: int) -> Callable[[int], None]:
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


def _index(corpus: Sequence[str] | None, no_cache: bool, rebuild: bool = False) -> Index:
    from gdq.api import Index
    from gdq.pipeline.load import open_index

    return Index(
        open_index(
            corpus,
            use_cache=not no_cache,
            warn=warn,
            progress=_progress_factory(),
            force_rebuild=rebuild or _rebuild_next,
        )
    )


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


def _format(fmt: Format | None, as_json: bool) -> Format:
    if as_json:
        if fmt not in (None, Format.json):
            raise QueryError("--json and --format disagree; give one of them")
        return Format.json
    if fmt is not None:
        return fmt
    return Format.table if sys.stdout.isatty() else Format.plain


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


def _emit(records: Sequence[Record], fmt: Format) -> int:
    from gdq.output import serialize

    out = sys.stdout
    with quiet_pipe():
        if fmt is Format.json:
            serialize.write_json(list(records), out)
        elif fmt is Format.jsonl:
            serialize.write_jsonl(records, out)
        elif fmt is Format.plain:
            serialize.write_plain(records, out)
        elif records:
            from gdq.output.render import print_records

            print_records(records, out)
    return Exit.FOUND if records else Exit.NOTHING


def guarded(run_once: Callable[[], int]) -> int:
    """The exit status of a command; user errors, Ctrl-C and a closed pipe never raise."""
    try:
        return retrying_corrupt_cache(run_once)
    except KeyboardInterrupt:
        sys.stderr.write("gdq: interrupted\n")
        return Exit.INTERRUPTED
    except GdqError as exc:
        return fail(str(exc), exc.exit_code)
    except BrokenPipeError:
        silence_stdout()
        return Exit.FOUND


# --- commands ------------------------------------------------------------------------------
# Each command checks its query before paying for the index, then takes its records from the
# library (gdq.api.Index), which checks them again: a bad query fails before any indexing.


def keyword(
    words: Sequence[str],
    corpus: Sequence[str] | None = None,
    fmt: Format | None = None,
    as_json: bool = False,
    limit: int | None = None,
    no_cache: bool = False,
) -> int:
    from gdq.search import query

    out_format = _format(fmt, as_json)
    query.normalise_terms(words)
    return _emit(_index(corpus, no_cache).keyword(*words, limit=limit), out_format)


def speaker(
    name: str,
    kind: str = "all",
    speaker_type: str | None = None,
    corpus: Sequence[str] | None = None,
    fmt: Format | None = None,
    as_json: bool = False,
    limit: int | None = None,
    no_cache: bool = False,
) -> int:
    # The statements of the speakers a name finds: what ``gdq quotes --speaker NAME`` lists.
    return quotes(name, kind, speaker_type, corpus, fmt, as_json, limit, no_cache)


def quotes(
    speaker_query: str | None = None,
    kind: str = "all",
    speaker_type: str | None = None,
    corpus: Sequence[str] | None = None,
    fmt: Format | None = None,
    as_json: bool = False,
    limit: int | None = None,
    no_cache: bool = False,
) -> int:
    from gdq.search import query

    out_format = _format(fmt, as_json)
    query.check_kind(kind)
    query.check_types(speaker_type)
    if speaker_query is not None:
        query.check_speaker_query(speaker_query)
    index = _index(corpus, no_cache)
    return _emit(index.quotes(speaker_query, kind, speaker_type, limit), out_format)


def speakers(
    corpus: Sequence[str] | None = None,
    fmt: Format | None = None,
    as_json: bool = False,
    limit: int | None = None,
    no_cache: bool = False,
) -> int:
    out_format = _format(fmt, as_json)
    return _emit(_index(corpus, no_cache).speakers(limit), out_format)


def number(
    value: str,
    unit: str | None = None,
    tolerance: float | None = None,
    corpus: Sequence[str] | None = None,
    fmt: Format | None = None,
    as_json: bool = False,
    limit: int | None = None,
    no_cache: bool = False,
) -> int:
    from gdq.search import query

    out_format = _format(fmt, as_json)
    query.check_tolerance(tolerance)
    query.number_query(value, unit)
    return _emit(_index(corpus, no_cache).number(value, unit, tolerance, limit), out_format)


def facts(
    unit: str | None = None,
    low: str | None = None,
    high: str | None = None,
    corpus: Sequence[str] | None = None,
    fmt: Format | None = None,
    as_json: bool = False,
    limit: int | None = None,
    no_cache: bool = False,
) -> int:
    from gdq.search import query

    out_format = _format(fmt, as_json)
    query.parse_bounds(low, high)
    query.check_unit(unit)
    return _emit(_index(corpus, no_cache).facts(unit, low, high, limit), out_format)


def show(
    record_id: str,
    context: int = 1,
    corpus: Sequence[str] | None = None,
    fmt: Format | None = None,
    as_json: bool = False,
    no_cache: bool = False,
) -> int:
    out_format = _format(fmt, as_json)
    index = _index(corpus, no_cache)
    if out_format in (Format.json, Format.jsonl):
        found = index.show(record_id, context)
        return _emit([found] if found is not None else [], out_format)
    return _emit(index.show_lines(record_id, context), out_format)


def stats(
    corpus: Sequence[str] | None = None,
    fmt: Format | None = None,
    as_json: bool = False,
    no_cache: bool = False,
) -> int:
    out_format = _format(fmt, as_json)
    _emit([_index(corpus, no_cache).stats()], out_format)
    return Exit.FOUND


def export(
    corpus: Sequence[str] | None = None,
    fmt: Format | None = None,
    no_cache: bool = False,
) -> int:
    from gdq.output import serialize

    out_format = fmt or Format.jsonl
    if out_format not in (Format.jsonl, Format.json):
        raise QueryError("export writes --format jsonl (the default) or json")
    index = _index(corpus, no_cache)
    records = index.export()
    with quiet_pipe():
        if out_format is Format.jsonl:
            serialize.write_jsonl(records, sys.stdout)
        else:
            serialize.write_json_stream(records, sys.stdout)
    return Exit.FOUND if index.store.sentence_count() else Exit.NOTHING


def build_index(
    corpus: Sequence[str] | None = None,
    fmt: Format | None = None,
    as_json: bool = False,
    print_path: bool = False,
) -> int:
    """Bring the corpus database up to date (built afresh after a corrupt cache was met)."""
    out_format = _format(fmt, as_json)
    index = _index(corpus, no_cache=False)
    if print_path:
        if index.store.path is None:
            return fail("the index could not be kept on disk (see the warning above)")
        sys.stdout.write(index.store.path + "\n")
        return Exit.FOUND
    _emit([index.stats()], out_format)
    return Exit.FOUND


# The function behind each command name.
COMMANDS: dict[str, Callable[..., int]] = {
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
