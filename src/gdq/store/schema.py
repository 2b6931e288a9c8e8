"""The schema of a corpus database: what gdq keeps, and what a user can query with ``sqlite3``.

The README documents these tables; the column names are part of the public surface (add,
never rename). Record numbers ``n`` put a document's rows together and in order: the row of
the i-th sentence (statement, fact) of document ``d`` is ``d << 32 | i``, so a document's rows
are one range of the primary key, and replacing a document rewrites that range only.
"""

FORMAT = 2  # bump when the schema or the meaning of a column changes
DOC_SHIFT = 32
IN_DOC = (1 << DOC_SHIFT) - 1  # the bits of a row number that count rows within a document


def doc_rows(doc_id: int) -> tuple[int, int]:
    """The row numbers [low, high) of one document's rows, in every table."""
    return doc_id << DOC_SHIFT, (doc_id + 1) << DOC_SHIFT


SCHEMA = """
CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    position INTEGER NOT NULL,
    name TEXT NOT NULL UNIQUE,
    key TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    encoding TEXT NOT NULL,
    characters INTEGER NOT NULL,
    paragraphs INTEGER NOT NULL,
    sentences INTEGER NOT NULL,
    joined_breaks INTEGER NOT NULL,
    dropped_duplicates INTEGER NOT NULL,
    duplicate_passages INTEGER NOT NULL
);

-- Files found in a folder that are not text: each warm run warns about them again, and reads
-- them again only when they change.
CREATE TABLE skipped (
    name TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    reason TEXT NOT NULL
);

CREATE TABLE sentences (
    n INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    para INTEGER NOT NULL,
    line INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    text TEXT NOT NULL,
    words BLOB NOT NULL,
    speaker TEXT
);

CREATE TABLE statements (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    doc INTEGER NOT NULL,
    line INTEGER NOT NULL,
    sentence_id TEXT NOT NULL,
    speaker TEXT NOT NULL,
    role TEXT,
    roles TEXT NOT NULL,
    kind TEXT NOT NULL,
    verb TEXT,
    text TEXT NOT NULL,
    speaker_type TEXT NOT NULL,
    sentences INTEGER NOT NULL
);

CREATE TABLE facts (
    n INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    doc INTEGER NOT NULL,
    line INTEGER NOT NULL,
    sentence_id TEXT NOT NULL,
    raw TEXT NOT NULL,
    value NOT NULL,
    value_max,
    unit TEXT,
    qualifier TEXT NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    low REAL NOT NULL,
    high REAL
);

CREATE TABLE speakers (
    name TEXT NOT NULL,
    roles TEXT NOT NULL,
    key TEXT NOT NULL,
    simplified TEXT NOT NULL,
    role_keys TEXT NOT NULL,
    units TEXT NOT NULL,
    initials TEXT NOT NULL,
    keys BLOB NOT NULL,
    first INTEGER NOT NULL
);

CREATE TABLE speaker_units (
    entry TEXT NOT NULL,
    speaker INTEGER NOT NULL
);

CREATE VIRTUAL TABLE sentence_text USING fts5 (
    text, content='sentences', content_rowid='n', tokenize='trigram', detail='none', columnsize=0
);

CREATE VIEW sentence_records AS
    SELECT d.key || '-s' || s.seq AS id, d.name AS doc_name, s.*
    FROM sentences s JOIN documents d ON d.id = s.doc;
"""

# Secondary indexes: a new database gets them after its rows are in (building an index once
# is several times faster than keeping it up to date row by row).
INDEXES = """
CREATE INDEX statements_by_speaker ON statements (speaker);
CREATE INDEX facts_by_value ON facts (low);
CREATE INDEX facts_by_range_end ON facts (high) WHERE high IS NOT NULL;
CREATE UNIQUE INDEX speakers_by_name ON speakers (name);
CREATE INDEX speakers_by_key ON speakers (key);
CREATE INDEX speakers_by_simplified ON speakers (simplified);
CREATE INDEX speakers_in_order ON speakers (first);
CREATE INDEX speakers_by_initials ON speakers (initials);
CREATE INDEX speaker_units_by_entry ON speaker_units (entry);
"""

# The tables a database of this format must have: anything else is from other code.
TABLES = (
    "meta", "documents", "skipped", "sentences", "statements", "facts", "speakers", "speaker_units",
    "sentence_text",
)  # fmt: skip
