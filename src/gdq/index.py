"""The in-memory index: every record of a corpus, and the lookups queries need."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .models import Fact, Sentence, Statement
from .names import SpeakerKeys


@dataclass(frozen=True, slots=True)
class DocInfo:
    name: str
    key: str
    encoding: str
    chars: int
    paragraphs: int
    sentences: int
    joined_breaks: int
    dropped_duplicates: int
    duplicate_passages: int


@dataclass(frozen=True)
class Index:
    docs: tuple[DocInfo, ...]
    sentences: tuple[Sentence, ...]
    statements: tuple[Statement, ...] = ()
    facts: tuple[Fact, ...] = ()
    # One entry per speaker (canonical name), in order of first statement, with what name
    # matching needs precomputed.
    speakers: tuple[SpeakerKeys, ...] = ()
    # Extra per-run notes (e.g. how the index was obtained); not part of the data.
    notes: tuple[str, ...] = field(default=(), compare=False)

    @cached_property
    def sentence_by_id(self) -> dict[str, Sentence]:
        return {s.id: s for s in self.sentences}

    @cached_property
    def sentence_position(self) -> dict[str, int]:
        return {s.id: i for i, s in enumerate(self.sentences)}

    @cached_property
    def speaker_of_sentence(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for st in self.statements:
            out.setdefault(st.sentence_id, st.speaker)
        return out

    @cached_property
    def statements_by_speaker(self) -> dict[str, list[Statement]]:
        out: dict[str, list[Statement]] = {}
        for st in self.statements:
            out.setdefault(st.speaker, []).append(st)
        return out

    def record(self, record_id: str) -> Sentence | Statement | Fact | None:
        if record_id in self.sentence_by_id:
            return self.sentence_by_id[record_id]
        for group in (self.statements, self.facts):
            for rec in group:
                if rec.id == record_id:
                    return rec
        return None

    def neighbours(
        self, sentence_id: str, before: int = 1, after: int = 1
    ) -> tuple[list[Sentence], list[Sentence]]:
        """Sentences of the same document around a sentence."""
        pos = self.sentence_position[sentence_id]
        doc = self.sentences[pos].doc
        lo = [s for s in self.sentences[max(0, pos - before) : pos] if s.doc == doc]
        hi = [s for s in self.sentences[pos + 1 : pos + 1 + after] if s.doc == doc]
        return lo, hi

    def stats(self) -> dict[str, int]:
        return {
            "documents": len(self.docs),
            "characters": sum(d.chars for d in self.docs),
            "paragraphs": sum(d.paragraphs for d in self.docs),
            "sentences": len(self.sentences),
            "statements": len(self.statements),
            "speakers": len(self.speakers),
            "facts": len(self.facts),
            "joined_breaks": sum(d.joined_breaks for d in self.docs),
            "dropped_duplicates": sum(d.dropped_duplicates for d in self.docs),
            "duplicate_passages": sum(d.duplicate_passages for d in self.docs),
        }
