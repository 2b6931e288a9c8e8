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
_BLOCK = re.compile(
    r"(<!-- run: (?P<cmd>(?:[A-Z_]+=\S+ )*gdq [^\n]*?) -->\n```[a-z]*\n)(?P<body>.*?)(```)", re.S
)


def run(cmd: str, cache: str) -> str:
    # ``COLUMNS=80 gdq ...``: a table as a terminal of that width shows it.
    words = shlex.split(cmd)
    settings = dict(w.split("=", 1) for w in words[: words.index("gdq")])
    args = words[words.index("gdq") :]
    gdq = Path(sys.executable).with_name("gdq")
    caller = ("COLUMNS", "NO_COLOR")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDQ_") and k not in caller}
    env.update(settings, GDQ_CACHE_DIR=cache)
    if "COLUMNS" in settings:
        return f"$ {cmd}\n" + _on_a_terminal([str(gdq), *args[1:]], env)
    proc = subprocess.run([str(gdq), *args[1:]], capture_output=True, text=True, env=env, cwd=README.parent)
    # Notes come first, as on a terminal, where gdq writes them before the results.
    out = proc.stderr + proc.stdout
    return f"$ {cmd}\n{out}" + ("" if out.endswith("\n") or not out else "\n")


def _on_a_terminal(argv: list[str], env: dict[str, str]) -> str:
    """What a terminal of COLUMNS columns shows (a table is drawn only for a terminal)."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(argv, stdout=slave, stderr=slave, env=env, cwd=README.parent)
    os.close(slave)
    screen = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        screen += chunk
    proc.wait()
    os.close(master)
    lines = screen.decode("utf-8").replace("\r\n", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines)


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
