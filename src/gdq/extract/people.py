"""The persons of one document: their names, roles and sex, where they are mentioned, and
whom a pronoun or a short form stands for.

* A person is named by a frame's subject, after a title anywhere in the text (欣旺达创始人
  王明旺同样感受到…) or before an honorific (何静怡女士负责…).
* One canonical name per person: a name read short or long (欧阳明 / 阳明远 beside 欧阳明远)
  maps to the one longer known name that begins or ends with it. Every statement of a person
  carries all roles found for that person anywhere in the document.
* 他/她 resolve to the most recent person (within a few paragraphs) whose known sex does not
  contradict the pronoun; ``李总``/``郑教授`` to the most recent known person of that surname.
  An unresolvable pronoun gives no speaker, never "他".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial

from gdq.extract import ner
from gdq.extract.alternation import alternation
from gdq.extract.frames import BLANK, WINDOW, Doc, Frame, Sent, subject_start
from gdq.extract.subjects import (
    CACHE_SIZE,
    FOREIGN_NAME,
    HONORIFIC_SEX,
    LEADING_RE,
    Subject,
    is_name,
    split_roles,
)
from gdq.lexicon import speech as lex
from gdq.text.fold import to_simplified

# Pronouns look back at most this many paragraphs for the person they stand for.
_PRONOUN_PARAGRAPHS = 6
_TITLE_RE = re.compile(alternation(lex.TITLE_WORDS))
_HONORIFIC_RE = re.compile(alternation(HONORIFIC_SEX))
# One set lookup rules most texts out before the loop over HONORIFIC_SEX.
_HONORIFIC_FIRST = frozenset(h[0] for h in HONORIFIC_SEX)
_ROLE_CUT_RE = re.compile(f".*[{re.escape(lex.ROLE_CUT_AFTER)}]", re.DOTALL)
# A guard word (自由, 由于) or else an agent mark: scanning left to right, a guard takes its
# characters before the mark inside it can match alone.
_AGENT_RE = re.compile(f"(?:{alternation(lex.ROLE_AGENT_GUARDS)})|([{re.escape(lex.ROLE_AGENT_MARKS)}])")
_FOREIGN_AT_RE = re.compile(FOREIGN_NAME)
_JOINERS = frozenset(lex.FOREIGN_NAME_JOINERS)
_LAST_PART_RE = re.compile(f"[{re.escape(lex.FOREIGN_NAME_JOINERS)}]([\u4e00-\u9fff]+)$")


@dataclass(slots=True)
class People:
    """Everything known about the persons of one document."""

    roles: dict[str, list[str]] = field(default_factory=dict)
    gender: dict[str, str] = field(default_factory=dict)
    # (sent, pos, name) of mentions of persons; complete and in order once timeline() ran.
    events: list[tuple[int, int, str]] = field(default_factory=list)
    paragraph_of: list[int] = field(default_factory=list)
    # Finds the bare mentions of known names (a search per name), for timeline() to add.
    bare_mentions: Callable[[], list[tuple[int, int, str]]] | None = None
    # (name, role text) pairs already added: adding one again changes nothing, since every
    # role it holds stays within some role of the person.
    added: set[tuple[str, str]] = field(default_factory=set)

    def add_roles(self, name: str, role_text: str) -> None:
        key = (name, role_text)
        if key in self.added:
            return  # the name is in self.roles already
        self.added.add(key)
        known = self.roles.setdefault(name, [])
        for role in split_roles(role_text):
            # The exact test first: a person's role is mostly seen again as written.
            if role in known or any(role in old for old in known):
                continue
            known[:] = [old for old in known if old not in role]
            known.append(role)

    def timeline(self) -> list[tuple[int, int, str]]:
        """Every mention of a person in reading order. Only pronouns, short forms (李总) and
        bare quotations look at it, so the bare mentions are found when first asked for."""
        if self.bare_mentions is not None:
            self.events += self.bare_mentions()
            self.events.sort()
            self.bare_mentions = None
        return self.events

    def set_gender(self, name: str, gender: str) -> None:
        if gender and name not in self.gender:
            self.gender[name] = gender


class _Known:
    """The names known in a document, for longest-match lookups: one set lookup per name
    length instead of a ``startswith`` per name (documents name dozens of persons)."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = frozenset(names)
        self.lengths = sorted({len(n) for n in self.names}, reverse=True)

    def prefix_of(self, text: str) -> str:
        """The longest known name that ``text`` starts with, or ""."""
        for n in self.lengths:
            if n <= len(text) and text[:n] in self.names:
                return text[:n]
        return ""

    def ending_at(self, text: str, end: int) -> str:
        """The longest known name that ends right before ``text[end]``, or ""."""
        for n in self.lengths:
            if n <= end and text[end - n : end] in self.names:
                return text[end - n : end]
        return ""


# --- mentions -------------------------------------------------------------------------------


def _mention_name(text: str, start: int, known: _Known) -> str:
    window = text[start : start + 8]
    name = known.prefix_of(window)
    if name:
        return name
    if _FOREIGN_AT_RE.match(text, start, start + 24):
        # 主力前锋安德雷-布莱切有望…: where a transliteration ends only the model can tell.
        first = ner.tag(text[start : start + 16])[0]
        if first.tag == ner.PERSON and not _JOINERS.isdisjoint(first.text):
            return first.text
    if len(window) >= 3 and window[2] not in lex.MENTION_BREAKERS and is_name(window[:3]):
        return window[:3]
    return window[:2] if is_name(window[:2]) else ""


@lru_cache(maxsize=CACHE_SIZE)
def _mention_role(clause: str) -> str:
    """The role part of ``记者遇到了杭州某科技公司的工程师``: what follows the clause's verb."""
    cut = _ROLE_CUT_RE.match(clause)  # greedy: up to the last cut character
    role = clause[cut.end() :] if cut else clause
    return LEADING_RE.sub("", role[_agent_end(role) :])


def _agent_end(role: str) -> int:
    """Where the role starts after an agent mark (南开大学校长、该系列课程由中国工程院院士: the
    course is by the academician, whose role is 中国工程院院士), else 0. Most roles hold none."""
    if not any(mark in role for mark in lex.ROLE_AGENT_MARKS):
        return 0
    marks = [m.end() for m in _AGENT_RE.finditer(role) if m.group(1)]
    return marks[-1] if marks else 0


def _mention(s: Sent, index: int, start: int, end: int, title: str, people: People, known: _Known) -> None:
    """A person introduced by a title outside speech frames: 欣旺达创始人王明旺同样感受到…"""
    if s.scan[start] == BLANK or title in lex.BYLINE_TITLES:
        return
    text = s.sentence.text
    name = _mention_name(text, end, known)
    if not name:
        return
    role_start = max(subject_start(s, start), start - WINDOW)
    people.add_roles(name, _mention_role(text[role_start:end]))
    after = text[end + len(name) : end + len(name) + 2]
    if after[:1] in _HONORIFIC_FIRST:
        for suffix, sex in HONORIFIC_SEX.items():
            if after.startswith(suffix):
                people.set_gender(name, sex)
    people.events.append((index, end, name))


def _honorific_mention(s: Sent, index: int, at: int, honorific: str, people: People, known: _Known) -> None:
    """``何静怡女士负责…``: a name before 女士/先生 is a person of known sex, title or not."""
    if s.scan[at] == BLANK:
        return
    text = s.sentence.text
    name = known.ending_at(text, at)
    name = name or next((text[at - k : at] for k in (3, 2) if at >= k and is_name(text[at - k : at])), "")
    if name:
        people.roles.setdefault(name, [])
        people.set_gender(name, HONORIFIC_SEX[honorific])
        people.events.append((index, at - len(name), name))


def _forms(names: Sequence[str]) -> list[tuple[str, str]]:
    """(name, a form it is written in): the name in simplified characters, and for a
    transliterated name its last part alone (安德雷-布莱切 is then 布莱切)."""
    out: list[tuple[str, str]] = []
    for name in names:
        form = to_simplified(name)
        out.append((name, form))
        last = _LAST_PART_RE.search(form)
        if last is not None and len(last.group(1)) >= 2:
            out.append((name, last.group(1)))
    return out


def _name_events(sents: Sequence[Sent], doc: Doc, names: Sequence[str]) -> list[tuple[int, int, str]]:
    """Every bare mention of a known name: each keeps that person the most recent one.

    The mentions are those a regex alternation of the names (longest first) would find in
    each sentence: leftmost, longest at its position, not overlapping. Compiling such a regex
    for every document cost more than reading the document, so each name is looked for with
    ``str.find`` in the joined text and the overlaps are dropped afterwards.
    """
    joined = doc.text  # in simplified characters: names are looked for in the same form
    hits: list[tuple[int, int, str]] = []  # (position, -length, name): longest first at a position
    for name, form in _forms(names):
        at = joined.find(form)
        while at >= 0:
            hits.append((at, -len(form), name))
            at = joined.find(form, at + 1)
    hits.sort()
    events: list[tuple[int, int, str]] = []
    free = 0  # where the last kept mention ends
    for at, minus_length, name in hits:
        if at < free:
            continue
        free = at - minus_length
        index, pos = doc.locate(at)
        if sents[index].scan[pos] != BLANK:
            events.append((index, pos, name))
    return events


# --- names and pronouns ---------------------------------------------------------------------


def _canonical_names(people: People) -> dict[str, str]:
    """Each name maps to itself, or to the one longer known name that begins or ends with it
    (a mention read as 欧阳明 or 阳明远 where a frame named 欧阳明远)."""
    names = set(people.roles)
    canonical = {name: name for name in names}
    # Comparing every pair of names was quadratic. In sorted order the names that begin with
    # a name come right after it, and in the sorted order of reversed names those that end
    # with it: a bisection per name finds them, and mostly finds none.
    forward = sorted(names)
    backward = sorted(name[::-1] for name in names)
    forward.append("")  # ends the walks below: "" follows no name and begins with none
    backward.append("")
    for name in names:
        eman = name[::-1]
        i = bisect_right(forward, name, 0, len(names))
        j = bisect_right(backward, eman, 0, len(names))
        if not forward[i].startswith(name) and not backward[j].startswith(eman):
            continue  # no longer name begins or ends with this one
        longer: set[str] = set()
        while forward[i].startswith(name):
            longer.add(forward[i])
            i += 1
        while backward[j].startswith(eman):
            longer.add(backward[j][::-1])
            j += 1
        if len(longer) == 1:
            canonical[name] = longer.pop()
    return canonical


def read_people(sents: Sequence[Sent], doc: Doc, frames: Iterable[Frame]) -> tuple[People, dict[str, str]]:
    """Every person the document names, in reading order (the subjects of its frames first),
    and the canonical name of each."""
    people = People(paragraph_of=[s.sentence.para for s in sents])
    for frame in frames:
        subject = frame.subject
        if subject.kind == "person":
            people.add_roles(subject.name, subject.roles)
            if subject.gender:
                people.set_gender(subject.name, subject.gender)
    known = _Known(people.roles)
    # Titles and honorifics in reading order, a sentence's titles before its honorifics: the
    # first sex recorded for a person wins. Honorifics are rare, so they wait in a list.
    honorifics = list(doc.matches(_HONORIFIC_RE))
    done = 0
    for index, start, end, title in doc.matches(_TITLE_RE):
        while done < len(honorifics) and honorifics[done][0] < index:
            at_index, at, _, honorific = honorifics[done]
            _honorific_mention(sents[at_index], at_index, at, honorific, people, known)
            done += 1
        _mention(sents[index], index, start, end, title, people, known)
    for at_index, at, _, honorific in honorifics[done:]:
        _honorific_mention(sents[at_index], at_index, at, honorific, people, known)
    people.bare_mentions = partial(_name_events, sents, doc, sorted(people.roles, key=len, reverse=True))
    canonical = _canonical_names(people)
    merge_roles(people, canonical)
    return people, canonical


def merge_roles(people: People, canonical: dict[str, str]) -> None:
    """Each name's roles and sex also go to its canonical name. Shortest names first, so that
    roles travel the whole way along a chain of names (罗伊 → 布兰顿·罗伊 → 布兰顿·罗伊二世),
    the same way whatever order the names were found in."""
    for name, full in sorted(canonical.items(), key=lambda item: (len(item[0]), item[0])):
        if name != full:
            for role in people.roles.get(name, ()):
                people.add_roles(full, role)
            people.set_gender(full, people.gender.get(name, ""))


def resolve(frame: Frame, people: People, canonical: dict[str, str]) -> str:
    """The canonical speaker of a frame, or "" when it cannot be told."""
    return resolve_at(frame.subject, frame.sent, frame.subj_start, people, canonical)


def resolve_at(subject: Subject, sent: int, pos: int, people: People, canonical: dict[str, str]) -> str:
    """The canonical person a subject standing at ``pos`` of sentence ``sent`` names (a
    pronoun or a short form is read back from there), or "" when it cannot be told."""
    if subject.kind == "person":
        return canonical.get(subject.name, subject.name)
    if subject.kind in ("institution", "source"):
        return subject.name
    position = (sent, pos, "")
    events = people.timeline()
    i = bisect_left(events, position) - 1
    # A surname (林总) is evidence enough to look back through the whole document.
    floor = people.paragraph_of[sent] - _PRONOUN_PARAGRAPHS if subject.kind == "pronoun" else -1
    while i >= 0 and people.paragraph_of[events[i][0]] >= floor:
        name = canonical.get(events[i][2], events[i][2])
        fits = subject.kind != "short" or name.startswith(subject.name)
        if subject.kind == "pronoun" and subject.gender:  # 其 tells no sex
            fits = people.gender.get(name, subject.gender) == subject.gender
        if fits:
            if subject.kind == "pronoun":
                people.set_gender(name, subject.gender)
            return name
        i -= 1
    # 李女士告诉记者: a surname and a title is how news names a person it does not name in
    # full; with no such person known, that is the speaker.
    return subject.roles if subject.kind == "short" else ""
