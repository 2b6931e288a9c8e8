"""The order of the stages: documents → paragraphs → sentences → statements/facts → index."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from . import dedupe, layout, segment, sentences
from .index import DocInfo, Index
from .models import Document, Sentence

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


def build(docs: Sequence[Document], progress: Progress | None = None) -> Index:
    infos: list[DocInfo] = []
    all_sentences: list[Sentence] = []
    for doc in docs:
        sents, info = document_sentences(doc)
        infos.append(info)
        all_sentences.extend(sents)
        if progress is not None:
            progress(len(doc.text))
    return Index(docs=tuple(infos), sentences=tuple(all_sentences))
