"""Writing a corpus database: documents in, documents out, speakers kept merged.

Every change runs inside a transaction the caller opens (``Writer`` is used within one), so a
reader sees the corpus before or after an update, never half of it, and an interrupted update
leaves nothing behind (SQLite rolls it back).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from itertools import groupby

from gdq.errors import CorpusError
from gdq.store import rows
from gdq.store.schema import DOC_SHIFT, FORMAT, IN_DOC, INDEXES, SCHEMA, doc_rows


def create(conn: sqlite3.Connection, stamp: str) -> None:
    conn.executescript(SCHEMA)
    conn.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("format", str(FORMAT)), ("stamp", stamp), ("statements", "0"), ("facts", "0"), ("speakers", "0")],
    )


Stat = tuple[str, int, int, str]  # name, size, mtime_ns, sha256


class Writer:
    """Adds and removes documents, then brings the merged speakers up to date (``finish``)."""

    def __init__(self, conn: sqlite3.Connection, bulk: bool = False) -> None:
        self.conn = conn
        # A fresh database fills its full-text index in one pass at the end, which is several
        # times faster than row by row.
        self.bulk = bulk
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS staged (doc INTEGER, " + _SPEAKER_COLS + ")")
        conn.execute("CREATE INDEX IF NOT EXISTS temp.staged_by_name ON staged (name, doc)")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS touched (name TEXT PRIMARY KEY) WITHOUT ROWID")
        self._next_id = (conn.execute("SELECT max(id) FROM documents").fetchone()[0] or 0) + 1
        # In bulk: each speaker written so far, with its row number and roles (JSON). The
        # speakers' table is filled in order of first appearance, not of name: a lookup by
        # name in the table while it grows would read pages all over it.
        self._seen: dict[str, tuple[int, str]] = {}

    def remove(self, doc_id: int) -> None:
        c = self.conn
        lo, hi = doc_rows(doc_id)
        c.execute(
            "INSERT OR IGNORE INTO touched SELECT DISTINCT speaker FROM statements WHERE n >= ? AND n < ?",
            (lo, hi),
        )
        if not self.bulk:
            c.execute(
                "INSERT INTO sentence_text (sentence_text, rowid, text) "
                "SELECT 'delete', n, text FROM sentences WHERE n >= ? AND n < ?",
                (lo, hi),
            )
        for table in ("sentences", "statements", "facts"):
            c.execute(f"DELETE FROM {table} WHERE n >= ? AND n < ?", (lo, hi))
        c.execute("DELETE FROM documents WHERE id = ?", (doc_id,))

    def add(self, doc: rows.DocRows, stat: Stat, position: int) -> None:
        c = self.conn
        info = doc.info
        clash = c.execute("SELECT name FROM documents WHERE key = ?", (info.key,)).fetchone()
        if clash is not None and rows.loaded_name(clash[0]) != info.name:
            other = rows.loaded_name(clash[0])
            raise CorpusError(f"{other} and {info.name} have the same record key; rename one of them")
        d = self._next_id
        self._next_id += 1
        base, end = doc_rows(d)
        c.execute(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (d, position, rows.stored_name(info.name), info.key, stat[1], stat[2], stat[3], info.encoding,
             info.chars, info.paragraphs, info.sentences, info.joined_breaks, info.dropped_duplicates,
             info.duplicate_passages),
        )  # fmt: skip
        c.executemany(
            "INSERT INTO sentences VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(base + i, d, *row) for i, row in enumerate(doc.sentences)],
        )
        if not self.bulk:
            c.execute(
                "INSERT INTO sentence_text (rowid, text) SELECT n, text FROM sentences "
                "WHERE n >= ? AND n < ?",
                (base, end),
            )
        c.executemany(
            "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(base + i, row[0], d, *row[1:]) for i, row in enumerate(doc.statements)],
        )
        c.executemany(
            "INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(base + i, row[0], d, *row[1:]) for i, row in enumerate(doc.facts)],
        )
        if self.bulk:
            self._speakers_in_order(doc, position)
        else:
            c.executemany(f"INSERT INTO staged VALUES (?, {_SPEAKER_MARKS})", [(d, *k) for k in doc.speakers])

    def _speakers_in_order(self, doc: rows.DocRows, position: int) -> None:
        """In bulk, documents come in corpus order: a speaker's first document gives its row
        (as its worker made it), and a later one adds the roles it brings, if any."""
        from gdq.extract import speakers as keys  # building only: a warm run reads keys

        c = self.conn
        first: dict[str, int] = {}
        for i, row in enumerate(doc.statements):
            first.setdefault(row[3], i)  # the speaker of a statement row
        for k in doc.speakers:
            name, roles_json = k[0], k[1]
            known = self._seen.get(name)
            if known is None:
                order = (position << DOC_SHIFT) | first[name]
                cursor = c.execute(f"INSERT INTO speakers VALUES ({_SPEAKER_MARKS}, ?)", (*k, order))
                assert cursor.lastrowid is not None
                self._seen[name] = (cursor.lastrowid, roles_json)
                continue
            rowid, known_roles = known
            if roles_json == known_roles:
                continue
            merged = json.loads(known_roles)
            extra = [role for role in json.loads(roles_json) if role not in merged]
            if extra:
                (blob,) = c.execute("SELECT keys FROM speakers WHERE rowid = ?", (rowid,)).fetchone()
                keys_now = keys.with_roles(rows.speaker_keys(blob), merged + extra)
                _, merged_json, _, _, role_text, _, _, merged_blob = rows.speaker_row(keys_now)
                update = "UPDATE speakers SET roles = ?, role_keys = ?, keys = ? WHERE rowid = ?"
                c.execute(update, (merged_json, role_text, merged_blob, rowid))
                self._seen[name] = (rowid, merged_json)

    def reorder(self, positions: dict[int, int]) -> None:
        """Give documents their place in the corpus (id → position)."""
        self.conn.executemany(
            "UPDATE documents SET position = ? WHERE id = ?", [(p, d) for d, p in positions.items()]
        )

    def finish(self) -> None:
        """Fill the full-text index and the indexes (in bulk) or merge the speakers of the
        documents changed, and count what the corpus holds."""
        c = self.conn
        if self.bulk:
            c.execute("INSERT INTO sentence_text (sentence_text) VALUES ('rebuild')")
            c.execute(_UNITS_OF)
            for statement in INDEXES.split(";"):
                if statement.strip():  # one by one: executescript would commit first
                    c.execute(statement)
        else:
            c.execute("INSERT OR IGNORE INTO touched SELECT DISTINCT name FROM staged")
            c.execute(
                "DELETE FROM speaker_units WHERE speaker IN "
                "(SELECT rowid FROM speakers WHERE name IN (SELECT name FROM touched))"
            )
            c.execute("DELETE FROM speakers WHERE name IN (SELECT name FROM touched)")
            merged = _merged_speakers(c, "SELECT name FROM touched")
            c.executemany(f"INSERT INTO speakers VALUES ({_SPEAKER_MARKS}, ?)", merged)
            c.execute(_UNITS_OF + " WHERE s.name IN (SELECT name FROM touched)")
        c.execute("DELETE FROM staged")
        c.execute("DELETE FROM touched")
        for table in ("statements", "facts", "speakers"):
            count = c.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            c.execute("UPDATE meta SET value = ? WHERE key = ?", (str(count), table))


_SPEAKER_COLS = rows.SPEAKER_COLUMNS
# Each speaker's distinct units (readings of one character, "shan|dan|chan"), a row each: a
# pinyin query finds the speakers it may spell from the few thousand distinct units.
_UNITS_OF = "INSERT INTO speaker_units SELECT u.value, s.rowid FROM speakers s, json_each(s.units) u"
_SPEAKER_MARKS = ", ".join("?" * len(_SPEAKER_COLS.split(",")))


def _merged_speakers(c: sqlite3.Connection, names_sql: str) -> Iterator[tuple[object, ...]]:
    """One row per speaker named by ``names_sql`` that still has
    statements: roles merged in corpus order, ``first`` the place of its first statement, keys
    from a worker when one computed them (only the role keys depend on the roles)."""
    from gdq.extract import speakers as keys  # building only: a warm run reads keys

    # Statements by speaker in corpus order, and the rows the workers staged by name: two
    # streams in the same order, joined here, so that memory stays flat however many speakers
    # an archive has (SQLite's order of UTF-8 bytes is Python's order of code points).
    where = f"WHERE s.speaker IN ({names_sql})"
    statements = c.execute(
        "SELECT s.speaker, s.doc, d.position, s.n, s.roles FROM statements s "
        f"JOIN documents d ON d.id = s.doc {where} ORDER BY s.speaker, d.position, s.n"
    )
    staged = c.cursor().execute(f"SELECT name, doc, {_SPEAKER_COLS} FROM staged ORDER BY name, doc")
    pending = next(staged, None)
    for name, group in groupby(statements, key=lambda r: r[0]):
        found = list(group)
        first = (found[0][2] << DOC_SHIFT) | (found[0][3] & IN_DOC)
        ready: dict[int, tuple[object, ...]] = {}
        while pending is not None and pending[0] <= name:
            if pending[0] == name:
                ready[pending[1]] = pending[2:]
            pending = next(staged, None)
        docs = {row[1] for row in found}
        if len(docs) == 1 and found[0][1] in ready:
            # The usual case: one document's speaker, whose row its worker made as it stands.
            yield (*ready[found[0][1]], first)
            continue
        merged: list[str] = []
        for row in found:
            merged.extend(role for role in json.loads(row[4]) if role not in merged)
        if ready:
            blob = next(iter(ready.values()))[-1]
            assert isinstance(blob, bytes)
            k = rows.speaker_keys(blob)
            k = k if list(k.roles) == merged else keys.with_roles(k, merged)
        else:
            k = keys.speaker_keys(name, merged)
        yield (*rows.speaker_row(k), first)


DocumentRow = tuple[int, str, int, int, str, str, int]


def documents(conn: sqlite3.Connection) -> list[DocumentRow]:
    """(id, name, size, mtime_ns, key, sha256, position) of every document, in corpus order."""
    found = conn.execute(
        "SELECT id, name, size, mtime_ns, key, sha256, position FROM documents ORDER BY position"
    ).fetchall()
    if not all(type(row[1]) is str for row in found):
        found = [(row[0], rows.loaded_name(row[1]), *row[2:]) for row in found]
    return found


def touch(conn: sqlite3.Connection, updates: Iterable[tuple[int, int, int]]) -> None:
    """New size and mtime for documents whose content did not change (id, size, mtime_ns)."""
    conn.executemany(
        "UPDATE documents SET size = ?, mtime_ns = ? WHERE id = ?", [(s, m, d) for d, s, m in updates]
    )


SkippedRow = tuple[str, int, int, str]


def skipped(conn: sqlite3.Connection) -> dict[str, SkippedRow]:
    """Files left out as not text, by name: (name, size, mtime_ns, warning)."""
    found = conn.execute("SELECT name, size, mtime_ns, reason FROM skipped").fetchall()
    return {row[0]: row for row in ((rows.loaded_name(r[0]), *r[1:]) for r in found)}


def skip(conn: sqlite3.Connection, row: SkippedRow) -> None:
    conn.execute("INSERT OR REPLACE INTO skipped VALUES (?, ?, ?, ?)", (rows.stored_name(row[0]), *row[1:]))


def unskip(conn: sqlite3.Connection, names: Iterable[str]) -> None:
    conn.executemany("DELETE FROM skipped WHERE name = ?", [(rows.stored_name(n),) for n in names])
