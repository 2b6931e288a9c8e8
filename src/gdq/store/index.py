"""Reading a corpus database: the one code path of every lookup, cached or in memory.

A :class:`Store` wraps an open SQLite connection (a cache file, or ``:memory:`` for standard
input and ``--no-cache``) and returns the records of gdq.models. Results come in corpus order:
documents by their place in the corpus, rows within a document in order.
"""

# No ``from __future__ import annotations``: see gdq.models (NamedTuple creation cost).
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from operator import lt

from gdq.models import Fact, Sentence, SpeakerKeys, Statement
from gdq.store import rows
from gdq.store.rows import DocInfo
from gdq.store.schema import DOC_SHIFT, IN_DOC, doc_rows
from gdq.text.fold import full_width_forms, width_spellings

# Characters that LIKE reads as wildcards or escapes: a term with one is scanned instead.
_LIKE_SPECIAL = frozenset("%_\\")
_SCAN_BLOCK = 20_000  # sentences read at a time by a scan over every sentence
_ROW_BLOCK = 200  # rows read at a time by number (SQLite allows 32,766 parameters)


class CorruptStore(Exception):
    """The database does not hold together: the cache must be rebuilt."""


class Store:
    def __init__(
        self,
        conn: sqlite3.Connection,
        path: str | None = None,
        documents: Sequence[tuple] | None = None,  # type: ignore[type-arg]
    ) -> None:
        self.conn = conn
        self.path = path  # the database file; None for a store in memory
        if documents is not None:  # read already by the caller (db.documents' rows)
            self._documents = {row[0]: (row[1], row[4], row[6]) for row in documents}

    # --- plumbing -----------------------------------------------------------------------------

    def _all(self, sql: str, args: Sequence[object] = ()) -> list[tuple]:  # type: ignore[type-arg]
        try:
            return self.conn.execute(sql, args).fetchall()
        except sqlite3.DatabaseError as exc:
            raise CorruptStore(str(exc)) from None

    def _iter(self, sql: str, args: Sequence[object] = ()) -> Iterator[tuple]:  # type: ignore[type-arg]
        """Rows read as iterated (a caller that needs the first few stops early)."""
        try:
            cursor = self.conn.execute(sql, args)
            while batch := cursor.fetchmany(256):
                yield from batch
        except sqlite3.DatabaseError as exc:
            raise CorruptStore(str(exc)) from None

    @cached_property
    def _documents(self) -> dict[int, tuple[str, str, int]]:
        """id → (name, key, position)."""
        found = self._all("SELECT id, name, key, position FROM documents")
        return {d: (rows.loaded_name(name), key, pos) for d, name, key, pos in found}

    @cached_property
    def _doc_by_key(self) -> dict[str, int]:
        return {key: d for d, (_, key, _) in self._documents.items()}

    @cached_property
    def _in_position_order(self) -> list[int]:
        """Document ids in corpus order."""
        return sorted(self._documents, key=lambda d: self._documents[d][2])

    @cached_property
    def ordered(self) -> bool:
        """Whether documents' ids run in corpus order (then so do all row numbers)."""
        ids = self._in_position_order
        return all(map(lt, ids, ids[1:]))

    def _order(self) -> str:
        if self.ordered:
            return "ORDER BY n"
        return "ORDER BY (SELECT position FROM documents WHERE id = doc), n"

    def in_corpus_order(self, ns: Iterable[int]) -> list[int]:
        if self.ordered:
            return sorted(ns)
        docs = self._documents
        return sorted(ns, key=lambda n: (docs[n >> DOC_SHIFT][2], n))

    def document_of(self, d: int) -> tuple[str, str]:
        """(name, key) of a document by id (the high bits of its rows' numbers)."""
        self._doc_name(d)  # a missing document is a corrupt store
        name, key, _ = self._documents[d]
        return name, key

    def _doc_name(self, d: int) -> str:
        try:
            return self._documents[d][0]
        except KeyError:
            raise CorruptStore(f"a row of document {d}, which is not in the database") from None

    # --- documents and counts -------------------------------------------------------------------

    @cached_property
    def docs(self) -> tuple[DocInfo, ...]:
        found = self._all(
            "SELECT name, key, encoding, characters, paragraphs, sentences, joined_breaks, "
            "dropped_duplicates, duplicate_passages FROM documents ORDER BY position"
        )
        return tuple(map(rows.doc_info, found))

    @cached_property
    def counts(self) -> dict[str, int]:
        found = self._all("SELECT key, value FROM meta WHERE key IN ('statements', 'facts', 'speakers')")
        return {key: int(value) for key, value in found}

    def sentence_count(self) -> int:
        return sum(d.sentences for d in self.docs)

    def stats(self) -> dict[str, int]:
        docs = self.docs
        return {
            "documents": len(docs),
            "characters": sum(d.chars for d in docs),
            "paragraphs": sum(d.paragraphs for d in docs),
            "sentences": self.sentence_count(),
            "statements": self.counts.get("statements", 0),
            "speakers": self.counts.get("speakers", 0),
            "facts": self.counts.get("facts", 0),
            "joined_breaks": sum(d.joined_breaks for d in docs),
            "dropped_duplicates": sum(d.dropped_duplicates for d in docs),
            "duplicate_passages": sum(d.duplicate_passages for d in docs),
        }

    # --- sentences ------------------------------------------------------------------------------

    def containing_any(self, terms: Sequence[str], ignore_case: bool = False) -> Iterator[int]:
        """Numbers of the sentences whose text contains one of ``terms`` (the spellings of one
        word: see gdq.text.fold.width_spellings), in corpus order, found lazily (ASCII case
        folded if asked; the caller checks each). Terms of three characters or more are looked
        up in the trigram index (which folds case: a superset), shorter ones scanned."""
        found = self.holding_sql(terms, ignore_case)
        if found is None:
            return iter(())
        sql, args = found
        if self.ordered:
            # Row numbers come in order from both the index and the table: stream them.
            return (row[0] for row in self._iter(sql + " ORDER BY 1", args))
        return iter(self.in_corpus_order([row[0] for row in self._all(sql, args)]))

    def containing_word(self, word: str) -> Iterator[int]:
        """Numbers of the sentences that may hold a word folded by
        gdq.text.fold.fold_width_case, written in any width or ASCII case, in corpus order (a
        superset: the caller checks each)."""
        return self.containing_any(self.lookup_terms(word), ignore_case=_has_letters(word))

    @classmethod
    def lookup_terms(cls, word: str) -> list[str]:
        """What ``containing_any`` looks up for a folded word, whose index folds ASCII case
        only: a trigram lookup takes each spelling in any width (width_spellings); a scan takes
        the word or any full-width character of it (a superset, and one test per spelling
        tripled the cost of a scan)."""
        if cls.indexed(word):
            return width_spellings(word)
        return [word, *full_width_forms(word)]

    @staticmethod
    def indexed(term: str) -> bool:
        """Whether ``containing_any`` looks ``term`` up in the trigram index (else it scans)."""
        return len(term) >= 3 and not _LIKE_SPECIAL.intersection(term)

    @classmethod
    def holding_sql(cls, terms: Sequence[str], ignore_case: bool = False) -> tuple[str, list[str]] | None:
        """A query (and its arguments) of the numbers of the sentences that contain one of
        ``terms``, unordered; None when none can. Each term of three characters or more is one
        trigram lookup; shorter ones share one scan of the table."""
        terms = [t for t in dict.fromkeys(terms) if t and "\n" not in t]
        if not terms:
            return None
        looked_up = [t for t in terms if cls.indexed(t)]
        parts = ["SELECT rowid FROM sentence_text WHERE text LIKE ?" for _ in looked_up]
        args = [f"%{t}%" for t in looked_up]
        scanned = [t for t in terms if not cls.indexed(t)]
        if scanned:
            anywhere, scan_args = instr_any("text", scanned, ignore_case)
            parts.append(f"SELECT n FROM sentences WHERE {anywhere}")
            args += scan_args
        return " UNION ".join(parts), args

    def sentence_parts(self, n: int) -> tuple[str, tuple[int, ...], str | None]:
        """Text, word ends and speaker of a sentence by number."""
        found = self._all("SELECT text, words, speaker FROM sentences WHERE n = ?", (n,))
        if not found:
            raise CorruptStore(f"sentence {n} is missing")
        text, words, speaker = found[0]
        return text, rows.word_ends(words), speaker

    def sentence_at(self, n: int) -> tuple[Sentence, str | None]:
        found = self._all(f"SELECT {rows.SENTENCE_COLUMNS} FROM sentences WHERE n = ?", (n,))
        if not found:
            raise CorruptStore(f"sentence {n} is missing")
        return self._sentence(found[0]), found[0][-1]

    def _sentence(self, row: tuple) -> Sentence:  # type: ignore[type-arg]
        d = row[1]
        name = self._doc_name(d)
        return rows.sentence(row, self._documents[d][1], name)

    def iter_sentences(self) -> Iterator[tuple[Sentence, str | None]]:
        """Every sentence with its speaker, in corpus order."""
        for row in self._iter(f"SELECT {rows.SENTENCE_COLUMNS} FROM sentences {self._order()}"):
            yield self._sentence(row), row[-1]

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        """Every sentence in corpus order (for small corpora: an archive is read with
        ``iter_sentences`` or ``iter_documents``)."""
        return tuple(s for s, _ in self.iter_sentences())

    def iter_texts(self) -> Iterator[list[tuple[int, str]]]:
        """(number, text) of every sentence, in blocks, in corpus order (scans that must look
        at everything hold one block at a time)."""
        block: list[tuple[int, str]] = []
        for row in self._iter(f"SELECT n, text FROM sentences {self._order()}"):
            block.append(row)
            if len(block) >= _SCAN_BLOCK:
                yield block
                block = []
        if block:
            yield block

    def _row_number(self, record_id: str, mark: str) -> int | None:
        """The row number of a record id ``<doc key><mark><n>`` (mark ``-s``, ``-q``, ``-f``),
        or None when no document has the key."""
        key, sep, number = record_id.rpartition(mark)
        d = self._doc_by_key.get(key)
        if not sep or d is None or not number.isdigit() or int(number) > IN_DOC:
            return None
        return (d << DOC_SHIFT) | int(number)

    def _sentence_number(self, sentence_id: str) -> int | None:
        return self._row_number(sentence_id, "-s")

    def sentence(self, sentence_id: str) -> Sentence | None:
        n = self._sentence_number(sentence_id)
        if n is None:
            return None
        found = self._all(f"SELECT {rows.SENTENCE_COLUMNS} FROM sentences WHERE n = ?", (n,))
        return self._sentence(found[0]) if found else None

    def sentence_text(self, sentence_id: str) -> str | None:
        n = self._sentence_number(sentence_id)
        found = [] if n is None else self._all("SELECT text FROM sentences WHERE n = ?", (n,))
        return found[0][0] if found else None

    def speaker_of(self, sentence_id: str) -> str | None:
        n = self._sentence_number(sentence_id)
        found = [] if n is None else self._all("SELECT speaker FROM sentences WHERE n = ?", (n,))
        return found[0][0] if found else None

    def _sentence_ids(self, ns: Iterable[int]) -> str:
        """The ids of sentences by number, as a JSON list (for ``IN json_each(?)``)."""
        import json

        docs = self._documents
        return json.dumps([f"{docs[n >> DOC_SHIFT][1]}-s{n & IN_DOC}" for n in ns])

    def neighbours(
        self, sentence_id: str, before: int = 1, after: int = 1
    ) -> tuple[list[Sentence], list[Sentence]]:
        """Sentences of the same document around a sentence."""
        n = self._sentence_number(sentence_id)
        if n is None:
            return [], []
        doc_lo, doc_hi = doc_rows(n >> DOC_SHIFT)
        lo = self._all(
            f"SELECT {rows.SENTENCE_COLUMNS} FROM sentences WHERE n >= ? AND n < ? ORDER BY n DESC LIMIT ?",
            (doc_lo, n, max(0, before)),
        )
        hi = self._all(
            f"SELECT {rows.SENTENCE_COLUMNS} FROM sentences WHERE n > ? AND n < ? ORDER BY n LIMIT ?",
            (n, doc_hi, max(0, after)),
        )
        return [self._sentence(r) for r in reversed(lo)], [self._sentence(r) for r in hi]

    def iter_documents(
        self,
    ) -> Iterator[tuple[list[tuple[Sentence, str | None]], list[Statement], list[Fact]]]:
        """Each document's sentences (with speakers), statements and facts, one document at a
        time, in corpus order."""
        for d in self._in_position_order:
            span = doc_rows(d)
            where = "WHERE n >= ? AND n < ? ORDER BY n"
            sents = self._all(f"SELECT {rows.SENTENCE_COLUMNS} FROM sentences {where}", span)
            stmts = self._all(f"SELECT {rows.STATEMENT_COLUMNS} FROM statements {where}", span)
            fcts = self._all(f"SELECT {rows.FACT_COLUMNS} FROM facts {where}", span)
            yield (
                [(self._sentence(r), r[-1]) for r in sents],
                [self._statement(r) for r in stmts],
                [self._fact(r) for r in fcts],
            )

    # --- statements -----------------------------------------------------------------------------

    def _statement(self, row: tuple) -> Statement:  # type: ignore[type-arg]
        return rows.statement(row, self._doc_name(row[1]))

    def iter_statements(self) -> Iterator[Statement]:
        """Every statement in corpus order, read as iterated (a caller may stop early)."""
        return map(
            self._statement, self._iter(f"SELECT {rows.STATEMENT_COLUMNS} FROM statements {self._order()}")
        )

    def statements_about(self, words: Sequence[str]) -> Iterator[Statement]:
        """The statements whose text, or whose sentence, may hold each of ``words`` (folded as
        ``containing_word`` takes them), in corpus order, read as iterated: a superset, found
        by SQLite (the text scanned, the sentences from the trigram index)."""
        conditions: list[str] = []
        args: list[str] = []
        for word in words:
            in_text, text_args = instr_any("text", [word, *full_width_forms(word)], _has_letters(word))
            conditions.append(f"({in_text} OR sentence_id IN (SELECT value FROM json_each(?)))")
            args += [*text_args, self._sentence_ids(self.containing_word(word))]
        where = " AND ".join(conditions) or "1"
        sql = f"SELECT {rows.STATEMENT_COLUMNS} FROM statements WHERE {where} {self._order()}"
        return map(self._statement, self._iter(sql, args))

    @cached_property
    def statements(self) -> tuple[Statement, ...]:
        return tuple(self.iter_statements())

    def statements_of(self, name: str) -> list[Statement]:
        """The statements of one speaker, in corpus order."""
        found = self._all(f"SELECT {rows.STATEMENT_COLUMNS}, n FROM statements WHERE speaker = ?", (name,))
        by_n = {row[-1]: row[:-1] for row in found}
        return [self._statement(by_n[n]) for n in self.in_corpus_order(list(by_n))]

    def speaker_summary(self, name: str) -> tuple[Statement | None, int, int, str]:
        """A speaker's first statement, numbers of direct and indirect statements, and the
        type they have in most statements (ties: the type of the earlier statement), counted
        by SQLite rather than read statement by statement."""
        found = self._all(
            "SELECT kind, speaker_type, count(*), min(n) FROM statements WHERE speaker = ? GROUP BY 1, 2",
            (name,),
        )
        if not found:
            return None, 0, 0, "person"
        direct = sum(count for kind, _, count, _ in found if kind == "direct")
        indirect = sum(count for kind, _, count, _ in found if kind != "direct")
        place = {n: i for i, n in enumerate(self.in_corpus_order(row[3] for row in found))}
        types: dict[str, tuple[int, int]] = {}  # type → (count, place of its first statement)
        for _, kind, count, first_n in found:
            known_count, known_place = types.get(kind, (0, len(place)))
            types[kind] = (known_count + count, min(known_place, place[first_n]))
        kind = max(types, key=lambda t: (types[t][0], -types[t][1]))
        first_n = min(place, key=place.__getitem__)
        row = self._all(f"SELECT {rows.STATEMENT_COLUMNS} FROM statements WHERE n = ?", (first_n,))
        return self._statement(row[0]), direct, indirect, kind

    # --- facts ----------------------------------------------------------------------------------

    def _fact(self, row: tuple) -> Fact:  # type: ignore[type-arg]
        return rows.fact(row, self._doc_name(row[1]))

    def iter_facts(self) -> Iterator[Fact]:
        """Every fact in corpus order, read as iterated (a caller may stop early)."""
        return map(self._fact, self._iter(f"SELECT {rows.FACT_COLUMNS} FROM facts {self._order()}"))

    @cached_property
    def facts(self) -> tuple[Fact, ...]:
        return tuple(self.iter_facts())

    def facts_about(self, words: Sequence[str]) -> Iterator[Fact]:
        """The facts whose sentence may hold each of ``words`` (folded as ``containing_word``
        takes them), in corpus order, read as iterated: a superset."""
        sentences: set[int] | None = None
        for word in words:
            found = set(self.containing_word(word))
            sentences = found if sentences is None else sentences & found
            if not sentences:
                return iter(())
        where = "1" if sentences is None else "sentence_id IN (SELECT value FROM json_each(?))"
        args = [] if sentences is None else [self._sentence_ids(sentences)]
        found_facts = self._iter(f"SELECT {rows.FACT_COLUMNS} FROM facts WHERE {where} {self._order()}", args)
        return map(self._fact, found_facts)

    def facts_between(self, low: float, high: float) -> Iterator[Fact]:
        """Facts whose value, as a float, lies in [low, high], in corpus order."""
        return self._facts_in("low BETWEEN ? AND ?", (low, high))

    def facts_reaching(self, low: float, high: float) -> Iterator[Fact]:
        """Facts whose value, as a float, lies in [low, high], and range facts (value..
        value_max) that start below ``low`` and reach it: every fact that can overlap
        [low, high]. In corpus order."""
        return self._facts_in("low BETWEEN ? AND ? OR (high >= ? AND low < ?)", (low, high, low, low))

    def _facts_in(self, condition: str, args: tuple[float, ...]) -> Iterator[Fact]:
        # Few facts: numbered from the value indexes, then read. Many (a tenth of the corpus
        # or more, as ``--min 100亿`` may be): read in corpus order and filtered, which a
        # caller wanting the first few stops early; sorting them all would cost more.
        half = condition.split(" OR ")
        sql = " UNION ALL ".join(f"SELECT n FROM facts WHERE {part}" for part in half)
        if self.ordered:
            (count,) = self._all(f"SELECT count(*) FROM ({sql})", args)[0]
            if count * 10 >= self.counts.get("facts", 0):
                # ``+low`` keeps SQLite from the value index: the rows are wanted in order.
                scan = condition.replace("low", "+low").replace("high", "+high")
                found = self._iter(f"SELECT {rows.FACT_COLUMNS} FROM facts WHERE {scan} ORDER BY n", args)
                return map(self._fact, found)
        return self._facts_numbered(self.in_corpus_order({n for (n,) in self._all(sql, args)}))

    def _facts_numbered(self, ns: list[int]) -> Iterator[Fact]:
        """The facts numbered ``ns``, in that order, read a block at a time. The numbers come
        from the value indexes alone (a query over many facts would otherwise sort every
        matching row before the first could be read)."""
        for block, found in self._in_blocks(f"SELECT n, {rows.FACT_COLUMNS} FROM facts WHERE n IN", ns):
            by_n = {row[0]: row[1:] for row in found}
            if len(by_n) != len(block):
                raise CorruptStore("a fact of the value index is missing")
            yield from (self._fact(by_n[n]) for n in block)

    def _in_blocks(
        self, sql: str, values: Sequence[object]
    ) -> Iterator[tuple[Sequence[object], list[tuple]]]:  # type: ignore[type-arg]
        """``sql IN (...)`` for ``values`` a block at a time: (block, rows found)."""
        for start in range(0, len(values), _ROW_BLOCK):
            block = values[start : start + _ROW_BLOCK]
            yield block, self._all(f"{sql} ({', '.join('?' * len(block))})", block)

    # --- speakers -------------------------------------------------------------------------------

    @cached_property
    def speakers(self) -> tuple[SpeakerKeys, ...]:
        """Every speaker's matching keys, in order of first appearance."""
        # Read in the table's own order and sorted here: following the index on ``first``
        # would look up every row by name, several times slower over a large archive.
        return _keys_in_order(self._all("SELECT first, keys FROM speakers"))

    def iter_speakers(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """(name, roles) of every speaker, in order of first appearance."""
        import json

        for name, roles in self._iter("SELECT name, roles FROM speakers ORDER BY first"):
            yield name, tuple(json.loads(roles))

    def speaker_names(self) -> Iterator[str]:
        """Every speaker's name, in order of first appearance, read as iterated."""
        return (name for (name,) in self._iter("SELECT name FROM speakers ORDER BY first"))

    def roles_of(self, name: str) -> tuple[str, ...]:
        import json

        found = self._all("SELECT roles FROM speakers WHERE name = ?", (name,))
        return tuple(json.loads(found[0][0])) if found else ()

    def speakers_with_forms(self, *forms: str) -> list[SpeakerKeys]:
        """The speakers whose folded or simplified name is one of ``forms``."""
        marks = ", ".join("?" * len(forms))
        found = self._all(
            f"SELECT {rows.SPEAKER_COLUMNS} FROM speakers WHERE key IN ({marks}) OR simplified IN ({marks}) "
            "ORDER BY first",
            (*forms, *forms),
        )
        return [rows.speaker_keys(row[-1]) for row in found]

    def speakers_matching(
        self,
        first: str,
        endings: Sequence[str],
        within: str,
        containing: Sequence[str],
        role_part: str | None,
    ) -> tuple[SpeakerKeys, ...]:
        """The speakers whose simplified name starts with ``first``, ends with one of
        ``endings``, lies within ``within`` or contains one of ``containing``, or one of whose
        role keys contains ``role_part``; in order of first appearance. (What a search needs
        to see of an archive's speakers is decided by gdq.search.speakers.)"""
        conditions, args = _holding(containing, role_part)
        conditions += ["substr(simplified, 1, length(?)) = ?", "instr(?, simplified) > 0"]
        args += [first, first, within]
        for ending in endings:
            conditions.append("substr(simplified, -length(?)) = ?")
            args += [ending, ending]
        return _keys_in_order(
            self._all(f"SELECT first, keys FROM speakers WHERE {' OR '.join(conditions)}", args)
        )

    def speakers_spelled(
        self,
        unit_test: Callable[[str], bool],
        initials: str | None,
        containing: Sequence[str],
        role_part: str | None,
    ) -> tuple[SpeakerKeys, ...]:
        """The speakers with a unit (readings of one character, "shan|dan|chan") that passes
        ``unit_test``, or these ``initials``, or whose simplified name contains one of
        ``containing``, or one of whose role keys contains ``role_part``; in order of first
        appearance. The test runs on the few thousand distinct units, not on every speaker."""
        units = [u for (u,) in self._all("SELECT DISTINCT entry FROM speaker_units") if unit_test(u)]
        ids: set[int] = set()
        for _, found in self._in_blocks("SELECT speaker FROM speaker_units WHERE entry IN", units):
            ids.update(n for (n,) in found)
        conditions, args = _holding(containing, role_part)
        conditions.append("initials = ?")
        args.append(initials or "\0")
        ids.update(
            n for (n,) in self._all(f"SELECT rowid FROM speakers WHERE {' OR '.join(conditions)}", args)
        )
        blocks = self._in_blocks("SELECT first, keys FROM speakers WHERE rowid IN", sorted(ids))
        return _keys_in_order([row for _, found in blocks for row in found])

    # --- any record -----------------------------------------------------------------------------

    def record(self, record_id: str) -> Sentence | Statement | Fact | None:
        """A sentence, statement or fact by id (``<doc>-s<n>``, ``-q<n>``, ``-f<n>``)."""
        if not record_id.isascii():
            return None  # ids are ASCII (and SQLite cannot take lone surrogates)
        found = self.sentence(record_id)
        if found is not None:
            return found
        for mark, table, columns in (
            ("-q", "statements", rows.STATEMENT_COLUMNS),
            ("-f", "facts", rows.FACT_COLUMNS),
        ):
            n = self._row_number(record_id, mark)
            if n is None:
                continue
            row = self._all(f"SELECT {columns} FROM {table} WHERE n = ? AND id = ?", (n, record_id))
            if row:
                return self._statement(row[0]) if mark == "-q" else self._fact(row[0])
        return None


def _has_letters(text: str) -> bool:
    return any("a" <= c <= "z" or "A" <= c <= "Z" for c in text)


def instr_any(column: str, terms: Sequence[str], ignore_case: bool = False) -> tuple[str, list[str]]:
    """An SQL condition that ``column`` contains one of ``terms``, ASCII case folded if asked
    (lower() costs a copy of the text per call: only for terms with letters to fold)."""
    conditions = []
    for t in terms:
        folded = ignore_case and _has_letters(t)
        conditions.append(f"instr(lower({column}), ?) > 0" if folded else f"instr({column}, ?) > 0")
    return "(" + " OR ".join(conditions) + ")", list(terms)


def _holding(containing: Sequence[str], role_part: str | None) -> tuple[list[str], list[str]]:
    """SQL conditions (and their arguments) on a speaker row: the simplified name holds one of
    ``containing``, or a role key holds ``role_part``."""
    conditions = ["instr(simplified, ?) > 0" for _ in containing]
    args = list(containing)
    if role_part:
        conditions.append("instr(role_keys, ?) > 0")
        args.append(role_part)
    return conditions, args


def _keys_in_order(found: list[tuple[int, bytes]]) -> tuple[SpeakerKeys, ...]:
    """Speakers' keys from (first, keys) rows, in order of first appearance."""
    found.sort()
    try:
        return tuple(rows.speaker_keys(blob) for _, blob in found)
    except (EOFError, ValueError, TypeError) as exc:
        raise CorruptStore(f"speaker keys: {exc}") from None
