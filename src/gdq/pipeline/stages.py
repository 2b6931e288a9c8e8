"""The order of the stages: documents → paragraphs → sentences → statements/facts → rows.

``process`` runs every stage of one document and returns a :class:`DocRecord`; ``doc_rows``
turns it into the rows the database takes (what a worker process sends back, so that the one
process that writes the database does little per row).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from operator import add, ne, not_, sub

from gdq.extract import facts, speakers, statements
from gdq.models import Document, Fact, Paragraph, Sentence, Statement
from gdq.store import rows
from gdq.store.rows import DocInfo, DocRows
from gdq.text import dedupe, layout, segment, sentences


@dataclass(frozen=True, slots=True)
class DocRecord:
    info: DocInfo
    sentences: tuple[Sentence, ...]
    statements: tuple[Statement, ...]
    facts: tuple[Fact, ...]
    speakers: tuple[speakers.SpeakerKeys, ...] = ()  # of this document, computed with it


def doc_rows(record: DocRecord) -> DocRows:
    """The rows of one document for the database, made in the worker that processed it (so
    the one process that writes the database does little per row)."""
    position = {s.id: n for n, s in enumerate(record.sentences)} if record.statements else {}
    by_sentence: dict[int, str] = {}
    for st in record.statements:
        # A sentence's speaker is that of its first statement; words that run over several
        # sentences give each of them their speaker.
        first = position[st.sentence_id]
        for i in range(first, min(first + st.sentences, len(record.sentences))):
            by_sentence.setdefault(i, st.speaker)
    return DocRows(
        record.info,
        [rows.sentence_row(s, by_sentence.get(i)) for i, s in enumerate(record.sentences)],
        list(map(rows.statement_row, record.statements)),
        list(map(rows.fact_row, record.facts)),
        list(map(rows.speaker_row, record.speakers)),
    )


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
