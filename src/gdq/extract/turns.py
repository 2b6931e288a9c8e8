"""Speech with no reporting verb: the turns of a printed interview.

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
from gdq.lexicon.marks import PADDING

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
