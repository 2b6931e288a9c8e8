"""Speech with no reporting verb: the turns of a printed interview, and quotations beside a
person.

A question-and-answer piece prints each turn as a paragraph that opens with the speaker's name
and a colon (``冯  帆：最直观的影响是…``, ``记  者：…？``); names are often padded with spaces
to line up. Such a paragraph is the named person's own words. A paragraph that opens with
anything else and a colon (``原标题：``, ``数据来源：``) is not: the head must be a person the
document names, a name the model tags as a person, or the interviewer.
"""

from __future__ import annotations

import re
from collections.abc import Container
from typing import NamedTuple

from gdq.extract import ner, sources
from gdq.lexicon import sources as lex
from gdq.lexicon import speech
from gdq.lexicon.marks import PADDING, SENTENCE_ENDERS, SENTENCE_FINAL

# A head of at most four characters, perhaps padded inside (冯  帆), then a colon.
_TURN_RE = re.compile(
    rf"([^\s，,。：:“”「」《》]{{1,4}}(?:[{PADDING}]+[^\s，,。：:“”「」《》]{{1,3}})?)[{PADDING}]*[：:](?=\S)"
)
_PAD_RE = re.compile(f"[{PADDING}]+")


class Turn(NamedTuple):
    speaker: str
    start: int  # where the words start in the sentence
    stype: str


def turn(text: str, known: Container[str]) -> Turn | None:
    """The interview turn a paragraph's first sentence opens, if it opens one."""
    match = _TURN_RE.match(text)
    if match is None:
        return None
    head = _PAD_RE.sub("", match.group(1))
    if not 2 <= len(head) <= 4 or not text[match.end() :].strip():
        return None
    if head in lex.INTERVIEWERS:
        return Turn(head, match.end(), sources.ANONYMOUS)
    if head in known:
        return Turn(head, match.end(), sources.PERSON)
    words = ner.tag(head)
    if len(words) == 1 and words[0].tag == ner.PERSON:
        return Turn(head, match.end(), sources.PERSON)
    return None


# How far from a quotation a person who says it may be named, in characters.
_NEAR = 16
_COLONS = tuple(speech.COLONS)
_CLAUSE_STOP_RE = re.compile(
    "[" + re.escape(speech.COMMAS + speech.SEMICOLONS + "".join(sorted(SENTENCE_ENDERS))) + "]"
)


def beside(text: str, start: int, close: int, known: Container[str]) -> str | None:
    """The person who says a quotation that no verb frames, when the text puts one right
    beside it: a sentence's opening exclamation or question followed by the person
    (``“还真不一样！”钟玉莲看得兴起``), or a colon after a clause about the person
    (``杨天梁难掩激动：“…”``). Such quotations are what the person said; a term in quotation
    marks (“十五五”) never ends in sentence punctuation, nor follows a colon."""
    if start == 0 and text[close - 1 : close] in SENTENCE_FINAL:
        # The clause right after the quotation: its person, perhaps after a post
        # (“…。”广药集团董事长李小军谈及参会感受时深有感触。).
        clause = _CLAUSE_STOP_RE.split(text[close + 1 : close + 1 + _NEAR * 2])[0]
        person = _first_person(clause, known, subject=True)
        if person is not None:
            return person
    if start > 0 and text[:start].rstrip().endswith(_COLONS):
        # The person is in the clause that the colon ends (旁边响起一个声音： names nobody,
        # whoever the clause before it was about).
        before = text[max(0, start - 1 - _NEAR * 2) : start - 1]
        return _first_person(_CLAUSE_STOP_RE.split(before)[-1], known)
    return None


# The model's tag of a preposition: after a quotation, a person after one (被…看空) is not
# who the clause is about.
_PREPOSITION = "p"


def _first_person(clause: str, known: Container[str], subject: bool = False) -> str | None:
    """The first person a clause names: one the model tags, or a name the document knows
    (a Latin name in brackets is an aside, never the person meant); with ``subject``, only
    one before any preposition."""
    words = ner.tag(clause)
    for i, word in enumerate(words):
        if subject and word.tag == _PREPOSITION:
            # “…”银行板块被包括王亚伟在内的基金经理看空: the person is in an adjunct, not the
            # subject who says the quotation.
            return None
        if len(word.text) < 2 or word.text.isascii():
            continue
        if sources.is_person(words, i) or (word.text in known and word.tag != ner.PERSON):
            return word.text
    return None
