from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from gdq.pipeline import stages as pipeline
from gdq.store.index import Index
from gdq.text import read as corpus

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
DATA = TESTS / "data"


def read_table(name: str) -> list[list[str]]:
    """Rows of a tab-separated case table; '#' lines are comments."""
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def index_of(*sentences: tuple[str, tuple[int, ...]]) -> Index:
    """An index of one document holding exactly these (text, word ends) sentences."""
    from gdq.models import Sentence
    from gdq.pipeline.stages import DocRecord, assemble_records
    from gdq.store.index import DocInfo

    sents, pos = [], 0
    for n, (text, words) in enumerate(sentences):
        sents.append(Sentence(f"k-s{n}", "d", 0, n, 1, pos, pos + len(text), text, words))
        pos += len(text)
    info = DocInfo("d", "k", "utf-8", pos, 1, len(sents), 0, 0, 0)
    return assemble_records([DocRecord(info, tuple(sents), (), ())])


def build_index(*paths: Path | str) -> Index:
    docs = corpus.load(corpus.expand([str(p) for p in paths]), lambda m: None)
    return pipeline.build(docs)


@pytest.fixture(scope="session")
def mini_index() -> Index:
    return build_index(FIXTURES / "layout_mini.txt", FIXTURES / "foshan_gb18030.txt")


def gdq_executable() -> list[str]:
    """The installed console script (next to this interpreter), else `python -m gdq`."""
    script = Path(sys.executable).with_name("gdq")
    if script.exists():
        return [str(script)]
    found = shutil.which("gdq")
    return [found] if found else [sys.executable, "-m", "gdq"]


Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture()
def run_gdq(tmp_path: Path) -> Run:
    """Run the installed gdq in a subprocess, from an unrelated folder, with its own cache."""
    cache = tmp_path / "cache"

    def run(
        args: Sequence[str],
        *,
        input: str | bytes | None = None,
        env: dict[str, str] | None = None,
        cwd: Path | None = None,
    ) -> subprocess.CompletedProcess[str]:
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("GDQ_")}
        full_env.update({"GDQ_CACHE_DIR": str(cache), "COLUMNS": "80"})
        full_env.update(env or {})
        data = input.encode("utf-8") if isinstance(input, str) else input
        proc = subprocess.run(
            [*gdq_executable(), *args],
            input=data,
            capture_output=True,
            env=full_env,
            cwd=cwd or tmp_path,
            timeout=120,
        )
        return subprocess.CompletedProcess(
            proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
        )

    return run


def count_calls(function: Callable[..., object], *args: object) -> int:
    """Python-level calls (functions and builtins) made by ``function(*args)``: a count of the
    work done that, unlike a time, does not depend on the machine or its load."""
    count = 0

    def profile(frame: object, event: str, arg: object) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        function(*args)
    finally:
        sys.setprofile(None)
    return count
