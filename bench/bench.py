"""Benchmark gdq against its targets: index size, build and re-index time, query speed, memory.

Usage: python bench/bench.py [--quick] [--sizes 1,10,100] [--rounds 7] [--json out.json]
       [--baseline-gdq OLD/bin/gdq] [--check]

Each timed case runs beside a baseline *alternately* (baseline, case, baseline, case, ...), so a
machine that slows down or speeds up during the run affects both sides alike; the report gives
the median of each side and their ratio. See bench/README.md for what each case means.
Standard library only, so it runs with any Python 3.11+, independent of gdq's environment.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# make_archive is a sibling script, not an installed package.
sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_archive

MB = make_archive.MB  # decimal megabytes everywhere: archive sizes, MB/s, RSS, cache size
KEYWORD = make_archive.KEYWORD
SPEAKER = "郑永年"  # a speaker of gdq's bundled article
OK_EXIT = (0, 1)  # gdq and grep-likes: 0 = found, 1 = nothing found; anything else is a failure
BIG_MB = 10  # from this size up, index builds get at most BIG_BUILD_ROUNDS rounds by default
BIG_BUILD_ROUNDS = 3

# The targets (issue 13), all measured on the largest archive size.
CACHE_PER_TEXT = 2.0  # cache folder bytes / bytes of the archive's .txt files
QUERY_PER_PYTHON = 6.0  # every warm query kind / `python -c pass`
KEYWORD_PER_GREP = 1.5  # warm keyword / `rg -c`
QUERY_RSS_MB = 150.0  # peak RSS of any warm query
INDEX_RSS_MB = 300.0  # peak RSS of `gdq index`, at every size
BUILD_PER_BASELINE = 1.0  # build time / the --baseline-gdq build time: no slower
REINDEX_PER_BUILD = 0.05  # re-index after one file changed / full build


class BenchError(Exception):
    """A command failed or the setup is unusable: the run stops with this message."""


# --- running one command ---


@dataclass(frozen=True)
class Run:
    seconds: float
    max_rss_bytes: int
    timed_out: bool
    returncode: int | None  # None when killed by the timeout


def run_once(argv: Sequence[str], env: dict[str, str], timeout: float) -> Run:
    """Run argv once with output discarded; wall time, peak RSS of the process, timeout flag.

    ``os.wait4`` gives this run's ``ru_maxrss``; on Linux that is the largest of the process's
    own peak and the peaks of every descendant it waited for (the kernel's RUSAGE_BOTH, the
    same figure as the child's ``getrusage(RUSAGE_CHILDREN)`` merged with its own). So the
    worker processes of ``gdq index`` are covered (its multiprocessing pool reaps them), as the
    *largest single* process, not the sum of processes alive at once; a descendant left
    unreaped would be missed. ``getrusage(RUSAGE_CHILDREN)`` in the benchmark itself cannot
    stand in: it is a max over every child the benchmark ever ran. Baseline and case are timed
    the same way, so the small cost of Popen + wait4 cancels out in the ratio.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        start_new_session=True,  # its own process group, so a timeout kills helpers too
    )
    killed = threading.Event()
    lock = threading.Lock()
    reaped = False

    def kill() -> None:
        with lock:
            if not reaped:
                killed.set()
                os.killpg(proc.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.daemon = True  # a Ctrl-C must not leave the benchmark waiting for the timer
    timer.start()
    try:
        # Wait without reaping first: while the zombie exists its pid cannot be reused, so the
        # timer can never kill an unrelated process that got the same pid.
        os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOWAIT)
    except BaseException:  # Ctrl-C: take the child down with us
        timer.cancel()
        kill()
        proc.wait()
        raise
    elapsed = time.perf_counter() - start
    with lock:
        reaped = True
    timer.cancel()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)  # so Popen does not try to reap it again
    if not killed.is_set() and proc.returncode not in OK_EXIT:
        raise BenchError(failure_message(argv, env, proc.returncode, timeout))
    code = None if killed.is_set() else proc.returncode
    return Run(elapsed, usage.ru_maxrss * 1024, killed.is_set(), code)


def failure_message(argv: Sequence[str], env: dict[str, str], code: int, timeout: float) -> str:
    """Say which command failed; timed runs discard stderr, so run it again to show why."""
    try:
        again = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout, check=False)
        tail = "\n".join(again.stderr.strip().splitlines()[-15:])
    except subprocess.TimeoutExpired:
        tail = "(a rerun to capture its stderr timed out)"
    where = f"GDQ_CACHE_DIR={env.get('GDQ_CACHE_DIR', '')}"
    return f"command failed with exit code {code}: {where} {shlex.join(argv)}\n{tail}"


# --- alternating a case with its baseline ---

EnvFor = Callable[[int], dict[str, str]]  # round number -> environment for that round


@dataclass
class Series:
    """The runs of one command; a timeout ends the series (its median is then None)."""

    command: str
    runs: list[Run] = field(default_factory=list)
    timed_out: bool = False

    @property
    def times(self) -> list[float]:
        return [r.seconds for r in self.runs]

    @property
    def median(self) -> float | None:
        return None if self.timed_out or not self.runs else statistics.median(self.times)

    @property
    def peak_rss(self) -> int | None:
        return max((r.max_rss_bytes for r in self.runs), default=None)

    def add(self, run: Run) -> None:
        if run.timed_out:
            self.timed_out = True
        else:
            self.runs.append(run)


def alternate(
    case: Sequence[str],
    case_env: EnvFor,
    baseline: Sequence[str] | None,
    baseline_env: EnvFor,
    rounds: int,
    timeout: float,
) -> tuple[Series, Series | None]:
    """baseline, case, baseline, case, ... for ``rounds`` rounds (or until the case times out)."""
    case_series = Series(shlex.join(case))
    base_series = Series(shlex.join(baseline)) if baseline else None
    for i in range(rounds):
        if base_series is not None and baseline is not None and not base_series.timed_out:
            base_series.add(run_once(baseline, baseline_env(i), timeout))
        case_series.add(run_once(case, case_env(i), timeout))
        if case_series.timed_out:
            progress(f"    round {i + 1}: timeout after {timeout:g} s")
            break
        progress(f"    round {i + 1}/{rounds}: {fmt_seconds(case_series.runs[-1].seconds)}")
    return case_series, base_series


# --- environment and paths ---


def base_env(cache_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("GDQ_CORPUS", None)  # "the bundled corpus" must not be redirected by the caller's shell
    # Installed tools run from compiled bytecode (pip compiles it at install time). A shell
    # with PYTHONDONTWRITEBYTECODE would make an editable install compile gdq's source on
    # every run and time the compiler; the untimed first run of each case writes the .pyc.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["GDQ_CACHE_DIR"] = str(cache_dir)
    env["NO_COLOR"] = "1"
    return env


def fresh_dir(path: Path) -> Path:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def tree_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def tree_snapshot(path: Path) -> set[tuple[str, int, int]]:
    """Names, sizes and mtimes: if this changes during warm rounds, gdq rebuilt its cache."""
    return {(str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in path.rglob("*") if p.is_file()}


def find_gdq(explicit: str | None) -> Path:
    if explicit:
        return Path(explicit)
    beside = Path(sys.executable).parent / "gdq"
    if beside.exists():
        return beside
    found = shutil.which("gdq")
    if found is None:
        raise BenchError("gdq not found: pass --gdq PATH")
    return Path(found)


def interpreter_of(script: Path) -> str:
    """The Python that runs the gdq script (its shebang), so the baseline starts the same one."""
    try:
        first = script.read_bytes().split(b"\n", 1)[0].decode()
    except (OSError, UnicodeDecodeError):
        return sys.executable
    if first.startswith("#!"):
        candidate = first[2:].strip().split()[0] if first[2:].strip() else ""
        if "python" in Path(candidate).name and Path(candidate).exists():
            return candidate
    return sys.executable


def gdq_source(python: str) -> Path | None:
    """The folder of the gdq package that the gdq script's interpreter imports."""
    probe = [python, "-c", "import gdq, os; print(os.path.dirname(gdq.__file__))"]
    out = subprocess.run(probe, capture_output=True, text=True, timeout=60, check=False)
    path = Path(out.stdout.strip()) if out.returncode == 0 and out.stdout.strip() else None
    return path if path is not None and path.is_dir() else None


def source_snapshot(source: Path | None) -> set[tuple[str, int, int]]:
    """gdq's modules, so a run can say that gdq was edited while it was being measured."""
    if source is None:
        return set()
    # Only *.py: __pycache__ may legitimately appear during the run.
    return {(str(f), f.stat().st_size, f.stat().st_mtime_ns) for f in source.rglob("*.py")}


def grep_baseline(directory: Path) -> tuple[list[str], str]:
    """``rg -c`` when ripgrep is installed, else ``grep -rc``; the label says which one ran."""
    rg = shutil.which("rg")
    if rg:
        return [rg, "-c", KEYWORD, str(directory)], "rg -c"
    return ["grep", "-rc", KEYWORD, str(directory)], "grep -rc"


# --- archives ---


def stamp_path(folder: Path) -> Path:
    return folder.with_name(folder.name + ".stamp.json")


def archive(workdir: Path, mb: float, seed: int) -> Path:
    """The generated folder for this size, reused when its stamp matches seed, size and version."""
    folder = workdir / "archives" / f"{mb:g}mb-seed{seed}"
    stamp = stamp_path(folder)
    want = {"generator_version": make_archive.GENERATOR_VERSION, "seed": seed, "mb": mb}
    if stamp.exists() and folder.exists():
        have = json.loads(stamp.read_text())
        if {k: have.get(k) for k in want} == want:
            return folder
    progress(f"generating {mb:g} MB archive (seed {seed}) in {folder}")
    stamp.unlink(missing_ok=True)
    if folder.exists():
        shutil.rmtree(folder)
    info = make_archive.generate(folder, mb, seed)
    # The stamp is written last, so an interrupted generation is never mistaken for a finished one.
    stamp.write_text(json.dumps({**want, "files": info.files, "bytes": info.bytes}))
    return folder


def archive_bytes(folder: Path) -> tuple[int, int]:
    files = list(folder.rglob("*.txt"))
    return len(files), sum(p.stat().st_size for p in files)


# --- results ---


@dataclass
class Case:
    """One row of the headline table: a measured figure, what it is compared with, the target."""

    name: str
    command: str
    baseline: str | None  # the baseline's full command, or None
    baseline_label: str  # what the report shows in the baseline column
    measured: float | None  # in measured_unit: the case's median, a size or a peak RSS
    baseline_measured: float | None  # in measured_unit too
    measured_unit: str  # "s" or "bytes"
    value: float | None  # the figure compared with the target
    unit: str  # "×", "%", "MB/s" or "MB"
    target: str  # "info" for a case shown without a target
    ok: bool | None  # None: no figure (timeout or skipped), or no target
    case_times: list[float] = field(default_factory=list)
    baseline_times: list[float] = field(default_factory=list)
    skipped: bool = False  # not run, because what it needs (the index) timed out


@dataclass
class SizeRow:
    mb: float
    files: int
    bytes: int
    build_times: list[float]
    build_median: float | None
    mb_per_s: float | None
    build_peak_rss_bytes: int | None  # over the rounds, worker processes included (see run_once)
    baseline_build_times: list[float]  # --baseline-gdq, timed alternately with the builds
    baseline_build_median: float | None
    cache_bytes: int | None  # the cache folder after one full build
    cache_per_text: float | None  # cache_bytes / bytes
    database: str | None  # `gdq index --print-path`
    keyword_times: list[float]
    keyword_median: float | None
    grep_times: list[float]
    grep_median: float | None
    ratio: float | None
    keyword_peak_rss_bytes: int | None
    keyword_skipped: bool


@dataclass
class SizeResult:
    """One size's row and the series behind it, for the headline cases of the largest size."""

    row: SizeRow
    build: Series
    baseline_build: Series | None
    keyword: Series | None
    grep: Series | None
    tool: str
    cache_dir: Path | None  # None when the build timed out


@dataclass
class Reindex:
    edited: Series  # one file's text changed
    touched: Series  # one file's mtime changed, same text
    file: str


def verdict(value: float | None, limit: float | None) -> bool | None:
    return None if value is None or limit is None else value <= limit


def quoted(command: str) -> str:
    return f"`{short_command(command)}`"


def ratio_case(name: str, target: float | None, case: Series, base: Series, skipped: bool = False) -> Case:
    """Median over median; with ``target`` None the ratio is shown for information."""
    value = case.median / base.median if case.median is not None and base.median else None
    return Case(
        name=name,
        command=case.command,
        baseline=base.command,
        baseline_label=quoted(base.command),
        measured=case.median,
        baseline_measured=base.median,
        measured_unit="s",
        value=value,
        unit="×",
        target="info" if target is None else f"≤ {target:g}×",
        ok=verdict(value, target),
        case_times=case.times,
        baseline_times=base.times,
        skipped=skipped,
    )


def rss_case(name: str, command: str, peak: int | None, limit_mb: float, skipped: bool = False) -> Case:
    value = None if peak is None else peak / MB
    return Case(
        name=name,
        command=command,
        baseline=None,
        baseline_label="—",
        measured=peak,
        baseline_measured=None,
        measured_unit="bytes",
        value=value,
        unit="MB",
        target=f"≤ {limit_mb:g} MB",
        ok=verdict(value, limit_mb),
        skipped=skipped,
    )


def skipped_case(name: str, target: str) -> Case:
    return Case(name, "(skipped)", None, "—", None, None, "s", None, "×", target, None, skipped=True)


# --- the cases ---


@dataclass
class Setup:
    gdq: Path
    python: str
    workdir: Path
    rounds: int
    build_rounds: int | None
    timeout: float
    notes: list[str]
    baseline_gdq: Path | None = None  # --baseline-gdq: an older gdq whose build is timed alongside

    def cache(self, name: str) -> Path:
        return self.workdir / "cache" / name


def cold_speaker(s: Setup) -> Case:
    progress("cold speaker (bundled corpus, empty cache every round)")
    root = fresh_dir(s.cache("cold-speaker"))
    cmd = [str(s.gdq), "speaker", SPEAKER, "--format", "json"]

    def env_for(i: int) -> dict[str, str]:
        return base_env(fresh_dir(root / f"r{i}"))

    case, base = alternate(cmd, env_for, [s.python, "-c", "pass"], env_for, s.rounds, s.timeout)
    assert base is not None
    return ratio_case("cold first `gdq speaker` (bundled corpus, empty cache)", None, case, base)


def timed_warm(
    s: Setup, cmd: list[str], env: dict[str, str], baseline: list[str], label: str
) -> tuple[Series, Series]:
    """Alternate a warm case with its baseline, and note it if gdq's cache changed meanwhile."""
    cache_dir = Path(env["GDQ_CACHE_DIR"])
    before = tree_snapshot(cache_dir)
    case, base = alternate(cmd, lambda _: env, baseline, lambda _: env, s.rounds, s.timeout)
    if tree_snapshot(cache_dir) != before:
        s.notes.append(
            f"{label}: gdq rewrote its cache during the timed rounds (its source changed mid-run?), "
            "so some 'warm' rounds were cold"
        )
    assert base is not None
    return case, base


def build_rounds(s: Setup, mb: float) -> int:
    if s.build_rounds is not None:
        return s.build_rounds
    return min(s.rounds, BIG_BUILD_ROUNDS) if mb >= BIG_MB else s.rounds


def index_command(gdq: Path, folder: Path) -> list[str]:
    return [str(gdq), "index", "--corpus", str(folder)]


def measure_build(s: Setup, folder: Path, mb: float) -> tuple[Series, Series | None, Path | None]:
    """``gdq index`` with a fresh cache each round, alternating with the ``--baseline-gdq`` build
    (fresh cache too); returns the last round's cache for the queries."""
    rounds = build_rounds(s, mb)
    progress(f"index build, {mb:g} MB ({rounds} rounds)")
    root = fresh_dir(s.cache(f"build-{mb:g}mb"))
    baseline = index_command(s.baseline_gdq, folder) if s.baseline_gdq else None

    def case_env(i: int) -> dict[str, str]:
        if i:
            shutil.rmtree(root / f"r{i - 1}")  # only the newest cache is kept: a 100 MB archive's is large
        return base_env(fresh_dir(root / f"r{i}"))

    def baseline_env(_: int) -> dict[str, str]:
        return base_env(fresh_dir(root / "baseline"))

    case, base = alternate(index_command(s.gdq, folder), case_env, baseline, baseline_env, rounds, s.timeout)
    shutil.rmtree(root / "baseline", ignore_errors=True)
    return case, base, None if case.timed_out else root / f"r{len(case.runs) - 1}"


def database_path(s: Setup, folder: Path, cache_dir: Path) -> str | None:
    """``gdq index --print-path``: the corpus database (untimed; the index is up to date)."""
    cmd = [*index_command(s.gdq, folder), "--print-path"]
    out = subprocess.run(cmd, env=base_env(cache_dir), capture_output=True, text=True, timeout=s.timeout)
    path = out.stdout.strip()
    if out.returncode != 0 or not path:
        s.notes.append(f"`gdq index --print-path` printed no database (exit {out.returncode})")
        return None
    if not Path(path).resolve().is_relative_to(cache_dir.resolve()):
        s.notes.append(f"the corpus database {path} is outside GDQ_CACHE_DIR: the cache size misses it")
    return path


def measure_keyword(s: Setup, folder: Path, cache_dir: Path, mb: float) -> tuple[Series, Series, str]:
    progress(f"warm keyword query, {mb:g} MB")
    cmd = [str(s.gdq), "keyword", KEYWORD, "--corpus", str(folder), "--format", "json", "--limit", "20"]
    env = base_env(cache_dir)
    baseline, tool = grep_baseline(folder)
    # One untimed run of each: gdq confirms its cache and both get the files into the page cache.
    run_once(baseline, env, s.timeout)
    warmup = run_once(cmd, env, s.timeout)
    if warmup.timed_out:
        return Series(shlex.join(cmd), timed_out=True), Series(shlex.join(baseline)), tool
    if warmup.returncode == 1:
        s.notes.append(f"warm keyword {mb:g} MB: gdq found nothing (exit 1); the archive should have hits")
    case, base = timed_warm(s, cmd, env, baseline, f"warm keyword {mb:g} MB")
    return case, base, tool


def first_record(s: Setup, folder: Path, cache_dir: Path, args: list[str]) -> dict[str, Any] | None:
    cmd = [str(s.gdq), *args, "--corpus", str(folder), "--format", "jsonl", "--limit", "1"]
    out = subprocess.run(cmd, env=base_env(cache_dir), capture_output=True, text=True, timeout=s.timeout)
    line = out.stdout.splitlines()[0] if out.stdout.strip() else ""
    return json.loads(line) if line else None


def query_kinds(s: Setup, folder: Path, cache_dir: Path) -> list[tuple[str, list[str]]]:
    """Every kind of query but keyword (measured per size), as (label, arguments)."""
    speaker = first_record(s, folder, cache_dir, ["speakers"])
    quote = first_record(s, folder, cache_dir, ["quotes"])
    name = speaker["name"] if speaker else SPEAKER
    # Not a speaker's name: the last character changed, so every speaker is compared.
    fuzzy = name[:-1] + ("伟" if name[-1] != "伟" else "明")
    return [
        ("speaker, a name as written", ["speaker", name]),
        ("speaker, not a name in the index (typo search)", ["speaker", fuzzy]),
        ("number 3.2万亿", ["number", "3.2万亿"]),
        ("facts --min 100亿 --limit 20", ["facts", "--min", "100亿", "--limit", "20"]),
        ("quotes --limit 20", ["quotes", "--limit", "20"]),
        ("speakers --limit 20", ["speakers", "--limit", "20"]),
        ("show ID (a statement)", ["show", quote["id"] if quote else "x-q0"]),
        ("stats", ["stats"]),
    ]


def measure_queries(s: Setup, folder: Path, cache_dir: Path) -> list[tuple[str, Series, Series]]:
    """Every other kind of query on the largest archive, warm, alternating with `python -c pass`."""
    progress("every kind of query on the largest archive (warm)")
    env = base_env(cache_dir)
    results = []
    for label, args in query_kinds(s, folder, cache_dir):
        progress(f"  {label}")
        cmd = [str(s.gdq), *args, "--corpus", str(folder), "--format", "json"]
        run_once(cmd, env, s.timeout)  # untimed
        case, base = timed_warm(s, cmd, env, [s.python, "-c", "pass"], f"warm {label}")
        results.append((label, case, base))
    return results


def added_sentence(i: int) -> bytes:
    """A sentence with a number the archive does not have, so the changed file has new facts."""
    return f"\n\n补充报道：截至发稿，当地又新增投资{7301 + i}亿元，同比增长{i + 3}.7%。\n".encode()


def measure_reindex(s: Setup, folder: Path, cache_dir: Path, mb: float) -> Reindex:
    """``gdq index`` on an up-to-date index after one file's text changed (a sentence with a new
    number appended), and after only its mtime changed (``touch``); ``build_rounds`` of each.

    The file gets its text back after every round and an untimed ``gdq index`` brings the cache
    in line with the archive again; at the end its mtime is restored too. The archive's stamp is
    removed meanwhile, so an interrupted run makes the next one regenerate the archive instead of
    reusing an edited file.
    """
    rounds = build_rounds(s, mb)
    progress(f"re-index after changing one file, {mb:g} MB ({rounds} rounds)")
    cmd = index_command(s.gdq, folder)
    env = base_env(cache_dir)
    victim = min(folder.rglob("*.txt"))
    original = victim.read_bytes()
    st = victim.stat()
    stamp = stamp_path(folder)
    stamp_text = stamp.read_text()
    stamp.unlink()
    result = Reindex(Series(shlex.join(cmd)), Series(shlex.join(cmd)), str(victim))
    try:
        for i in range(rounds):
            victim.write_bytes(original + added_sentence(i))
            result.edited.add(run_once(cmd, env, s.timeout))
            victim.write_bytes(original)
            run_once(cmd, env, s.timeout)  # untimed: the index matches the archive again
            os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns + (i + 1) * 1_000_000_000))
            result.touched.add(run_once(cmd, env, s.timeout))
            if result.edited.timed_out or result.touched.timed_out:
                progress(f"    round {i + 1}: timeout after {s.timeout:g} s")
                break
            edited = fmt_seconds(result.edited.runs[-1].seconds)
            touched = fmt_seconds(result.touched.runs[-1].seconds)
            progress(f"    round {i + 1}/{rounds}: {edited} edited, {touched} touched")
    finally:
        victim.write_bytes(original)
        os.utime(victim, ns=(st.st_atime_ns, st.st_mtime_ns))
        stamp.write_text(stamp_text)
    run_once(cmd, env, s.timeout)  # untimed: the index matches the restored mtime
    return result


def measure_size(s: Setup, folder: Path, mb: float) -> SizeResult:
    files, size = archive_bytes(folder)
    build, baseline_build, cache_dir = measure_build(s, folder, mb)
    cache_bytes = tree_bytes(cache_dir) if cache_dir is not None else None
    if cache_bytes == 0:
        s.notes.append(f"{mb:g} MB: `gdq index` exited 0 but wrote nothing under GDQ_CACHE_DIR")
    database = database_path(s, folder, cache_dir) if cache_dir is not None else None
    keyword: Series | None = None
    grep: Series | None = None
    tool = grep_baseline(folder)[1]
    if cache_dir is None:
        s.notes.append(f"{mb:g} MB: index build timed out, the queries on it are skipped")
    else:
        keyword, grep, tool = measure_keyword(s, folder, cache_dir, mb)
    k_med = keyword.median if keyword else None
    g_med = grep.median if grep else None
    row = SizeRow(
        mb=mb,
        files=files,
        bytes=size,
        build_times=build.times,
        build_median=build.median,
        mb_per_s=size / MB / build.median if build.median else None,
        build_peak_rss_bytes=build.peak_rss,
        baseline_build_times=baseline_build.times if baseline_build else [],
        baseline_build_median=baseline_build.median if baseline_build else None,
        cache_bytes=cache_bytes,
        cache_per_text=cache_bytes / size if cache_bytes is not None and size else None,
        database=database,
        keyword_times=keyword.times if keyword else [],
        keyword_median=k_med,
        grep_times=grep.times if grep else [],
        grep_median=g_med,
        ratio=k_med / g_med if k_med is not None and g_med else None,
        keyword_peak_rss_bytes=keyword.peak_rss if keyword and not keyword.timed_out else None,
        keyword_skipped=keyword is None,
    )
    return SizeResult(row, build, baseline_build, keyword, grep, tool, cache_dir)


def cache_case(row: SizeRow, build: Series) -> Case:
    return Case(
        name=f"cache on disk, {row.mb:g} MB archive (cache folder / the archive's .txt bytes)",
        command=build.command,
        baseline="the archive's .txt files",
        baseline_label="the text",
        measured=row.cache_bytes,
        baseline_measured=row.bytes,
        measured_unit="bytes",
        value=row.cache_per_text,
        unit="×",
        target=f"≤ {CACHE_PER_TEXT:g}×",
        ok=verdict(row.cache_per_text, CACHE_PER_TEXT),
        case_times=build.times,
    )


def build_case(r: SizeResult) -> Case:
    """Against the --baseline-gdq build when given (no slower); else MB/s, for information."""
    name = f"index build, {r.row.mb:g} MB archive ({fmt_value(r.row.mb_per_s, 'MB/s')})"
    if r.baseline_build is not None:
        return ratio_case(name + ", vs `--baseline-gdq`", BUILD_PER_BASELINE, r.build, r.baseline_build)
    return Case(
        name=name,
        command=r.build.command,
        baseline=None,
        baseline_label="— (no `--baseline-gdq`)",
        measured=r.build.median,
        baseline_measured=None,
        measured_unit="s",
        value=r.row.mb_per_s,
        unit="MB/s",
        target="info",
        ok=None,
        case_times=r.build.times,
    )


def reindex_cases(r: SizeResult, reindex: Reindex | None) -> list[Case]:
    """Re-index time over the median full build of the same run."""
    kinds = [("one file's text changed", "edited"), ("one file touched (mtime only)", "touched")]
    target = f"≤ {REINDEX_PER_BUILD:.0%}"
    cases = []
    for label, attr in kinds:
        name = f"re-index after {label}, {r.row.mb:g} MB archive"
        if reindex is None:
            cases.append(skipped_case(name, target))
            continue
        series: Series = getattr(reindex, attr)
        build = r.build.median
        value = series.median / build if series.median is not None and build else None
        cases.append(
            Case(
                name=name,
                command=series.command,
                baseline=r.build.command,
                baseline_label="full `gdq index`",
                measured=series.median,
                baseline_measured=build,
                measured_unit="s",
                value=value,
                unit="%",
                target=target,
                ok=verdict(value, REINDEX_PER_BUILD),
                case_times=series.times,
                baseline_times=r.build.times,
            )
        )
    return cases


def query_cases(r: SizeResult, queries: list[tuple[str, Series, Series]]) -> list[Case]:
    size = f"{r.row.mb:g} MB archive"
    if r.keyword is None or r.grep is None:
        keyword = skipped_case(f"warm `gdq keyword`, {size}", f"≤ {KEYWORD_PER_GREP:g}×")
    else:
        keyword = ratio_case(f"warm `gdq keyword`, {size}", KEYWORD_PER_GREP, r.keyword, r.grep)
    if not queries:
        return [keyword, skipped_case(f"every other warm query kind, {size}", f"≤ {QUERY_PER_PYTHON:g}×")]
    return [keyword, *(ratio_case(f"warm `gdq {q}`", QUERY_PER_PYTHON, c, b) for q, c, b in queries)]


def query_rss_case(r: SizeResult, queries: list[tuple[str, Series, Series]]) -> Case:
    """The largest peak RSS over every warm query on the largest archive, keyword included."""
    series = [(f"keyword {KEYWORD}", r.keyword)] if r.keyword is not None else []
    series += [(label, case) for label, case, _ in queries]
    peaks = [(case.peak_rss, label, case) for label, case in series if case.peak_rss is not None]
    name = f"peak RSS of any warm query, {r.row.mb:g} MB archive"
    if not peaks:
        return rss_case(name, "(skipped)", None, QUERY_RSS_MB, skipped=True)
    peak, label, case = max(peaks, key=lambda p: p[0] or 0)
    return rss_case(f"{name} (the largest: `gdq {label}`)", case.command, peak, QUERY_RSS_MB)


def index_rss_case(results: list[SizeResult]) -> Case:
    """The largest peak RSS of `gdq index` over every size: flat means no size passes the limit."""
    peaks = [(r.build.peak_rss, r) for r in results if r.build.peak_rss is not None]
    name = "peak RSS of `gdq index`, workers included, largest over the sizes"
    if not peaks:
        return rss_case(name, "(timeout)", None, INDEX_RSS_MB)
    peak, r = max(peaks, key=lambda p: p[0] or 0)
    return rss_case(f"{name} (at {r.row.mb:g} MB)", r.build.command, peak, INDEX_RSS_MB)


def commands_table(r: SizeResult, queries: list[tuple[str, Series, Series]]) -> list[str]:
    lines = ["| query (warm, largest archive) | median | peak RSS |", "| --- | ---: | ---: |"]
    series = [(f"keyword {KEYWORD}", r.keyword)] if r.keyword is not None else []
    series += [(label, case) for label, case, _ in queries]
    for label, case in series:
        lines.append(f"| `gdq {label}` | {fmt_seconds(case.median)} | {fmt_mb(case.peak_rss)} |")
    return lines


# --- report ---


def fmt_seconds(value: float | None, missing: str = "timeout") -> str:
    if value is None:
        return missing
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "%":
        return f"{value * 100:.1f}%"
    digits = 2 if value < 1 else 1  # 0.12 MB/s, not 0.1
    if unit == "×":
        return f"{value:.{digits}f}×"
    return f"{value:.{digits}f} {unit}".strip()


def fmt_mb(value: float | None) -> str:
    return "—" if value is None else f"{value / MB:.1f} MB"


def fmt_measured(value: float | None, unit: str, missing: str) -> str:
    if value is None:
        return missing
    return fmt_mb(value) if unit == "bytes" else fmt_seconds(value)


def met(ok: bool | None) -> str:
    return {True: "yes", False: "**no**", None: "—"}[ok]


def short_command(command: str) -> str:
    """`python -c pass`, not `/work/venv/bin/python3 -c pass`: the header names the paths."""
    head, _, rest = command.partition(" ")
    name = Path(head).name
    if name.startswith("python"):
        name = "python"
    return f"{name} {rest}".strip()


def cases_table(cases: list[Case]) -> list[str]:
    lines = [
        "| case | gdq | baseline | baseline value | result | target | met |",
        "| --- | ---: | --- | ---: | ---: | --- | --- |",
    ]
    for c in cases:
        missing = "skipped" if c.skipped else "timeout"
        base_value = fmt_measured(c.baseline_measured, c.measured_unit, "—")
        lines.append(
            f"| {c.name} | {fmt_measured(c.measured, c.measured_unit, missing)} | {c.baseline_label} | "
            f"{base_value} | {fmt_value(c.value, c.unit)} | {c.target} | {met(c.ok)} |"
        )
    return lines


def growth_table(rows: list[SizeRow], tool: str, baseline: bool) -> list[str]:
    old = " baseline build |" if baseline else ""
    lines = [
        f"| size | files | index build | MB/s |{old} index peak RSS | cache on disk | cache / text "
        f"| warm keyword | {tool} | ratio | keyword peak RSS |",
        "| ---: | ---: | ---: | ---: |" + (" ---: |" if baseline else "") + " ---: |" * 7,
    ]
    for r in rows:
        missing = "skipped" if r.keyword_skipped else "timeout"
        old_build = f" {fmt_seconds(r.baseline_build_median)} |" if baseline else ""
        lines.append(
            f"| {r.bytes / MB:.1f} MB | {r.files} | {fmt_seconds(r.build_median)} | "
            f"{fmt_value(r.mb_per_s, '')} |{old_build} {fmt_mb(r.build_peak_rss_bytes)} | "
            f"{fmt_mb(r.cache_bytes)} | {fmt_value(r.cache_per_text, '×')} | "
            f"{fmt_seconds(r.keyword_median, missing)} | {fmt_seconds(r.grep_median, '—')} | "
            f"{fmt_value(r.ratio, '×')} | {fmt_mb(r.keyword_peak_rss_bytes)} |"
        )
    return lines


def tool_version(argv: list[str]) -> str:
    try:
        out = subprocess.run(argv, capture_output=True, text=True, timeout=60, check=False).stdout
    except OSError:
        return "?"
    return out.strip().splitlines()[0] if out.strip() else "?"


def machine(s: Setup) -> dict[str, Any]:
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "nproc": len(os.sched_getaffinity(0)),
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "python": tool_version([s.python, "-c", "import sys; print(sys.version.split()[0])"]),
        "python_path": s.python,
        "gdq": tool_version([str(s.gdq), "--version"]),
        "gdq_path": str(s.gdq),
        "baseline_gdq": tool_version([str(s.baseline_gdq), "--version"]) if s.baseline_gdq else None,
        "baseline_gdq_path": str(s.baseline_gdq) if s.baseline_gdq else None,
        "grep_tool": tool_version([shutil.which("rg") or "grep", "--version"]),
    }


def report(
    command: str,
    info: dict[str, Any],
    s: Setup,
    cases: list[Case],
    rows: list[SizeRow],
    commands: list[str],
) -> str:
    tool = grep_baseline(Path("DIR"))[1]
    old = f" · baseline gdq: {info['baseline_gdq']} ({info['baseline_gdq_path']})" if s.baseline_gdq else ""
    lines = [
        "## gdq benchmark",
        "",
        f"`{command}`",
        "",
        f"{info['date']} · nproc {info['nproc']} · {info['platform']} · Python {info['python']} · "
        f"{info['gdq']} ({info['gdq_path']}) · baseline python: {info['python_path']} · "
        f"{info['grep_tool']}{old} · {s.rounds} rounds, medians, timeout {s.timeout:g} s",
        "",
        f"Targets on the {rows[-1].bytes / MB:.1f} MB archive (ratios: medians of the same run):",
        "",
        *cases_table(cases),
        "",
        "How cost grows with size (index build: fresh cache each round; queries: warm cache):",
        "",
        *growth_table(rows, tool, s.baseline_gdq is not None),
    ]
    if commands:
        lines += ["", "Peak RSS of each warm query, largest archive:", "", *commands]
    if s.notes:
        lines += ["", "Notes:", "", *(f"- {n}" for n in s.notes)]
    return "\n".join(lines) + "\n"


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --- command line ---


def parse_sizes(text: str) -> list[float]:
    try:
        sizes = [float(x) for x in text.split(",") if x.strip()]
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"sizes must be numbers of MB, like 1,10,100: {text}") from exc
    if not sizes or any(x <= 0 for x in sizes):
        raise argparse.ArgumentTypeError(f"sizes must be positive: {text}")
    return sorted(set(sizes))


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--gdq", help="the gdq executable (default: beside this Python, else on PATH)")
    p.add_argument(
        "--baseline-gdq",
        type=Path,
        help="another gdq executable (an older install) whose index build is timed alternately",
    )
    p.add_argument("--sizes", type=parse_sizes, default=[1.0, 10.0, 100.0], help="archive sizes in MB")
    p.add_argument("--rounds", type=int, help="rounds per timed case (default 7; 3 with --quick)")
    p.add_argument(
        "--build-rounds",
        type=int,
        help=f"rounds per index build (default: --rounds, at most {BIG_BUILD_ROUNDS} from {BIG_MB} MB up)",
    )
    p.add_argument("--workdir", type=Path, default=Path("/tmp/gdq-bench"), help="archives and caches")
    p.add_argument("--seed", type=int, default=1, help="archive generator seed (default 1)")
    p.add_argument("--timeout", type=float, default=600.0, help="seconds before one run counts as a timeout")
    p.add_argument("--json", type=Path, help="also write the results as JSON to this file")
    p.add_argument("--quick", action="store_true", help="size 1 only, 3 rounds unless --rounds is given")
    p.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = p.parse_args(argv)
    if args.quick:
        args.sizes = [1.0]
    if args.rounds is None:
        args.rounds = 3 if args.quick else 7
    if args.rounds < 1 or (args.build_rounds is not None and args.build_rounds < 1):
        p.error("rounds must be at least 1")
    return args


def run(args: argparse.Namespace, command: str) -> int:
    gdq = find_gdq(args.gdq)
    s = Setup(
        gdq, interpreter_of(gdq), args.workdir.resolve(), args.rounds, args.build_rounds, args.timeout, []
    )
    if args.baseline_gdq is not None:
        if not args.baseline_gdq.exists():
            raise BenchError(f"--baseline-gdq {args.baseline_gdq} does not exist")
        s.baseline_gdq = args.baseline_gdq
    if shutil.which("rg") is None:
        s.notes.append("ripgrep not found (apt-get install ripgrep): the keyword baseline is `grep -rc`")
        progress("note: rg not found (apt-get install ripgrep); using grep -rc as the baseline")
    folders = {mb: archive(s.workdir, mb, args.seed) for mb in args.sizes}
    source = gdq_source(s.python)
    source_before = source_snapshot(source)
    cold = cold_speaker(s)
    results = [measure_size(s, folders[mb], mb) for mb in args.sizes]
    largest = results[-1]  # sizes are sorted
    queries: list[tuple[str, Series, Series]] = []
    reindex: Reindex | None = None
    if largest.cache_dir is not None:
        folder = folders[args.sizes[-1]]
        queries = measure_queries(s, folder, largest.cache_dir)
        reindex = measure_reindex(s, folder, largest.cache_dir, largest.row.mb)
    cases = [
        cache_case(largest.row, largest.build),
        build_case(largest),
        *reindex_cases(largest, reindex),
        index_rss_case(results),
        *query_cases(largest, queries),
        query_rss_case(largest, queries),
        cold,
    ]
    if source_snapshot(source) != source_before:
        s.notes.append(f"gdq's source ({source}) changed during this run: the figures mix versions")
    info = machine(s)
    rows = [r.row for r in results]
    commands = commands_table(largest, queries) if largest.keyword is not None else []
    print(report(command, info, s, cases, rows, commands), end="")
    if args.json:
        payload = {
            "command": command,
            "machine": info,
            "notes": s.notes,
            "cases": [asdict(c) for c in cases],
            "sizes": [asdict(r) for r in rows],
            "queries": [
                {"command": label, "gdq": asdict(case), "baseline": asdict(base)}
                for label, case, base in queries
            ],
            "reindex": asdict(reindex) if reindex else None,
        }
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    return 1 if args.check and any(c.ok is False for c in cases) else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    command = shlex.join(["python", "bench/bench.py", *(sys.argv[1:] if argv is None else argv)])
    try:
        return run(args, command)
    except BenchError as exc:
        print(f"bench: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
