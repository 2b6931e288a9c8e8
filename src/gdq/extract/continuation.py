"""Whole statements: words that run on past the sentence or paragraph that holds their
frame. Reported speech continues over the next sentences that still report the speaker; a
quotation left open at a paragraph's end goes on in the paragraphs that open with a quote mark;
a paragraph that ends by announcing points (a colon, or a count: 从四方面进行了分析) makes the
paragraphs after it the speaker's."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from operator import attrgetter

from gdq.extract.alternation import alternation
from gdq.extract.found import Found, is_speech, opens_clause, paragraph_end, strip_sentence_end
from gdq.extract.frames import (
    SENTENCE_END,
    Sent,
)
from gdq.extract.numerals import parse_number
from gdq.extract.people import People
from gdq.lexicon import speech as lex
from gdq.lexicon.marks import (
    CLOSERS,
    QUOTE_PAIRS,
    SPEECH_QUOTES,
    SYMMETRIC_QUOTES,
)
from gdq.text.sentences import matched_pairs


def _speech_quote_at_end(s: Sent) -> tuple[int, int] | None:
    """The quotation that ends a sentence and opens its clause, when it is punctuated speech
    (``…辅导，“我们特别关注…。”``), else None."""
    if not s.quotes:
        return None
    start, close = s.quotes[-1]
    text = s.sentence.text
    content = text[start + 1 : close]
    if text[close + 1 :].strip(SENTENCE_END + " \u3000") or not opens_clause(text, start):
        return None
    return (start, close) if is_speech(content) else None


def _names_anyone(events: Sequence[tuple[int, int, str]], index: int) -> bool:
    """Whether sentence ``index`` names a person: one named again (陈扬帆目前最看好…) is
    spoken of in the reporter's voice, another is the subject of the sentence."""
    at = bisect_left(events, (index, -1, ""))
    return at < len(events) and events[at][0] == index


# Sentences a reported statement may run on over, after its own.
_CONTINUED = 3


# A sentence shorter than this (a credit, 本报综合) carries nobody's words.
_SHORT_SENTENCE = 8


# A sentence that opens with a closing mark (”在…, the end of a quotation before) or a round
# bracket (（编辑：…）, a credit) is not the speaker's.
_NOT_SPEECH_OPENERS = CLOSERS | frozenset(lex.ROUND_BRACKETS)


_QUOTE_MARKS = frozenset(QUOTE_PAIRS) | frozenset(QUOTE_PAIRS.values()) | SYMMETRIC_QUOTES


def _unpaired(text: str, marks: frozenset[str]) -> Iterator[int]:
    """Positions of the ``marks`` in ``text`` that neither open nor close a matched pair."""
    paired = {at for pair in matched_pairs(text) for at in pair}
    return (i for i, ch in enumerate(text) if ch in marks and i not in paired)


def _unpaired_quote(s: Sent) -> bool:
    """Whether the sentence holds a quotation mark outside its paired quotations."""
    text = s.sentence.text
    return not _QUOTE_MARKS.isdisjoint(text) and next(_unpaired(text, _QUOTE_MARKS), -1) >= 0


def _continues(s: Sent, people: People, index: int) -> bool:
    """Whether sentence ``index`` may still report the speaker of the sentence before. The
    mentions of persons are read last: the cheap tests settle most sentences, and the
    timeline's first reading searches the document for every known name."""
    text = s.sentence.text.strip()
    if s.frames or len(text) < _SHORT_SENTENCE or text[0] in _NOT_SPEECH_OPENERS:
        return False
    if _unpaired_quote(s):
        return False  # a quotation that began or ends in another sentence: someone speaks
    return not _names_anyone(people.timeline(), index)


def continued_speech(sents: Sequence[Sent], people: People, found: list[Found]) -> None:
    """``倪虹说，A。B。``: reported speech that ends its sentence goes on over the next
    sentences of the paragraph (at most ``_CONTINUED``) while they still report the
    speaker: no frame, no quotation of speech, nobody named, no credit. A sentence that
    ends in a quotation of speech (``…辅导，“我们…。”``) gives the speaker's words in that
    quotation and ends the run."""
    by_sent: dict[int, list[Found]] = {}
    for item in found:
        by_sent.setdefault(item.sent, []).append(item)
    added: list[Found] = []
    for index, items in by_sent.items():
        last = max(items, key=attrgetter("pos"))
        if last.kind != "indirect":
            continue
        para = sents[index].sentence.para
        text = last.text
        # What the sentence holds after the words kept (its end mark, as written): the words
        # that run on stay a piece of the text.
        end = sents[index].sentence.text[last.pos + len(text) :]
        nxt = index + 1
        while nxt - index <= _CONTINUED and nxt < len(sents) and nxt not in by_sent:
            s = sents[nxt]
            if s.sentence.para != para or not _continues(s, people, nxt):
                break
            sentence = s.sentence.text
            quote = _speech_quote_at_end(s)
            if quote is not None:
                words = sentence[quote[0] + 1 : quote[1]]
                added.append(Found(nxt, quote[0], "direct", last.speaker, None, words, last.stype))
                before = strip_sentence_end(sentence[: quote[0]].rstrip(lex.COMMAS + "、 "))
                if len(before) >= 2:
                    text += end + before
                    nxt += 1  # the report takes in the words before the quotation
                break
            if any(is_speech(sentence[o + 1 : c]) for o, c in s.quotes):
                break  # someone's words in the middle of the sentence: not the speaker's report
            kept = strip_sentence_end(sentence)
            text += end + kept
            end = sentence[len(kept) :]
            nxt += 1
        last.text, last.more = text, nxt - 1 - index
    found.extend(added)


# Opening marks of quotations that may run over paragraphs (asymmetric ones: “, 「).
_OPENERS = frozenset(o for o, c in SPEECH_QUOTES.items() if o != c)
# Every sentence of an archive is tested for one: a compiled class, not a loop over characters.
_OPENER_RE = re.compile("[" + re.escape("".join(sorted(_OPENERS))) + "]")


def _open_quote(text: str) -> int:
    """Where a quotation opens that the sentence never closes, or -1."""
    if _OPENER_RE.search(text) is None:
        return -1
    return next(_unpaired(text, _OPENERS), -1)


def _quotation_owner(
    sents: Sequence[Sent], index: int, opened: int, found: list[Found]
) -> tuple[str, str, str | None] | None:
    """Who speaks a quotation that opens at ``opened`` in sentence ``index`` and runs to the
    end of its paragraph: the frame whose words it is (X说：“…), else, when it opens the
    paragraph, the last speaker of the paragraph before (news runs a long quotation on in
    paragraphs of its own)."""
    for item in found:
        if item.sent == index and item.kind == "indirect" and item.pos in (opened, opened + 1):
            found.remove(item)  # the frame's words are this quotation, not a report
            return item.speaker, item.stype, item.verb
    first = index > 0 and sents[index - 1].sentence.para != sents[index].sentence.para
    if not first or opened != 0:
        return None
    before = [f for f in found if sents[f.sent].sentence.para == sents[index - 1].sentence.para]
    if not before:
        return None
    last = max(before, key=attrgetter("sent", "pos"))
    return last.speaker, last.stype, None


def open_quotations(sents: Sequence[Sent], found: list[Found]) -> None:
    """``X说：“…⏎“…⏎“…。”``: a quotation left open at the end of a paragraph goes on in
    the paragraphs that open with a quote mark, up to the one that closes it; each paragraph
    of it is a direct statement of the speaker."""
    said = {f.sent for f in found if f.kind == "direct"}
    index = 0
    while index < len(sents):
        end = paragraph_end(sents, index)
        opened = next(
            ((i, at) for i in range(index, end) if (at := _open_quote(sents[i].sentence.text)) >= 0), None
        )
        owner = _quotation_owner(sents, *opened, found) if opened is not None else None
        if opened is None or owner is None:
            index = end
            continue
        speaker, stype, verb = owner
        at, pos = opened
        while True:
            words = "".join(sents[i].sentence.text for i in range(at, end))[pos + 1 :].strip()
            closes = _open_quote(sents[at].sentence.text) < 0  # the paragraph closes it
            if closes:
                words = words[:-1] if words[-1:] in CLOSERS else words
            if words:
                found.append(Found(at, pos, "direct", speaker, verb, words, stype, end - 1 - at))
            if closes or end >= len(sents) or sents[end].sentence.text[:1] not in _OPENERS or end in said:
                break
            at, pos = end, 0
            end = paragraph_end(sents, at)
        index = end


# Paragraphs a colon may scope (以下特点：⏎ one paragraph per point): at most this many.
_COLON_SCOPE = 8


_COLONS = tuple(lex.COLONS)


# 康义从四方面进行了分析。: the number of paragraphs that follow, one per point.
_COUNTED_RE = re.compile(
    f"(?:{alternation(lex.POINT_LEADS)})(.{{1,3}}?)(?:{alternation(lex.POINT_COUNTERS)})"
)


def _announced(text: str) -> int:
    """How many paragraphs a speaker's closing sentence announces: up to ``_COLON_SCOPE``
    after a colon (以下特点：), exactly the count given (从四方面进行了分析。), else none."""
    if text.rstrip().endswith(_COLONS):
        return _COLON_SCOPE
    counted = _COUNTED_RE.search(text)
    if counted is None:
        return 0
    number = parse_number(counted.group(1))
    return number if isinstance(number, int) and 2 <= number <= _COLON_SCOPE else 0


def announced_paragraphs(sents: Sequence[Sent], found: list[Found]) -> None:
    """``商务部有关负责人分析，8月份消费市场有以下特点：⏎…⏎…`` and ``X从三方面作了分析。⏎…``:
    a speaker's paragraph that ends by announcing points makes the paragraphs after it
    report the same speaker, until a paragraph names a speaker or quotes someone of its own."""
    said = {f.sent for f in found}
    for index, s in enumerate(sents):
        if not s.frames or paragraph_end(sents, index) != index + 1:
            continue  # only a paragraph's last sentence announces what follows
        scope = _announced(s.sentence.text)
        frame = next((f for f in reversed(s.frames) if f.speaker), None) if scope else None
        if frame is None:
            continue
        start = index + 1
        for _ in range(scope):
            if start >= len(sents):
                break
            end = paragraph_end(sents, start)
            if any(i in said or sents[i].frames for i in range(start, end)):
                break  # the paragraph has a speaker of its own
            text = "".join(sents[i].sentence.text for i in range(start, end)).strip()
            if text[-1:] not in SENTENCE_END:
                break  # a subhead or a caption: the announced points are over
            found.append(
                Found(start, 0, "indirect", frame.speaker, frame.verb, text, frame.stype, end - 1 - start)
            )
            start = end
