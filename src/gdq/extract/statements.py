"""Who said what: direct quotes and reported speech in one document.

The work is done in four steps, each in a module of its own:

1. ``frames``: every reporting frame (``subject + reporting verb`` outside quote marks) and
   what follows its verb — a quotation, a reported clause, or the end of the sentence;
2. ``subjects``: who a frame's subject names (a person with roles, a pronoun, a short form
   such as 李总, an institution), read without a name tagger;
3. ``people``: every person of the document, one canonical name each with all roles found
   for it, and the person each pronoun or short form stands for;
4. this module: the attribution that joins them into statements.

Attribution:

* A frame before, after or around a quotation makes it a *direct* statement; a frame right
  after a closing quote attributes that quote too, so ``“…”X介绍,…`` yields both kinds and
  ``“……,”X说,“……。”`` yields two direct quotes. A frame's reported clause is an *indirect*
  statement, up to the end of the sentence or the next speaker's frame. A frame whose words
  are only a setting before the next speaker (``据X报道，在…会议上，Y称…``) wraps Y's words
  and gives no statement of its own.
* 他/她 may also stand for one unnamed person who spoke before (``一位不愿透露姓名的基金经理
  表示…他表示…``), or for a person the model tags at the head of an earlier clause of its
  sentence when the document names no one there (``但X是坚定的球迷，他坚持认为…``).
  ``该机构称`` takes up the latest organisation that spoke or that heads a clause since
  (``欧洲药品管理局召开发布会…。该机构称…``).
* Reported speech that ends its sentence runs on over the next sentences of the paragraph
  (at most three) while they still report the speaker: no frame, no quotation of speech, no
  person named, no credit (``_continued_speech``; a statement records how many sentences it
  spans). A quotation opened inside the reported clause that ends in a sentence mark
  (``…务工,“现在工作稳定。”在樱翔公司,…``) is the speaker's own words and ends the report.
* A quotation left open at the end of a paragraph (``X说：“…⏎“…⏎“…。”``) goes on in the
  paragraphs that open with a quote mark, up to the one that closes it, one direct statement
  per paragraph; a paragraph that opens such a quotation with no frame continues the last
  speaker of the paragraph before.
* A paragraph that ends by announcing points — a colon (以下特点：) or a count
  (从四方面进行了分析。) — makes the paragraphs after it the speaker's, as many as counted.
* A verb with no subject right after a quotation continues its speaker (``X提出“…”,强调…``).
* A sentence that is nothing but a quotation (with sentence punctuation, more than six
  characters) is speech of its neighbours: the last speaker earlier in the same paragraph,
  else a person named in the sentence before, else the speaker of the next sentence in the
  paragraph; a paragraph made only of such quotations continues the last speaker of the
  paragraph before it (news prints a long quotation as its own paragraph right after the
  paragraph that names the speaker). ``“…”这是X常挂在嘴边的一句话`` is X's saying. A
  punctuated quotation that opens a sentence running on in narrative, with no person beside
  it, goes on with the speaker of the sentence before (``X认为，…。“…。”银行板块被…看空``).
* A quotation of speech that ends the reported clause of a frame is the frame's speaker's,
  also when the sentence runs on after it (``X说，…，“…。”说完，…``).
* Any other quotation with no verb is said by the person the sentence puts beside it
  (``turns.beside``): the person right after an opening quotation or the subject of a later
  clause (``“…。”发言时，X向大家展示了…``), the person of the clause a colon ends, or the one
  person who is the subject of the clauses before a quotation that ends the sentence
  (``X乘一叶小舟，捞起珠蚌，…，“…！”``, ``大学毕业后，X回到母校：“…”``; both halves of
  ``“A，”X很无奈，“B。”``). A pronoun there stands for the subject of the sentence before it
  in the paragraph, else is resolved as a frame's is. Two persons as subjects, or a person
  governed by a verb, give no speaker.
* Quotes with no frame and no such neighbour — slogans, programme names, coined terms — are
  never speech.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter

from gdq.extract import ner
from gdq.extract.alternation import alternation
from gdq.extract.frames import (
    CLAUSE_STOPS,
    SENTENCE_END,
    SETTING_RE,
    SHORT_QUOTE,
    SPEECH_PUNCT,
    Doc,
    Frame,
    Sent,
    read_frames,
    read_sentence,
)
from gdq.extract.numerals import parse_number
from gdq.extract.people import People, read_people, resolve, resolve_at
from gdq.extract.sources import ANONYMOUS, GROUP, MEDIA, ORGANISATION, PERSON, clause_heads, source_type
from gdq.extract.subjects import parse_subject
from gdq.extract.turns import Beside, beside, ends_sentence, opening_subject, turn
from gdq.lexicon import speech as lex
from gdq.lexicon.marks import (
    CLOSERS,
    QUOTE_PAIRS,
    SENTENCE_ENDERS,
    SENTENCE_FINAL,
    SPEECH_QUOTES,
    SYMMETRIC_QUOTES,
)
from gdq.models import Sentence, Statement
from gdq.text.sentences import matched_pairs

_COMMAS = re.escape(lex.COMMAS)
_CHAIN_GAP_RE = re.compile(rf"[\s{_COMMAS}]*(?:{alternation(lex.CHAIN_CONNECTIVES)})?")
# What a quotation of speech may follow at the head of its clause.
_SPEECH_LEADS = CLAUSE_STOPS | frozenset(lex.SPEECH_LEAD_MARKS)
# “…”这是X常挂在嘴边的一句话: the words after a quotation that make it X's saying.
_SAYING_LEAD = re.compile(
    rf"[{_COMMAS}\s]*(?:{alternation(lex.SAYING_DEMONSTRATIVES)})"
    f"(?:{alternation(lex.SAYING_COPULAS)})"
)
_SAYING_BREAKS = lex.COMMAS + "".join(sorted(SENTENCE_ENDERS)) + lex.SEMICOLONS
_SAYING_TAIL = re.compile(rf"[^{re.escape(_SAYING_BREAKS)}]{{0,12}}?(?:{alternation(lex.SAYING_WORDS)})")


@dataclass(slots=True)
class _Found:
    sent: int
    pos: int
    kind: str
    speaker: str
    verb: str | None
    text: str
    stype: str = "person"  # speaker type, see gdq.extract.sources
    more: int = 0  # sentences after ``sent`` that the words run over


def _strip_sentence_end(text: str) -> str:
    return text.rstrip(SENTENCE_END + " \u3000\t")


def _attribute_after(s: Sent, close: int) -> Frame | None:
    """The frame that follows a quotation and names its speaker: “…”X表示 / “…”在现场,X说."""
    text = s.sentence.text
    for frame in s.frames:
        if frame.subj_start <= close or frame.subject.kind == "chain":
            continue
        gap = SETTING_RE.fullmatch(text, close + 1, frame.subj_start)
        return frame if gap else None
    return None


def _reporting_clause(s: Sent, start: int, close: int) -> Frame | None:
    """``X直言,行业里…,“很多企业…。”``: a punctuated quotation that ends the reported clause
    of a frame is that speaker's own words, also when the sentence runs on after it
    (``…,“…。”据记者了解,…``: the quotation closes a sentence of its own)."""
    text = s.sentence.text
    content = text[start + 1 : close]
    if not any(ch in SPEECH_PUNCT for ch in content):
        return None
    if not ends_sentence(text, close) and not _closes_sentence(text, start, close):
        return None
    owners = [f for f in s.frames if f.follow == "clause" and f.text_start < start]
    return owners[-1] if owners else None


# X表示怀疑，“…。”: a verb's object this short, before the quotation, is no report of its own.
_OBJECT_ONLY = 3


def _closes_sentence(text: str, start: int, close: int) -> bool:
    """``…务工，“现在工作稳定。”在樱翔公司，…``: a quotation opened inside a clause that ends
    in a sentence mark ends the sentence too; what follows is the reporter's."""
    return start > 0 and text[start - 1] in _SPEECH_LEADS and text[close - 1 : close] in SENTENCE_FINAL


def _opens_clause(text: str, start: int) -> bool:
    """A quotation of speech stands at the head of its clause; ``聚焦“…”`` quotes an object."""
    return start == 0 or text[start - 1] in _SPEECH_LEADS


def _chain_speaker(s: Sent, frame: Frame, found: Sequence[_Found]) -> _Found | None:
    """``黄坤明提出“…”,强调…``: a verb with no subject after a quotation continues its speaker."""
    text = s.sentence.text
    for item in reversed(found):
        if item.sent != frame.sent or item.kind != "direct":
            continue
        close = next((c for o, c in s.quotes if o == item.pos), -1)
        if close >= 0 and _CHAIN_GAP_RE.fullmatch(text, close + 1, frame.verb_start):
            return item
    return None


def _sentence_person(index: int, frame: Frame, people: People, canonical: dict[str, str]) -> str:
    """The last person named in the sentence before a verb with no subject of its own."""
    events = people.timeline()
    i = bisect_left(events, (index, frame.verb_start, "")) - 1
    if i >= 0 and events[i][0] == index:
        return canonical.get(events[i][2], events[i][2])
    return ""


def _is_bare_quote(s: Sent) -> bool:
    """The sentence is one quotation of real speech (punctuated, not a short term)."""
    if len(s.quotes) != 1:
        return False
    start, close = s.quotes[0]
    text = s.sentence.text
    content = text[start + 1 : close]
    rest = text[:start].strip() + text[close + 1 :].strip(SENTENCE_END + " \u3000")
    return not rest and len(content) > SHORT_QUOTE and any(ch in SPEECH_PUNCT for ch in content)


def _direct_quotes(index: int, s: Sent) -> list[_Found]:
    """Quotations named by a frame before them, after them, or around them."""
    if not s.quotes:
        return []
    text = s.sentence.text
    by_quote: dict[int, Frame] = {}
    for frame in s.frames:
        if frame.follow == "quote" and frame.speaker:
            by_quote.setdefault(frame.quote, frame)
    events: list[_Found] = []
    for n, (start, close) in enumerate(s.quotes):
        content = text[start + 1 : close]
        owner = by_quote.get(n)
        speech_like = len(content) > SHORT_QUOTE or content[-1:] in SPEECH_PUNCT
        if owner is None and _opens_clause(text, start) and speech_like:
            owner = _attribute_after(s, close) or _reporting_clause(s, start, close)
        if owner is not None and owner.speaker and content.strip():
            events.append(_Found(index, start, "direct", owner.speaker, owner.verb, content, owner.stype))
    return events


def _drop_nested_groups(s: Sent) -> None:
    """``X说，…，就像很多人认为…一样``: a group inside a person's reported words is what the
    person reports of others (nested speech), not a speaker who takes the sentence over."""
    persons = [f.text_start for f in s.frames if f.follow == "clause" and f.stype == PERSON and f.speaker]
    if not persons:
        return
    words_from = min(persons)
    for frame in s.frames:
        if frame.stype == GROUP and frame.follow == "clause" and frame.subj_start > words_from:
            frame.speaker = ""


def _sentence_statements(
    index: int, s: Sent, found: list[_Found], people: People, canonical: dict[str, str]
) -> None:
    text = s.sentence.text
    events = _direct_quotes(index, s)
    for frame in s.frames:
        if frame.subject.kind == "chain":
            chained = _chain_speaker(s, frame, events)
            if chained is not None:
                frame.speaker, frame.stype = chained.speaker, chained.stype
            elif not any(f.follow == "clause" and f.text_start <= frame.verb_start for f in s.frames):
                # 布莱切也认可了教练的观点，并表示…: the person the sentence is about (a verb
                # inside someone's reported words, 赵晨阳表示，…，预计…, is part of them).
                frame.speaker = _sentence_person(index, frame, people, canonical)
    _drop_nested_groups(s)
    subjects = sorted({frame.subj_start for frame in s.frames if frame.speaker})
    for frame in s.frames:
        if frame.follow != "clause" or not frame.speaker:
            continue
        n = bisect_left(subjects, frame.text_start)
        if n < len(subjects) and subjects[n] == frame.text_start:
            continue  # “…”X表示,X介绍,…: the reported words belong to the second verb
        # The reported clause runs to the end of the sentence or to the next speaker's frame
        # (X认为,…,Y则指出,…), which also keeps the work linear in the sentence length.
        end = subjects[n] if n < len(subjects) else len(text)
        if end < len(text) and SETTING_RE.fullmatch(text, frame.text_start, end):
            # 据美联社报道，在当天的会议上，X称…: the words the medium wraps are X's; what is
            # left to the medium is a setting, no statement.
            continue
        cut = False
        for start, close in s.quotes:
            if frame.text_start < start < end and _closes_sentence(text, start, close):
                end, cut = start, True  # the quotation is the speaker's own words
                break
        reported = _strip_sentence_end(text[frame.text_start : end].rstrip(lex.COMMAS + "、 "))
        if len(reported) >= (_OBJECT_ONLY + 1 if cut else 2):  # 表示怀疑，“…。”: the words are the quote
            events.append(
                _Found(index, frame.text_start, "indirect", frame.speaker, frame.verb, reported, frame.stype)
            )
    if len(events) > 1:
        events.sort(key=attrgetter("pos"))
    found.extend(events)


def _neighbour_speaker(
    index: int, sents: Sequence[Sent], by_para: dict[int, list[_Found]], people: People
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
    if first == 0 or not all(_is_bare_quote(sents[i]) for i in range(first, index + 1)):
        return "", ""
    if sents[first - 1].sentence.para != para - 1:
        return "", ""
    before = by_para.get(para - 1, [])
    if not before:
        return "", ""
    last = max(before, key=lambda f: (f.sent, f.pos))
    return last.speaker, last.stype


def _is_speech(content: str, whole: bool = False) -> bool:
    """Words in quotation marks that are speech, not a term: long, and punctuated; ``whole``:
    ending a sentence (“…，”X说 is the first half of words whose speaker comes after it)."""
    if whole and content.rstrip()[-1:] not in SENTENCE_END:
        return False
    return len(content) > SHORT_QUOTE and any(ch in SPEECH_PUNCT for ch in content)


def _previous_speaker(index: int, sents: Sequence[Sent], by_para: dict[int, list[_Found]]) -> tuple[str, str]:
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


def _body_type(head: str) -> str:
    """What 该机构 / 这家媒体 stands for: a medium for a medium's head, else an organisation."""
    return MEDIA if source_type(head) == MEDIA else ORGANISATION


# 该机构称 looks back this many sentences for an organisation named but not yet speaking.
_REFERENCE_SENTENCES = 2


def _referent(frame: Frame, found: Sequence[_Found], sents: Sequence[Sent]) -> tuple[str, str]:
    """``该负责人表示``: the latest speaker whose name ends in the head (负责人), else the
    phrase itself, an anonymous source. ``该机构称`` takes up the latest organisation, a
    speaker or one that heads a clause since (欧洲药品管理局召开发布会…。该机构称…)."""
    head = frame.subject.name
    organisation = head in lex.GENERIC_ORG_HEADS  # 该机构: the latest organisation, whatever its name
    latest: _Found | None = None
    for item in reversed(found):
        if item.speaker == frame.subject.roles:
            continue
        if item.speaker.endswith(head) or (organisation and item.stype == _body_type(head)):
            latest = item
            break
    if organisation:
        since = latest.sent if latest is not None else -1
        named = _named_organisation(frame, sents, since, _body_type(head))
        if named:
            return named, _body_type(head)
    if latest is not None:
        return latest.speaker, latest.stype
    return frame.subject.roles, frame.subject.stype


def _named_organisation(frame: Frame, sents: Sequence[Sent], since: int, kind: str) -> str:
    """The last organisation of type ``kind`` that heads a clause after sentence ``since``,
    in the few sentences of the paragraph (or the one before) up to the frame."""
    para = sents[frame.sent].sentence.para
    first = max(since + 1, frame.sent - _REFERENCE_SENTENCES)
    for index in range(frame.sent, first - 1, -1):
        sentence = sents[index].sentence
        if sentence.para < para - 1:
            break
        text = sentence.text[: frame.subj_start] if index == frame.sent else sentence.text
        for name in reversed(clause_heads(text, ner.ORGANISATION) if text else []):
            if _body_type(name) == kind:
                return name
    return ""


def _clause_person(s: Sent, frame: Frame, people: People, canonical: dict[str, str]) -> str:
    """``但巴克利是坚定的灰熊粉丝，他坚持认为…``: a pronoun stands for the person who heads a
    clause before it in its sentence, when the document names no one there: the model reads
    that clause (one call, only for a pronoun inside a sentence)."""
    events = people.timeline()
    i = bisect_left(events, (frame.sent, frame.subj_start, "")) - 1
    if i >= 0 and events[i][0] == frame.sent:
        return ""  # a person the document knows is named there: resolve() takes them
    gender = frame.subject.gender
    for name in reversed(clause_heads(s.sentence.text[: frame.subj_start], ner.PERSON)):
        name = canonical.get(name, name)
        if not gender or people.gender.get(name, gender) == gender:
            return name
    return ""


def _one_unnamed(frame: Frame) -> bool:
    """An anonymous source counted as one person (一位知情人士): someone a pronoun may stand for."""
    if frame.subject.kind != "source" or frame.stype != ANONYMOUS:
        return False
    return any(marker in frame.speaker for marker in lex.SINGLE_PERSON_MARKERS)


def _frame_statements(sents: Sequence[Sent], people: People, canonical: dict[str, str]) -> list[_Found]:
    found: list[_Found] = []
    unnamed: set[str] = set()  # anonymous sources a pronoun may stand for
    for index, s in enumerate(sents):
        if not s.frames and not s.quotes:
            continue  # most sentences: nothing is said in them
        for frame in s.frames:
            if frame.subject.kind == "reference":
                frame.speaker, frame.stype = _referent(frame, found, sents)
                continue
            if frame.subject.kind == "person":  # the common case, without a call
                frame.speaker = canonical.get(frame.subject.name, frame.subject.name)
            elif frame.subject.kind != "chain":
                inside = frame.subject.kind == "pronoun" and frame.subj_start > 0  # 但X是…，他表示
                speaker = _clause_person(s, frame, people, canonical) if inside else ""
                frame.speaker = speaker or resolve(frame, people, canonical)
                frame.stype = ANONYMOUS if frame.speaker in unnamed else frame.subject.stype
            if _one_unnamed(frame):
                unnamed.add(frame.speaker)
            if frame.speaker and (frame.subject.kind in ("pronoun", "short") or frame.speaker in unnamed):
                # The resolved person is now the most recent one for the next pronoun; so is
                # one unnamed person who speaks (一位不愿透露姓名的基金经理表示，…他表示…).
                events = people.timeline()
                at = bisect_left(events, (index, frame.subj_start, ""))
                events.insert(at, (index, frame.subj_start, frame.speaker))
        _sentence_statements(index, s, found, people, canonical)
    return found


def _speech_quote_at_end(s: Sent) -> tuple[int, int] | None:
    """The quotation that ends a sentence and opens its clause, when it is punctuated speech
    (``…辅导，“我们特别关注…。”``), else None."""
    if not s.quotes:
        return None
    start, close = s.quotes[-1]
    text = s.sentence.text
    content = text[start + 1 : close]
    if text[close + 1 :].strip(SENTENCE_END + " \u3000") or not _opens_clause(text, start):
        return None
    return (
        (start, close) if len(content) > SHORT_QUOTE and any(ch in SPEECH_PUNCT for ch in content) else None
    )


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


def _unpaired_quote(s: Sent) -> bool:
    """Whether the sentence holds a quotation mark outside its paired quotations."""
    text = s.sentence.text
    marks = sum(ch in _QUOTE_MARKS for ch in text)
    return marks > 0 and marks != 2 * sum(1 for o, c in matched_pairs(text) if text[o] in _QUOTE_MARKS)


def _continues(s: Sent, events: Sequence[tuple[int, int, str]], index: int) -> bool:
    """Whether sentence ``index`` may still report the speaker of the sentence before."""
    text = s.sentence.text.strip()
    if s.frames or len(text) < _SHORT_SENTENCE or text[0] in _NOT_SPEECH_OPENERS:
        return False
    if _unpaired_quote(s):
        return False  # a quotation that began or ends in another sentence: someone speaks
    return not _names_anyone(events, index)


def _continued_speech(sents: Sequence[Sent], people: People, found: list[_Found]) -> None:
    """``倪虹说，A。B。``: reported speech that ends its sentence goes on over the next
    sentences of the paragraph (at most ``_CONTINUED``) while they still report the
    speaker: no frame, no quotation of speech, nobody named, no credit. A sentence that
    ends in a quotation of speech (``…辅导，“我们…。”``) gives the speaker's words in that
    quotation and ends the run."""
    by_sent: dict[int, list[_Found]] = {}
    for item in found:
        by_sent.setdefault(item.sent, []).append(item)
    events = people.timeline() if found else []
    added: list[_Found] = []
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
            if s.sentence.para != para or not _continues(s, events, nxt):
                break
            sentence = s.sentence.text
            quote = _speech_quote_at_end(s)
            if quote is not None:
                words = sentence[quote[0] + 1 : quote[1]]
                added.append(_Found(nxt, quote[0], "direct", last.speaker, None, words, last.stype))
                before = _strip_sentence_end(sentence[: quote[0]].rstrip(lex.COMMAS + "、 "))
                if len(before) >= 2:
                    text += end + before
                    nxt += 1  # the report takes in the words before the quotation
                break
            if any(_is_speech(sentence[o + 1 : c]) for o, c in s.quotes):
                break  # someone's words in the middle of the sentence: not the speaker's report
            kept = _strip_sentence_end(sentence)
            text += end + kept
            end = sentence[len(kept) :]
            nxt += 1
        last.text, last.more = text, nxt - 1 - index
    found.extend(added)


# Opening marks of quotations that may run over paragraphs (asymmetric ones: “, 「).
_OPENERS = frozenset(o for o, c in SPEECH_QUOTES.items() if o != c)


def _open_quote(text: str) -> int:
    """Where a quotation opens that the sentence never closes, or -1."""
    if not any(ch in _OPENERS for ch in text):
        return -1
    paired = {at for pair in matched_pairs(text) for at in pair}
    return next((i for i, ch in enumerate(text) if ch in _OPENERS and i not in paired), -1)


def _paragraph_end(sents: Sequence[Sent], index: int) -> int:
    para = sents[index].sentence.para
    end = index
    while end < len(sents) and sents[end].sentence.para == para:
        end += 1
    return end


def _quotation_owner(
    sents: Sequence[Sent], index: int, opened: int, found: list[_Found]
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


def _open_quotations(sents: Sequence[Sent], found: list[_Found]) -> None:
    """``X说：“…⏎“…⏎“…。”``: a quotation left open at the end of a paragraph goes on in
    the paragraphs that open with a quote mark, up to the one that closes it; each paragraph
    of it is a direct statement of the speaker."""
    said = {f.sent for f in found if f.kind == "direct"}
    index = 0
    while index < len(sents):
        end = _paragraph_end(sents, index)
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
                found.append(_Found(at, pos, "direct", speaker, verb, words, stype, end - 1 - at))
            if closes or end >= len(sents) or sents[end].sentence.text[:1] not in _OPENERS or end in said:
                break
            at, pos = end, 0
            end = _paragraph_end(sents, at)
        index = end


def _unframed_quotes(
    sents: Sequence[Sent], people: People, canonical: dict[str, str], found: list[_Found]
) -> None:
    """Quotations with no frame: sayings and bare quotations in sentences with no direct
    quote, and quotations a person stands beside (see turns.beside) in any sentence."""
    attributed = {f.sent for f in found if f.kind == "direct"}
    said = {(f.sent, f.pos) for f in found if f.kind == "direct"}
    by_para: dict[int, list[_Found]] = {}
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
            if _is_bare_quote(s):
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
                if n == 0 and start == 0 and _is_speech(text[start + 1 : s.quotes[0][1]], whole=True):
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


def _said_in(index: int, para: int, by_para: dict[int, list[_Found]]) -> _Found | None:
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
    found: list[_Found],
    by_para: dict[int, list[_Found]],
) -> None:
    """Quotation ``n`` of sentence ``index`` as a direct statement of ``speaker``."""
    start, close = s.quotes[n]
    item = _Found(index, start, "direct", speaker, None, s.sentence.text[start + 1 : close], stype)
    found.append(item)
    by_para.setdefault(s.sentence.para, []).append(item)


def _interview_turns(
    sents: Sequence[Sent], people: People, canonical: dict[str, str], found: list[_Found]
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
            words = _strip_sentence_end(text[opened.start :].strip())
            speaker = canonical.get(opened.speaker, opened.speaker)
            found.append(_Found(index, opened.start, "direct", speaker, None, words, opened.stype))


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


def _announced_paragraphs(sents: Sequence[Sent], found: list[_Found]) -> None:
    """``商务部有关负责人分析，8月份消费市场有以下特点：⏎…⏎…`` and ``X从三方面作了分析。⏎…``:
    a speaker's paragraph that ends by announcing points makes the paragraphs after it
    report the same speaker, until a paragraph names a speaker or quotes someone of its own."""
    said = {f.sent for f in found}
    paras = [s.sentence for s in sents]
    last_of_para = [i + 1 == len(sents) or sents[i + 1].sentence.para != s.para for i, s in enumerate(paras)]
    for index, s in enumerate(sents):
        if not last_of_para[index] or not s.frames:
            continue
        scope = _announced(s.sentence.text)
        frame = next((f for f in reversed(s.frames) if f.speaker), None) if scope else None
        if frame is None:
            continue
        start = index + 1
        for _ in range(scope):
            if start >= len(sents):
                break
            para = sents[start].sentence.para
            end = start
            while end < len(sents) and sents[end].sentence.para == para:
                end += 1
            if any(i in said or sents[i].frames for i in range(start, end)):
                break  # the paragraph has a speaker of its own
            text = "".join(sents[i].sentence.text for i in range(start, end)).strip()
            if text[-1:] not in SENTENCE_END:
                break  # a subhead or a caption: the announced points are over
            found.append(
                _Found(start, 0, "indirect", frame.speaker, frame.verb, text, frame.stype, end - 1 - start)
            )
            start = end


def extract(doc_key: str, sentences: Sequence[Sentence]) -> list[Statement]:
    """Statements of one document (sentences in document order), numbered in document order."""
    sents = [read_sentence(sentence) for sentence in sentences]
    doc = Doc(sents)
    people, canonical = read_people(sents, doc, read_frames(sents, doc))
    found = _frame_statements(sents, people, canonical)
    _continued_speech(sents, people, found)
    _open_quotations(sents, found)
    _unframed_quotes(sents, people, canonical, found)
    _interview_turns(sents, people, canonical, found)
    _announced_paragraphs(sents, found)
    found.sort(key=attrgetter("sent", "pos"))
    roles: dict[str, tuple[str, ...]] = {}  # per speaker: most speakers say several things
    return [_statement(doc_key, n, f, sents, people, roles) for n, f in enumerate(found)]


def _statement(
    doc_key: str,
    n: int,
    found: _Found,
    sents: Sequence[Sent],
    people: People,
    speaker_roles: dict[str, tuple[str, ...]],
) -> Statement:
    sentence = sents[found.sent].sentence
    roles = speaker_roles.get(found.speaker)
    if roles is None:
        roles = speaker_roles[found.speaker] = tuple(people.roles.get(found.speaker, ()))
    return Statement(
        id=f"{doc_key}-q{n}",
        doc=sentence.doc,
        line=sentence.line,
        sentence_id=sentence.id,
        speaker=found.speaker,
        role="、".join(roles) if roles else None,
        kind=found.kind,
        verb=found.verb,
        text=found.text,
        roles=roles,
        speaker_type=found.stype,
        sentences=found.more + 1,
    )
