"""The order of the stages: documents → paragraphs → sentences → statements/facts → index."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from . import dedupe, facts, layout, names, segment, sentences, statements
from .index import DocInfo, Index
from .models import Document, Fact, Sentence, Statement

Progress = Callable[[int], None]  # called with the number of characters just processed


def document_sentences(doc: Document) -> tuple[list[Sentence], DocInfo]:
    """Sentences of one document, with the repairs that were made to get them."""
    paras, joined = layout.paragraphs(doc.name, doc.text)
    candidates: list[tuple[int, int, int, str]] = []  # (para, start offset in para, end, text)
    flags: list[tuple[str, bool, bool]] = []
    for para in paras:
        spans = sentences.split(para.text)
        for n, (start, end) in enumerate(spans):
            text = para.text[start:end]
            candidates.append((para.index, start, end, text))
            flags.append((text, n == 0, n == len(spans) - 1))
    drop = dedupe.duplicates(flags)

    result: list[Sentence] = []
    passages = 0
    previous_dropped = False
    for (para_index, start, end, text), dropped in zip(candidates, drop, strict=True):
        if dropped:
            passages += not previous_dropped
            previous_dropped = True
            continue
        previous_dropped = False
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
                words=segment.word_ends(text),
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
        duplicate_passages=passages,
    )
    return result, info


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


def speaker_table(found: Sequence[Statement]) -> tuple[names.SpeakerKeys, ...]:
    """One entry per canonical speaker, in order of first statement, roles merged."""
    roles: dict[str, list[str]] = {}
    for st in found:
        merged = roles.setdefault(st.speaker, [])
        merged.extend(r for r in st.roles if r not in merged)
    return tuple(names.speaker_keys(name, tuple(rs)) for name, rs in roles.items())


def build(docs: Sequence[Document], progress: Progress | None = None) -> Index:
    infos: list[DocInfo] = []
    all_sentences: list[Sentence] = []
    all_statements: list[Statement] = []
    all_facts: list[Fact] = []
    for doc in docs:
        sents, info = document_sentences(doc)
        infos.append(info)
        all_sentences.extend(sents)
        all_statements.extend(statements.extract(doc.key, sents))
        all_facts.extend(document_facts(doc.key, sents))
        if progress is not None:
            progress(len(doc.text))
    return Index(
        docs=tuple(infos),
        sentences=tuple(all_sentences),
        statements=tuple(all_statements),
        facts=tuple(all_facts),
        speakers=speaker_table(all_statements),
    )
