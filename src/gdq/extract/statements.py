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
  statement, up to the end of the sentence or the next speaker's frame.
* A verb with no subject right after a quotation continues its speaker (``X提出“…”,强调…``).
* A sentence that is nothing but a quotation (with sentence punctuation, more than six
  characters) is speech of its neighbours: the last speaker earlier in the same paragraph,
  else a person named in the sentence before, else the speaker of the next sentence in the
  paragraph; a paragraph made only of such quotations continues the last speaker of the
  paragraph before it (news prints a long quotation as its own paragraph right after the
  paragraph that names the speaker). ``“…”这是X常挂在嘴边的一句话`` is X's saying.
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

from gdq.extract.alternation import alternation
from gdq.extract.frames import (
    CLAUSE_STOPS,
    SENTENCE_END,
    SHORT_QUOTE,
    SPEECH_PUNCT,
    Doc,
    Frame,
    Sent,
    read_frames,
    read_sentence,
)
from gdq.extract.people import People, read_people, resolve, resolve_at
from gdq.extract.sources import MEDIA, ORGANISATION, source_type
from gdq.extract.subjects import PHRASE_CHAR, parse_subject
from gdq.extract.turns import Beside, beside, ends_sentence, opening_subject, turn
from gdq.lexicon import speech as lex
from gdq.lexicon.marks import SENTENCE_ENDERS
from gdq.models import Sentence, Statement

_COMMAS = re.escape(lex.COMMAS)
# Clauses that may sit between a closing quote and the clause that names its speaker.
_QUOTE_GAP_RE = re.compile(
    rf"[\s{_COMMAS}]*(?:(?:{alternation(lex.ADJUNCT_CLAUSE_OPENERS)}){PHRASE_CHAR}{{0,40}}[{_COMMAS}][\s]*)*"
)
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


def _strip_sentence_end(text: str) -> str:
    return text.rstrip(SENTENCE_END + " \u3000\t")


def _attribute_after(s: Sent, close: int) -> Frame | None:
    """The frame that follows a quotation and names its speaker: “…”X表示 / “…”在现场,X说."""
    text = s.sentence.text
    for frame in s.frames:
        if frame.subj_start <= close or frame.subject.kind == "chain":
            continue
        gap = _QUOTE_GAP_RE.fullmatch(text, close + 1, frame.subj_start)
        return frame if gap else None
    return None


def _reporting_clause(s: Sent, start: int, close: int) -> Frame | None:
    """``X直言,行业里…,“很多企业…。”``: a punctuated quotation that ends the reported clause
    of a frame is that speaker's own words, also when the sentence runs on after it
    (``…,“…。”据记者了解,…``: the quotation closes a sentence of its own)."""
    text = s.sentence.text
    content = text[start + 1 : close]
    if not any(ch in SPEECH_PUNCT for ch in content) or not ends_sentence(text, close):
        return None
    owners = [f for f in s.frames if f.follow == "clause" and f.text_start < start]
    return owners[-1] if owners else None


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
        reported = _strip_sentence_end(text[frame.text_start : end].rstrip(lex.COMMAS + "、 "))
        if len(reported) >= 2:
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


def _referent(frame: Frame, found: Sequence[_Found]) -> tuple[str, str]:
    """``该负责人表示``: the latest speaker whose name ends in the head (负责人), else the
    phrase itself, an anonymous source."""
    head = frame.subject.name
    organisation = head in lex.GENERIC_ORG_HEADS  # 该机构: the latest organisation, whatever its name
    for item in reversed(found):
        if item.speaker == frame.subject.roles:
            continue
        if item.speaker.endswith(head) or (organisation and item.stype == _body_type(head)):
            return item.speaker, item.stype
    return frame.subject.roles, frame.subject.stype


def _frame_statements(sents: Sequence[Sent], people: People, canonical: dict[str, str]) -> list[_Found]:
    found: list[_Found] = []
    for index, s in enumerate(sents):
        if not s.frames and not s.quotes:
            continue  # most sentences: nothing is said in them
        for frame in s.frames:
            if frame.subject.kind == "reference":
                frame.speaker, frame.stype = _referent(frame, found)
                continue
            if frame.subject.kind == "person":  # the common case, without a call
                frame.speaker = canonical.get(frame.subject.name, frame.subject.name)
            elif frame.subject.kind != "chain":
                frame.speaker = resolve(frame, people, canonical)
                frame.stype = frame.subject.stype
            if frame.speaker and frame.subject.kind in ("pronoun", "short"):
                # The resolved person is now the most recent one for the next pronoun.
                events = people.timeline()
                at = bisect_left(events, (index, frame.subj_start, ""))
                events.insert(at, (index, frame.subj_start, frame.speaker))
        _sentence_statements(index, s, found, people, canonical)
    return found


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


def _colon_continuations(sents: Sequence[Sent], found: list[_Found]) -> None:
    """``商务部有关负责人分析，8月份消费市场有以下特点：⏎…⏎…``: a speaker's paragraph that
    ends in a colon announces the paragraphs after it, which report the same speaker until a
    paragraph names a speaker or quotes someone of its own."""
    said = {f.sent for f in found}
    paras = [s.sentence for s in sents]
    last_of_para = [i + 1 == len(sents) or sents[i + 1].sentence.para != s.para for i, s in enumerate(paras)]
    for index, s in enumerate(sents):
        if not last_of_para[index] or not s.frames or not s.sentence.text.rstrip().endswith(_COLONS):
            continue
        frame = next((f for f in reversed(s.frames) if f.speaker), None)
        if frame is None:
            continue
        start = index + 1
        for _ in range(_COLON_SCOPE):
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
            found.append(_Found(start, 0, "indirect", frame.speaker, frame.verb, text, frame.stype))
            start = end


def extract(doc_key: str, sentences: Sequence[Sentence]) -> list[Statement]:
    """Statements of one document (sentences in document order), numbered in document order."""
    sents = [read_sentence(sentence) for sentence in sentences]
    doc = Doc(sents)
    people, canonical = read_people(sents, doc, read_frames(sents, doc))
    found = _frame_statements(sents, people, canonical)
    _unframed_quotes(sents, people, canonical, found)
    _interview_turns(sents, people, canonical, found)
    _colon_continuations(sents, found)
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
    )
