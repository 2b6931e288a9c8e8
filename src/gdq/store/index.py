"""The index of a corpus: documents, packed sentences, and the records found in them.

Sentences live in a :class:`~gdq.store.table.SentenceTable`; statements, facts and speakers are
loaded on first use only, so a keyword search over a large archive never builds the other
records, and a speaker lookup never touches the facts.
"""

# No ``from __future__ import annotations``: see gdq.models (NamedTuple creation cost).
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from gdq.extract.speakers import KeysTuple, SpeakerKeys
from gdq.models import Fact, Sentence, Statement
from gdq.store.rows import (
    FACT_ID,
    STATEMENT_ID,
    FactIndex,
    FactRow,
    SpeakerIndex,
    StatementIndex,
    StatementRow,
    row_in_doc,
    sort_value,
)
from gdq.store.table import CorruptStore, SentenceTable


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


# DocInfo's fields, as marshal stores them.
DocInfoRow = tuple[str, str, str, int, int, int, int, int, int]

if TYPE_CHECKING:

    def _row_is_record(info: DocInfo) -> DocInfoRow:
        return info  # a record is a tuple of its fields: mypy fails here if the two drift


def _speaker_keys(row: KeysTuple) -> SpeakerKeys:
    # Rows come from this code: a build made them, or the cache (each row with a checksum)
    # stored them. Checking every field of every speaker cost seconds on a large archive.
    if len(row) != len(SpeakerKeys._fields):
        raise CorruptStore("speaker keys of the wrong shape")
    return SpeakerKeys._make(row)


class Index:
    """Statements, facts and speakers come from loaders of plain rows (tuples of their
    fields, as the cache and the build keep them); objects are made on first use. A cached
    index also has row indexes (gdq.store.rows) so that lookups read only the rows they return;
    an index built in this run answers the same questions by scanning its lists."""

    def __init__(
        self,
        docs: Sequence[DocInfo],
        sentences: SentenceTable,
        statement_rows: Callable[[], Sequence[StatementRow]],
        fact_rows: Callable[[], Sequence[FactRow]],
        speaker_rows: Callable[[], Sequence[KeysTuple]],
        counts: dict[str, int],
        notes: Sequence[str] = (),
        statement_index: Callable[[], StatementIndex] | None = None,
        fact_index: Callable[[], FactIndex] | None = None,
        speaker_index: Callable[[], SpeakerIndex] | None = None,
    ) -> None:
        self.docs = tuple(docs)
        self.sentences = sentences
        self._statement_rows = statement_rows
        self._fact_rows = fact_rows
        self._speaker_rows = speaker_rows
        self._statement_index = statement_index
        self._fact_index = fact_index
        self._speaker_index = speaker_index
        self.counts = counts  # statements, facts, speakers
        self.notes = tuple(notes)  # per-run remarks, such as a cache that could not be written

    def statement_rows(self) -> Sequence[StatementRow]:
        return self._statement_rows()

    def fact_rows(self) -> Sequence[FactRow]:
        return self._fact_rows()

    def speaker_rows(self) -> Sequence[KeysTuple]:
        return self._speaker_rows()

    @cached_property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(map(Statement._make, self._statement_rows()))

    def iter_statements(self) -> Iterator[Statement]:
        """Every statement in document order, read as iterated (a caller may stop early)."""
        if "statements" in self.__dict__:
            return iter(self.statements)
        return map(Statement._make, self._statement_rows())

    def iter_facts(self) -> Iterator[Fact]:
        """Every fact in document order, read as iterated (a caller may stop early)."""
        if "facts" in self.__dict__:
            return iter(self.facts)
        return map(Fact._make, self._fact_rows())

    @cached_property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(map(Fact._make, self._fact_rows()))

    @cached_property
    def speakers(self) -> tuple[SpeakerKeys, ...]:
        return tuple(map(_speaker_keys, self._speaker_rows()))

    def speakers_with_forms(self, *forms: str) -> Sequence[SpeakerKeys] | None:
        """The speakers whose folded or simplified name is one of ``forms``; None when this
        index has no such lookup (then every speaker must be looked at)."""
        if self._speaker_index is None or "speakers" in self.__dict__:
            return None
        return [_speaker_keys(row) for row in self._speaker_index().with_forms(*forms)]

    @cached_property
    def statements_by_speaker(self) -> dict[str, list[Statement]]:
        out: dict[str, list[Statement]] = {}
        for st in self.statements:
            out.setdefault(st.speaker, []).append(st)
        return out

    @cached_property
    def _speaker_numbers(self) -> dict[str, int]:
        return {name: n for n, name in enumerate(self.sentences.speaker_names, start=1)}

    def statements_of(self, name: str) -> list[Statement]:
        """The statements of one speaker, in document order."""
        if self._statement_index is None or "statements_by_speaker" in self.__dict__:
            return self.statements_by_speaker.get(name, [])
        number = self._speaker_numbers.get(name, 0)
        found = [Statement._make(row) for row in self._statement_index().of_speaker(number)]
        if any(st.speaker != name for st in found):
            raise CorruptStore("statements by speaker do not match the rows")
        return found

    def facts_between(self, low: float, high: float) -> Iterator[Fact]:
        """Facts whose value, as a float, lies in [low, high], in document order, read as
        iterated (a caller that needs a few stops early)."""
        if self._fact_index is None or "facts" in self.__dict__:
            return (f for f in self.facts if low <= sort_value(f.value) <= high)
        index = self._fact_index()
        return (Fact._make(index.rows[i]) for i in index.between(low, high))

    def facts_reaching(self, low: float, high: float) -> Iterator[Fact]:
        """Facts whose value, as a float, lies in [low, high], and range facts (value..
        value_max) that start below ``low`` and reach it: every fact that can overlap
        [low, high]. In document order, read as iterated."""
        if self._fact_index is None or "facts" in self.__dict__:
            return (f for f in self.facts if _reaches(f, low, high))
        index = self._fact_index()
        return (Fact._make(index.rows[i]) for i in index.reaching(low, high))

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
        for mark, make, index, id_field in (
            ("-q", Statement._make, self._statement_index, STATEMENT_ID),
            ("-f", Fact._make, self._fact_index, FACT_ID),
        ):
            key, sep, number = record_id.rpartition(mark)
            if not sep:
                continue
            if index is None:
                group = self.statements if mark == "-q" else self.facts
                return next((rec for rec in group if rec.id == record_id), None)
            d = self.sentences.doc_number(key)
            row = None if d is None or not number.isdigit() else row_in_doc(index().doc_first, d, int(number))
            found_row = None if row is None else index().rows[row]
            return None if found_row is None or found_row[id_field] != record_id else make(found_row)
        return None

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


def _reaches(fact: Fact, low: float, high: float) -> bool:
    value = sort_value(fact.value)
    if low <= value <= high:
        return True
    return fact.value_max is not None and value < low <= sort_value(fact.value_max)
