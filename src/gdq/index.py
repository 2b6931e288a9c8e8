"""The index of a corpus: documents, packed sentences, and the records found in them.

Sentences live in a :class:`~gdq.store.SentenceTable`; statements, facts and speakers are
loaded on first use only, so a keyword search over a large archive never builds the other
records, and a speaker lookup never touches the facts.
"""

# No ``from __future__ import annotations``: see gdq.models (NamedTuple creation cost).
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import Any, NamedTuple

from .models import Fact, Sentence, Statement
from .names import KeysTuple, SpeakerKeys, keys_from_tuple
from .store import SentenceTable


class DocInfo(NamedTuple):
    name: str
    key: str
    encoding: str
    chars: int
    paragraphs: int
    sentences: int
    joined_breaks: int
    dropped_duplicates: int
    duplicate_passages: int


class Index:
    """Statements, facts and speakers come from loaders of plain rows (tuples of their
    fields, as the cache and the build keep them); objects are made on first use."""

    def __init__(
        self,
        docs: Sequence[DocInfo],
        sentences: SentenceTable,
        statement_rows: Callable[[], Sequence[tuple[Any, ...]]],
        fact_rows: Callable[[], Sequence[tuple[Any, ...]]],
        speaker_rows: Callable[[], Sequence[KeysTuple]],
        counts: dict[str, int],
        notes: Sequence[str] = (),
    ) -> None:
        self.docs = tuple(docs)
        self.sentences = sentences
        self._statement_rows = statement_rows
        self._fact_rows = fact_rows
        self._speaker_rows = speaker_rows
        self.counts = counts  # statements, facts, speakers
        self.notes = tuple(notes)  # per-run remarks, such as a cache that could not be written

    def statement_rows(self) -> Sequence[tuple[Any, ...]]:
        return self._statement_rows()

    def fact_rows(self) -> Sequence[tuple[Any, ...]]:
        return self._fact_rows()

    def speaker_rows(self) -> Sequence[KeysTuple]:
        return self._speaker_rows()

    @cached_property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(map(Statement._make, self._statement_rows()))

    @cached_property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(map(Fact._make, self._fact_rows()))

    @cached_property
    def speakers(self) -> tuple[SpeakerKeys, ...]:
        return tuple(map(keys_from_tuple, self._speaker_rows()))

    @cached_property
    def statements_by_speaker(self) -> dict[str, list[Statement]]:
        out: dict[str, list[Statement]] = {}
        for st in self.statements:
            out.setdefault(st.speaker, []).append(st)
        return out

    def sentence(self, sentence_id: str) -> Sentence | None:
        pos = self.sentences.position(sentence_id)
        return None if pos is None else self.sentences[pos]

    def sentence_text(self, sentence_id: str) -> str | None:
        pos = self.sentences.position(sentence_id)
        return None if pos is None else self.sentences.text(pos)

    def speaker_of(self, sentence_id: str) -> str | None:
        pos = self.sentences.position(sentence_id)
        return None if pos is None else self.sentences.speaker(pos)

    def record(self, record_id: str) -> Sentence | Statement | Fact | None:
        """A sentence, statement or fact by id (``<doc>-s<n>``, ``-q<n>``, ``-f<n>``)."""
        found = self.sentence(record_id)
        if found is not None:
            return found
        group: Sequence[Statement | Fact] = ()
        if "-q" in record_id:
            group = self.statements
        elif "-f" in record_id:
            group = self.facts
        return next((rec for rec in group if rec.id == record_id), None)

    def neighbours(
        self, sentence_id: str, before: int = 1, after: int = 1
    ) -> tuple[list[Sentence], list[Sentence]]:
        """Sentences of the same document around a sentence."""
        pos = self.sentences.position(sentence_id)
        if pos is None:
            return [], []
        d = self.sentences.doc_index(pos)
        first, end = self.sentences.doc_first[d], self.sentences.doc_first[d + 1]
        lo = [self.sentences[i] for i in range(max(first, pos - before), pos)]
        hi = [self.sentences[i] for i in range(pos + 1, min(end, pos + 1 + after))]
        return lo, hi

    def stats(self) -> dict[str, int]:
        return {
            "documents": len(self.docs),
            "characters": sum(d.chars for d in self.docs),
            "paragraphs": sum(d.paragraphs for d in self.docs),
            "sentences": len(self.sentences),
            "statements": self.counts["statements"],
            "speakers": self.counts["speakers"],
            "facts": self.counts["facts"],
            "joined_breaks": sum(d.joined_breaks for d in self.docs),
            "dropped_duplicates": sum(d.dropped_duplicates for d in self.docs),
            "duplicate_passages": sum(d.duplicate_passages for d in self.docs),
        }
