"""Immutable records that flow through the pipeline.

Offsets are half-open ``[start, end)`` character offsets. A sentence's ``start``/``end``
are offsets into its document's decoded text; when a page break was repaired the sentence
text is the joined text, so ``text`` may be shorter than ``doc_text[start:end]``.

They are NamedTuples rather than dataclasses: a warm run creates these classes on every start,
and frozen slotted dataclasses (with the ``dataclasses`` import and its ``inspect``) cost a
warm query more than all its own work. As tuples they also go to marshal as they are.
"""

# No ``from __future__ import annotations`` in modules that define NamedTuples: with it,
# typing compiles every field's annotation as a ForwardRef, and class creation on each
# start gets ~8x slower.
from typing import NamedTuple


class Document(NamedTuple):
    """One source file (or standard input) decoded to text."""

    name: str  # as the user named it: path of the file, or "-" for stdin
    key: str  # short stable key derived from the name, used in record ids
    text: str
    encoding: str


class Paragraph(NamedTuple):
    """A run of text between line breaks, after page-break repair.

    ``pieces`` maps the joined text back to the source: each item is
    ``(offset_in_paragraph_text, offset_in_document, line)`` for the start of a piece.
    """

    doc: str
    number: int  # 0-based paragraph number within the document
    text: str
    line: int  # 1-based line of the source where the paragraph starts
    pieces: tuple[tuple[int, int, int], ...]

    def locate(self, offset: int) -> tuple[int, int]:
        """(document offset, source line) of a character offset in ``text``."""
        best = self.pieces[0]
        for piece in self.pieces:
            if piece[0] <= offset:
                best = piece
            else:
                break
        para_off, doc_off, line = best
        return doc_off + (offset - para_off), line


class Sentence(NamedTuple):
    id: str
    doc: str
    para: int  # paragraph index within the document
    seq: int  # 0-based sentence number within the document (after de-duplication)
    line: int  # 1-based source line where the sentence starts
    start: int  # document offset of the first character
    end: int  # document offset just past the last character
    text: str
    # Word boundaries from the segmenter: offsets into ``text`` where a word ends
    # (the last one equals len(text)). Kept so queries need no segmenter at run time.
    words: tuple[int, ...] = ()


class Statement(NamedTuple):
    id: str
    doc: str
    line: int
    sentence_id: str
    speaker: str  # canonical name (or an institution such as 会议)
    role: str | None  # titles and organisations as written, joined by "、"
    kind: str  # "direct" or "indirect"
    verb: str | None
    text: str  # the quoted or reported words, without quote marks
    roles: tuple[str, ...] = ()
    # person, organisation, media, document, anonymous or group (gdq.extract.sources)
    speaker_type: str = "person"
    # Sentences the words run over, from ``sentence_id`` on (reported speech that goes on
    # after its sentence, paragraphs a speaker announces).
    sentences: int = 1


class Fact(NamedTuple):
    id: str
    doc: str
    line: int
    sentence_id: str
    raw: str  # the number as written, with qualifier and unit
    value: int | float
    unit: str | None
    qualifier: str  # exact, more_than, at_least, less_than, at_most, about
    start: int = 0  # offsets of ``raw`` in the sentence text
    end: int = 0
    value_max: int | float | None = None  # the high end of a range (qualifier "range")


# Bump when SpeakerKeys changes shape or meaning, so cached keys are rebuilt.
KEYS_FORMAT = 1


class SpeakerKeys(NamedTuple):
    """What matching needs to know about one speaker, computed at index-build time.

    Holds only ``str`` and ``tuple[str, ...]`` so it can be cached as JSON or marshal data
    (see :func:`keys_to_tuple`).
    """

    name: str  # as in the index
    roles: tuple[str, ...]  # as in the index
    pinyin: str  # usual reading, lowercase, no tones or spaces: "zhengyongnian"
    key: str  # folded name: width, case, spaces and punctuation normalised away
    simplified: str  # ``key`` in simplified characters (== key for most names)
    surname: str  # "" when the name is not read as a Chinese personal name
    given: str  # the rest of the name after the surname ("" when surname is "")
    # One entry per character of ``simplified`` (a run of Latin letters/digits counts as
    # one): its readings, usual one first, joined by "|": ("shan|dan|chan", "xue", "mei").
    syllables: tuple[str, ...]
    initials: str  # first letter of each usual reading, personal names only: "zyn"
    role_keys: tuple[str, ...]  # folded, simplified role strings and their parts
    parts: tuple[str, ...]  # folded parts of a name written with separators, else ()
