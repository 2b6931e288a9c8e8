"""Hits with their neighbouring sentences, merged as ``grep -C`` merges them: a neighbour shown
once, overlapping runs joined, a break (None) between runs that are not contiguous."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

Record = dict[str, Any]

# A line of output: a sentence record and whether it is a hit; None marks a break.
Line = tuple[Record, bool] | None


def has_context(rec: Record) -> bool:
    return "context_before" in rec or "context_after" in rec


def position(sentence_id: str) -> tuple[str, int] | None:
    """(document key, sequence number) of a sentence id ``<key>-s<seq>``, else None."""
    key, sep, seq = sentence_id.rpartition("-s")
    return (key, int(seq)) if sep and seq.isdigit() else None


def adjacent(before: str, after: str) -> bool:
    """Whether sentence ``after`` directly follows sentence ``before`` in its document."""
    first, second = position(before), position(after)
    return first is not None and second is not None and first[0] == second[0] and second[1] == first[1] + 1


def context_lines(records: Sequence[Record]) -> Iterator[Line]:
    """Each record's neighbours, then the record, then its following neighbours, in the order
    of the records. A sentence already shown is not shown again; a neighbour that is itself a
    hit is shown as one (with its matches)."""
    hits = {rec["id"]: rec for rec in records}
    shown: set[str] = set()
    last: str | None = None
    for rec in records:
        for line in [*(rec.get("context_before") or ()), rec, *(rec.get("context_after") or ())]:
            ident = line["id"]
            if ident in shown:
                continue
            if last is not None and not adjacent(last, ident):
                yield None
            hit = hits.get(ident)
            yield (hit, True) if hit is not None else (line, False)
            shown.add(ident)
            last = ident
