"""Speech with no reporting verb: the turns of a printed interview, and quotations beside a
person.

A question-and-answer piece prints each turn as a paragraph that opens with the speaker's name
and a colon (``冯  帆：最直观的影响是…``, ``记  者：…？``); names are often padded with spaces
to line up. Such a paragraph is the named person's own words. A paragraph that opens with
anything else and a colon (``原标题：``, ``数据来源：``) is not: the head must be a person the
document names, a name the model tags as a person, or the interviewer.

Feature stories also quote people with no verb at all, and the person is whoever the sentence
is about (``beside``): the subject of its clauses, which the name model reads — a person no
verb or preposition governs (``坎比…捅捅罗伊的肩头`` is about 坎比), not one of two joined
persons, and possessive only of something said (``徐作文的建议``). The model only sees the
clauses of sentences holding such a quotation.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from typing import NamedTuple

from gdq.extract import ner, sources
from gdq.extract.found import is_speech
from gdq.extract.frames import SENTENCE_END, SPEECH_PUNCT
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
# The clauses of a stretch of a sentence: what lies between commas, colons, semicolons and
# sentence ends.
_CLAUSE_RE = re.compile(
    "[^"
    + re.escape(speech.COMMAS + speech.SEMICOLONS + speech.COLONS + "".join(sorted(SENTENCE_FINAL)))
    + "]+"
)
# What may stand between a sentence's start and an opening quotation: nothing but spaces.
_LEAD_GAP = " \u3000\t"
# What may stand between the quotations of a run (“A”……“B”).
_RUN_GAP = _LEAD_GAP + "".join(sorted(SENTENCE_FINAL - SENTENCE_ENDERS))
# The name model's tags of words after which a person is an object, not the subject
# (捅捅罗伊, 让陈荣旺, 对李明): verbs and prepositions. A 的 closes such a modifier
# (刚开完会的董事长尚金锁).
_GOVERNING_TAGS = frozenset(("v", "vd", "p"))
_CONJUNCTION = "c"
_PREPOSITION = "p"
# Tags of a clause's first word when the clause has no subject (a verb, an adverb, a
# preposition, a conjunction): it continues the subject before it.
_CHAIN_TAGS = frozenset(("v", "vd", "d", "ad", "p", "c"))
_PRONOUNS = (speech.MALE_PRONOUN, speech.FEMALE_PRONOUN)
_POSSESSIVE = "的"
_COORDINATORS = frozenset(("c", "w"))  # 曾来香、钟玉莲 / 李明和王芳: two persons, no one subject


class Beside(NamedTuple):
    """The person beside a quotation: a name as written, or a pronoun (他/她) standing at
    ``at`` in the sentence, for the caller to resolve as it resolves a frame's pronoun; or,
    with ``previous``, no one in the sentence: its clauses have no subject, and continue
    the speaker of the sentence before."""

    name: str
    at: int = 0
    pronoun: bool = False
    previous: bool = False


def beside(text: str, quotes: Sequence[tuple[int, int]], n: int, known: Container[str]) -> Beside | None:
    """The person who says quotation ``n`` of a sentence when no verb frames it but the text
    puts a person beside it:

    * an opening quotation of speech, then the person: in the clause right after it
      (``“还真不一样！”钟玉莲看得兴起``), else the subject of a later clause of the sentence
      (``“…。”发言时，实验小学校长兰臻向大家展示了…``); an opening quotation that ends in a
      comma is the first half of a split quote (``“A，”主帅科特-兰比斯很无奈，“B。”``);
    * a colon after a clause about the person (``杨天梁难掩激动：“…”``);
    * a quotation that ends the sentence after clauses whose subject is a person
      (``陶华松乘一叶小舟，捞起珠蚌，…，“…！”``, ``大学毕业后，季雨豪选择回到母校，成为一名
      教师：“…”``, ``“A，”X很无奈，“B。”``).

    A term in quotation marks (“十五五”) never ends in sentence punctuation, nor follows a colon
    or a comma at the head of its clause; the quotations that only clauses stand beside must
    also read as speech (punctuation inside, or 我/你), since slogans follow a comma too. A
    person governed by a verb or a preposition (捅捅罗伊的肩头, 让陈荣旺) is not the subject,
    and two different persons as subjects leave the quotation to no one."""
    start, close = quotes[n]
    content = text[start + 1 : close]
    if _opens_sentence(text, quotes, n):
        # A run of quotations may open the sentence (“A”……“B”……X…): the clauses after the
        # run are about their speaker.
        end = _run_end(text, quotes, n)
        tail_end = quotes[end + 1][0] if end + 1 < len(quotes) else len(text)
        last = content[-1:]
        split = last in speech.COMMAS and end + 1 < len(quotes) and is_speech(content, voiced=True)
        if last in SENTENCE_FINAL or text[close + 1 : close + 2] in SENTENCE_FINAL or split:
            # An exclamation or a question that opens a sentence is speech however short
            # (“还真不一样！”); an ellipsis may end a term.
            speech_like = is_speech(content, voiced=True) or last in SENTENCE_ENDERS
            return _after(text, quotes[end][1] + 1, tail_end, known, speech_like)
        return None
    lead_start = _lead_start(text, quotes, n)
    if not text[lead_start:start].strip(_LEAD_GAP):
        return None  # right after another quotation, inside a sentence
    head = text[lead_start:start].rstrip()
    if head.endswith(_COLONS):
        # The person is in the clause that the colon ends (旁边响起一个声音： names nobody,
        # whoever the clause before it was about).
        before = text[max(0, start - 1 - _NEAR * 2) : start - 1]
        last = _CLAUSE_STOP_RE.split(before)[-1]
        person = _first_person(last, known)
        if person is not None:
            return Beside(person)
        if not _continues_subject(last, known):
            return None
    elif not head.endswith(tuple(speech.COMMAS)):
        return None  # 聚焦“…”, 提出“…”: a quotation that is a verb's object
    if not is_speech(content, voiced=True) or not ends_sentence(text, close):
        return None
    subject = _chain_subject(text, lead_start, start, known)
    if subject is None and lead_start == 0 and _opens_without_subject(text[:start]):
        # 黎明说，…。对学有余力的孩子开展拓展课程，…，“我们…。”: a sentence that opens with
        # no subject and names no person goes on with the speaker of the sentence before.
        return Beside("", previous=True)
    return subject


def _opens_sentence(text: str, quotes: Sequence[tuple[int, int]], n: int) -> bool:
    """Quotation ``n`` opens the sentence, perhaps after other quotations (“A”……“B”)."""
    done = 0
    for start, close in quotes[: n + 1]:
        if text[done:start].strip(_RUN_GAP):
            return False
        done = close + 1
    return True


def _run_end(text: str, quotes: Sequence[tuple[int, int]], n: int) -> int:
    """The last quotation of the run that quotation ``n`` is in: quotations with nothing but
    spaces or an ellipsis between them."""
    while n + 1 < len(quotes) and not text[quotes[n][1] + 1 : quotes[n + 1][0]].strip(_RUN_GAP):
        n += 1
    return n


def _opens_without_subject(lead: str) -> bool:
    """The first clause of the stretch opens with a verb, an adverb or a preposition."""
    first = _CLAUSE_RE.match(lead.lstrip(_LEAD_GAP))
    words = ner.tag(first.group()) if first is not None else ()
    return bool(words) and words[0].tag in _CHAIN_TAGS


def _lead_start(text: str, quotes: Sequence[tuple[int, int]], n: int) -> int:
    """Where the clauses before quotation ``n`` start: after the last quotation of speech
    before it (a term in marks, 珍珠“蹦”了出来, is part of a clause), or at the sentence start."""
    for start, close in reversed(quotes[:n]):
        content = text[start + 1 : close]
        if content[-1:] in SPEECH_PUNCT or is_speech(content, voiced=True):
            return close + 1
    return 0


def ends_sentence(text: str, close: int) -> bool:
    """The quotation closes its sentence: nothing but a sentence end follows, or it ends in
    sentence punctuation itself (“…！”几个队友笑出了声)."""
    rest = text[close + 1 :].strip(SENTENCE_END + _LEAD_GAP)
    return not rest or text[close - 1] in SENTENCE_FINAL


def _after(text: str, begin: int, end: int, known: Container[str], speech_like: bool) -> Beside | None:
    """The person of the clauses after an opening quotation: any person in the first clause
    (“…。”广药集团董事长李小军谈及参会感受时深有感触。), else, for words that read as
    speech, the subject of the later clauses."""
    # The clause right after the quotation: its person, perhaps after a post.
    first = _CLAUSE_STOP_RE.split(text[begin : min(end, begin + _NEAR * 2)])[0]
    person = _first_person(first, known, ungoverned=True)
    if person is not None:
        return Beside(person)
    return _chain_subject(text, begin, end, known, after=True) if speech_like else None


def _chain_subject(
    text: str, begin: int, end: int, known: Container[str], after: bool = False
) -> Beside | None:
    """The one person who is the subject of the clauses of ``text[begin:end]``: the first
    clause subject, when every other named subject is the same person (a pronoun after a
    name refers back to it); a pronoun alone is returned for the caller to resolve.

    The clauses next to the quotation — those up to the subject after it (``after``), the
    last one before it — may make its words someone else's: heard or read (听到喊声, 上面
    写着), or the words of an owner (徐作文的建议 is 徐作文's, 父亲的叮嘱 no one named)."""
    clauses = list(_CLAUSE_RE.finditer(text, begin, end))
    found: Beside | None = None
    for n, clause in enumerate(clauses):
        if (after and found is None) or (not after and n == len(clauses) - 1):
            if any(cue in clause.group() for cue in speech.HEARD_OR_WRITTEN):
                return None
            owner = _speech_owner(ner.tag(clause.group()), known)
            if owner is not None:
                return owner._replace(at=owner.at + clause.start()) if owner.name else None
        subject = _clause_subject(clause.group(), known)
        if subject is None:
            continue
        subject = subject._replace(at=subject.at + clause.start())
        if found is None:
            found = subject
        elif subject.pronoun:
            continue  # 坎比走进更衣室，他用…: the pronoun is the person named before it
        elif found.pronoun or not _same_person(found.name, subject.name):
            return None  # two persons: whose words they are is not for a rule to say
    return found


def _continues_subject(clause: str, known: Container[str]) -> bool:
    """The clause has no subject of its own (成为一名教师, 坚定返乡任教), or a person or
    pronoun for one: the clause before a colon that may hand the quotation to the subject of
    an earlier clause (旁边响起一个声音 has a subject, and it is no one named)."""
    words = ner.tag(clause.strip(_LEAD_GAP))
    return not words or words[0].tag in _CHAIN_TAGS or _clause_subject(clause, known) is not None


def opening_subject(text: str, known: Container[str]) -> str | None:
    """The person who is the subject of a sentence's first clause, if a person is."""
    first = _CLAUSE_RE.match(text)
    subject = _clause_subject(first.group(), known) if first is not None else None
    return subject.name if subject is not None and not subject.pronoun else None


def _same_person(a: str, b: str) -> bool:
    return a in b or b in a


def _clause_subject(clause: str, known: Container[str]) -> Beside | None:
    """The person who is the subject of a clause: the first person (or 他/她) the name model
    finds that no verb or preposition governs, not a possessor, not one of two joined
    persons nor one another person acts on. ``at`` is where it stands in the clause."""
    words = ner.tag(clause)
    governed = coordinated = False
    at = 0
    for i, word in enumerate(words):
        nxt = words[i + 1] if i + 1 < len(words) else None
        if _is_person(word, known) or (word.tag == "r" and word.text in _PRONOUNS):
            if governed or coordinated:
                return None
            if nxt is not None and nxt.text == _POSSESSIVE:
                pass  # 王芳的母亲: the person is not the subject, what follows may be
            elif _joined_to_another(words, i, known) or _acted_on(words, i, known):
                return None  # 曾来香、钟玉莲就到了 / 刘洋被张强叫住: two persons
            else:
                return Beside(word.text, at, word.text in _PRONOUNS)
        elif word.text == _POSSESSIVE:
            governed = False
        elif word.tag in _GOVERNING_TAGS:
            governed = True
        elif word.tag == _CONJUNCTION and i > 0:
            coordinated = True  # 老板与…的队员杨某: one of two, whatever modifies it
        at += len(word.text)
    return None


def _speech_owner(words: Sequence[ner.Word], known: Container[str]) -> Beside | None:
    """Whose words a clause names, when it names words (``的`` and a speech noun): the person
    before ``的`` (徐作文的建议), else ``Beside("")``, someone unnamed (父亲的叮嘱)."""
    at = 0
    for i, word in enumerate(words[:-1]):
        if word.text == _POSSESSIVE and words[i + 1].text in speech.SPEECH_NOUNS:
            before = words[i - 1] if i > 0 else None
            if before is not None and _is_person(before, known):
                return Beside(before.text, at - len(before.text))
            return Beside("")
        at += len(word.text)
    return None


def _acted_on(words: Sequence[ner.Word], i: int, known: Container[str]) -> bool:
    """Person ``i`` undergoes what another person after a passive marker does."""
    marked = False
    for word in words[i + 1 :]:
        if word.text in speech.PASSIVE_MARKERS:
            marked = True
        elif marked and _is_person(word, known):
            return True
    return False


def _joined_to_another(words: Sequence[ner.Word], i: int, known: Container[str]) -> bool:
    """Person ``i`` is one of two or more joined before the predicate (a conjunction or an
    enumeration mark, then another person, before any verb)."""
    joined = False
    for word in words[i + 1 :]:
        if word.tag in _GOVERNING_TAGS:
            return False
        if word.tag in _COORDINATORS:
            joined = True
        elif joined and _is_person(word, known):
            return True
    return False


def _is_person(word: ner.Word, known: Container[str]) -> bool:
    """A person's name as the model tags it, or a name the document knows (a Latin name in
    brackets is an aside, never the person meant)."""
    return len(word.text) >= 2 and not word.text.isascii() and (word.tag == ner.PERSON or word.text in known)


def _first_person(clause: str, known: Container[str], ungoverned: bool = False) -> str | None:
    """The first person a clause names: one the model tags, or a name the document knows;
    with ``ungoverned``, only one before any preposition (“…”银行板块被包括王某在内的基金经理
    看空: the person after 被 is in an adjunct, not the one who says the quotation)."""
    for word in ner.tag(clause):
        if ungoverned and word.tag == _PREPOSITION:
            return None
        if _is_person(word, known):
            return word.text
    return None
