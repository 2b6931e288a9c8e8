"""What a statement is while a document is read (``Found``), and the small readings of
quotations and sentences that every stage of attribution shares."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gdq.extract.frames import (
    CLAUSE_STOPS,
    SENTENCE_END,
    SHORT_QUOTE,
    SPEECH_PUNCT,
    Sent,
)
from gdq.lexicon import speech as lex

# What a quotation of speech may follow at the head of its clause.
SPEECH_LEADS = CLAUSE_STOPS | frozenset(lex.SPEECH_LEAD_MARKS)


@dataclass(slots=True)
class Found:
    sent: int
    pos: int
    kind: str
    speaker: str
    verb: str | None
    text: str
    stype: str = "person"  # speaker type, see gdq.extract.sources
    more: int = 0  # sentences after ``sent`` that the words run over


def strip_sentence_end(text: str) -> str:
    return text.rstrip(SENTENCE_END + " \u3000\t")


def opens_clause(text: str, start: int) -> bool:
    """A quotation of speech stands at the head of its clause; ``聚焦“…”`` quotes an object."""
    return start == 0 or text[start - 1] in SPEECH_LEADS


def is_speech(content: str, whole: bool = False, voiced: bool = False) -> bool:
    """Words in quotation marks that are speech, not a term: long, and punctuated; ``whole``:
    ending a sentence (“…，”X说 is the first half of words whose speaker comes after it);
    ``voiced``: a first- or second-person pronoun (我, 你) marks speech as punctuation does,
    for quotations no verb frames."""
    if whole and content.rstrip()[-1:] not in SENTENCE_END:
        return False
    if len(content) <= SHORT_QUOTE:
        return False
    if any(ch in SPEECH_PUNCT for ch in content):
        return True
    return voiced and any(ch in lex.SPEAKER_PRONOUNS for ch in content)


def paragraph_end(sents: Sequence[Sent], index: int) -> int:
    para = sents[index].sentence.para
    end = index
    while end < len(sents) and sents[end].sentence.para == para:
        end += 1
    return end
