"""The line under a table that counts what it shows: ``12 statements, 3 speakers``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

Record = dict[str, Any]


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _distinct(records: Sequence[Record], key: str) -> int:
    return len({rec.get(key) for rec in records})


def _part(kind: str, group: Sequence[Record]) -> str | None:
    n = len(group)
    if kind == "quote":
        return f"{plural(n, 'statement')}, {plural(_distinct(group, 'speaker'), 'speaker')}"
    if kind == "sentence":
        return f"{plural(n, 'sentence')} in {plural(_distinct(group, 'doc'), 'document')}"
    if kind == "count":
        found = [rec for rec in group if rec.get("count")]
        total = sum(int(rec["count"]) for rec in found)
        return f"{plural(total, 'sentence')} in {plural(_distinct(found, 'doc'), 'document')}"
    if kind == "fact":
        return plural(n, "fact")
    if kind == "speaker":
        return plural(n, "speaker")
    if kind == "stats":
        return None  # a table of counts already
    return plural(n, f"{kind} record")


def count_line(records: Sequence[Record]) -> str:
    """How many results, by type in order of first appearance; empty when there is nothing
    to count. Neighbours carried in ``context_before``/``context_after`` are not results."""
    groups: dict[str, list[Record]] = {}
    for rec in records:
        groups.setdefault(str(rec.get("type")), []).append(rec)
    parts = [_part(kind, group) for kind, group in groups.items()]
    return "; ".join(part for part in parts if part)
