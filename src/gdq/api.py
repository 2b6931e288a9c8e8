"""The library: ``gdq.open(paths)`` gives an :class:`Index` whose methods return the records that
``gdq <command> --format json`` prints (lists of JSON-ready dicts); ``gdq.extract(text, name)``
gives the records ``gdq export`` writes for one document. The command line is a thin layer over
this module.

    import gdq
    index = gdq.open("archive/")            # a file, a folder of .txt files, or a list of them
    index.speaker("郑永年", limit=5)         # [{'type': 'quote', 'speaker': ..., 'text': ...}, ...]
    index.number("3.5%")                    # facts, closest first
    gdq.extract("“……”张三表示。", "a.txt")  # sentences, then statements, then facts

A query that cannot be understood raises :class:`gdq.errors.QueryError`, a corpus that cannot be
read :class:`gdq.errors.CorpusError` (both are ``gdq.errors.GdqError``).

Nothing here is imported by ``import gdq`` (see ``gdq.__init__``), and the pipeline's stages
(the segmenter, the name tagger) only by ``extract``: a query on a cached index stays cheap.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING

from gdq.errors import QueryError
from gdq.models import Fact, Sentence, Statement
from gdq.output import serialize
from gdq.output.serialize import Record
from gdq.search import query
from gdq.store.index import Store

if TYPE_CHECKING:
    from gdq.text.read import Source, Warn

__all__ = ["Index", "Record", "extract", "extract_file", "open"]

Paths = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]


def _limit(limit: int | None) -> int | None:
    if limit is not None and limit < 0:
        raise QueryError(f"limit {limit} must be 0 or more (or None for all)")
    return limit


def _context(count: int, option: str) -> int:
    if count < 0:
        raise QueryError(f"{option} {count} must be 0 or more")
    return count


def _spans(spans: Sequence[tuple[int, int]] | None) -> list[list[int]]:
    return [list(span) for span in spans or ()]


def _bound(value: str | int | float | None) -> str | None:
    """``min``/``max`` as the command line takes them: text such as ``100亿``, or a number."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise QueryError(f"{value!r} is not a number")
    from decimal import Decimal  # here: every run of the program imports this module

    return format(Decimal(repr(value)), "f")  # 1e+20 → 100000000000000000000, which parses


class Index:
    """A corpus, indexed: each method returns what the command of the same name prints as
    ``--format json``. ``store`` is the underlying :class:`gdq.store.index.Store`."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def keyword(
        self,
        *words: str,
        limit: int | None = None,
        fuzzy: bool = False,
        whole_words: bool = False,
        before: int = 0,
        after: int = 0,
    ) -> list[Record]:
        """Sentences holding every word, best first. Exact matches only (full-width forms and
        Latin case folded), unless ``fuzzy`` adds near matches (typos in longer words) below
        them; when nothing matches exactly the near matches come anyway, all scored below 90
        (``query.SCORE_SUBSTRING``). ``whole_words``: only matches on word boundaries.
        ``before``/``after``: each record gets ``context_before`` and ``context_after``, the
        sentence records of up to that many neighbours in its document (both keys when either
        is asked for)."""
        before, after = _context(before, "before"), _context(after, "after")
        hits = query.keyword(self.store, words, _limit(limit), fuzzy=fuzzy, whole_words=whole_words)
        records = [serialize.hit_record(h) for h in hits]
        if before or after:
            for hit, rec in zip(hits, records, strict=True):
                self._add_context(rec, hit.sentence.id, before, after)
        return records

    def keyword_counts(self, *words: str, fuzzy: bool = False, whole_words: bool = False) -> list[Record]:
        """How many sentences of each document ``keyword`` finds (like ``rg -c``): one record
        per document with a hit, in corpus order."""
        counts = query.keyword_counts(self.store, words, fuzzy=fuzzy, whole_words=whole_words)
        return [serialize.count_record(*self.store.document_of(d), count) for d, count in counts]

    def _add_context(self, rec: Record, sentence_id: str, before: int, after: int) -> None:
        store = self.store
        earlier, later = store.neighbours(sentence_id, before, after)
        rec["context_before"] = [serialize.record_of(store, s) for s in earlier]
        rec["context_after"] = [serialize.record_of(store, s) for s in later]

    def speaker(
        self,
        query_text: str,
        kind: str = "all",
        type: str | None = None,
        limit: int | None = None,
        about: Sequence[str] = (),
    ) -> list[Record]:
        """The statements of the speakers a name finds (``gdq speaker``); ``about`` as in
        ``quotes``."""
        return self.quotes(query_text, kind, type, limit, about)

    def quotes(
        self,
        speaker: str | None = None,
        kind: str = "all",
        type: str | None = None,
        limit: int | None = None,
        about: Sequence[str] = (),
    ) -> list[Record]:
        """Statements (``kind``: direct, indirect or all; ``type``: speaker types, comma-separated),
        of the speakers ``speaker`` finds when given, else all of them in document order.
        ``about``: only statements with every word (exact; width and Latin case folded) in
        their ``text`` or their ``sentence``; their records get ``matches``, the spans of the
        words in ``text``. ``limit`` counts the statements kept."""
        query.check_kind(kind)
        types = query.check_types(type)
        if speaker is not None:
            query.check_speaker_query(speaker)
        words = query.about_words(about)
        pairs = query.quotes(self.store, speaker, kind, _limit(limit), types, words)
        text = self.store.sentence_text
        records = [serialize.statement_record(st, score, text(st.sentence_id)) for st, score in pairs]
        if words:
            for rec in records:
                rec["matches"] = _spans(query.about_spans(rec["text"], rec["sentence"], words))
        return records

    def speaker_matches(self, query_text: str, type: str | None = None) -> list[tuple[str, str]]:
        """The speakers ``speaker`` finds for a query, best first, each with how it matched
        (``SpeakerMatch.how``: exact, pinyin, homophone...; see gdq.search.speakers.substituted
        for the ones that put another name in place of the query's)."""
        types = query.check_types(type)
        return [(hit.name, hit.how) for hit in query.speaker(self.store, query_text, "all", types)]

    def speakers(self, limit: int | None = None) -> list[Record]:
        """Every speaker with their roles and statement counts, in order of first statement."""
        store = self.store
        return [
            serialize.speaker_record(name, roles, *store.speaker_summary(name))
            for name, roles in islice(store.iter_speakers(), _limit(limit))  # read as needed
        ]

    def _speaker_named(self, record_id: str) -> str | None:
        """The speaker whose record id (``gdq speakers``) this is, or None. Ids are six hex
        digits of a hash: should two names share one, the first in ``speakers`` order wins."""
        prefix, digits = serialize.SPEAKER_ID_PREFIX, serialize.SPEAKER_ID_DIGITS
        if not record_id.startswith(prefix) or len(record_id) != len(prefix) + digits:
            return None
        if not all(c in "0123456789abcdef" for c in record_id[len(prefix) :]):
            return None
        return next((n for n in self.store.speaker_names() if serialize.speaker_id(n) == record_id), None)

    def _speaker_shown(self, name: str) -> Record:
        store = self.store
        return serialize.speaker_record(name, store.roles_of(name), *store.speaker_summary(name))

    def number(
        self, value: str, unit: str | None = None, tolerance: float | None = None, limit: int | None = None
    ) -> list[Record]:
        """Facts whose value the query (``3.5%``, ``约1200亿元``, ``3-5万``) describes, closest first."""
        pairs = query.number(self.store, value, unit, tolerance)
        return self._fact_records(pairs[: _limit(limit)])

    def facts(
        self,
        unit: str | None = None,
        min: str | int | float | None = None,
        max: str | int | float | None = None,
        limit: int | None = None,
        about: Sequence[str] = (),
    ) -> list[Record]:
        """Every numeric fact in document order, within ``min``/``max`` when given. ``about``:
        only facts whose ``sentence`` holds every word (as in ``quotes``); their records get
        ``matches``, the spans of the words in ``sentence``."""
        words = query.about_words(about)
        found = query.all_facts(self.store, unit, _bound(min), _bound(max), _limit(limit), words)
        records = self._fact_records([(f, None) for f in found])
        if words:
            for rec in records:
                rec["matches"] = _spans(query.about_spans(rec["sentence"], None, words))
        return records

    def _fact_records(self, pairs: Sequence[tuple[Fact, float | None]]) -> list[Record]:
        text = self.store.sentence_text
        return [serialize.fact_record(f, text(f.sentence_id) or "", score) for f, score in pairs]

    def _shown(
        self, record_id: str, context: int
    ) -> tuple[Sentence | Statement | Fact, Sentence, list[Sentence], list[Sentence]] | None:
        _context(context, "context")
        store = self.store
        rec = store.record(record_id.strip())
        if rec is None:
            return None
        own = rec if isinstance(rec, Sentence) else store.sentence(rec.sentence_id)
        if own is None:
            return None
        before, after = store.neighbours(own.id, context, context)
        return rec, own, before, after

    def show(self, record_id: str, context: int = 1) -> Record | None:
        """A record by id with ``context_before``/``context_after`` (sentence records), or None.
        A speaker's id (``p-...``) gives the speaker's record as ``speakers`` has it."""
        _context(context, "context")
        speaker = self._speaker_named(record_id.strip())
        if speaker is not None:
            return self._speaker_shown(speaker)
        found = self._shown(record_id, context)
        if found is None:
            return None
        rec, _, before, after = found
        main = serialize.record_of(self.store, rec)
        main["context_before"] = [serialize.record_of(self.store, s) for s in before]
        main["context_after"] = [serialize.record_of(self.store, s) for s in after]
        return main

    def show_lines(self, record_id: str, context: int = 1) -> list[Record]:
        """What ``gdq show`` prints as a table or plain lines: the sentences before, the record
        (a sentence marked as matched whole; a statement or fact followed by its sentence), the
        sentences after. A speaker's id gives the speaker's record, then the speaker's
        statements (quote records) in corpus order. Empty when there is no such record."""
        _context(context, "context")
        speaker = self._speaker_named(record_id.strip())
        if speaker is not None:
            text = self.store.sentence_text
            statements = self.store.statements_of(speaker)
            return [
                self._speaker_shown(speaker),
                *(serialize.statement_record(st, None, text(st.sentence_id)) for st in statements),
            ]
        found = self._shown(record_id, context)
        if found is None:
            return []
        rec, own, before, after = found
        main = serialize.record_of(self.store, rec)
        if main["type"] == "sentence":
            main["matches"] = [[0, len(main["text"])]]
        records = [serialize.record_of(self.store, s) for s in before]
        records += [main] if rec is own else [main, serialize.record_of(self.store, own)]
        records += [serialize.record_of(self.store, s) for s in after]
        return records

    def stats(self) -> Record:
        """Counts for the corpus and for each document (``gdq stats``)."""
        return serialize.stats_record(self.store)

    def export(self) -> Iterator[Record]:
        """Every record, document by document, read as iterated (``gdq export``)."""
        return serialize.export_records(self.store)


def _warn(message: str) -> None:
    warnings.warn(message, stacklevel=3)


def open(
    paths: Paths | None = None,
    *,
    cache: bool = True,
    warn: Warn | None = None,
    glob: str | Sequence[str] | None = None,
) -> Index:
    """Index a corpus, as ``gdq --corpus`` does: a path or a list of them (files, folders of
    .txt files, ``-`` for standard input); None means $GDQ_CORPUS, else the bundled article.
    ``cache``: read and write the on-disk index cache (GDQ_CACHE_DIR). ``warn`` is called with
    each warning (bad bytes, a file skipped as not text, an unwritable cache); by default they
    are Python warnings. ``glob``: which files of folders are read, as ``gdq --glob`` (one
    pattern or a list; ``!`` excludes; default ``*.txt``); files named explicitly always are."""
    from gdq.pipeline.load import open_index

    specs = None if paths is None else _specs(paths)
    globs = [glob] if isinstance(glob, str) else glob
    return Index(open_index(specs, use_cache=cache, warn=warn or _warn, glob=globs))


def _specs(paths: Paths) -> list[str]:
    if isinstance(paths, (str, os.PathLike)):
        return [os.fspath(paths)]
    return [os.fspath(p) for p in paths]


def extract(text: str | bytes, name: str = "-", *, warn: Warn | None = None) -> list[Record]:
    """The records ``gdq export`` writes for a document of this name and text: its sentences,
    then its statements, then its facts. Record ids are keyed on ``name``. ``bytes`` are
    decoded as the command line decodes a file (UTF-8 with or without a mark, UTF-16 with a
    mark, GB18030), so records match ``gdq export`` exactly."""
    from gdq.models import Document
    from gdq.pipeline import stages
    from gdq.pipeline.load import memory_store
    from gdq.text.read import decode, doc_key

    if isinstance(text, bytes):
        text, encoding = decode(name, text, warn or _warn)
    else:
        encoding = "utf-8"
    doc = Document(name=name, key=doc_key(name), text=text, encoding=encoding)
    store = memory_store([stages.doc_rows(stages.process(doc))])
    try:
        return list(serialize.export_records(store))
    finally:
        store.conn.close()


def extract_file(source: Source, *, warn: Warn | None = None) -> list[Record]:
    """``extract`` of one file of a corpus, read and named as the command line reads it; the
    sources are ``gdq.text.read.expand(paths)``, in the order ``gdq export`` writes them."""
    from gdq.text.read import read_bytes

    return extract(read_bytes(source), source.name, warn=warn)
