"""Who said what: direct quotes and reported speech in one document.

How Chinese news frames speech, and what this module does about it:

* A *frame* is ``subject + reporting verb`` outside quote marks: ``广药集团董事长李小军表示``.
  The subject is the clause before the verb (back to the previous comma, full stop or closing
  quote), read from its end: adverbs and adjuncts (``特别``, ``接受记者采访时``, ``谈及…时``)
  are peeled off, then the name (a surname plus one or two characters), then the roles before
  it, which must end in a title word or an organisation. No name tagger is needed, so names a
  segmenter splits (黄坤/明) come out whole.
* What follows the verb decides the kind: a quote mark makes a *direct* statement
  (``X表示:“…”``); a comma or colon and a clause make an *indirect* one (``X认为,…``, up to the
  end of the sentence); a full stop only closes a quotation that came before
  (``“…”X表示。``). A frame right after a closing quote attributes that quote too, so
  ``“…”X介绍,…`` yields both kinds and ``“……,”X说,“……。”`` yields two direct quotes.
* A sentence that is nothing but a quotation (with sentence punctuation, more than six
  characters) is speech of its neighbours: the last speaker earlier in the same paragraph,
  else a person named in the sentence before, else the speaker of the next sentence in the
  paragraph; a paragraph made only of such quotations continues the last speaker of the
  paragraph before it (news prints a long quotation as its own paragraph right after the
  paragraph that names the speaker). Quotes with no frame and no such neighbour — slogans,
  programme names, coined terms — are never speech.
* 他/她 resolve to the most recent person (named in a frame or after a title anywhere in the
  text, within a few paragraphs) whose known sex does not contradict the pronoun; an
  unresolvable pronoun drops the statement instead of reporting "他" as a speaker.
* One canonical name per person; every statement of a person carries all roles found for
  that person anywhere in the document. ``李总``/``郑教授`` map to a known person of that surname.

All scanning is linear in the sentence length: regexes are compiled once, look-behinds are
bounded by ``_WINDOW`` characters, and no segmenter is used.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import accumulate
from operator import attrgetter
from typing import NamedTuple

from gdq.lexicon import speech as lex
from gdq.lexicon.marks import CLOSERS, PAIRS, SPEECH_QUOTES, SYMMETRIC_QUOTES
from gdq.models import Sentence, Statement
from gdq.text.sentences import matched_pairs

# Longest stretch read backwards from a verb for its subject, and forwards for a name.
_WINDOW = 64
# Pronouns look back at most this many paragraphs for the person they stand for.
_PRONOUN_PARAGRAPHS = 6
# Quotations at most this long are slogans or terms unless punctuation or a colon marks speech.
_SHORT_QUOTE = 6

_QUOTES = SPEECH_QUOTES
_QUOTE_CLOSERS = frozenset(_QUOTES.values())
# Where a subject clause starts (scanning backwards from its verb, outside any brackets).
_CLAUSE_STOPS = frozenset("，,。；;：:！？!?…—\u3000 \t") | _QUOTE_CLOSERS
_SENTENCE_END = "。！？!?；;…"
_SPEECH_PUNCT = frozenset("，,。！？!?；;…：:")
# The last clause stop of a stretch: greedy, so one match call finds it from the right.
_LAST_STOP_RE = re.compile(".*[" + re.escape("".join(sorted(_CLAUSE_STOPS))) + "]", re.DOTALL)
_BLANK = "\0"  # stands for a character inside brackets or quotes; not a clause stop
_PAIRED_MARK = re.compile("[" + re.escape("".join(sorted({*PAIRS, *CLOSERS, *SYMMETRIC_QUOTES}))) + "]")


_Trie = dict[str, "_Trie"]  # next character -> the rest; "" -> {} where a word ends


def _alternation(words: Iterable[str]) -> str:
    """A regex matching any of the words, the longest one where several match.

    The words are laid out as a trie (``表(?:态|明|示)``) rather than listed longest first:
    it matches the same, longest first and backtracking to shorter words, but a position
    is rejected after one character instead of one try per word.
    """
    trie: _Trie = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branches(node: _Trie) -> list[str]:
        return [re.escape(ch) + rest(child) for ch, child in sorted(node.items()) if ch]

    def rest(node: _Trie) -> str:
        options = branches(node)
        if not options:
            return ""
        body = options[0] if len(options) == 1 else f"(?:{'|'.join(options)})"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer word first

    return "|".join(branches(trie))


_VERB_RE = re.compile(_alternation(lex.REPORTING_VERBS))
_TITLE_RE = re.compile(_alternation(lex.TITLE_WORDS))


class _Endings:
    """Does a text end with one of these words? The reversed text is matched at its start
    against the reversed words: a ``$``-anchored search would try every position of the
    text, and a set lookup per word length hashes a new string per length."""

    def __init__(self, words: Iterable[str]) -> None:
        self._reversed = re.compile(_alternation(w[::-1] for w in words))

    def __call__(self, text: str) -> bool:
        return self._reversed.match(text[::-1]) is not None


_ROLE_WORDS = (*lex.TITLE_WORDS, *lex.ORG_SUFFIXES)  # a role ends in one of these
_ROLE_END = _Endings(_ROLE_WORDS)
_INSTITUTION_END = _Endings(lex.INSTITUTION_WORDS)
_INSTITUTION_MAX = 16  # longer clauses ending in 会议/公司 are descriptions, not speakers
_NOT_INSTITUTION = frozenset("，,。：:")
_ADVERBS = _alternation(lex.ADVERBS)
_NO_BREAK = r"[^，,。；;：:！？!?“”「」]"
# What may stand between a name and its verb: adverbs, then at most two adjunct phrases.
_ADJUNCT_RE = re.compile(
    rf"(?:{_ADVERBS})*(?:(?:{_alternation(lex.ADJUNCT_OPENERS)}){_NO_BREAK}{{0,40}}?"
    rf"(?:{_ADVERBS})*){{0,2}}"
)
_ADJUNCT_FIRST = frozenset(w[0] for w in (*lex.ADVERBS, *lex.ADJUNCT_OPENERS))
_ADVERBS_ONLY_RE = re.compile(rf"(?:{_ADVERBS})*")
_ADVERB_FIRST = frozenset(w[0] for w in lex.ADVERBS)
_LEADING_RE = re.compile(rf"^(?:{_alternation(lex.LEADING_CONNECTIVES)})+")
_LEADING_FIRST = frozenset(w[0] for w in lex.LEADING_CONNECTIVES)
# Clauses that may sit between a closing quote and the clause that names its speaker.
_QUOTE_GAP_RE = re.compile(
    rf"[\s，,]*(?:(?:{_alternation(lex.ADJUNCT_CLAUSE_OPENERS)}){_NO_BREAK}{{0,40}}[，,][\s]*)*"
)
_CHAIN_GAP_RE = re.compile(r"[\s，,]*(?:并|还|同时|也|并且|进而)?")
_SHORT_FORM_RE = re.compile(rf"([{lex.SURNAMES}])(?:{_alternation(lex.SHORT_TITLES)})")
_SHORT_FORM_MAX = 1 + max(map(len, lex.SHORT_TITLES))  # longer texts cannot be short forms
_ROLE_ASIDE_RE = re.compile(rf"[（(](?:{_alternation(lex.ROLE_ASIDE_MARKERS)})[^（()）]*[）)]")
_ROLE_LEAD_RE = re.compile(r"^(?:与|和|跟|同|对|向|据|由|在|作为|邀请|来自)")
_FOREIGN_NAME_RE = re.compile(r"[\u4e00-\u9fff]{1,6}(?:·[\u4e00-\u9fff]{1,8}){1,3}$")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_SURNAMES = frozenset(lex.SURNAMES)
_COMPOUND_SURNAMES = frozenset(lex.COMPOUND_SURNAMES)
_NAME_FIRST = _SURNAMES | {s[0] for s in _COMPOUND_SURNAMES}
_NAME_BREAKERS = frozenset(lex.NAME_BREAKERS)
_HONORIFIC_SEX = {h: "f" for h in lex.FEMALE_HONORIFICS} | {h: "m" for h in lex.MALE_HONORIFICS}
_HONORIFIC_RE = re.compile(_alternation(_HONORIFIC_SEX))
_GENDER_SUFFIXES: tuple[tuple[str, str], ...] = (
    *((h, "f") for h in lex.FEMALE_HONORIFICS),
    *((h, "m") for h in lex.MALE_HONORIFICS),
)
# First and last characters of the honorifics: one set lookup rules most texts out before
# the loop over _GENDER_SUFFIXES.
_HONORIFIC_FIRST = frozenset(h[0] for h, _ in _GENDER_SUFFIXES)
_HONORIFIC_LAST = frozenset(h[-1] for h, _ in _GENDER_SUFFIXES)


# --- records used while reading one document ------------------------------------------------


class _Subject(NamedTuple):  # a tuple: made for every subject read, and cheaper than a dataclass
    kind: str  # "person", "pronoun", "institution", "short" (李总) or "chain" (no subject)
    name: str  # name as written; pronoun; institution; surname for "short"
    roles: str = ""  # role text before the name, as written
    gender: str = ""  # "m", "f" or "" when unknown


@dataclass(slots=True)
class _Frame:
    sent: int  # index into the document's sentences
    subj_start: int
    verb_start: int
    verb: str
    subject: _Subject
    follow: str  # "quote", "clause" or "end"
    quote: int = -1  # index into the sentence's quotations when follow == "quote"
    text_start: int = 0  # where the reported clause starts when follow == "clause"
    speaker: str = ""  # canonical speaker, filled in when resolved


@dataclass(slots=True)
class _Sent:
    sentence: Sentence
    quotes: list[tuple[int, int]]  # top-level quotations (open, close)
    # The text with every character inside brackets or quotes (an opening mark counts as
    # inside, a closing mark as outside) replaced by _BLANK: clause stops are searched here,
    # and a word found in the text lies outside all brackets when its first character is not
    # blanked here (no word starts with _BLANK).
    scan: str
    frames: list[_Frame] = field(default_factory=list)


@dataclass(slots=True)
class _Found:
    sent: int
    pos: int
    kind: str
    speaker: str
    verb: str | None
    text: str


@dataclass(slots=True)
class _People:
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
        for role in _split_roles(role_text):
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


# --- small text helpers ---------------------------------------------------------------------


def _read_marks(text: str) -> tuple[list[tuple[int, int]], str]:
    """The top-level quotations of a sentence and its text with brackets and quotations
    blanked (``_Sent.scan``).

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
        if start >= done and text[start] in _QUOTES:
            quotes.append((start, end))
        if end <= done:
            continue
        start = max(start, done)
        pieces += (text[done:start], _BLANK * (end - start))
        done = end
    pieces.append(text[done:])
    return quotes, "".join(pieces)


# Pure functions of short strings that recur within and across documents (the same names,
# roles and subject clauses) are cached; the caches are bounded so a long run stays small.
_CACHE_SIZE = 1 << 14


@lru_cache(maxsize=_CACHE_SIZE)
def is_name(name: str) -> bool:
    """A plausible Chinese personal name: surname + one or two characters, no function words."""
    if "·" in name:  # a transliterated name; the separator is not a Han character
        return _FOREIGN_NAME_RE.fullmatch(name) is not None
    # Cheapest tests first: most candidates do not even start with a surname.
    if not 2 <= len(name) <= 4 or name[0] not in _NAME_FIRST:
        return False
    if not _HAN.fullmatch(name) or name in lex.NOT_NAMES:
        return False
    if name[:2] in _COMPOUND_SURNAMES and len(name) > 2:
        given = name[2:]
    elif name[0] in _SURNAMES:
        given = name[1:]
    else:
        return False
    return 1 <= len(given) <= 2 and _NAME_BREAKERS.isdisjoint(given)


def split_roles(role_text: str) -> list[str]:
    """Roles as written, split at 、 where each part is a complete role.

    ``中山大学岭南学院教授、博士生导师`` → two roles; ``广州市委、市政府主要负责人`` stays one
    because ``广州市委`` ends in neither a title nor an organisation word.
    """
    return list(_split_roles(role_text))


@lru_cache(maxsize=_CACHE_SIZE)
def _split_roles(role_text: str) -> tuple[str, ...]:
    """``split_roles``, cached (a tuple, so no caller can change the cached value)."""
    text = _ROLE_ASIDE_RE.sub("", role_text).strip(" 　，,、")
    text = _ROLE_LEAD_RE.sub("", text)
    mark = text.rfind("的")
    if mark >= 0 and not _ROLE_END(text[:mark]):
        text = text[mark + 1 :]  # 一旁的财务总监: a description of the scene, not a role
    if not text:
        return ()
    roles: list[str] = []
    pending = ""
    for part in text.split("、"):
        pending = f"{pending}、{part}" if pending else part
        if _ROLE_END(pending.rstrip()):
            roles.append(pending.strip())
            pending = ""
    if pending:
        if roles:
            roles[-1] = f"{roles[-1]}、{pending}"
        else:
            roles.append(pending.strip())
    return tuple(r for r in roles if r)


def _strip_sentence_end(text: str) -> str:
    return text.rstrip(_SENTENCE_END + " \u3000\t")


# --- subjects -------------------------------------------------------------------------------


_NAME_LENGTHS: tuple[int, ...] = (3, 2, 4)  # the lengths of a name to try, most likely first
_HAN_CHAR = "[\u4e00-\u9fff]"
_GIVEN_CHAR = rf"(?![{re.escape(lex.NAME_BREAKERS)}]){_HAN_CHAR}"
_SURNAME_CHAR = rf"(?={_HAN_CHAR})[{re.escape(lex.SURNAMES)}]"
_COMPOUND_REVERSED = rf"(?={_HAN_CHAR}{{2}})(?:{_alternation(c[::-1] for c in lex.COMPOUND_SURNAMES)})"


def _reversed_names(length: int) -> str:
    """A regex for the reversed texts of this length that ``is_name`` accepts, when they hold
    no "·": a compound surname and one or two given characters, or a surname and one or two
    (given characters are Han and no name breakers), and not one of NOT_NAMES."""
    forms = []
    if length in (3, 4):
        forms.append(_GIVEN_CHAR * (length - 2) + _COMPOUND_REVERSED)
    if length in (2, 3):
        forms.append(_GIVEN_CHAR * (length - 1) + _SURNAME_CHAR)
    not_names = [w[::-1] for w in lex.NOT_NAMES if len(w) == length]
    exclude = f"(?!{_alternation(not_names)})" if not_names else ""
    return f"{exclude}(?:{'|'.join(forms)})"


# _parse_person's loop over name lengths as one match of the reversed text: a name of each
# length in _NAME_LENGTHS order, followed (in the reversed text) by the end of a role or by
# nothing. The match ends where the name starts.
_PERSON_REVERSED_RE = re.compile(
    f"(?:{'|'.join(_reversed_names(n) for n in _NAME_LENGTHS)})"
    rf"(?=(?:{_alternation(w[::-1] for w in _ROLE_WORDS)})|\Z)"
)


def _parse_person(core: str) -> _Subject | None:
    """``roles + name`` (roles ending in a title or organisation), or a bare name."""
    gender = ""
    if core[-1:] in _HONORIFIC_LAST:
        for suffix, sex in _GENDER_SUFFIXES:
            if core.endswith(suffix) and len(core) > len(suffix):
                core, gender = core[: -len(suffix)], sex
                break
    n = len(core)
    if "·" not in core:  # no foreign name: one regex match does the loop below
        match = _PERSON_REVERSED_RE.match(core[::-1])
        if match is None:
            return None
        return _Subject("person", core[n - match.end() :], core[: n - match.end()], gender)
    lengths = _NAME_LENGTHS
    foreign = _FOREIGN_NAME_RE.search(core)
    if foreign and "·" in foreign.group():
        lengths = (len(foreign.group()), *lengths)
    for length in lengths:
        if length <= n and is_name(name := core[n - length :]):
            prefix = core[: n - length]
            if not prefix or _ROLE_END(prefix):
                return _Subject("person", name, prefix, gender)
    return None


def _parse_core(core: str) -> _Subject | None:
    if core in (lex.MALE_PRONOUN, lex.FEMALE_PRONOUN):
        return _Subject("pronoun", core, gender="m" if core == lex.MALE_PRONOUN else "f")
    short = _SHORT_FORM_RE.fullmatch(core) if len(core) <= _SHORT_FORM_MAX else None
    if short:  # before names: 林总 would pass for a two-character name
        return _Subject("short", short.group(1))
    person = _parse_person(core)
    if person is not None:
        return person
    if len(core) <= _INSTITUTION_MAX and _INSTITUTION_END(core) and not _NOT_INSTITUTION.intersection(core):
        # 会议, 国务院常务会议, and 外交部发言人 with no name: the institution speaks.
        return _Subject("institution", core)
    return None


_SPEAKER_LAST = _Endings(
    (
        lex.MALE_PRONOUN,
        lex.FEMALE_PRONOUN,
        *lex.SHORT_TITLES,
        *lex.INSTITUTION_WORDS,
        *lex.FEMALE_HONORIFICS,
        *lex.MALE_HONORIFICS,
    )
)


def _may_end_speaker(core: str) -> bool:
    """Cheap test before the regexes: a speaker ends in a name (a surname 2–4 characters back),
    a pronoun, a short title, an institution or an honorific."""
    # core[-k:-k+1] is the character k back, or "" when the core is shorter than k.
    if core[-2:-1] in _SURNAMES or core[-3:-2] in _SURNAMES or core[-4:-3] in _SURNAMES:
        return True
    return "·" in core[-12:] or _SPEAKER_LAST(core)


@lru_cache(maxsize=_CACHE_SIZE)
def parse_subject(clause: str) -> _Subject | None:
    """Who a subject clause names, or None when it is not a speaker.

    The clause ends right before the verb. Adjuncts are tried from the shortest (nothing)
    to the longest, so ``李强在会上`` reads as 李强 + 在会上, not as a name 李强在.
    """
    clause = clause.strip(" \u3000\t")
    # The first-character tests spare a regex call for most clauses.
    if clause[:1] in _LEADING_FIRST:
        clause = _LEADING_RE.sub("", clause)
    if not clause or (clause[0] in _ADVERB_FIRST and _ADVERBS_ONLY_RE.fullmatch(clause)):
        return _Subject("chain", "")
    n = len(clause)
    for k in range(n, 0, -1):
        if k < n and clause[k] not in _ADJUNCT_FIRST:
            continue
        core = clause[:k]
        if not _may_end_speaker(core) or (k < n and not _ADJUNCT_RE.fullmatch(clause, k)):
            continue
        subject = _parse_core(core)
        if subject is not None:
            return subject
    return None


def _subject_start(s: _Sent, verb_start: int) -> int:
    """Start of the clause that ends at ``verb_start``, or -1 when that clause is longer than
    ``_WINDOW`` (no subject is that long; text without punctuation is not news prose).

    Only the last ``_WINDOW`` characters before the verb are searched for a stop: with none
    there, the clause starts at the text's start or is too long."""
    stop = _LAST_STOP_RE.match(s.scan, max(0, verb_start - _WINDOW - 1), verb_start)
    if stop is not None:
        return stop.end()
    return 0 if verb_start <= _WINDOW else -1


# --- frames ---------------------------------------------------------------------------------


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
    if not after or after in _CLAUSE_STOPS or after in _SENTENCE_END or after in _QUOTES:
        return True
    return text[close - 1] in _SENTENCE_END


def _follow(s: _Sent, verb: str, end: int) -> tuple[str, int] | None:
    """What the words after a verb make of it: ("quote", n), ("clause", start) or ("end", 0)."""
    text = s.sentence.text
    n = len(text)
    pos = end
    while pos < n and text[pos] in " \u3000":
        pos += 1
    ch = text[pos] if pos < n else ""
    if ch and ch in "：:，,":
        nxt = pos + 1
        while nxt < n and text[nxt] in " \u3000":
            nxt += 1
        q = _quote_at(s.quotes, nxt) if s.quotes else -1
        if q >= 0 and (ch in "：:" or _stands_alone(text, *s.quotes[q])):
            return "quote", q
        if verb in lex.QUOTE_ONLY_VERBS and ch in "，,":
            return "end", 0
        return "clause", nxt
    q = _quote_at(s.quotes, pos) if ch in _QUOTES else -1
    if q >= 0:
        start, close = s.quotes[q]
        if close - start - 1 > _SHORT_QUOTE:
            return "quote", q
        return None
    if not ch or ch in _SENTENCE_END or ch in _QUOTE_CLOSERS:
        return "end", 0
    if verb in lex.CLAUSE_VERBS and not _is_false_friend(verb, text[pos : pos + 4]):
        return "bare", pos
    return None


def _frame(s: _Sent, index: int, start: int, end: int, verb: str) -> _Frame | None:
    """The frame made by the reporting verb at ``start:end`` of sentence ``index``, if any."""
    if s.scan[start] == _BLANK:
        return None  # words inside a quotation belong to the quoted speaker
    text = s.sentence.text
    after = text[end : end + 4]
    if after[:1] in _FALSE_FRIEND_FIRST and _is_false_friend(verb, after):
        return None
    if verb != "说" and after[:1] in lex.VERB_SUFFIXES and after[1:2] in "，,：:":
        end += 1
    follow = _follow(s, verb, end)
    if follow is None:
        return None
    subj_start = _subject_start(s, start)
    if subj_start < 0:
        return None
    clause = text[subj_start:start]
    if verb == "看来":
        # 在X看来,… is an opinion of X; 看来 without 在 is "it seems".
        if not clause.startswith("在"):
            return None
        clause = clause[1:]
    subject = parse_subject(clause)
    if subject is None:
        return None
    kind, value = follow
    if kind == "bare":
        # ``大会强调制造业…,本质上是…`` is a noun phrase, not the assembly speaking: only
        # persons report a clause without a comma (她认为这是…).
        if subject.kind == "institution":
            return None
        kind = "clause"
    return _Frame(
        sent=index,
        subj_start=subj_start,
        verb_start=start,
        verb=verb,
        subject=subject,
        follow=kind,
        quote=value if kind == "quote" else -1,
        text_start=value if kind == "clause" else 0,
    )


# --- people ---------------------------------------------------------------------------------


class _Doc:
    """The sentences of a document joined by line breaks, so that a pattern is scanned once
    per document rather than once per sentence. No word searched for holds a line break, so
    no match spans two sentences and the matches are those of the sentences one by one."""

    def __init__(self, sents: Sequence[_Sent]) -> None:
        texts = [s.sentence.text for s in sents]
        self.text = "\n".join(texts)
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


def _mention_name(text: str, start: int, known: _Known) -> str:
    window = text[start : start + 8]
    name = known.prefix_of(window)
    if name:
        return name
    if len(window) >= 3 and window[2] not in lex.MENTION_BREAKERS and is_name(window[:3]):
        return window[:3]
    return window[:2] if is_name(window[:2]) else ""


_ROLE_CUT_RE = re.compile(f".*[{re.escape(lex.ROLE_CUT_AFTER)}]", re.DOTALL)


@lru_cache(maxsize=_CACHE_SIZE)
def _mention_role(clause: str) -> str:
    """The role part of ``记者遇到了杭州某科技公司的工程师``: what follows the clause's verb."""
    cut = _ROLE_CUT_RE.match(clause)  # greedy: up to the last cut character
    return _LEADING_RE.sub("", clause[cut.end() :] if cut else clause)


def _mention(s: _Sent, index: int, start: int, end: int, title: str, people: _People, known: _Known) -> None:
    """A person introduced by a title outside speech frames: 欣旺达创始人王明旺同样感受到…"""
    if s.scan[start] == _BLANK or title in lex.BYLINE_TITLES:
        return
    text = s.sentence.text
    name = _mention_name(text, end, known)
    if not name:
        return
    role_start = max(_subject_start(s, start), start - _WINDOW)
    people.add_roles(name, _mention_role(text[role_start:end]))
    after = text[end + len(name) : end + len(name) + 2]
    if after[:1] in _HONORIFIC_FIRST:
        for suffix, sex in _GENDER_SUFFIXES:
            if after.startswith(suffix):
                people.set_gender(name, sex)
    people.events.append((index, end, name))


def _honorific_mention(s: _Sent, index: int, at: int, honorific: str, people: _People, known: _Known) -> None:
    """``何静怡女士负责…``: a name before 女士/先生 is a person of known sex, title or not."""
    if s.scan[at] == _BLANK:
        return
    text = s.sentence.text
    name = known.ending_at(text, at)
    name = name or next((text[at - k : at] for k in (3, 2) if at >= k and is_name(text[at - k : at])), "")
    if name:
        people.roles.setdefault(name, [])
        people.set_gender(name, _HONORIFIC_SEX[honorific])
        people.events.append((index, at - len(name), name))


def _name_events(sents: Sequence[_Sent], doc: _Doc, names: Sequence[str]) -> list[tuple[int, int, str]]:
    """Every bare mention of a known name: each keeps that person the most recent one.

    The mentions are those a regex alternation of the names (longest first) would find in
    each sentence: leftmost, longest at its position, not overlapping. Compiling such a regex
    for every document cost more than reading the document, so each name is looked for with
    ``str.find`` in the joined text and the overlaps are dropped afterwards.
    """
    joined = doc.text
    hits: list[tuple[int, int, str]] = []  # (position, -length, name): longest first at a position
    for name in names:
        at = joined.find(name)
        while at >= 0:
            hits.append((at, -len(name), name))
            at = joined.find(name, at + 1)
    hits.sort()
    events: list[tuple[int, int, str]] = []
    free = 0  # where the last kept mention ends
    for at, minus_length, name in hits:
        if at < free:
            continue
        free = at - minus_length
        index, pos = doc.locate(at)
        if sents[index].scan[pos] != _BLANK:
            events.append((index, pos, name))
    return events


def _resolve(frame: _Frame, people: _People, canonical: dict[str, str]) -> str:
    """The canonical speaker of a frame, or "" when it cannot be told."""
    subject = frame.subject
    if subject.kind == "person":
        return canonical.get(subject.name, subject.name)
    if subject.kind == "institution":
        return subject.name
    position = (frame.sent, frame.subj_start, "")
    events = people.timeline()
    i = bisect_left(events, position) - 1
    # A surname (林总) is evidence enough to look back through the whole document.
    floor = people.paragraph_of[frame.sent] - _PRONOUN_PARAGRAPHS if subject.kind == "pronoun" else -1
    while i >= 0 and people.paragraph_of[events[i][0]] >= floor:
        name = canonical.get(events[i][2], events[i][2])
        fits = subject.kind != "short" or name.startswith(subject.name)
        if subject.kind == "pronoun":
            fits = people.gender.get(name, subject.gender) == subject.gender
        if fits:
            if subject.kind == "pronoun":
                people.set_gender(name, subject.gender)
            return name
        i -= 1
    return ""


# --- statements -----------------------------------------------------------------------------


def _attribute_after(s: _Sent, close: int) -> _Frame | None:
    """The frame that follows a quotation and names its speaker: “…”X表示 / “…”在现场,X说."""
    text = s.sentence.text
    for frame in s.frames:
        if frame.subj_start <= close or frame.subject.kind == "chain":
            continue
        gap = _QUOTE_GAP_RE.fullmatch(text, close + 1, frame.subj_start)
        return frame if gap else None
    return None


def _reporting_clause(s: _Sent, start: int, close: int) -> _Frame | None:
    """``X直言,行业里…,“很多企业…。”``: a punctuated quotation that ends the reported clause
    of a frame is that speaker's own words."""
    text = s.sentence.text
    content = text[start + 1 : close]
    if not any(ch in _SPEECH_PUNCT for ch in content) or text[close + 1 :].strip(_SENTENCE_END + " "):
        return None
    owners = [f for f in s.frames if f.follow == "clause" and f.text_start < start]
    return owners[-1] if owners else None


def _opens_clause(text: str, start: int) -> bool:
    """A quotation of speech stands at the head of its clause; ``聚焦“…”`` quotes an object."""
    return start == 0 or text[start - 1] in _CLAUSE_STOPS or text[start - 1] in "“‘「『（(——"


def _chain_speaker(s: _Sent, frame: _Frame, found: Sequence[_Found]) -> str:
    """``黄坤明提出“…”,强调…``: a verb with no subject after a quotation continues its speaker."""
    text = s.sentence.text
    for item in reversed(found):
        if item.sent != frame.sent or item.kind != "direct":
            continue
        close = next((c for o, c in s.quotes if o == item.pos), -1)
        if close >= 0 and _CHAIN_GAP_RE.fullmatch(text, close + 1, frame.verb_start):
            return item.speaker
    return ""


def _is_bare_quote(s: _Sent) -> bool:
    """The sentence is one quotation of real speech (punctuated, not a short term)."""
    if len(s.quotes) != 1:
        return False
    start, close = s.quotes[0]
    text = s.sentence.text
    content = text[start + 1 : close]
    rest = text[:start].strip() + text[close + 1 :].strip(_SENTENCE_END + " \u3000")
    return not rest and len(content) > _SHORT_QUOTE and any(ch in _SPEECH_PUNCT for ch in content)


def _direct_quotes(index: int, s: _Sent) -> list[_Found]:
    """Quotations named by a frame before them, after them, or around them."""
    if not s.quotes:
        return []
    text = s.sentence.text
    by_quote: dict[int, _Frame] = {}
    for frame in s.frames:
        if frame.follow == "quote" and frame.speaker:
            by_quote.setdefault(frame.quote, frame)
    events: list[_Found] = []
    for n, (start, close) in enumerate(s.quotes):
        content = text[start + 1 : close]
        owner = by_quote.get(n)
        speech_like = len(content) > _SHORT_QUOTE or content[-1:] in _SPEECH_PUNCT
        if owner is None and _opens_clause(text, start) and speech_like:
            owner = _attribute_after(s, close) or _reporting_clause(s, start, close)
        if owner is not None and owner.speaker and content.strip():
            events.append(_Found(index, start, "direct", owner.speaker, owner.verb, content))
    return events


def _sentence_statements(index: int, s: _Sent, found: list[_Found]) -> None:
    text = s.sentence.text
    events = _direct_quotes(index, s)
    for frame in s.frames:
        if frame.subject.kind == "chain":
            frame.speaker = _chain_speaker(s, frame, events)
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
        reported = _strip_sentence_end(text[frame.text_start : end].rstrip("，,、 "))
        if len(reported) >= 2:
            events.append(_Found(index, frame.text_start, "indirect", frame.speaker, frame.verb, reported))
    if len(events) > 1:
        events.sort(key=attrgetter("pos"))
    found.extend(events)


def _neighbour_speaker(
    index: int, sents: Sequence[_Sent], by_para: dict[int, list[_Found]], people: _People
) -> str:
    """Who speaks a bare quotation: see the module notes for the order of the rules."""
    para = sents[index].sentence.para
    same = by_para.get(para, [])
    earlier = [f for f in same if f.sent < index]
    if earlier:
        return max(earlier, key=lambda f: (f.sent, f.pos)).speaker
    if index > 0 and sents[index - 1].sentence.para == para:
        events = people.timeline()
        i = bisect_left(events, (index, -1, "")) - 1
        if i >= 0 and events[i][0] == index - 1:
            return events[i][2]
    later = [f for f in same if f.sent > index]
    if later:
        return min(later, key=lambda f: (f.sent, f.pos)).speaker
    # A paragraph of quotation only continues the last speaker of the paragraph before it.
    first = index
    while first > 0 and sents[first - 1].sentence.para == para:
        first -= 1
    if first == 0 or not all(_is_bare_quote(sents[i]) for i in range(first, index + 1)):
        return ""
    if sents[first - 1].sentence.para != para - 1:
        return ""
    before = by_para.get(para - 1, [])
    return max(before, key=lambda f: (f.sent, f.pos)).speaker if before else ""


_SAYING_LEAD = re.compile(r"[，,\s]*(?:这|此|那)(?:是|正是|就是|便是)")
_SAYING_TAIL = re.compile(rf"[^，,。；;！？!?]{{0,12}}?(?:{_alternation(lex.SAYING_WORDS)})")


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


def _canonical_names(people: _People) -> dict[str, str]:
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


def _read_people(sents: Sequence[_Sent]) -> tuple[_People, dict[str, str]]:
    """Frames of every sentence, then every person the document names, in reading order."""
    people = _People(paragraph_of=[s.sentence.para for s in sents])
    doc = _Doc(sents)
    for index, start, end, verb in doc.matches(_VERB_RE):
        s = sents[index]
        frame = _frame(s, index, start, end, verb)
        if frame is None:
            continue
        s.frames.append(frame)
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
    for name, full in canonical.items():
        if name != full:
            for role in people.roles.get(name, ()):
                people.add_roles(full, role)
            people.set_gender(full, people.gender.get(name, ""))
    return people, canonical


def _frame_statements(sents: Sequence[_Sent], people: _People, canonical: dict[str, str]) -> list[_Found]:
    found: list[_Found] = []
    for index, s in enumerate(sents):
        if not s.frames and not s.quotes:
            continue  # most sentences: nothing is said in them
        for frame in s.frames:
            if frame.subject.kind == "person":  # the common case, without a call
                frame.speaker = canonical.get(frame.subject.name, frame.subject.name)
            elif frame.subject.kind != "chain":
                frame.speaker = _resolve(frame, people, canonical)
            if frame.speaker and frame.subject.kind in ("pronoun", "short"):
                # The resolved person is now the most recent one for the next pronoun.
                events = people.timeline()
                at = bisect_left(events, (index, frame.subj_start, ""))
                events.insert(at, (index, frame.subj_start, frame.speaker))
        _sentence_statements(index, s, found)
    return found


def _unframed_quotes(
    sents: Sequence[_Sent], people: _People, canonical: dict[str, str], found: list[_Found]
) -> None:
    """Quotations with no frame in their sentence: sayings and bare quotations."""
    attributed = {f.sent for f in found if f.kind == "direct"}
    by_para: dict[int, list[_Found]] = {}
    for item in found:
        by_para.setdefault(sents[item.sent].sentence.para, []).append(item)
    known = sorted(people.roles, key=len, reverse=True)
    for index, s in enumerate(sents):
        if index in attributed or not s.quotes:
            continue
        start, close = s.quotes[0]
        saying = _saying_speaker(s.sentence.text, close + 1, known) if start == 0 else None
        if saying:
            speaker = canonical.get(saying, saying)
        elif _is_bare_quote(s):
            speaker = _neighbour_speaker(index, sents, by_para, people)
        else:
            continue
        if speaker:
            item = _Found(index, start, "direct", speaker, None, s.sentence.text[start + 1 : close])
            found.append(item)
            by_para.setdefault(s.sentence.para, []).append(item)


def extract(doc_key: str, sentences: Sequence[Sentence]) -> list[Statement]:
    """Statements of one document (sentences in document order), numbered in document order."""
    sents: list[_Sent] = []
    for sentence in sentences:
        text = sentence.text
        if _PAIRED_MARK.search(text):
            sents.append(_Sent(sentence, *_read_marks(text)))
        else:  # most sentences: no quotation, nothing to blank
            sents.append(_Sent(sentence, [], text))
    people, canonical = _read_people(sents)
    found = _frame_statements(sents, people, canonical)
    _unframed_quotes(sents, people, canonical, found)
    found.sort(key=attrgetter("sent", "pos"))
    roles: dict[str, tuple[str, ...]] = {}  # per speaker: most speakers say several things
    return [_statement(doc_key, n, f, sents, people, roles) for n, f in enumerate(found)]


def _statement(
    doc_key: str,
    n: int,
    found: _Found,
    sents: Sequence[_Sent],
    people: _People,
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
    )
