"""``--fields a,b,...``: only those keys of each record, in that order (as ``gh --json``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from gdq.errors import QueryError

Record = dict[str, Any]


def parse(spec: str) -> list[str]:
    """The field names of ``--fields``: comma-separated, spaces ignored, repeats dropped."""
    names = list(dict.fromkeys(name.strip() for name in spec.split(",") if name.strip()))
    if not names:
        raise QueryError("--fields needs at least one field name, e.g. --fields id,text")
    return names


def available(records: Iterable[Record]) -> dict[str, list[str]]:
    """Each record type's keys, in order of first appearance."""
    found: dict[str, dict[str, None]] = {}
    for rec in records:
        found.setdefault(str(rec.get("type")), {}).update(dict.fromkeys(rec))
    return {kind: list(keys) for kind, keys in found.items()}


def check(records: Sequence[Record], names: Sequence[str]) -> None:
    """Raise QueryError unless every name is a key of some record type present (a field that
    only one type has, such as a quote's ``kind`` in ``gdq show``, is null in the others)."""
    if not names:
        raise QueryError("--fields needs at least one field name, e.g. --fields id,text")
    # Nothing found: the names are still checked, against every kind of record gdq writes.
    kinds = available(records) or available(record_keys())
    valid = {key for keys in kinds.values() for key in keys}
    for name in names:
        if name not in valid:
            types = " and ".join(kinds)
            listed = ", ".join(dict.fromkeys(key for keys in kinds.values() for key in keys))
            raise QueryError(f"unknown field {name!r} for {types} records; fields: {listed}")


def select(records: Sequence[Record], names: Sequence[str]) -> list[Record]:
    """Each record with only the keys ``names``, in that order; a key the record lacks is None.
    Unknown names (for the types present) and an empty list raise QueryError."""
    check(records, names)
    return [pick(rec, names) for rec in records]


def pick(rec: Record, names: Sequence[str]) -> Record:
    """One record with only the keys ``names`` (already checked), in that order; a key the
    record lacks is None."""
    return {name: rec.get(name) for name in names}


def record_keys(kinds: Sequence[str] | None = None) -> list[Record]:
    """One record of each kind (``type``) gdq writes, or of ``kinds``, with every key it may
    carry (``matches`` and context included), to check ``--fields`` before any search."""
    from gdq.models import Fact, Sentence, Statement
    from gdq.output import serialize

    wanted = set(kinds) if kinds is not None else None
    samples: list[Record] = []
    if wanted is None or "sentence" in wanted:
        sentence = serialize.sentence_record(Sentence("k-s0", "d", 0, 0, 1, 0, 1, "x"))
        samples.append({**sentence, "context_before": [], "context_after": []})
    if wanted is None or "quote" in wanted:
        quote = serialize.statement_record(Statement("k-q0", "d", 1, "k-s0", "x", None, "direct", None, "x"))
        samples.append({**quote, "matches": []})
    if wanted is None or "fact" in wanted:
        fact = serialize.fact_record(Fact("k-f0", "d", 1, "k-s0", "1", 1, None, "exact"), "1")
        samples.append({**fact, "matches": []})
    if wanted is None or "speaker" in wanted:
        samples.append(serialize.speaker_record("x", (), None, 0, 0, "person"))
    if wanted is None or "count" in wanted:
        samples.append(serialize.count_record("d", "k", 0))
    if wanted is None or "stats" in wanted:
        from gdq.pipeline.load import memory_store

        store = memory_store([])
        try:
            samples.append(serialize.stats_record(store))
        finally:
            store.conn.close()
    return samples
