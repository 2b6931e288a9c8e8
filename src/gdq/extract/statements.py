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
  person named, no credit (``continued_speech``; a statement records how many sentences it
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
from operator import attrgetter

from gdq.extract import ner
from gdq.extract.alternation import alternation
from gdq.extract.continuation import announced_paragraphs, continued_speech, open_quotations
from gdq.extract.found import SPEECH_LEADS, Found, opens_clause, strip_sentence_end
from gdq.extract.frames import (
    SETTING_RE,
    SHORT_QUOTE,
    SPEECH_PUNCT,
    Doc,
    Frame,
    Sent,
    read_frames,
    read_sentence,
)
from gdq.extract.people import People, read_people, resolve
from gdq.extract.sources import ANONYMOUS, GROUP, MEDIA, ORGANISATION, PERSON, clause_heads, source_type
from gdq.extract.turns import ends_sentence
from gdq.extract.unframed import interview_turns, unframed_quotes
from gdq.lexicon import speech as lex
from gdq.lexicon.marks import (
    SENTENCE_FINAL,
)
from gdq.models import Sentence, Statement

_COMMAS = re.escape(lex.COMMAS)
_CHAIN_GAP_RE = re.compile(rf"[\s{_COMMAS}]*(?:{alternation(lex.CHAIN_CONNECTIVES)})?")


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
    return start > 0 and text[start - 1] in SPEECH_LEADS and text[close - 1 : close] in SENTENCE_FINAL


def _chain_speaker(s: Sent, frame: Frame, found: Sequence[Found]) -> Found | None:
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


def _direct_quotes(index: int, s: Sent) -> list[Found]:
    """Quotations named by a frame before them, after them, or around them."""
    if not s.quotes:
        return []
    text = s.sentence.text
    by_quote: dict[int, Frame] = {}
    for frame in s.frames:
        if frame.follow == "quote" and frame.speaker:
            by_quote.setdefault(frame.quote, frame)
    events: list[Found] = []
    for n, (start, close) in enumerate(s.quotes):
        content = text[start + 1 : close]
        owner = by_quote.get(n)
        speech_like = len(content) > SHORT_QUOTE or content[-1:] in SPEECH_PUNCT
        if owner is None and opens_clause(text, start) and speech_like:
            owner = _attribute_after(s, close) or _reporting_clause(s, start, close)
        elif owner is not None and owner.subject.kind == "pronoun":
            # 在她看来，“…”东海大学教授陈雅琴说。: the person named right after the quotation is
            # the one the pronoun looks ahead to, whoever spoke before.
            named = _attribute_after(s, close)
            if named is not None and named.subject.kind == "person" and named.speaker:
                owner = named
        if owner is not None and owner.speaker and content.strip():
            events.append(Found(index, start, "direct", owner.speaker, owner.verb, content, owner.stype))
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
    index: int, s: Sent, found: list[Found], people: People, canonical: dict[str, str]
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
        reported = strip_sentence_end(text[frame.text_start : end].rstrip(lex.COMMAS + "、 "))
        if len(reported) >= (_OBJECT_ONLY + 1 if cut else 2):  # 表示怀疑，“…。”: the words are the quote
            events.append(
                Found(index, frame.text_start, "indirect", frame.speaker, frame.verb, reported, frame.stype)
            )
    if len(events) > 1:
        events.sort(key=attrgetter("pos"))
    found.extend(events)


def _body_type(head: str) -> str:
    """What 该机构 / 这家媒体 stands for: a medium for a medium's head, else an organisation."""
    return MEDIA if source_type(head) == MEDIA else ORGANISATION


# 该机构称 looks back this many sentences for an organisation named but not yet speaking.
_REFERENCE_SENTENCES = 2


def _referent(frame: Frame, found: Sequence[Found], sents: Sequence[Sent]) -> tuple[str, str]:
    """``该负责人表示``: the latest speaker whose name ends in the head (负责人), else the
    phrase itself, an anonymous source. ``该机构称`` takes up the latest organisation, a
    speaker or one that heads a clause since (欧洲药品管理局召开发布会…。该机构称…)."""
    head = frame.subject.name
    organisation = head in lex.GENERIC_ORG_HEADS  # 该机构: the latest organisation, whatever its name
    latest: Found | None = None
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


def _frame_statements(sents: Sequence[Sent], people: People, canonical: dict[str, str]) -> list[Found]:
    found: list[Found] = []
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


def extract(doc_key: str, sentences: Sequence[Sentence]) -> list[Statement]:
    """Statements of one document (sentences in document order), numbered in document order."""
    sents = [read_sentence(sentence) for sentence in sentences]
    doc = Doc(sents)
    people, canonical = read_people(sents, doc, read_frames(sents, doc))
    found = _frame_statements(sents, people, canonical)
    continued_speech(sents, people, found)
    open_quotations(sents, found)
    unframed_quotes(sents, people, canonical, found)
    interview_turns(sents, people, canonical, found)
    announced_paragraphs(sents, found)
    found.sort(key=attrgetter("sent", "pos"))
    roles: dict[str, tuple[str, ...]] = {}  # per speaker: most speakers say several things
    return [_statement(doc_key, n, f, sents, people, roles) for n, f in enumerate(found)]


def _statement(
    doc_key: str,
    n: int,
    found: Found,
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
