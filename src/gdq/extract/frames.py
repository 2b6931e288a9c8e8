"""Reporting frames: ``subject + reporting verb`` outside quote marks, and what follows them.

A frame is ``广药集团董事长李小军表示``: the subject is the clause before the verb (back to the
previous comma, full stop or closing quote; see ``subjects``). What follows the verb decides
the kind: a quote mark makes a *direct* statement (``X表示:“…”``); a comma or colon and a
clause make an *indirect* one (``X认为,…``, up to the end of the sentence); a full stop only
closes a quotation that came before (``“…”X表示。``). A verb followed by a word that makes it
something else (表示感谢, 称为, 说服) is a false friend and frames nothing.

All scanning is linear in the sentence length: regexes are compiled once and look-behinds are
bounded by ``WINDOW`` characters.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from gdq.extract import sources
from gdq.extract.alternation import alternation
from gdq.extract.subjects import MANNER, PHRASE_CHAR, Subject, issuer, parse_subject
from gdq.lexicon import sources as srclex
from gdq.lexicon import speech as lex
from gdq.lexicon.marks import CLOSERS, PAIRS, SENTENCE_FINAL, SPEECH_QUOTES, SYMMETRIC_QUOTES
from gdq.models import Sentence
from gdq.text.fold import to_simplified
from gdq.text.sentences import matched_pairs

# Longest stretch read backwards from a verb for its subject, and forwards for a name.
WINDOW = 64
# Quotations at most this long are slogans or terms unless punctuation or a colon marks speech.
SHORT_QUOTE = 6

_QUOTE_CLOSERS = frozenset(SPEECH_QUOTES.values())
_HAN_RE = re.compile("[\u4e00-\u9fff]")
# The end of a sentence, or of a clause that stands like one (…；).
SENTENCE_END = "".join(sorted(SENTENCE_FINAL)) + lex.SEMICOLONS
_SENTENCE_END_RE = re.compile(f"[{re.escape(SENTENCE_END)}]")
# Punctuation inside a quotation that makes it speech rather than a term.
SPEECH_PUNCT = frozenset(SENTENCE_END + lex.COMMAS + lex.COLONS)
# Where a subject clause starts (scanning backwards from its verb, outside any brackets).
CLAUSE_STOPS = SPEECH_PUNCT | frozenset(lex.DASHES + "\u3000 \t") | _QUOTE_CLOSERS
# The last clause stop of a stretch: greedy, so one match call finds it from the right.
_STOPS = re.escape("".join(sorted(CLAUSE_STOPS)))  # for character classes
_LAST_STOP_RE = re.compile(f".*[{_STOPS}]", re.DOTALL)
_NEXT_STOP_RE = re.compile(f"[{_STOPS}]")
# After a verb, these open its words: X表示:“…”, X认为,….
_OPENS_WORDS = lex.COLONS + lex.COMMAS
BLANK = "\0"  # stands for a character inside brackets or quotes; not a clause stop
_PAIRED_MARK = re.compile("[" + re.escape("".join(sorted({*PAIRS, *CLOSERS, *SYMMETRIC_QUOTES}))) + "]")
_VERB_RE = re.compile(alternation(lex.REPORTING_VERBS))
# What may stand between a verb and the colon that opens its words: a few characters of one
# clause (no stop, no quotation).
_TO_COLON_RE = re.compile(rf"[^{_STOPS}{BLANK}]{{1,16}}[{re.escape(lex.COLONS)}]")
_FALSE_PHRASES = lex.FALSE_FRIEND_PHRASES
_FIRMS = tuple(lex.ORG_SUFFIXES)
_BARE_VERBS = lex.CLAUSE_VERBS | lex.DOCUMENT_CLAUSE_VERBS
# Institutions that are people by a post (外交部发言人): they report a clause as persons do.
_PEOPLE = frozenset((sources.ANONYMOUS, sources.GROUP))
_VERBS = tuple(lex.REPORTING_VERBS)
_LONGEST_VERB = max(map(len, _VERBS))
# An aside in round brackets inside a subject clause: an English name, an abbreviation.
_ASIDE_RE = re.compile(
    "|".join(f"{re.escape(o)}[^{re.escape(o + c)}]*{re.escape(c)}" for o, c in lex.ROUND_BRACKETS.items())
)
_PHRASE_LAST = frozenset(p[-1] for p in _FALSE_PHRASES)
# The listener of 告诉: a few characters, up to the comma or colon that opens the words.
# A word of manner with 的 right before a verb (乐观的表示), searched in the last few characters.
_MANNER_DE_RE = re.compile(f"(?:{MANNER})$")
_MANNER_SPAN = 1 + max(map(len, lex.MANNER_WORDS))
_LISTENER_RE = re.compile(rf"[^{_STOPS}]{{1,12}}(?=[{re.escape(_OPENS_WORDS)}])")


# A setting: clauses that open with an adjunct (在当天举行的会议上，), as may sit between a
# closing quote and the clause that names its speaker, or between 据X报道， and the speaker
# whose words the medium wraps.
SETTING_RE = re.compile(
    rf"[\s{re.escape(lex.COMMAS)}]*(?:(?:{alternation(lex.ADJUNCT_CLAUSE_OPENERS)}){PHRASE_CHAR}{{0,40}}[{re.escape(lex.COMMAS)}][\s]*)*"
)


@dataclass(slots=True)
class Frame:
    sent: int  # index into the document's sentences
    subj_start: int
    verb_start: int
    verb: str
    subject: Subject
    follow: str  # "quote", "clause" or "end"
    quote: int = -1  # index into the sentence's quotations when follow == "quote"
    text_start: int = 0  # where the reported clause starts when follow == "clause"
    bare: bool = False  # the reported clause follows the verb with no punctuation (她认为这是…)
    speaker: str = ""  # canonical speaker, filled in when resolved
    stype: str = "person"  # the speaker's type, filled in with the speaker


@dataclass(slots=True)
class Sent:
    sentence: Sentence
    quotes: list[tuple[int, int]]  # top-level quotations (open, close)
    # The text with every character inside brackets or quotes (an opening mark counts as
    # inside, a closing mark as outside) replaced by BLANK: clause stops are searched here,
    # and a word found in the text lies outside all brackets when its first character is not
    # blanked here (no word starts with BLANK).
    scan: str
    frames: list[Frame] = field(default_factory=list)


def _read_marks(text: str) -> tuple[list[tuple[int, int]], str]:
    """The top-level quotations of a sentence and its text with brackets and quotations
    blanked (``Sent.scan``).

    An opening mark counts as inside its pair and a closing mark as outside, so a clause
    scan that stops at a closing quote outside all brackets stops right after the quotation.
    """
    pairs = matched_pairs(text)
    if not pairs:  # marks, but none of them paired
        return [], text
    quotes: list[tuple[int, int]] = []
    pieces: list[str] = []
    done = 0  # everything before this is inside a pair or copied already
    # By opening position: a pair that opens before ``done`` lies inside (or crosses) an
    # earlier one, so it is not top-level; the blanked spans are the union of the pairs.
    for start, end in sorted(pairs):
        if start >= done and text[start] in SPEECH_QUOTES:
            quotes.append((start, end))
            if _is_term(text, start, end):
                end += 1  # the closing mark of a term is inside the clause too
        if end <= done:
            continue
        start = max(start, done)
        pieces += (text[done:start], BLANK * (end - start))
        done = end
    pieces.append(text[done:])
    return quotes, "".join(pieces)


def _is_term(text: str, start: int, end: int) -> bool:
    """A short quotation with no speech punctuation that runs on into a word is part of a
    name or a term (社运团体「緬甸正義」指称, “十五五”规划建议提出), so its closing mark does
    not end the clause before a verb."""
    return (
        end - start - 1 <= SHORT_QUOTE
        and _HAN_RE.match(text, end + 1) is not None
        and SPEECH_PUNCT.isdisjoint(text[start + 1 : end])
    )


def read_sentence(sentence: Sentence) -> Sent:
    text = sentence.text
    if _PAIRED_MARK.search(text):
        return Sent(sentence, *_read_marks(text))
    return Sent(sentence, [], text)  # most sentences: no quotation, nothing to blank


class Doc:
    """The sentences of a document joined by line breaks, so that a pattern is scanned once
    per document rather than once per sentence. No word searched for holds a line break, so
    no match spans two sentences and the matches are those of the sentences one by one."""

    def __init__(self, sents: Sequence[Sent]) -> None:
        texts = [s.sentence.text for s in sents]
        # Reporting verbs are found in simplified characters (說 is 说); folding keeps every
        # character in place, so positions are those of the text as written.
        self.text = to_simplified("\n".join(texts))
        self.starts = [0, *accumulate(len(text) + 1 for text in texts)]  # where each sentence starts

    def locate(self, at: int) -> tuple[int, int]:
        """(sentence index, position in that sentence) of a position in the joined text."""
        index = bisect_right(self.starts, at) - 1
        return index, at - self.starts[index]

    def matches(self, pattern: re.Pattern[str]) -> list[tuple[int, int, int, str]]:
        """(sentence index, start, end, matched text) of every match, in reading order; start
        and end are positions in the sentence."""
        starts = self.starts
        return [
            (index, match.start() - starts[index], match.end() - starts[index], match.group())
            for match in pattern.finditer(self.text)
            for index in (bisect_right(starts, match.start()) - 1,)
        ]


def subject_start(s: Sent, verb_start: int) -> int:
    """Start of the clause that ends at ``verb_start``, or -1 when that clause is longer than
    ``WINDOW`` (no subject is that long; text without punctuation is not news prose).

    Only the last ``WINDOW`` characters before the verb are searched for a stop: with none
    there, the clause starts at the text's start or is too long."""
    stop = _LAST_STOP_RE.match(s.scan, max(0, verb_start - WINDOW - 1), verb_start)
    if stop is not None:
        return stop.end()
    return 0 if verb_start <= WINDOW else -1


# --- what follows a verb --------------------------------------------------------------------


# Characters that may start what turns a verb into a false friend: most verbs are followed
# by none of them, and one set lookup settles those.
_FALSE_FRIEND_FIRST = frozenset("".join(lex.FALSE_FRIEND_NEXT.values())) | {
    w[0] for w in lex.FALSE_FRIEND_OBJECTS
}


def _is_false_friend(verb: str, after: str) -> bool:
    if after[:1] not in _FALSE_FRIEND_FIRST:
        return False
    if after[0] in lex.FALSE_FRIEND_NEXT.get(verb, ""):
        return True
    return after.startswith(lex.FALSE_FRIEND_OBJECTS)


def _quote_at(quotes: list[tuple[int, int]], pos: int) -> int:
    """Index of the quotation that opens at ``pos`` (quotes are sorted by start), or -1."""
    n = bisect_left(quotes, (pos, -1))
    return n if n < len(quotes) and quotes[n][0] == pos else -1


def _stands_alone(text: str, start: int, close: int) -> bool:
    """A quotation that runs on into more words (``说,“稳中求进”是…``) is a term in a clause,
    unless it ends a sentence of its own (``…。”这正是…``)."""
    after = text[close + 1 : close + 2]
    if not after or after in CLAUSE_STOPS or after in SENTENCE_END or after in SPEECH_QUOTES:
        return True
    return text[close - 1] in SENTENCE_END


def _follow(s: Sent, verb: str, end: int) -> tuple[str, int] | None:
    """What the words after a verb make of it: ("quote", n), ("clause", start) or ("end", 0)."""
    text = s.sentence.text
    n = len(text)
    pos = end
    while pos < n and text[pos] in " \u3000":
        pos += 1
    ch = text[pos] if pos < n else ""
    if verb in lex.COMMA_ONLY_VERBS and not (ch and ch in _OPENS_WORDS):
        return None  # 指向, 是指: pointing or meaning, not speech
    if ch and ch in _OPENS_WORDS:
        nxt = pos + 1
        while nxt < n and text[nxt] in " \u3000":
            nxt += 1
        q = _quote_at(s.quotes, nxt) if s.quotes else -1
        if q >= 0 and (ch in lex.COLONS or _stands_alone(text, *s.quotes[q])):
            return "quote", q
        return "clause", nxt
    q = _quote_at(s.quotes, pos) if ch in SPEECH_QUOTES else -1
    if q >= 0:
        start, close = s.quotes[q]
        if close - start - 1 > SHORT_QUOTE:
            return "quote", q
        if verb in lex.CLAUSE_VERBS and _is_term(text, start, close):
            return "bare", pos  # 有分析认为“保交楼”存在缺口: a clause that opens with a term
        return None
    if not ch or ch in SENTENCE_END or ch in _QUOTE_CLOSERS:
        return "end", 0
    if verb in _BARE_VERBS and not _is_false_friend(verb, text[pos : pos + 4]):
        # (a verb only documents use so is checked with the subject)
        return None if _time_clause(s, pos) else ("bare", pos)
    # 张军提醒大家要转变习惯性思维：不要…: a short object, then a colon that opens the words.
    announced = _TO_COLON_RE.match(s.scan, pos)
    if announced is not None and not _is_false_friend(verb, text[pos : pos + 4]):
        after = announced.end()
        q = _quote_at(s.quotes, after) if s.quotes else -1
        return ("quote", q) if q >= 0 else ("clause", after)
    return None


def _time_clause(s: Sent, pos: int) -> bool:
    """报告提出…的目标时，彭博社…: the words after a verb with no punctuation end in 时 or 后,
    so subject and verb are a clause of time for the next clause, not a statement."""
    stop = _NEXT_STOP_RE.search(s.scan, pos)
    return s.scan.endswith(srclex.TIME_CLAUSE_ENDS, pos, stop.start() if stop else len(s.scan))


def _frame(s: Sent, index: int, start: int, end: int, verb: str) -> Frame | None:
    """The frame made by the reporting verb at ``start:end`` of sentence ``index``, if any."""
    if s.scan[start] == BLANK:
        return None  # words inside a quotation belong to the quoted speaker
    text = s.sentence.text
    if verb[-1] in _PHRASE_LAST and text.endswith(_FALSE_PHRASES, max(0, start - 4), end):
        return None  # 应该说, 对…来说, 据说
    if verb in lex.VERB_SUFFIXES and text.endswith(_VERBS, max(0, start - _LONGEST_VERB), start):
        return None  # the 说 of 补充说: it belongs to the verb before it
    # 徐作文的建议，…: after 的 a verb is a noun (the advice, the analysis), unless the word
    # before 的 is one of manner (巴克利戏谑的说: news writes the adverb's 地 as 的).
    manner = text[start - 1 : start] == "的"
    if manner and _MANNER_DE_RE.search(text, max(0, start - _MANNER_SPAN), start) is None:
        return None
    after = text[end : end + 4]
    if after[:1] in _FALSE_FRIEND_FIRST and _is_false_friend(verb, after):
        return None
    # 介绍说, / 补充道: — or 介绍说 at the end of the text ("" is in every string).
    if verb != "说" and after[:1] in lex.VERB_SUFFIXES and after[1:2] in _OPENS_WORDS:
        end += 1
    if verb in lex.LISTENER_VERBS:
        # X告诉观察者网，…: the listener stands between the verb and the words.
        listener = _LISTENER_RE.match(text, end)
        if listener is None:
            return None
        end = listener.end()
    follow = _follow(s, verb, end)
    if follow is None:
        return None
    subj_start = subject_start(s, start)
    if subj_start < 0:
        return None
    clause = text[subj_start:start]
    if verb == "看来":
        # 在X看来,… is an opinion of X; 看来 without 在 is "it seems".
        if not clause.startswith("在"):
            return None
        clause = clause[1:]
    subject = _subject_of(clause)
    issued = False  # the subject is the body that issued a document (reads as the document)
    if subject is None or (manner and subject.kind == "chain"):
        return None  # 最乐观的估计，…: with no one before it, a manner word describes a noun
    if subject.kind == "chain" and subj_start > 0 and s.scan[subj_start - 1] in lex.COMMAS:
        # 国家发改委等部门印发《…方案》，提出…: the issuer speaks through its document.
        before = subject_start(s, subj_start - 1)
        body = issuer(text[before : subj_start - 1]) if before >= 0 else None
        subject = body or subject
        issued = body is not None
    if verb in lex.MEDIA_VERBS and subject.stype not in ("media", "organisation"):
        return None  # 记者罗仕报道: a byline; only media and organisations speak by reporting
    lead_in = issued or clause.endswith(lex.VERB_LEAD_INS)
    if verb in lex.DOCUMENT_VERBS and subject.stype != "document" and not lead_in:
        return None  # 数据显示: figures, not anyone's words
    kind, value = follow
    bare = kind == "bare" and not issued  # (a document's content, with or without a comma)
    if bare:
        if verb not in lex.CLAUSE_VERBS and subject.stype != sources.DOCUMENT:
            return None  # 他提出问题: only a text gives its content so (方案提出扩大试点)
        # ``大会强调制造业…,本质上是…`` is a noun phrase, not the assembly speaking: only
        # persons report a clause without a comma (她认为这是…).
        institution = subject.kind == "institution" and subject.stype not in _PEOPLE
        if institution and not subject.name.endswith(_FIRMS):
            return None  # (a firm does: 中金公司指出其分析显示…, and 军方发言人称官方…)
    if kind == "bare":
        kind = "clause"
    return Frame(
        sent=index,
        subj_start=subj_start,
        verb_start=start,
        verb=verb,
        subject=subject,
        follow=kind,
        quote=value if kind == "quote" else -1,
        text_start=value if kind == "clause" else 0,
        bare=bare,
    )


def _subject_of(clause: str) -> Subject | None:
    """The subject of a clause, read in simplified characters (the word lists and most of
    the name data are simplified) and given back as written (黃天牧 stays 黃天牧)."""
    if _ASIDE_RE.search(clause):
        # 格林菲尔德（Linda Thomas-Greenfield）仍然称: an aside in brackets is not the subject
        # (but may belong to a role: 智平方(深圳)科技有限公司创始人).
        return _subject_of_text(clause) or _subject_of_text(_ASIDE_RE.sub("", clause))
    return _subject_of_text(clause)


def _subject_of_text(clause: str) -> Subject | None:
    folded = to_simplified(clause)
    if folded == clause:
        return parse_subject(clause)
    subject = parse_subject(folded)
    if subject is None:
        return None
    name, roles = _as_written(clause, folded, subject.name), _as_written(clause, folded, subject.roles)
    return subject._replace(name=name, roles=roles)


def _as_written(clause: str, folded: str, part: str) -> str:
    """``part`` of the folded clause in the clause's own characters (folding keeps lengths)."""
    at = folded.rfind(part) if part else -1
    return clause[at : at + len(part)] if at >= 0 else part


def read_frames(sents: Sequence[Sent], doc: Doc) -> list[Frame]:
    """The frames of a document in reading order; each sentence keeps its own in ``frames``."""
    found: list[Frame] = []
    for index, start, end, verb in doc.matches(_VERB_RE):
        s = sents[index]
        frame = _frame(s, index, start, end, verb)
        if frame is None or (frame.bare and _inside_reported_clause(s, frame)):
            continue
        s.frames.append(frame)
        found.append(frame)
    return found


def _is_setting(text: str, start: int, end: int) -> bool:
    """``text[start:end]`` is one or more clauses of setting (not nothing)."""
    return (
        bool(text[start:end].strip(lex.COMMAS + " \u3000"))
        and SETTING_RE.fullmatch(text, start, end) is not None
    )


def _inside_reported_clause(s: Sent, frame: Frame) -> bool:
    """陈某认为，住建部强调“保交楼”工作正在推进: a subject and verb with no punctuation after
    the verb, inside the clause another frame of the sentence reports, are part of its words."""
    text = s.sentence.text
    return any(
        f.follow == "clause"
        and not f.bare
        and f.text_start <= frame.subj_start
        # (…到2月底。”他表示将…: a quotation that ends a sentence ends the clause too)
        and _SENTENCE_END_RE.search(text, f.text_start, frame.subj_start) is None
        # (据美联社报道，在当天的会议上，X称…: a medium's setting wraps X's words)
        and not _is_setting(text, f.text_start, frame.subj_start)
        for f in s.frames
    )
