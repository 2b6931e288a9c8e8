"""Benchmark gdq against its targets: startup, cold start, index build speed, query speed, memory.

Usage: python bench/bench.py [--quick] [--sizes 1,10,100] [--rounds 7] [--json out.json]

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

    ``os.wait4`` gives this child's own ``ru_maxrss`` (on Linux the max over it and the children
    it reaped), which ``getrusage(RUSAGE_CHILDREN)`` cannot: that one is a max over every child
    the benchmark ever ran. Baseline and case are timed the same way, so the small cost of
    Popen + wait4 cancels out in the ratio.
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
        if base_series is not None and baseline is not None:
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


def archive(workdir: Path, mb: float, seed: int) -> Path:
    """The generated folder for this size, reused when its stamp matches seed, size and version."""
    folder = workdir / "archives" / f"{mb:g}mb-seed{seed}"
    stamp = folder.with_name(folder.name + ".stamp.json")
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
    name: str
    command: str
    baseline: str | None
    case_times: list[float]
    baseline_times: list[float]
    case_median: float | None
    baseline_median: float | None
    value: float | None  # the figure compared with the target
    unit: str  # "×" (ratio), "MB/s" or "MB"
    target: str
    ok: bool | None  # None: no figure (timeout or skipped)
    skipped: bool = False  # not run, because what it needs (the index) timed out


@dataclass
class SizeRow:
    mb: float
    files: int
    bytes: int
    build_times: list[float]
    build_median: float | None
    mb_per_s: float | None
    keyword_times: list[float]
    keyword_median: float | None
    grep_times: list[float]
    grep_median: float | None
    ratio: float | None
    peak_rss_bytes: int | None
    cache_bytes: int | None
    keyword_skipped: bool


def ratio_case(name: str, target: float, case: Series, base: Series) -> Case:
    value = None
    if case.median is not None and base.median:
        value = case.median / base.median
    return Case(
        name=name,
        command=case.command,
        baseline=base.command,
        case_times=case.times,
        baseline_times=base.times,
        case_median=case.median,
        baseline_median=base.median,
        value=value,
        unit="×",
        target=f"≤ {target:g}×",
        ok=None if value is None else value <= target,
    )


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
    last_cache: Path | None = None  # the cache of the last archive measured, for measure_commands

    def cache(self, name: str) -> Path:
        return self.workdir / "cache" / name


def warm_speaker(s: Setup) -> Case:
    progress("warm speaker (bundled corpus)")
    env = base_env(fresh_dir(s.cache("warm-speaker")))
    cmd = [str(s.gdq), "speaker", SPEAKER, "--format", "json"]
    run_once(cmd, env, s.timeout)  # builds the cache; not timed
    case, base = timed_warm(s, cmd, env, [s.python, "-c", "pass"], "warm speaker")
    return ratio_case("warm `gdq speaker` (bundled corpus)", 5, case, base)


def cold_speaker(s: Setup) -> Case:
    progress("cold speaker (bundled corpus, empty cache every round)")
    root = fresh_dir(s.cache("cold-speaker"))
    cmd = [str(s.gdq), "speaker", SPEAKER, "--format", "json"]

    def env_for(i: int) -> dict[str, str]:
        return base_env(fresh_dir(root / f"r{i}"))

    case, base = alternate(cmd, env_for, [s.python, "-c", "pass"], env_for, s.rounds, s.timeout)
    assert base is not None
    return ratio_case("cold first `gdq speaker` (bundled corpus, empty cache)", 40, case, base)


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


def measure_build(s: Setup, folder: Path, mb: float) -> tuple[Series, Path | None]:
    """``gdq index`` with a fresh cache each round; returns the last round's cache for queries."""
    label = f"{mb:g}mb"
    rounds = build_rounds(s, mb)
    progress(f"index build, {mb:g} MB ({rounds} rounds)")
    cmd = [str(s.gdq), "index", "--corpus", str(folder)]
    root = fresh_dir(s.cache(f"build-{label}"))
    series = Series(shlex.join(cmd))
    last: Path | None = None
    for i in range(rounds):
        if last is not None:
            shutil.rmtree(last)  # only the newest cache is kept: a 100 MB archive's is large
        last = fresh_dir(root / f"r{i}")
        series.add(run_once(cmd, base_env(last), s.timeout))
        if series.timed_out:
            progress(f"    round {i + 1}: timeout after {s.timeout:g} s")
            return series, None
        progress(f"    round {i + 1}/{rounds}: {fmt_seconds(series.runs[-1].seconds)}")
    return series, last


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


def measure_commands(s: Setup, folder: Path, cache_dir: Path) -> list[tuple[str, Series]]:
    """Every kind of query on the largest archive, warm: the targets name two cases, but a
    user runs all of them."""
    progress("other commands on the largest archive (warm)")
    speaker = first_record(s, folder, cache_dir, ["speakers"])
    quote = first_record(s, folder, cache_dir, ["quotes"])
    name = speaker["name"] if speaker else SPEAKER
    # Not a speaker's name: the last character changed, so every speaker is compared.
    fuzzy = name[:-1] + ("伟" if name[-1] != "伟" else "明")
    queries = [
        ("speaker, a name as written", ["speaker", name]),
        ("speaker, not a name in the index (typo search)", ["speaker", fuzzy]),
        ("number 3.2万亿", ["number", "3.2万亿"]),
        ("facts --min 100亿 --limit 20", ["facts", "--min", "100亿", "--limit", "20"]),
        ("quotes --limit 20", ["quotes", "--limit", "20"]),
        ("speakers --limit 20", ["speakers", "--limit", "20"]),
        ("show ID (a statement)", ["show", quote["id"] if quote else "x-q0"]),
        ("stats", ["stats"]),
    ]
    env = base_env(cache_dir)
    results = []
    for label, args in queries:
        cmd = [str(s.gdq), *args, "--corpus", str(folder), "--format", "json"]
        run_once(cmd, env, s.timeout)  # untimed
        series = Series(shlex.join(cmd))
        for _ in range(s.rounds):
            series.add(run_once(cmd, env, s.timeout))
        progress(f"    {label}: {fmt_seconds(series.median)}")
        results.append((label, series))
    return results


def commands_table(results: list[tuple[str, Series]]) -> list[str]:
    lines = ["| command (warm, largest archive) | median | peak RSS |", "| --- | ---: | ---: |"]
    for label, series in results:
        lines.append(f"| `gdq {label}` | {fmt_seconds(series.median)} | {fmt_mb(series.peak_rss)} |")
    return lines


def measure_size(s: Setup, folder: Path, mb: float) -> tuple[SizeRow, Series, Series | None, str]:
    files, size = archive_bytes(folder)
    build, cache_dir = measure_build(s, folder, mb)
    cache_bytes = tree_bytes(cache_dir) if cache_dir is not None else None
    if cache_bytes == 0:
        s.notes.append(f"{mb:g} MB: `gdq index` exited 0 but wrote nothing under GDQ_CACHE_DIR")
    keyword: Series | None = None
    base: Series | None = None
    tool = grep_baseline(folder)[1]
    if cache_dir is None:
        s.notes.append(f"{mb:g} MB: index build timed out, warm keyword query skipped")
    else:
        keyword, base, tool = measure_keyword(s, folder, cache_dir, mb)
        s.last_cache = cache_dir
    k_med = keyword.median if keyword else None
    g_med = base.median if base else None
    row = SizeRow(
        mb=mb,
        files=files,
        bytes=size,
        build_times=build.times,
        build_median=build.median,
        mb_per_s=size / MB / build.median if build.median else None,
        keyword_times=keyword.times if keyword else [],
        keyword_median=k_med,
        grep_times=base.times if base else [],
        grep_median=g_med,
        ratio=k_med / g_med if k_med is not None and g_med else None,
        peak_rss_bytes=keyword.peak_rss if keyword and not keyword.timed_out else None,
        cache_bytes=cache_bytes,
        keyword_skipped=keyword is None,
    )
    return row, build, keyword, tool


def size_cases(row: SizeRow, build: Series, keyword: Series | None, tool: str) -> list[Case]:
    """The headline cases for the largest size: build speed, query/grep ratio, query memory."""
    size = f"{row.mb:g} MB archive"
    rss = None if row.peak_rss_bytes is None else row.peak_rss_bytes / MB
    keyword_cmd = keyword.command if keyword else "(skipped)"
    build_case = Case(
        name=f"index build, {size}",
        command=build.command,
        baseline=None,
        case_times=build.times,
        baseline_times=[],
        case_median=build.median,
        baseline_median=None,
        value=row.mb_per_s,
        unit="MB/s",
        target="≥ 10 MB/s",
        ok=None if row.mb_per_s is None else row.mb_per_s >= 10,
    )
    query_case = Case(
        name=f"warm `gdq keyword`, {size}",
        command=keyword_cmd,
        baseline=f"{tool} {KEYWORD} DIR",
        case_times=row.keyword_times,
        baseline_times=row.grep_times,
        case_median=row.keyword_median,
        baseline_median=row.grep_median,
        value=row.ratio,
        unit="×",
        target="≤ 10×",
        ok=None if row.ratio is None else row.ratio <= 10,
        skipped=row.keyword_skipped,
    )
    memory_case = Case(
        name=f"peak RSS of warm `gdq keyword`, {size}",
        command=keyword_cmd,
        baseline=None,
        case_times=row.keyword_times,
        baseline_times=[],
        case_median=row.keyword_median,
        baseline_median=None,
        value=rss,
        unit="MB",
        target="≤ 400 MB",
        ok=None if rss is None else rss <= 400,
        skipped=row.keyword_skipped,
    )
    return [build_case, query_case, memory_case]


# --- report ---


def fmt_seconds(value: float | None, missing: str = "timeout") -> str:
    if value is None:
        return missing
    return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    digits = 2 if value < 1 else 1  # 0.12 MB/s, not 0.1
    if unit == "×":
        return f"{value:.{digits}f}×"
    return f"{value:.{digits}f} {unit}".strip()


def fmt_mb(value: int | None) -> str:
    return "—" if value is None else f"{value / MB:.1f} MB"


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
        "| case | gdq (median) | baseline | baseline (median) | result | target | met |",
        "| --- | ---: | --- | ---: | ---: | --- | --- |",
    ]
    for c in cases:
        base = f"`{short_command(c.baseline)}`" if c.baseline else "—"
        base_time = fmt_seconds(c.baseline_median, "—") if c.baseline else "—"
        missing = "skipped" if c.skipped else "timeout"
        lines.append(
            f"| {c.name} | {fmt_seconds(c.case_median, missing)} | {base} | {base_time} | "
            f"{fmt_value(c.value, c.unit)} | {c.target} | {met(c.ok)} |"
        )
    return lines


def growth_table(rows: list[SizeRow], tool: str) -> list[str]:
    lines = [
        f"| size | files | index build | MB/s | warm keyword | {tool} | ratio | peak RSS | cache on disk |",
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        missing = "skipped" if r.keyword_skipped else "timeout"
        lines.append(
            f"| {r.bytes / MB:.1f} MB | {r.files} | {fmt_seconds(r.build_median)} | "
            f"{fmt_value(r.mb_per_s, '')} | {fmt_seconds(r.keyword_median, missing)} | "
            f"{fmt_seconds(r.grep_median, '—')} | "
            f"{fmt_value(r.ratio, '×')} | {fmt_mb(r.peak_rss_bytes)} | {fmt_mb(r.cache_bytes)} |"
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
        "grep_tool": tool_version([shutil.which("rg") or "grep", "--version"]),
    }


def report(
    command: str,
    info: dict[str, Any],
    s: Setup,
    cases: list[Case],
    rows: list[SizeRow],
    commands: list[tuple[str, Series]],
) -> str:
    tool = grep_baseline(Path("DIR"))[1]
    lines = [
        "## gdq benchmark",
        "",
        f"`{command}`",
        "",
        f"{info['date']} · nproc {info['nproc']} · {info['platform']} · Python {info['python']} · "
        f"{info['gdq']} ({info['gdq_path']}) · baseline python: {info['python_path']} · "
        f"{info['grep_tool']} · {s.rounds} rounds, medians, timeout {s.timeout:g} s",
        "",
        *cases_table(cases),
        "",
        "How cost grows with size (index build: fresh cache each round; queries: warm cache):",
        "",
        *growth_table(rows, tool),
    ]
    if commands:
        title = f"Every kind of query, on the {rows[-1].bytes / MB:.0f} MB archive:"
        lines += ["", title, "", *commands_table(commands)]
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
    if shutil.which("rg") is None:
        s.notes.append("ripgrep not found (apt-get install ripgrep): the keyword baseline is `grep -rc`")
        progress("note: rg not found (apt-get install ripgrep); using grep -rc as the baseline")
    folders = {mb: archive(s.workdir, mb, args.seed) for mb in args.sizes}
    source = gdq_source(s.python)
    source_before = source_snapshot(source)
    cases = [warm_speaker(s), cold_speaker(s)]
    rows: list[SizeRow] = []
    for mb in args.sizes:
        row, build, keyword, tool = measure_size(s, folders[mb], mb)
        rows.append(row)
    cases += size_cases(row, build, keyword, tool)  # the largest size (sizes are sorted)
    largest = folders[args.sizes[-1]]
    commands = measure_commands(s, largest, s.last_cache) if s.last_cache and not row.keyword_skipped else []
    if source_snapshot(source) != source_before:
        s.notes.append(f"gdq's source ({source}) changed during this run: the figures mix versions")
    info = machine(s)
    print(report(command, info, s, cases, rows, commands), end="")
    if args.json:
        payload = {
            "command": command,
            "machine": info,
            "notes": s.notes,
            "cases": [asdict(c) for c in cases],
            "sizes": [asdict(r) for r in rows],
            "commands": [{"command": label, **asdict(series)} for label, series in commands],
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
