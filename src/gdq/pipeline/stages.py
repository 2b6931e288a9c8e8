"""The order of the stages: documents → paragraphs → sentences → statements/facts → index.

``process`` runs every stage of one document and returns a :class:`DocRecord`; ``pack`` turns
it into plain data (what a worker process sends back and the cache stores per file: sentences
already as table buffers); ``assemble`` joins the packed documents of a corpus into an
:class:`~gdq.store.index.Index`, concatenating rather than rebuilding, so that the one process that
joins an archive does little per sentence.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import add, ne, not_, sub
from typing import NamedTuple, cast

from gdq.errors import CorpusError
from gdq.extract import facts, speakers, statements
from gdq.models import Document, Fact, Paragraph, Sentence, Statement
from gdq.store import table as store
from gdq.store.index import DocInfo, DocInfoRow, Index
from gdq.store.rows import FactRow, StatementRow, speaker_name, speaker_roles
from gdq.text import dedupe, layout, segment, sentences


@dataclass(frozen=True, slots=True)
class DocRecord:
    info: DocInfo
    sentences: tuple[Sentence, ...]
    statements: tuple[Statement, ...]
    facts: tuple[Fact, ...]
    speakers: tuple[speakers.SpeakerKeys, ...] = ()  # of this document, computed with it


class Packed(NamedTuple):
    """One processed document as plain data (see ``plain`` for marshal)."""

    info: DocInfoRow
    sentences: store.PackedSentences  # speaker column: n for the n-th of ``speakers``, 0 none
    statements: list[StatementRow]
    facts: list[FactRow]
    speakers: list[speakers.KeysTuple]  # this document's speakers, in order of first statement


# A Packed as marshal takes it: builtin tuples and lists only.
PlainPacked = tuple[
    DocInfoRow, tuple[bytes, ...], list[StatementRow], list[FactRow], list[speakers.KeysTuple]
]


def pack(record: DocRecord) -> Packed:
    local = {k.name: n for n, k in enumerate(record.speakers, start=1)}
    position = {s.id: n for n, s in enumerate(record.sentences)} if record.statements else {}
    by_sentence: dict[str, int] = {}
    for st in record.statements:
        # A sentence's speaker is that of its first statement; words that run over several
        # sentences give each of them their speaker.
        first = position[st.sentence_id]
        for s in record.sentences[first : first + st.sentences]:
            by_sentence.setdefault(s.id, local[st.speaker])
    # A record's row is the record as a plain tuple (marshal refuses tuple subclasses).
    return Packed(
        cast("DocInfoRow", tuple(record.info)),
        store.pack_sentences(record.sentences, [by_sentence.get(s.id, 0) for s in record.sentences]),
        cast("list[StatementRow]", [tuple(st) for st in record.statements]),
        cast("list[FactRow]", [tuple(f) for f in record.facts]),
        [speakers.keys_to_tuple(k) for k in record.speakers],
    )


def plain(packed: Packed) -> PlainPacked:
    """Builtin types only, as marshal requires (NamedTuples are tuple subclasses)."""
    return (packed.info, tuple(packed.sentences), packed.statements, packed.facts, packed.speakers)


def unpack(data: object, check: bool = True) -> Packed:
    """The Packed in marshal's plain tuples; ValueError when it has not that shape (a record
    written by other code: the caller processes the file again). ``check=False`` for a record
    a worker of this run just made, whose shape is this code's own."""
    if not isinstance(data, tuple):
        raise ValueError("not a packed document")
    try:
        info, sents, stmts, fcts, people = data
        packed = Packed(tuple(info), store.PackedSentences(*sents), stmts, fcts, people)
    except (TypeError, ValueError):
        raise ValueError("not a packed document") from None
    if not check:
        return packed
    if len(packed.info) != len(DocInfo._fields):
        raise ValueError("not a packed document")
    if not all(isinstance(rows, list) for rows in (stmts, fcts, people)):
        raise ValueError("not a packed document")
    widths = (len(Statement._fields), len(Fact._fields), len(speakers.SpeakerKeys._fields))
    for group, width in zip((stmts, fcts, people), widths, strict=True):
        if not all(type(row) is tuple and len(row) == width for row in group):
            raise ValueError("not a packed document")
    store.check_packed(packed.sentences, len(people))
    return packed


def document_sentences(doc: Document) -> tuple[list[Sentence], DocInfo]:
    """Sentences of one document, with the repairs that were made to get them."""
    # Paragraphs and sentences come as columns, and the per-sentence work is done by list
    # operations that run in C: this runs for every sentence of a corpus.
    texts, offsets, para_lines, repairs = layout.paragraph_columns(doc.text)
    numbers, starts, ends = sentences.paragraph_sentences(texts)
    # Offsets so far are into the paragraphs joined by "\n". A paragraph moves to the document
    # by one shift, and has one line, unless it was joined across a page break.
    text = "\n".join(texts)
    bases = list(accumulate([len(para_text) + 1 for para_text in texts], initial=0))
    shifts = list(map(sub, offsets, bases))
    lines = list(map(para_lines.__getitem__, numbers))
    shift = list(map(shifts.__getitem__, numbers))
    doc_starts = list(map(add, starts, shift))
    doc_ends = list(map(add, ends, shift))
    for number, pieces in repairs.items():
        para = Paragraph(doc.name, number, texts[number], para_lines[number], pieces)
        base = bases[number]
        for i in range(bisect_left(numbers, number), bisect_right(numbers, number)):
            doc_starts[i], lines[i] = para.locate(starts[i] - base)
            doc_ends[i] = para.locate(ends[i] - base - 1)[0] + 1
    texts = list(map(text.__getitem__, map(slice, starts, ends)))
    drop = dedupe.duplicate_flags(
        texts,
        list(map(ne, numbers, [-1, *numbers[:-1]])),  # first in its paragraph
        list(map(ne, numbers, [*numbers[1:], -1])),  # last in its paragraph
    )
    dropped = drop.count(True)
    if dropped:
        keep = list(map(not_, drop))
        numbers, lines, doc_starts, doc_ends, texts = (
            list(compress(column, keep)) for column in (numbers, lines, doc_starts, doc_ends, texts)
        )
    words = segment.word_ends_many(texts)
    key, seqs = doc.key, range(len(texts))
    # Fields in Sentence's order; _make takes them positionally, cheaper than keywords.
    fields = zip(
        [f"{key}-s{seq}" for seq in seqs], repeat(doc.name), numbers, seqs, lines, doc_starts, doc_ends,
        texts, words,
    )  # fmt: skip
    result: list[Sentence] = list(map(Sentence._make, fields))
    info = DocInfo(
        name=doc.name,
        key=doc.key,
        encoding=doc.encoding,
        chars=len(doc.text),
        paragraphs=len(offsets),
        sentences=len(result),
        joined_breaks=sum(len(pieces) - 1 for pieces in repairs.values()),
        dropped_duplicates=dropped,
        duplicate_passages=_runs(drop) if dropped else 0,
    )
    return result, info


def _runs(flags: Sequence[bool]) -> int:
    """Number of runs of consecutive True values."""
    return sum(1 for i, f in enumerate(flags) if f and (i == 0 or not flags[i - 1]))


def document_facts(doc_key: str, sents: Sequence[Sentence]) -> list[Fact]:
    found: list[Fact] = []
    for s in sents:
        spans = facts.find_facts(s.text)
        if spans:  # most sentences state no number
            doc, line, sentence_id = s.doc, s.line, s.id
            for span in spans:
                # A Fact is its id, doc, line and sentence_id, then a FactSpan's six fields in
                # order; positional (_make) costs about half of keywords, once per fact.
                fact_id = f"{doc_key}-f{len(found)}"
                found.append(Fact._make((fact_id, doc, line, sentence_id, *span)))
    return found


def process(doc: Document) -> DocRecord:
    """Every stage for one document."""
    sents, info = document_sentences(doc)
    found = tuple(statements.extract(doc.key, sents))
    return DocRecord(info, tuple(sents), found, tuple(document_facts(doc.key, sents)), speaker_table(found))


def speaker_table(found: Sequence[Statement]) -> tuple[speakers.SpeakerKeys, ...]:
    """One entry per canonical speaker, in order of first statement, roles merged."""
    roles: dict[str, list[str]] = {}
    for st in found:
        merged = roles.setdefault(st.speaker, [])
        merged.extend(r for r in st.roles if r not in merged)
    return tuple(speakers.speaker_keys(name, tuple(rs)) for name, rs in roles.items())


def merge_speakers(packed: Sequence[Packed]) -> list[speakers.KeysTuple]:
    """One entry per speaker across documents, in order of first appearance, roles merged."""
    merged: dict[str, speakers.KeysTuple] = {}
    for p in packed:
        for keys in p.speakers:
            name, roles = speaker_name(keys), speaker_roles(keys)
            known = merged.get(name)
            if known is None:
                merged[name] = keys
            elif any(role not in speaker_roles(known) for role in roles):
                known_roles = speaker_roles(known)
                both = [*known_roles, *(role for role in roles if role not in known_roles)]
                keys = speakers.with_roles(speakers.SpeakerKeys._make(known), both)
                merged[name] = speakers.keys_to_tuple(keys)
    return list(merged.values())


def assemble(packed: Sequence[Packed], notes: Sequence[str] = ()) -> Index:
    """One index from the packed documents of a corpus, in corpus order."""
    infos = [DocInfo._make(p.info) for p in packed]
    keys: dict[str, str] = {}
    for info in infos:
        other = keys.setdefault(info.key, info.name)
        if other != info.name:
            raise CorpusError(f"{other} and {info.name} have the same record key; rename one of them")
    speaker_rows = merge_speakers(packed)
    speaker_names = list(map(speaker_name, speaker_rows))
    speaker_number = {name: n for n, name in enumerate(speaker_names, start=1)}
    builder = store.TableBuilder()
    for info, p in zip(infos, packed, strict=True):
        # A document's n-th speaker becomes speaker number speaker_map[n] of the corpus.
        speaker_map = [0, *map(speaker_number.__getitem__, map(speaker_name, p.speakers))]
        builder.add(info.name, info.key, p.sentences, speaker_map)
    statement_rows = [row for p in packed for row in p.statements]
    fact_rows = [row for p in packed for row in p.facts]
    counts = {"statements": len(statement_rows), "facts": len(fact_rows), "speakers": len(speaker_rows)}
    return Index(
        infos,
        builder.table(speaker_names),
        lambda: statement_rows,
        lambda: fact_rows,
        lambda: speaker_rows,
        counts,
        notes,
    )
