"""The order of the stages: documents → paragraphs → sentences → statements/facts → index.

``process`` runs every stage of one document and returns a :class:`DocRecord` of plain values
(so it can be cached per file and sent between processes); ``assemble`` joins the records of a
corpus into an :class:`~gdq.index.Index`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from . import dedupe, facts, layout, names, segment, sentences, statements
from .errors import CorpusError
from .index import DocInfo, Index
from .models import Document, Fact, Sentence, Statement
from .store import TableBuilder

Progress = Callable[[int], None]  # called with the number of characters just processed


@dataclass(frozen=True, slots=True)
class DocRecord:
    info: DocInfo
    sentences: tuple[Sentence, ...]
    statements: tuple[Statement, ...]
    facts: tuple[Fact, ...]
    speakers: tuple[names.SpeakerKeys, ...] = ()  # of this document, computed with it

    def to_plain(self) -> tuple[object, ...]:
        """Tuples of str/int/float only, for marshal."""
        return (
            tuple(self.info),  # the records are NamedTuples; marshal takes plain tuples only
            [tuple(s) for s in self.sentences],
            [tuple(s) for s in self.statements],
            [tuple(f) for f in self.facts],
            [tuple(k) for k in self.speakers],
        )

    @staticmethod
    def from_plain(data: Any) -> DocRecord:
        info, sents, stmts, fcts, speakers = data
        return DocRecord(
            DocInfo(*info),
            tuple(Sentence(*s) for s in sents),
            tuple(Statement(*s) for s in stmts),
            tuple(Fact(*f) for f in fcts),
            # Records come from this code (the cache key includes it) with a checksum, so only
            # their shape is checked here: a wrong length raises TypeError.
            tuple(names.SpeakerKeys._make(k) for k in speakers),
        )


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


def merge_speakers(records: Sequence[DocRecord]) -> tuple[names.SpeakerKeys, ...]:
    """One entry per speaker across documents, in order of first appearance, roles merged."""
    merged: dict[str, names.SpeakerKeys] = {}
    for r in records:
        for k in r.speakers:
            known = merged.get(k.name)
            if known is None:
                merged[k.name] = k
            elif any(role not in known.roles for role in k.roles):
                roles = [*known.roles, *(role for role in k.roles if role not in known.roles)]
                merged[k.name] = names.with_roles(known, roles)
    return tuple(merged.values())


def assemble(records: Sequence[DocRecord], notes: Sequence[str] = ()) -> Index:
    """One index from the records of a corpus, in corpus order."""
    keys: dict[str, str] = {}
    for r in records:
        other = keys.setdefault(r.info.key, r.info.name)
        if other != r.info.name:
            raise CorpusError(f"{other} and {r.info.name} have the same record key; rename one of them")
    all_statements = tuple(st for r in records for st in r.statements)
    all_facts = tuple(f for r in records for f in r.facts)
    speakers = merge_speakers(records)
    speaker_number = {k.name: n for n, k in enumerate(speakers, start=1)}
    builder = TableBuilder()
    for r in records:
        by_sentence: dict[str, int] = {}
        for st in r.statements:
            by_sentence.setdefault(st.sentence_id, speaker_number[st.speaker])
        ids = [by_sentence.get(s.id, 0) for s in r.sentences]
        builder.add_document(r.info.name, r.info.key, r.sentences, ids)
    table = builder.table([k.name for k in speakers])
    counts = {"statements": len(all_statements), "facts": len(all_facts), "speakers": len(speakers)}
    return Index(
        [r.info for r in records],
        table,
        lambda: all_statements,
        lambda: all_facts,
        lambda: speakers,
        counts,
        notes,
    )


def build(docs: Sequence[Document], progress: Progress | None = None) -> Index:
    """Run every stage over documents in this process (small corpora, tests)."""
    records = []
    for doc in docs:
        records.append(process(doc))
        if progress is not None:
            progress(len(doc.text))
    return assemble(records)
