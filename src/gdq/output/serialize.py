"""Records as JSON-ready dicts, and the JSON / JSONL / plain writers.

Every record has ``type``, ``id``, ``doc`` and ``line``; the keys of each type are pinned by a
test because scripts depend on them. Non-ASCII text is written as is.
"""

from __future__ import annotations

import hashlib
import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from gdq.models import Fact, Sentence, Statement
from gdq.search.query import SentenceHit
from gdq.store.index import Store

# A JSON record: its keys, and the type of the value under each, depend on its ``type``.
Record = dict[str, Any]


def sentence_record(
    s: Sentence,
    score: float | None = None,
    matches: Iterable[tuple[int, int]] = (),
    speaker: str | None = None,
) -> Record:
    return {
        "type": "sentence",
        "id": s.id,
        "doc": s.doc,
        "line": s.line,
        "text": s.text,
        "matches": [list(m) for m in matches],
        "score": score,
        "speaker": speaker,
        "para": s.para,
        "start": s.start,
        "end": s.end,
    }


def hit_record(hit: SentenceHit) -> Record:
    return sentence_record(hit.sentence, round(hit.score, 2), hit.matches, hit.speaker)


def statement_record(st: Statement, score: float | None = None, sentence: str | None = None) -> Record:
    return {
        "type": "quote",
        "id": st.id,
        "doc": st.doc,
        "line": st.line,
        "speaker": st.speaker,
        "speaker_type": st.speaker_type,
        "role": st.role,
        "roles": list(st.roles),
        "kind": st.kind,
        "verb": st.verb,
        "text": st.text,
        "sentence_id": st.sentence_id,
        "sentence": sentence,
        "score": score,
    }


def fact_record(f: Fact, sentence: str, score: float | None = None) -> Record:
    return {
        "type": "fact",
        "id": f.id,
        "doc": f.doc,
        "line": f.line,
        "raw": f.raw,
        "value": f.value,
        "value_max": f.value_max,
        "unit": f.unit,
        "qualifier": f.qualifier,
        "sentence_id": f.sentence_id,
        "sentence": sentence,
        "score": score,
        "start": f.start,
        "end": f.end,
    }


SPEAKER_ID_PREFIX = "p-"
SPEAKER_ID_DIGITS = 6


def speaker_id(name: str) -> str:
    """A speaker's record id: stable for a name across runs and corpora."""
    digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()
    return SPEAKER_ID_PREFIX + digest[:SPEAKER_ID_DIGITS]


def speaker_record(
    name: str,
    roles: Sequence[str],
    first: Statement | None,
    direct: int,
    indirect: int,
    kind: str,
    score: float | None = None,
) -> Record:
    """A speaker's record from a summary of their statements (see Store.speaker_summary)."""
    return {
        "type": "speaker",
        "id": speaker_id(name),
        "doc": first.doc if first else None,
        "line": first.line if first else None,
        "name": name,
        "speaker_type": kind,
        "roles": list(roles),
        "direct": direct,
        "indirect": indirect,
        "score": score,
    }


def count_record(doc: str, doc_key: str, count: int) -> Record:
    """How many sentences of one document a search found (``gdq keyword --count``)."""
    return {"type": "count", "id": f"count-{doc_key}", "doc": doc, "line": None, "count": count}


def stats_record(index: Store) -> Record:
    rec: Record = {"type": "stats", "id": "stats", "doc": None, "line": None}
    rec.update(index.stats())
    rec["per_document"] = [
        {
            "doc": d.name,
            "encoding": d.encoding,
            "characters": d.chars,
            "paragraphs": d.paragraphs,
            "sentences": d.sentences,
            "joined_breaks": d.joined_breaks,
            "dropped_duplicates": d.dropped_duplicates,
            "duplicate_passages": d.duplicate_passages,
        }
        for d in index.docs
    ]
    return rec


def record_of(index: Store, rec: Sentence | Statement | Fact) -> Record:
    """The JSON record of any stored record, as ``gdq show`` prints it."""
    if isinstance(rec, Sentence):
        return sentence_record(rec, speaker=index.speaker_of(rec.id))
    text = index.sentence_text(rec.sentence_id)
    if isinstance(rec, Statement):
        return statement_record(rec, sentence=text)
    return fact_record(rec, text or "")


def export_records(index: Store) -> Iterator[Record]:
    """Every sentence, statement and fact, document by document (each document's sentences,
    then its statements, then its facts), one at a time: an archive may not fit a list, and
    each document's records are what ``gdq.extract`` gives for it alone."""
    for sents, stmts, fcts in index.iter_documents():
        yield from document_records(sents, stmts, fcts)


def document_records(
    sents: Sequence[tuple[Sentence, str | None]], stmts: Sequence[Statement], fcts: Sequence[Fact]
) -> Iterator[Record]:
    texts = {s.id: s.text for s, _ in sents}
    for s, speaker in sents:
        yield sentence_record(s, speaker=speaker)
    for st in stmts:
        yield statement_record(st, sentence=texts.get(st.sentence_id))
    for f in fcts:
        yield fact_record(f, texts.get(f.sentence_id) or "")


# --- writers ---------------------------------------------------------------------------------


def write_json(records: list[Record], out: IO[str]) -> None:
    out.write(json.dumps(records, ensure_ascii=False, indent=2))
    out.write("\n")


def write_json_stream(records: Iterable[Record], out: IO[str]) -> None:
    """One JSON array, written record by record."""
    out.write("[")
    for n, rec in enumerate(records):
        out.write(",\n" if n else "\n")
        out.write(json.dumps(rec, ensure_ascii=False))
    out.write("\n]\n")


def write_jsonl(records: Iterable[Record], out: IO[str]) -> None:
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False))
        out.write("\n")


def _one_line(text: str) -> str:
    return " ".join(text.split())


RANGE_DASH = "\u2013"  # en dash: 600–700, never read as a minus sign (-5–-3)


def value_text(rec: Record) -> str:
    """A fact's value as printed in a table or a plain line: ``600``, or ``600–700`` for a
    range (JSON keeps ``value`` and ``value_max`` as numbers)."""
    value_max = rec.get("value_max")
    if value_max is None:
        return str(rec["value"])
    return f"{rec['value']}{RANGE_DASH}{value_max}"


def match_spans(rec: Record) -> list[list[int]]:
    """What a plain line or a table highlights: the matches, and a fact's number in its
    sentence."""
    spans = [list(m) for m in rec.get("matches") or ()]
    if rec["type"] == "fact":
        start = rec["sentence"].find(rec["raw"])
        if start >= 0:
            spans.append([start, start + len(rec["raw"])])
    return spans


def plain_line(rec: Record, *, color: bool = False) -> str:
    """grep-like lines: ``doc:line:`` then the payload, tab-separated fields after it. With
    ``color``, grep's colours: the place, and the matches in the text."""
    kind = rec["type"]
    if kind in ("sentence", "quote", "fact") and color:
        return _colored_line(rec)
    where = f"{rec['doc']}:{rec['line']}:"
    if kind == "sentence":
        return where + _one_line(rec["text"])
    if kind == "quote":
        return where + "\t".join([rec["speaker"], rec["kind"], _one_line(rec["text"])])
    if kind == "fact":
        unit = rec["unit"] or ""
        return where + "\t".join(
            [rec["raw"], value_text(rec), unit, rec["qualifier"], _one_line(rec["sentence"])]
        )
    if kind == "speaker":
        return "\t".join([rec["name"], "、".join(rec["roles"]), str(rec["direct"]), str(rec["indirect"])])
    if kind == "stats":
        return "\n".join(
            f"{k}\t{v}" for k, v in rec.items() if k not in {"type", "id", "doc", "line", "per_document"}
        )
    if kind == "count":
        return f"{rec['doc']}:{rec['count']}"
    return json.dumps(rec, ensure_ascii=False)


def _colored_line(rec: Record, sep: str = ":") -> str:
    from gdq.output import color

    where = color.where(rec["doc"], rec["line"], sep)
    kind = rec["type"]
    if kind == "sentence":
        return where + color.one_line(rec["text"], match_spans(rec))
    if kind == "quote":
        return where + "\t".join([rec["speaker"], rec["kind"], color.one_line(rec["text"], match_spans(rec))])
    unit = rec["unit"] or ""
    sentence = color.one_line(rec["sentence"], match_spans(rec))
    return where + "\t".join([rec["raw"], value_text(rec), unit, rec["qualifier"], sentence])


def context_line(rec: Record, *, color: bool = False) -> str:
    """A neighbouring sentence, as ``grep -C`` prints one: ``doc:line-text``."""
    if color:
        from gdq.output import color as ansi

        return ansi.where(rec["doc"], rec["line"], "-") + _one_line(rec["text"])
    return f"{rec['doc']}:{rec['line']}-{_one_line(rec['text'])}"


def write_plain(records: Iterable[Record], out: IO[str], *, color: bool = False) -> None:
    """One plain line per record. Sentences that carry ``context_before``/``context_after``
    are written like ``grep -C``: neighbours as ``doc:line-text``, hits as ``doc:line:text``,
    ``--`` between runs that are not contiguous."""
    it = iter(records)
    first = next(it, None)
    if first is None:
        return
    if "context_before" in first or "context_after" in first:
        _write_with_context([first, *it], out, color)
        return
    for rec in itertools.chain((first,), it):
        out.write(plain_line(rec, color=color))
        out.write("\n")


def _write_with_context(records: Sequence[Record], out: IO[str], color: bool) -> None:
    from gdq.output import color as ansi
    from gdq.output.context import context_lines

    separator = f"{ansi.SEPARATOR}--{ansi.RESET}" if color else "--"
    for line in context_lines(records):
        if line is None:
            out.write(separator)
        else:
            rec, hit = line
            out.write(plain_line(rec, color=color) if hit else context_line(rec, color=color))
        out.write("\n")
