"""When to colour, and the ANSI codes of the plain (grep-like) lines, written by hand: the plain
path is the fast one in pipes and never imports Rich."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from typing import IO

CHOICES = ("auto", "always", "never")

# The colours grep uses by default (GREP_COLORS ms=01;31:fn=35:ln=32:se=36).
MATCH = "\x1b[01;31m"
DOC = "\x1b[35m"
LINE = "\x1b[32m"
SEPARATOR = "\x1b[36m"
RESET = "\x1b[0m"


def want_color(choice: str, stream: IO[str], environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour output for ``--color auto|always|never``: ``auto`` colours a terminal
    unless ``NO_COLOR`` is set (https://no-color.org) or the terminal is dumb."""
    if choice not in CHOICES:
        from gdq.errors import QueryError

        raise QueryError(f"--color must be one of {', '.join(CHOICES)}, not {choice!r}")
    if choice != "auto":
        return choice == "always"
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR", "") != "" or env.get("TERM") == "dumb":
        return False
    return on_terminal(stream)


def on_terminal(stream: IO[str]) -> bool:
    """Whether a stream is a terminal (False for a closed one, or one with no ``isatty``)."""
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


def merged(spans: Iterable[Sequence[int]], length: int) -> list[tuple[int, int]]:
    """Spans clipped to ``[0, length)``, sorted, overlapping and touching ones joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted((max(0, s), min(length, e)) for s, e in spans):
        if start >= end:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def one_line(text: str, spans: Iterable[Sequence[int]] = (), on: str = MATCH, off: str = RESET) -> str:
    """``text`` on one line (runs of whitespace as one space, as plain lines print it) with the
    characters of ``spans`` (offsets into the original text) between ``on`` and ``off``."""
    inside = [False] * len(text)
    for start, end in merged(spans, len(text)):
        inside[start:end] = [True] * (end - start)
    pieces: list[str] = []
    lit = False
    pending_space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            pending_space = bool(pieces)
            continue
        if pending_space:
            # The space between two words is marked only when the span runs across it.
            want = inside[i] and lit
            if lit != want:
                pieces.append(off)
                lit = False
            pieces.append(" ")
            pending_space = False
        if inside[i] != lit:
            pieces.append(on if inside[i] else off)
            lit = inside[i]
        pieces.append(ch)
    if lit:
        pieces.append(off)
    return "".join(pieces)


def where(doc: object, line: object, sep: str = ":") -> str:
    """``doc:line:`` in grep's colours (``sep`` is ``-`` for a context line)."""
    return f"{DOC}{doc}{RESET}{SEPARATOR}:{RESET}{LINE}{line}{RESET}{SEPARATOR}{sep}{RESET}"
