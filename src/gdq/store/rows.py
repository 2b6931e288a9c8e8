"""Records as database rows and back: one place that knows how each field is stored.

A worker process turns a processed document into :class:`DocRows` (plain tuples, in the
column order of gdq.store.schema); the store reads rows back into the records of gdq.models.
"""

# No ``from __future__ import annotations``: see gdq.models (NamedTuple creation cost).
import array
import json
import marshal
import math
from itertools import accumulate
from typing import NamedTuple

from gdq.models import Fact, Sentence, SpeakerKeys, Statement

_INT64 = 1 << 63

# A document's rows, without the document's number (the writer adds it).
SentenceRow = tuple[
    int, int, int, int, int, str, bytes, str | None
]  # seq, para, line, start, end, text, words, speaker
StatementRow = tuple[str, int, str, str, str | None, str, str, str | None, str, str, int]
FactRow = tuple[
    str,
    int,
    str,
    str,
    int | float | str | None,
    int | float | str | None,
    str | None,
    str,
    int,
    int,
    float,
    float | None,
]
SpeakerRow = tuple[str, str, str, str, str, str, str, bytes]  # SPEAKER_COLUMNS


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


def doc_info(row: tuple) -> DocInfo:  # type: ignore[type-arg]
    """A DocInfo from its columns in order (the name as stored)."""
    return DocInfo(loaded_name(row[0]), *row[1:])


class DocRows(NamedTuple):
    info: DocInfo
    sentences: list[SentenceRow]
    statements: list[StatementRow]
    facts: list[FactRow]
    speakers: list[SpeakerRow]  # this document's speakers, in order of first statement


# --- document names --------------------------------------------------------------------------
# A file name that is not valid UTF-8 reaches Python with lone surrogates (os.fsdecode), which
# SQLite cannot take as text: such a name is kept as its bytes (a BLOB), and read back as the
# same str.


def stored_name(name: str) -> str | bytes:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape")
    return name


def loaded_name(stored: str | bytes) -> str:
    return stored.decode("utf-8", "surrogateescape") if isinstance(stored, bytes) else stored


# --- word boundaries ---------------------------------------------------------------------------
# A sentence's word ends as one byte per word length (words of news text are short); a
# sentence with a word of 255 characters or more keeps its ends as 32-bit numbers after a
# 255 byte, which no length can be.


def words_blob(ends: tuple[int, ...]) -> bytes:
    lengths = [b - a for a, b in zip((0, *ends), ends, strict=False)]
    if all(0 <= n < 255 for n in lengths):
        return bytes(lengths)
    return b"\xff" + array.array("I", ends).tobytes()


def word_ends(blob: bytes) -> tuple[int, ...]:
    if blob[:1] == b"\xff":
        wide = array.array("I")
        wide.frombytes(blob[1:])
        return tuple(wide)
    return tuple(accumulate(blob))


# --- numbers -----------------------------------------------------------------------------------


def storable(value: int | float | None) -> int | float | str | None:
    """A fact's value as SQLite keeps it exactly: integers beyond 64 bits as their digits."""
    if isinstance(value, int) and not -_INT64 <= value < _INT64:
        return str(value)
    if isinstance(value, float) and math.isnan(value):
        return "nan"  # SQLite would keep NaN as NULL
    return value


def number(stored: object) -> int | float:
    if isinstance(stored, str):
        return float(stored) if stored == "nan" else int(stored)
    return stored  # type: ignore[return-value]


def sort_value(value: int | float) -> float:
    """A fact's value as a float for the value index (non-finite values sort last)."""
    try:
        v = float(value)
    except (OverflowError, TypeError, ValueError):
        return math.inf
    return v if math.isfinite(v) else math.inf


# --- rows from records --------------------------------------------------------------------------


def sentence_row(s: Sentence, speaker: str | None) -> SentenceRow:
    return (s.seq, s.para, s.line, s.start, s.end, s.text, words_blob(s.words), speaker)


def statement_row(st: Statement) -> StatementRow:
    roles = json.dumps(st.roles, ensure_ascii=False)
    return (st.id, st.line, st.sentence_id, st.speaker, st.role, roles, st.kind, st.verb, st.text,
            st.speaker_type, st.sentences)  # fmt: skip


def fact_row(f: Fact) -> FactRow:
    high = None if f.value_max is None else sort_value(f.value_max)
    return (f.id, f.line, f.sentence_id, f.raw, storable(f.value), storable(f.value_max), f.unit, f.qualifier,
            f.start, f.end, sort_value(f.value), high)  # fmt: skip


# --- records from rows ----------------------------------------------------------------------------

SENTENCE_COLUMNS = 'n, doc, seq, para, line, start, "end", text, words, speaker'
STATEMENT_COLUMNS = (
    "id, doc, line, sentence_id, speaker, role, kind, verb, text, roles, speaker_type, sentences"
)
FACT_COLUMNS = 'id, doc, line, sentence_id, raw, value, unit, qualifier, start, "end", value_max'
SPEAKER_COLUMNS = "name, roles, key, simplified, role_keys, units, initials, keys"


def sentence(row: tuple, key: str, doc: str) -> Sentence:  # type: ignore[type-arg]
    _, _, seq, para, line, start, end, text, words, _ = row
    return Sentence(f"{key}-s{seq}", doc, para, seq, line, start, end, text, word_ends(words))


def statement(row: tuple, doc: str) -> Statement:  # type: ignore[type-arg]
    sid, _, line, sentence_id, speaker, role, kind, verb, text, roles, speaker_type, spans = row
    return Statement(
        sid,
        doc,
        line,
        sentence_id,
        speaker,
        role,
        kind,
        verb,
        text,
        tuple(json.loads(roles)),
        speaker_type,
        spans,
    )


def fact(row: tuple, doc: str) -> Fact:  # type: ignore[type-arg]
    fid, _, line, sentence_id, raw, value, unit, qualifier, start, end, value_max = row
    high = None if value_max is None else number(value_max)
    return Fact(fid, doc, line, sentence_id, raw, number(value), unit, qualifier, start, end, high)


def speaker_row(k: SpeakerKeys) -> SpeakerRow:
    # The matching keys are internal (marshal, read fast when a typo is matched against every
    # speaker); name, roles, the two lookup forms and the role keys (one per line, for
    # narrowing a search in SQL) are columns people can query.
    roles = json.dumps(k.roles, ensure_ascii=False)
    units = json.dumps(list(dict.fromkeys(k.syllables)))  # readings of each unit (speaker_units)
    role_keys = "\n".join(k.role_keys)
    return (k.name, roles, k.key, k.simplified, role_keys, units, k.initials, marshal.dumps(tuple(k)))


def speaker_keys(blob: bytes) -> SpeakerKeys:
    """Keys from the ``keys`` column."""
    return SpeakerKeys._make(marshal.loads(blob))
