"""Quotations no reporting verb frames: sayings (“…”这是X常挂在嘴边的一句话), bare quoted
sentences that continue the speaker around them, quotations beside a person (see
``turns.beside``), and the turns of a printed interview."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from operator import attrgetter

from gdq.extract.alternation import alternation
from gdq.extract.found import Found, is_speech, strip_sentence_end
from gdq.extract.frames import (
    SENTENCE_END,
    SHORT_QUOTE,
    SPEECH_PUNCT,
    Sent,
)
from gdq.extract.people import People, resolve_at
from gdq.extract.subjects import parse_subject
from gdq.extract.turns import Beside, beside, opening_subject, turn
from gdq.lexicon import speech as lex
from gdq.lexicon.marks import (
    SENTENCE_ENDERS,
)

_COMMAS = re.escape(lex.COMMAS)
# “…”这是X常挂在嘴边的一句话: the words after a quotation that make it X's saying.
_SAYING_LEAD = re.compile(
    rf"[{_COMMAS}\s]*(?:{alternation(lex.SAYING_DEMONSTRATIVES)})"
    f"(?:{alternation(lex.SAYING_COPULAS)})"
)


_SAYING_BREAKS = lex.COMMAS + "".join(sorted(SENTENCE_ENDERS)) + lex.SEMICOLONS


_SAYING_TAIL = re.compile(rf"[^{re.escape(_SAYING_BREAKS)}]{{0,12}}?(?:{alternation(lex.SAYING_WORDS)})")


def is_bare_quote(s: Sent) -> bool:
    """The sentence is one quotation of real speech (punctuated, not a short term)."""
    if len(s.quotes) != 1:
        return False
    start, close = s.quotes[0]
    text = s.sentence.text
    content = text[start + 1 : close]
    rest = text[:start].strip() + text[close + 1 :].strip(SENTENCE_END + " \u3000")
    return not rest and len(content) > SHORT_QUOTE and any(ch in SPEECH_PUNCT for ch in content)


def _neighbour_speaker(
    index: int, sents: Sequence[Sent], by_para: dict[int, list[Found]], people: People
) -> tuple[str, str]:
    """Who speaks a bare quotation, and the speaker's type: see the module notes for the
    order of the rules."""
    para = sents[index].sentence.para
    same = by_para.get(para, [])
    earlier = [f for f in same if f.sent < index]
    if earlier:
        last = max(earlier, key=lambda f: (f.sent, f.pos))
        return last.speaker, last.stype
    if index > 0 and sents[index - 1].sentence.para == para:
        events = people.timeline()
        i = bisect_left(events, (index, -1, "")) - 1
        if i >= 0 and events[i][0] == index - 1:
            return events[i][2], "person"
    later = [f for f in same if f.sent > index]
    if later:
        first_later = min(later, key=lambda f: (f.sent, f.pos))
        return first_later.speaker, first_later.stype
    # A paragraph of quotation only continues the last speaker of the paragraph before it.
    first = index
    while first > 0 and sents[first - 1].sentence.para == para:
        first -= 1
    if first == 0 or not all(is_bare_quote(sents[i]) for i in range(first, index + 1)):
        return "", ""
    if sents[first - 1].sentence.para != para - 1:
        return "", ""
    before = by_para.get(para - 1, [])
    if not before:
        return "", ""
    last = max(before, key=lambda f: (f.sent, f.pos))
    return last.speaker, last.stype


def _previous_speaker(index: int, sents: Sequence[Sent], by_para: dict[int, list[Found]]) -> tuple[str, str]:
    """``X认为，…。“…。”银行板块…``: a quotation that opens a sentence, with no speaker of its
    own, goes on with the speaker of the sentence right before it in the paragraph."""
    para = sents[index].sentence.para
    before = [f for f in by_para.get(para, []) if f.sent == index - 1]
    if not before:
        return "", ""
    last = max(before, key=lambda f: f.pos)
    return last.speaker, last.stype


def _saying_speaker(text: str, pos: int, names: Sequence[str]) -> str | None:
    """``“…”这是X常挂在嘴边的一句话``: the quotation is X's saying (names longest first).

    Fixed patterns and a loop over the document's names, rather than a regex compiled per
    document: compiling one cost more than reading the document.
    """
    lead = _SAYING_LEAD.match(text, pos)
    if lead is None:
        return None
    for name in names:
        if text.startswith(name, lead.end()) and _SAYING_TAIL.match(text, lead.end() + len(name)):
            return name
    return None


def unframed_quotes(
    sents: Sequence[Sent], people: People, canonical: dict[str, str], found: list[Found]
) -> None:
    """Quotations with no frame: sayings and bare quotations in sentences with no direct
    quote, and quotations a person stands beside (see turns.beside) in any sentence."""
    attributed = {f.sent for f in found if f.kind == "direct"}
    said = {(f.sent, f.pos) for f in found if f.kind == "direct"}
    by_para: dict[int, list[Found]] = {}
    for item in found:
        by_para.setdefault(sents[item.sent].sentence.para, []).append(item)
    known = sorted(people.roles, key=len, reverse=True)
    for index, s in enumerate(sents):
        if not s.quotes:
            continue
        text = s.sentence.text
        if index not in attributed:
            start, close = s.quotes[0]
            saying = _saying_speaker(text, close + 1, known) if start == 0 else None
            if saying:
                _add_quote(index, s, 0, canonical.get(saying, saying), "person", found, by_para)
                continue
            if is_bare_quote(s):
                speaker, stype = _neighbour_speaker(index, sents, by_para, people)
                if speaker:
                    _add_quote(index, s, 0, speaker, stype, found, by_para)
                continue
        for n, (start, _) in enumerate(s.quotes):
            if (index, start) in said:
                continue
            # “在城里也赶集？”钟玉莲颇感意外。 / 杨天梁难掩激动：“…” / 陶华松乘一叶小舟，…，“…”:
            # no verb, but a person the quotation stands beside.
            person = beside(text, s.quotes, n, people.roles)
            if person is None:
                if n == 0 and start == 0 and is_speech(text[start + 1 : s.quotes[0][1]], whole=True):
                    speaker, stype = _previous_speaker(index, sents, by_para)
                    if speaker:
                        _add_quote(index, s, n, speaker, stype, found, by_para)
                continue
            if person.previous:
                said_before = _said_in(index - 1, s.sentence.para, by_para)
                if said_before is not None:
                    _add_quote(index, s, n, said_before.speaker, said_before.stype, found, by_para)
                continue
            speaker = _beside_speaker(index, sents, person, people, canonical)
            if speaker:
                _add_quote(index, s, n, speaker, "person", found, by_para)


def _said_in(index: int, para: int, by_para: dict[int, list[Found]]) -> Found | None:
    """The last statement of sentence ``index`` when it is in paragraph ``para``."""
    items = [f for f in by_para.get(para, ()) if f.sent == index]
    return max(items, key=attrgetter("pos")) if items else None


def _beside_speaker(
    index: int, sents: Sequence[Sent], person: Beside, people: People, canonical: dict[str, str]
) -> str:
    """The canonical person beside a quotation. A pronoun stands for the subject of the
    sentence before it in the paragraph (肖思淇便是其中之一。…她坚定返乡任教：“…”), a person
    the document may name nowhere else; else it is read back as a frame's pronoun is."""
    if person.previous:
        return ""
    if not person.pronoun:
        return canonical.get(person.name, person.name)
    subject = parse_subject(person.name)
    if subject is None:
        return ""
    if index > 0 and sents[index - 1].sentence.para == sents[index].sentence.para:
        before = opening_subject(sents[index - 1].sentence.text, people.roles)
        if before is not None and people.gender.get(before, subject.gender) == subject.gender:
            return canonical.get(before, before)
    return resolve_at(subject, index, person.at, people, canonical)


def _add_quote(
    index: int,
    s: Sent,
    n: int,
    speaker: str,
    stype: str,
    found: list[Found],
    by_para: dict[int, list[Found]],
) -> None:
    """Quotation ``n`` of sentence ``index`` as a direct statement of ``speaker``."""
    start, close = s.quotes[n]
    item = Found(index, start, "direct", speaker, None, s.sentence.text[start + 1 : close], stype)
    found.append(item)
    by_para.setdefault(s.sentence.para, []).append(item)


def interview_turns(
    sents: Sequence[Sent], people: People, canonical: dict[str, str], found: list[Found]
) -> None:
    """``冯  帆：…``: paragraphs that open with a speaker and a colon (see ``turns``)."""
    said = {f.sent for f in found}
    for index, s in enumerate(sents):
        if index in said or (index > 0 and sents[index - 1].sentence.para == s.sentence.para):
            continue  # a turn opens its paragraph
        text = s.sentence.text
        if not any(colon in text[:12] for colon in lex.COLONS):
            continue
        opened = turn(text, people.roles)
        if opened is not None:
            words = strip_sentence_end(text[opened.start :].strip())
            speaker = canonical.get(opened.speaker, opened.speaker)
            found.append(Found(index, opened.start, "direct", speaker, None, words, opened.stype))
