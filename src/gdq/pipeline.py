"""The order of the stages: documents → paragraphs → sentences → statements/facts → index.

``process`` runs every stage of one document and returns a :class:`DocRecord`; ``pack`` turns
it into plain data (what a worker process sends back and the cache stores per file: sentences
already as table buffers); ``assemble`` joins the packed documents of a corpus into an
:class:`~gdq.index.Index`, concatenating rather than rebuilding, so that the one process that
joins an archive does little per sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from . import dedupe, facts, layout, names, segment, sentences, statements, store
from .errors import CorpusError
from .index import DocInfo, Index
from .models import Document, Fact, Sentence, Statement

Progress = Callable[[int], None]  # called with the number of characters just processed


@dataclass(frozen=True, slots=True)
class DocRecord:
    info: DocInfo
    sentences: tuple[Sentence, ...]
    statements: tuple[Statement, ...]
    facts: tuple[Fact, ...]
    speakers: tuple[names.SpeakerKeys, ...] = ()  # of this document, computed with it


class Packed(NamedTuple):
    """One processed document as plain data (see ``plain`` for marshal)."""

    info: tuple[Any, ...]  # DocInfo's fields
    sentences: store.PackedSentences  # speaker column: n for the n-th of ``speakers``, 0 none
    statements: list[tuple[Any, ...]]  # Statement's fields
    facts: list[tuple[Any, ...]]  # Fact's fields
    speakers: list[names.KeysTuple]  # this document's speakers, in order of first statement


def pack(record: DocRecord) -> Packed:
    local = {k.name: n for n, k in enumerate(record.speakers, start=1)}
    by_sentence: dict[str, int] = {}
    for st in record.statements:
        by_sentence.setdefault(st.sentence_id, local[st.speaker])  # its first statement's speaker
    return Packed(
        tuple(record.info),
        store.pack_sentences(record.sentences, [by_sentence.get(s.id, 0) for s in record.sentences]),
        [tuple(st) for st in record.statements],
        [tuple(f) for f in record.facts],
        [names.keys_to_tuple(k) for k in record.speakers],
    )


def plain(packed: Packed) -> tuple[Any, ...]:
    """Builtin types only, as marshal requires (NamedTuples are tuple subclasses)."""
    return (packed.info, tuple(packed.sentences), packed.statements, packed.facts, packed.speakers)


def unpack(data: Any) -> Packed:
    """The Packed in marshal's plain tuples; ValueError when it has not that shape (a record
    written by other code: the caller processes the file again)."""
    try:
        info, sents, stmts, fcts, speakers = data
        packed = Packed(tuple(info), store.PackedSentences(*sents), stmts, fcts, speakers)
    except (TypeError, ValueError):
        raise ValueError("not a packed document") from None
    if len(packed.info) != len(DocInfo._fields):
        raise ValueError("not a packed document")
    if not all(isinstance(rows, list) for rows in (stmts, fcts, speakers)):
        raise ValueError("not a packed document")
    widths = (len(Statement._fields), len(Fact._fields), len(names.SpeakerKeys._fields))
    for rows, width in zip((stmts, fcts, speakers), widths, strict=True):
        if not all(type(row) is tuple and len(row) == width for row in rows):
            raise ValueError("not a packed document")
    store.check_packed(packed.sentences, len(speakers))
    return packed


def document_sentences(doc: Document) -> tuple[list[Sentence], DocInfo]:
    """Sentences of one document, with the repairs that were made to get them."""
    paras, joined = layout.paragraphs(doc.name, doc.text)
    candidates: list[tuple[int, int, int, str]] = []  # (para, start offset in para, end, text)
    flags: list[tuple[str, bool, bool]] = []
    for para in paras:
        spans = sentences.split(para.text)
        for n, (start, end) in enumerate(spans):
            text = para.text[start:end]
            candidates.append((para.number, start, end, text))
            flags.append((text, n == 0, n == len(spans) - 1))
    drop = dedupe.duplicates(flags)

    kept = [c for c, dropped in zip(candidates, drop, strict=True) if not dropped]
    ends = segment.word_ends_many([text for *_, text in kept])
    result: list[Sentence] = []
    for (para_index, start, end, text), words in zip(kept, ends, strict=True):
        para = paras[para_index]
        doc_start, line = para.locate(start)
        doc_end, _ = para.locate(end - 1)
        seq = len(result)
        result.append(
            Sentence(
                id=f"{doc.key}-s{seq}",
                doc=doc.name,
                para=para_index,
                seq=seq,
                line=line,
                start=doc_start,
                end=doc_end + 1,
                text=text,
                words=words,
            )
        )
    info = DocInfo(
        name=doc.name,
        key=doc.key,
        encoding=doc.encoding,
        chars=len(doc.text),
        paragraphs=len(paras),
        sentences=len(result),
        joined_breaks=joined,
        dropped_duplicates=sum(drop),
        duplicate_passages=_runs(drop),
    )
    return result, info


def _runs(flags: Sequence[bool]) -> int:
    """Number of runs of consecutive True values."""
    return sum(1 for i, f in enumerate(flags) if f and (i == 0 or not flags[i - 1]))


def document_facts(doc_key: str, sents: Sequence[Sentence]) -> list[Fact]:
    found: list[Fact] = []
    for s in sents:
        for span in facts.find_facts(s.text):
            found.append(
                Fact(
                    id=f"{doc_key}-f{len(found)}",
                    doc=s.doc,
                    line=s.line,
                    sentence_id=s.id,
                    raw=span.raw,
                    value=span.value,
                    unit=span.unit,
                    qualifier=span.qualifier,
                    start=span.start,
                    end=span.end,
                )
            )
    return found


def process(doc: Document) -> DocRecord:
    """Every stage for one document."""
    sents, info = document_sentences(doc)
    found = tuple(statements.extract(doc.key, sents))
    return DocRecord(info, tuple(sents), found, tuple(document_facts(doc.key, sents)), speaker_table(found))


def speaker_table(found: Sequence[Statement]) -> tuple[names.SpeakerKeys, ...]:
    """One entry per canonical speaker, in order of first statement, roles merged."""
    roles: dict[str, list[str]] = {}
    for st in found:
        merged = roles.setdefault(st.speaker, [])
        merged.extend(r for r in st.roles if r not in merged)
    return tuple(names.speaker_keys(name, tuple(rs)) for name, rs in roles.items())


def merge_speakers(packed: Sequence[Packed]) -> list[names.KeysTuple]:
    """One entry per speaker across documents, in order of first appearance, roles merged."""
    merged: dict[str, names.KeysTuple] = {}
    for p in packed:
        for keys in p.speakers:
            name, roles = keys[0], keys[1]
            known = merged.get(name)
            if known is None:
                merged[name] = keys
            elif any(role not in known[1] for role in roles):
                both = [*known[1], *(role for role in roles if role not in known[1])]
                merged[name] = names.keys_to_tuple(names.with_roles(names.keys_from_tuple(known), both))
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
    speaker_number = {row[0]: n for n, row in enumerate(speaker_rows, start=1)}
    builder = store.TableBuilder()
    for info, p in zip(infos, packed, strict=True):
        builder.add(info.name, info.key, p.sentences, [0, *(speaker_number[k[0]] for k in p.speakers)])
    statement_rows = [row for p in packed for row in p.statements]
    fact_rows = [row for p in packed for row in p.facts]
    counts = {"statements": len(statement_rows), "facts": len(fact_rows), "speakers": len(speaker_rows)}
    return Index(
        infos,
        builder.table([row[0] for row in speaker_rows]),
        lambda: statement_rows,
        lambda: fact_rows,
        lambda: speaker_rows,
        counts,
        notes,
    )


def assemble_records(records: Sequence[DocRecord]) -> Index:
    return assemble([pack(r) for r in records])


def build(docs: Sequence[Document], progress: Progress | None = None) -> Index:
    """Run every stage over documents in this process (small corpora, tests)."""
    records = []
    for doc in docs:
        records.append(process(doc))
        if progress is not None:
            progress(len(doc.text))
    return assemble_records(records)
