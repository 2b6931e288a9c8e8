from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from gdq.models import Document, Paragraph
from gdq.pipeline import stages as pipeline
from gdq.pipeline.load import memory_store
from gdq.store.index import Store as Index
from gdq.text import layout
from gdq.text import read as corpus
from gdq.text import sentences as sentence_split

TESTS = Path(__file__).resolve().parent

# What a caller's shell may set that changes gdq's output: colour switches, terminal size,
# gdq's own settings. Tests set what they need themselves.
_CALLER_ENV = ("NO_COLOR", "FORCE_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "COLUMNS", "LINES", "TERM")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every test runs as on a fresh machine: none of the caller's gdq or colour settings, and
    a home and cache folder of its own, so nothing in the caller's home is read or written."""
    for name in list(os.environ):
        if name.startswith("GDQ_") or name in _CALLER_ENV:
            monkeypatch.delenv(name)
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))


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
    from gdq.pipeline.stages import DocRecord
    from gdq.store.rows import DocInfo

    sents, pos = [], 0
    for n, (text, words) in enumerate(sentences):
        sents.append(Sentence(f"k-s{n}", "d", 0, n, 1, pos, pos + len(text), text, words))
        pos += len(text)
    info = DocInfo("d", "k", "utf-8", pos, 1, len(sents), 0, 0, 0)
    return memory_store([pipeline.doc_rows(DocRecord(info, tuple(sents), (), ()))])


def documents(*paths: Path | str) -> list[Document]:
    """The documents of a corpus (files or folders), decoded as a run reads them."""
    sources = corpus.expand([str(p) for p in paths])
    return [corpus.document(s, corpus.read_bytes(s), lambda message: None) for s in sources]


def index_of_documents(docs: Sequence[Document]) -> Index:
    """An index of these documents, built in this process by the stages a worker runs."""
    return memory_store(pipeline.doc_rows(pipeline.process(doc)) for doc in docs)


def build_index(*paths: Path | str) -> Index:
    return index_of_documents(documents(*paths))


def paragraph_records(doc: str, text: str) -> tuple[list[Paragraph], int]:
    """The paragraphs of a document as records (the pipeline keeps them as columns), and how
    many page-break joins were made."""
    texts, offsets, lines, repairs = layout.paragraph_columns(text)
    assert len(texts) == len(offsets) == len(lines)
    assert all(0 <= n < len(texts) and len(pieces) > 1 for n, pieces in repairs.items())
    paras = [
        Paragraph(doc, n, para_text, line, repairs.get(n) or ((0, offset, line),))
        for n, (para_text, offset, line) in enumerate(zip(texts, offsets, lines, strict=True))
    ]
    return paras, sum(len(pieces) - 1 for pieces in repairs.values())


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of one paragraph, found by the splitter the pipeline
    runs over all paragraphs of a document at once. The pipeline never leaves a line break
    inside a paragraph; here one reads as a plain character, so that any text can be given."""
    numbers, starts, ends = sentence_split.paragraph_sentences([paragraph.replace("\n", "\x01")])
    assert set(numbers) <= {0}
    return list(zip(starts, ends, strict=True))


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


def read_terminal(master: int, shown: Callable[[bytes], None] | None = None) -> bytes:
    """Everything written to a pseudo-terminal until its other end is closed; ``shown`` is
    called with what has been written so far, after each read."""
    screen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
        if shown is not None:
            shown(screen)
    return screen


def modules_loaded(code: str, packages: set[str]) -> list[str]:
    """The modules of ``packages`` (top-level names) imported once ``code`` has run in a fresh
    interpreter."""
    probe = (
        f"{code}\nimport json, sys\n"
        f"print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(packages)!r})))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return list(json.loads(out))


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
