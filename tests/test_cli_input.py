"""Whatever bytes a terminal or xargs sends as an argument, every command answers with one line
(exit 2, or 1 when the query is valid text that finds nothing), never a traceback."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from conftest import gdq_executable
from gdq.cli.spec import COMMANDS

GBK_GUANGZHOU = b"\xb9\xe3\xd6\xdd"  # 广州 in GBK: not UTF-8, so Python sees lone surrogates

# Every place a command takes free text from the user: its argument and its text options.
# Paths (--corpus, --glob) are file names, which may be any bytes; they are tested in test_cache.
CASES = [
    (command.name, flag)
    for command in COMMANDS
    for flag in ([None] if command.arg else [])
    + [
        o.flags[0]
        for o in command.options
        if o.kind in ("text", "texts") and o.dest not in ("corpus", "glob")
    ]
]


def _argv(name: str, flag: str | None, bad: bytes) -> list[bytes]:
    command = next(c for c in COMMANDS if c.name == name)
    argv = [name.encode()]
    if flag is None:
        argv.append(bad)
    elif command.arg is not None:
        argv += [b"1" if name == "number" else "人工智能".encode(), flag.encode(), bad]
    else:
        argv += [flag.encode(), bad]
    return argv


@pytest.mark.parametrize(("name", "flag"), CASES, ids=lambda v: str(v))
@pytest.mark.parametrize("bad", [GBK_GUANGZHOU, b"\xff"], ids=["gbk", "xff"])
def test_undecodable_bytes_get_one_line(name: str, flag: str | None, bad: bytes, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDQ_")}
    env.update({"GDQ_CACHE_DIR": str(tmp_path), "LC_ALL": "C.UTF-8", "PYTHONUTF8": "1"})
    argv = [os.fsencode(a) for a in gdq_executable()] + _argv(name, flag, bad)
    proc = subprocess.run(argv, capture_output=True, env=env, timeout=120)
    err = proc.stderr.decode("utf-8", "replace")
    assert b"Traceback" not in proc.stderr, err
    assert proc.returncode in (1, 2), err
    if proc.returncode == 2:
        assert err.count("\n") == 1 and err.startswith("gdq: error: "), err
