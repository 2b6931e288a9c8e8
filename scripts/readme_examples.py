"""Regenerate the example outputs in README.md by running the commands they show.

Each example is a fenced block that follows a marker line ``<!-- run: gdq ARGS -->``; the
block's content is replaced by ``$ gdq ARGS`` and what the installed gdq prints. Run after
changing behaviour: ``python scripts/readme_examples.py`` (``--check`` fails if stale).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
_BLOCK = re.compile(r"(<!-- run: (?P<cmd>gdq [^\n]*?) -->\n```[a-z]*\n)(?P<body>.*?)(```)", re.S)


def run(cmd: str, cache: str) -> str:
    args = shlex.split(cmd)
    gdq = Path(sys.executable).with_name("gdq")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDQ_")}
    env["GDQ_CACHE_DIR"] = cache
    proc = subprocess.run([str(gdq), *args[1:]], capture_output=True, text=True, env=env, cwd=README.parent)
    out = proc.stdout + proc.stderr
    return f"$ {cmd}\n{out}" + ("" if out.endswith("\n") or not out else "\n")


def render(text: str) -> str:
    with tempfile.TemporaryDirectory() as cache:
        return _BLOCK.sub(lambda m: m.group(1) + run(m.group("cmd"), cache) + m.group(4), text)


def main() -> int:
    current = README.read_text(encoding="utf-8")
    fresh = render(current)
    if "--check" in sys.argv:
        return 0 if fresh == current else 1
    README.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
