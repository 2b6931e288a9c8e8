"""gdq at a terminal: help pages, version, shell completion and the progress bar, seen through a
pseudo-terminal where it matters (the bar is drawn only when stderr is one)."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import gdq_executable, read_terminal

pty = pytest.importorskip("pty")


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GDQ_", "_GDQ"))}
    env.update({"GDQ_CACHE_DIR": str(tmp_path / "cache"), "TERM": "xterm-256color", "COLUMNS": "80"})
    env.update(extra)
    return env


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*gdq_executable(), *args], capture_output=True, text=True, env=env, timeout=120)


def _with_tty_stderr(
    args: list[str], env: dict[str, str], interrupt_on: bytes | None = None
) -> tuple[bytes, str, int]:
    """(what a terminal on stderr shows, stdout, exit code) with stdout redirected to a pipe.
    ``interrupt_on``: send Ctrl-C (SIGINT) once the terminal has shown these bytes."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [*gdq_executable(), *args], stdout=subprocess.PIPE, stderr=slave, stdin=subprocess.DEVNULL, env=env
    )
    os.close(slave)
    sent = False

    def interrupt(screen: bytes) -> None:
        nonlocal sent
        if interrupt_on is not None and not sent and interrupt_on in screen:
            time.sleep(0.2)
            proc.send_signal(signal.SIGINT)
            sent = True

    screen = read_terminal(master, interrupt)
    assert proc.stdout is not None
    out = proc.stdout.read().decode()
    code = proc.wait(timeout=120)
    os.close(master)
    return screen, out, code


# --- help, version, completion ---------------------------------------------------------------


def test_dash_h_is_help_and_dash_v_the_version(tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert _run(["-h"], env).stdout == _run(["--help"], env).stdout != ""
    assert _run(["keyword", "-h"], env).stdout == _run(["keyword", "--help"], env).stdout
    version = _run(["-V"], env)
    assert version.returncode == 0 and re.fullmatch(r"gdq \d+\.\d+\.\d+\S*\n", version.stdout)
    assert _run(["--version"], env).stdout == version.stdout


def test_command_summaries_are_whole_at_any_width(tmp_path: Path) -> None:
    from gdq.cli.spec import COMMANDS

    for columns in ("80", "160"):
        page = _run(["--help"], _env(tmp_path, COLUMNS=columns)).stdout
        assert "…" not in page and "..." not in page.split("Commands:")[1]
        flat = " ".join(page.split())
        for command in COMMANDS:
            assert " ".join(command.summary.split()) in flat


def test_every_help_page_has_examples_and_readable_placeholders(tmp_path: Path) -> None:
    from gdq.cli.spec import COMMANDS

    env = _env(tmp_path, COLUMNS="100")
    for command in COMMANDS:
        page = _run([command.name, "--help"], env).stdout
        assert "Examples:" in page and command.examples[0] in page, command.name
        usage = page.splitlines()[0]
        assert "{" not in usage and "<" not in page and "x>=" not in page, page
        if command.arg is not None:
            assert usage.endswith(command.arg.metavar)


def test_export_help_offers_only_what_export_writes(tmp_path: Path) -> None:
    page = _run(["export", "--help"], _env(tmp_path, COLUMNS="100")).stdout
    assert "[jsonl|json]" in page and "|table" not in page and "table|" not in page
    refused = _run(["export", "--format", "table"], _env(tmp_path))
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1


def test_shell_completion_is_on(tmp_path: Path) -> None:
    env = _env(tmp_path)
    assert "--install-completion" in _run(["--help"], env).stdout
    script = _run(["--show-completion", "bash"], env)
    assert script.returncode == 0 and "_GDQ_COMPLETE" in script.stdout
    words = _run([], _env(tmp_path, _GDQ_COMPLETE="complete_bash", COMP_WORDS="gdq key", COMP_CWORD="1"))
    assert words.stdout.split() == ["keyword"]
    options = _run(
        [], _env(tmp_path, _GDQ_COMPLETE="complete_bash", COMP_WORDS="gdq keyword --fu", COMP_CWORD="2")
    )
    assert options.stdout.split() == ["--fuzzy"]


# --- the progress bar ------------------------------------------------------------------------


def _corpus(tmp_path: Path, files: int, lines: int) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for i in range(files):
        text = "".join(f"第{i}篇第{j}段。“我们要加快发展。”王{j}说。\n" for j in range(lines))
        (folder / f"{i:03}.txt").write_text(text, encoding="utf-8")
    return folder


def test_the_bar_shows_on_a_terminal_stderr_though_stdout_is_redirected(tmp_path: Path) -> None:
    env = _env(tmp_path)
    corpus = _corpus(tmp_path, 40, 200)
    screen, out, code = _with_tty_stderr(["index", "-c", str(corpus), "--format", "plain"], env)
    assert code == 0 and "documents\t40" in out
    assert b"indexing" in screen
    # Transient: the last thing drawn erases the bar (the cursor comes back on an empty line).
    assert b"indexing" not in screen.rsplit(b"\x1b[2K", 1)[-1]
    warm, out_again, code = _with_tty_stderr(["index", "-c", str(corpus), "--format", "plain"], env)
    assert code == 0 and out_again == out
    assert warm == b""  # nothing to index: no bar, not even at 0%
    first = corpus / "000.txt"
    os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 10**9))
    touched, out_again, code = _with_tty_stderr(["index", "-c", str(corpus), "--format", "plain"], env)
    assert code == 0 and out_again == out
    assert b"0%" not in touched.rsplit(b"\x1b[2K", 1)[-1]  # no bar left standing


def test_ctrl_c_erases_the_bar_before_saying_interrupted(tmp_path: Path) -> None:
    env = _env(tmp_path)
    corpus = _corpus(tmp_path, 400, 400)
    screen, _, code = _with_tty_stderr(["index", "-c", str(corpus)], env, interrupt_on=b"indexing")
    assert code == 130
    assert screen.endswith(b"gdq: interrupted\r\n")
    before, _, _ = screen.rpartition(b"gdq: interrupted")
    # The bar line was cleared (erase-line) after its last frame and before the message.
    assert before.rfind(b"\x1b[2K") > before.rfind("━".encode())
