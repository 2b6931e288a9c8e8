"""Speaker lookup: which speakers of an index does a user's query mean?

Everything a query is compared with is precomputed once per speaker by
:func:`gdq.extract.speakers.speaker_keys` when the index is built (pinyin readings,
traditional-to-simplified form, surname split, role words), so :func:`match_speakers` stays
cheap. The common case, an exact name, touches no table at all. The traditional-to-simplified
table (~5 ms to load) is used only by queries that are not an exact name in simplified
characters; the per-character readings table (~4 ms, gdq.lexicon.readings) only by a Chinese
query one character away from a name, to tell a homophone from a typo; rapidfuzz only by a
Latin query that may be a typo.
Each rule first narrows the speakers down with cheap tests (:mod:`gdq.search.candidates`),
so a query that is not an exact name takes a few tenths of a second on an archive's 220,000
speakers.

Rules, in the order they are tried (scores are 0..100):

1. **Written name** (decisive). ``exact`` 100: the query equals a name after width/case
   folding and removal of spaces and punctuation (``埃隆马斯克`` = ``埃隆·马斯克``).
   ``traditional`` 98: equal after traditional-to-simplified conversion, either way round
   (``鄭永年`` -> 郑永年). If any speaker matches here, only these are returned: a fuzzy
   match never stands in for a person whose exact name is in the index.
2. **Pinyin** (decisive, Latin queries). ``pinyin`` 95 when the letters spell the name in
   its usual reading, with or without spaces, case, tone marks or tone numbers (ü as v or
   ü); 90 with another reading of a polyphonic character (``dan xuemei`` for 单雪梅, read
   Shan as a surname), ü typed u or yu (``lu``/``lyu`` for 吕), or in western order
   (``Yongnian Zheng``). Several speakers may share a spelling; all are returned.
3. **Name plus context** (decisive). ``name_in_query`` 90: the query holds a whole name and
   the rest is a title or overlaps the speaker's role (``广药集团李小军``, ``郑永年教授``).
4. **Fuzzy name and roles**, only when 1-3 found nothing, all returned best first:
   ``homophone`` 85: same length, one character replaced by one that sounds the same, any
   tone (``李晓军`` -> 李小军). On a two-character personal name only the given name may
   differ, since 王/汪, 张/章 are distinct surnames.
   ``typo`` 75: names of three or more characters, same length, exactly one character
   differs and it is not the surname (``李大军`` -> 李小军; 王小军 is someone else).
   Two-character names get no such tolerance: one character in two is half the name.
   Latin queries: ``typo`` 70 for one edit (insert, delete, substitute, swap two) of the
   pinyin of a 3+ character name, or of a Latin name of 6+ letters.
   ``surname_title`` 80 when the title occurs in the speaker's role (``郑院长``), 65 for a
   courtesy title (``鲁先生``), 50 otherwise. ``given_name`` 75 (``永年``; pinyin 70).
   ``name_part`` 75: one part of a name written with a separator (``马斯克``); for
   institutions (names not read as surname + given name) any 2+ character piece of the
   name, 60..90 by the share of the name it covers (``国务院新闻办``).
   ``surname`` alone (``郑``, ``Zheng``): 80 when exactly one speaker has it, else 40 each:
   an ambiguous surname lists candidates but should not be taken as an answer.
   ``initials`` 50 (``zyn``, names of 3+ characters). ``role`` 60..90: the query (2+
   characters) is part of a role or organisation, scored by how much of it it covers
   (``广药集团`` -> 广药集团董事长 77).

Scores of 90 and up identify a speaker; callers should treat lower scores as suggestions
and equal top scores as ambiguous. Ties keep the order of ``speakers``. An empty query
(or one of only spaces and punctuation) matches nothing: ``[]``; the CLI reports it.
"""

# No ``from __future__ import annotations``: see gdq.models (NamedTuple creation cost).
import itertools
import operator
from collections.abc import Callable, Sequence
from typing import NamedTuple

from gdq.extract.speakers import SpeakerKeys
from gdq.lexicon import names as lexnames
from gdq.search.candidates import (
    fuzzy_chinese_candidates,
    fuzzy_latin_candidates,
    initials_may_match,
    near_spellings,
    near_unit,
    part_and_role_candidates,
    pinyin_candidates,
)
from gdq.text.fold import all_cjk, fold, to_simplified
from gdq.text.pinyin import ALT, char_readings, latin_form

SCORE_EXACT = 100.0
SCORE_TRADITIONAL = 98.0
SCORE_PINYIN = 95.0
SCORE_PINYIN_VARIANT = 90.0
SCORE_NAME_IN_QUERY = 90.0
SCORE_NAME_START = 87.0
SCORE_HOMOPHONE = 85.0
SCORE_TITLE_IN_ROLE = 80.0
SCORE_SURNAME_UNIQUE = 80.0
SCORE_TYPO = 75.0
SCORE_GIVEN_NAME = 75.0
SCORE_NAME_PART = 75.0
SCORE_PINYIN_TYPO = 70.0
SCORE_GIVEN_PINYIN = 70.0
SCORE_COURTESY_TITLE = 65.0
SCORE_OTHER_TITLE = 50.0
SCORE_INITIALS = 50.0
SCORE_SURNAME_AMBIGUOUS = 40.0
SCORE_PARTIAL_MIN = 60.0
SCORE_PARTIAL_MAX = 90.0

# Titles that may follow a surname (郑院长) or a whole name (郑永年教授). A leading 副 is
# accepted before any of them.
_COURTESY_TITLES = frozenset(lexnames.COURTESY_TITLES)
_TITLES = frozenset(lexnames.TITLES_AFTER_NAME)

_NAME = operator.attrgetter("name")
_KEY = operator.attrgetter("key")
_SIMPLIFIED = operator.attrgetter("simplified")


# ``how`` of the matches that find another name than the one typed (a near spelling), as
# opposed to the name itself, a part of it, a role, its pinyin or its traditional characters.
_SUBSTITUTIONS = frozenset({"homophone", "typo"})


def substituted(how: str) -> bool:
    """Whether a match found a different name in place of the query's (李晓军 -> 李小军)."""
    return how in _SUBSTITUTIONS


class SpeakerMatch(NamedTuple):
    name: str
    score: float  # 0..100, 100 = exact name
    how: str  # "exact", "traditional", "pinyin", "name_in_query", "homophone", "typo", ...


def _readings(k: SpeakerKeys) -> list[list[str]]:
    return [s.split(ALT) for s in k.syllables]


def _spelling_cost(letters: str, units: Sequence[Sequence[str]]) -> int | None:
    """How many non-usual readings it takes to spell ``letters`` with one reading per unit
    in order (0 = the usual reading throughout); None when it cannot be spelled."""
    if not units:
        return None
    states = {0: 0}  # position in letters -> fewest unusual readings to get there
    for readings in units:
        nxt: dict[int, int] = {}
        for pos, cost in states.items():
            for n, r in enumerate(readings):
                if r and letters.startswith(r, pos):
                    end, c = pos + len(r), cost + (n > 0)
                    if c < nxt.get(end, c + 1):
                        nxt[end] = c
        if not nxt:
            return None
        states = nxt
    return states.get(len(letters))


def _within_one_edit(a: str, b: str) -> bool:
    """At most one insertion, deletion, substitution or swap of two adjacent letters apart
    (optimal string alignment distance <= 1)."""
    from rapidfuzz.distance import OSA  # ~25 ms: only for a query that may be a typo

    return OSA.distance(a, b, score_cutoff=1) <= 1


def _title_of(rest: str) -> str | None:
    """``rest`` as a title ("副院长" -> "院长"), or None."""
    if rest in _TITLES:
        return rest
    if rest.startswith("副") and rest[1:] in _TITLES:
        return rest[1:]
    return None


def _role_coverage(q: str, k: SpeakerKeys) -> float:
    """Largest share of one role that ``q`` covers, 0.0 when it is in none."""
    if len(q) < 2:  # one character ("院") would match nearly every role
        return 0.0
    return max((len(q) / len(r) for r in k.role_keys if q in r), default=0.0)


def _covered_score(share: float) -> float:
    # A query that is all of a role says more than one word of it: 腾讯 in a long role
    # scores near the bottom, the whole role near the top.
    return SCORE_PARTIAL_MIN + (SCORE_PARTIAL_MAX - SCORE_PARTIAL_MIN) * share


def _unique(speakers: Sequence[SpeakerKeys]) -> list[SpeakerKeys]:
    seen: set[str] = set()
    out: list[SpeakerKeys] = []
    for k in speakers:
        if k.name not in seen:
            seen.add(k.name)
            out.append(k)
    return out


def _ranked(found: dict[str, SpeakerMatch], query: str) -> list[SpeakerMatch]:
    # Stable sort: equal scores keep the order of the speakers given (e.g. most quoted
    # first); among exact matches the name typed character for character comes first.
    typed = query.strip()
    return sorted(found.values(), key=lambda m: (-m.score, m.name != query, m.name.strip() != typed))


def _add(found: dict[str, SpeakerMatch], name: str, score: float, how: str) -> None:
    old = found.get(name)
    if old is None or score > old.score:
        found[name] = SpeakerMatch(name, score, how)


def query_forms(query: str) -> tuple[str, str]:
    """The query folded and simplified as ``SpeakerKeys.key`` and ``.simplified`` hold a
    name: a speaker with either form is one the first step of match_speakers may return."""
    q = fold(query)
    return q, to_simplified(q)


class Narrowing(NamedTuple):
    """What a speaker's name or roles must show for any rule of ``match_speakers`` to find
    it with a query in Chinese characters (see Store.speakers_matching): an archive's
    200,000 speakers need not all be read for a typo of one name."""

    first: str  # the simplified name starts with the query's first character (steps 3, 4)
    endings: tuple[str, ...]  # or ends as the query (or a prefix of it) ends, from its 2nd
    within: str  # or lies within the query (a name with a title: step 3)
    containing: tuple[str, ...]  # or holds the query (parts of a name, institutions: step 4)
    role_part: str | None  # or one of its role keys holds the query (step 4, 2+ characters)


def narrowing(query: str) -> Narrowing | None:
    """The Narrowing of a query in Chinese characters; None for any other query (pinyin and
    mixed queries compare every speaker)."""
    q = fold(query)
    if not q or latin_form(query):
        return None
    qs = to_simplified(q)
    if not all_cjk(qs):
        return None
    # Step 3 (fuzzy_chinese_candidates) looks at names that start as the query starts or end
    # as one of its prefixes ends (a core is a prefix); a surname starts both. Step 4 finds
    # parts and institutions that hold the folded or simplified query, and role keys.
    endings = tuple(dict.fromkeys(qs[1:j] for j in range(2, len(qs) + 1)))
    return Narrowing(qs[0], endings, qs, tuple(dict.fromkeys((q, qs))), qs if len(qs) >= 2 else None)


class Spelling(NamedTuple):
    """What a speaker must show for any rule of ``match_speakers`` to find it with a query in
    pinyin (see Store.speakers_spelled)."""

    unit_test: Callable[[str], bool]  # a unit of its name passes (near_spellings: step 2)
    initials: str | None  # or its initials are these (the initials rule)
    containing: tuple[str, ...]  # or its simplified name holds the query (parts: step 4)
    role_part: str | None  # or one of its role keys holds the query (step 4)


def spelling(query: str) -> Spelling | None:
    """The Spelling of a query in pinyin; None for any other query."""
    letters = latin_form(query)
    if not letters:
        return None
    q = fold(query)
    qs = to_simplified(q)
    initials = letters if initials_may_match(letters) else None
    forms = tuple(dict.fromkeys((q, qs)))
    return Spelling(near_unit(letters).__getitem__, initials, forms, qs if len(qs) >= 2 else None)


def match_speakers(query: str, speakers: Sequence[SpeakerKeys]) -> list[SpeakerMatch]:
    """Speakers the query may mean, best first; [] when nothing fits (see module doc)."""
    q = fold(query)
    if not q:
        return []
    # Each rule below loops over the speakers that its prefilter lets through (see
    # gdq.search.candidates), in the order of the pool, and no longer over the whole pool.
    pool = list(speakers)
    simplified = list(map(_SIMPLIFIED, pool))
    forms = set(simplified)
    # One name has one simplified form, so as many forms as speakers means no name twice
    # (the usual case: an index's speakers), found without a loop in Python.
    if len(forms) < len(pool) and len(set(map(_NAME, pool))) < len(pool):
        pool = _unique(pool)  # only the first speaker of a name counts
        simplified = list(map(_SIMPLIFIED, pool))
        forms = set(simplified)
    found: dict[str, SpeakerMatch] = {}

    # 1. The written name. Needs no table: a speaker written in traditional characters has
    # the same precomputed simplified form as the one the query named exactly.
    # A speaker whose key is the query has the query simplified as its simplified name, so
    # a lookup in ``forms`` rules out an exact (and a traditional) match for the usual
    # query, which is neither; a name in simplified characters passes it without the table.
    if q in forms or to_simplified(q) in forms:
        exact = list(itertools.compress(pool, map(q.__eq__, map(_KEY, pool))))
        if exact:
            named = {k.simplified for k in exact}  # (which holds those of ``exact`` too)
            for k in itertools.compress(pool, map(named.__contains__, simplified)):
                if k.key == q:
                    _add(found, k.name, SCORE_EXACT, "exact")
                elif k.simplified in named:
                    _add(found, k.name, SCORE_TRADITIONAL, "traditional")
            return _ranked(found, query)
    qs = to_simplified(q)
    if qs in forms:
        for k in itertools.compress(pool, map(qs.__eq__, simplified)):
            _add(found, k.name, SCORE_TRADITIONAL, "traditional")
        return _ranked(found, query)

    letters = latin_form(query)
    if letters:
        # 2. Pinyin spelling of the whole name.
        near = near_spellings(letters, pool)
        for k in pinyin_candidates(letters, near):
            units = _readings(k)
            cost = _spelling_cost(letters, units)
            if cost is not None:
                _add(found, k.name, SCORE_PINYIN if cost == 0 else SCORE_PINYIN_VARIANT, "pinyin")
            elif k.surname and all_cjk(k.simplified):
                n = len(k.surname)
                if _spelling_cost(letters, units[n:] + units[:n]) is not None:
                    _add(found, k.name, SCORE_PINYIN_VARIANT, "pinyin")
        if found:
            return _ranked(found, query)
        _fuzzy_latin(letters, near, found)
    elif all_cjk(qs):
        # 3. A whole name with a title or role words around it. (qs.__contains__(name):
        # the name is in the query.)
        for k in itertools.compress(pool, map(qs.__contains__, simplified)):
            if len(k.simplified) >= 2 and all_cjk(k.simplified) and k.simplified in qs:
                rest = qs.replace(k.simplified, "", 1)
                bigrams = {rest[i : i + 2] for i in range(len(rest) - 1)}
                if _title_of(rest) or any(b in r for b in bigrams for r in k.role_keys):
                    _add(found, k.name, SCORE_NAME_IN_QUERY, "name_in_query")
        if found:
            return _ranked(found, query)
        _fuzzy_chinese(qs, pool, simplified, found)

    # 4 (all queries). Parts of separated names, and roles/organisations.
    for k in part_and_role_candidates(q, qs, pool, simplified):
        if q in k.parts or qs in k.parts:
            _add(found, k.name, SCORE_NAME_PART, "name_part")
        if not k.surname and len(qs) >= 2 and qs in k.simplified:
            # Part of an institution's name (国务院新闻办 -> 国务院新闻办公室). Not for personal
            # names: a piece of one may be another person altogether (their start is the
            # name_start rule).
            _add(found, k.name, _covered_score(len(qs) / len(k.simplified)), "name_part")
        covered = _role_coverage(qs, k)
        if covered:
            _add(found, k.name, _covered_score(covered), "role")
    return _ranked(found, query)


def _add_surname_hits(hits: list[str], found: dict[str, SpeakerMatch]) -> None:
    score = SCORE_SURNAME_UNIQUE if len(hits) == 1 else SCORE_SURNAME_AMBIGUOUS
    for name in hits:
        _add(found, name, score, "surname")


def _fuzzy_latin(letters: str, near: list[SpeakerKeys], found: dict[str, SpeakerMatch]) -> None:
    """The fuzzy rules for a Latin query; ``near`` is near_spellings(letters, pool)."""
    surname_hits: list[str] = []
    for k in fuzzy_latin_candidates(letters, near):
        units = _readings(k)
        n = len(k.surname)
        if k.surname:
            if _spelling_cost(letters, units[:n]) is not None:
                surname_hits.append(k.name)
            if len(k.given) >= 2 and _spelling_cost(letters, units[n:]) is not None:
                _add(found, k.name, SCORE_GIVEN_PINYIN, "given_name")
            if len(units) >= 3 and letters == k.initials:
                _add(found, k.name, SCORE_INITIALS, "initials")
        # A one-letter slip in the pinyin of a long name; short names get no tolerance
        # (see the module doc), and neither do short queries.
        long_name = len(units) >= 3 if all_cjk(k.simplified) else len(k.pinyin) >= 6
        if long_name and len(letters) >= 6:
            spellings = [k.pinyin]
            if k.surname:
                usual = [u[0] for u in units]
                spellings.append("".join(usual[n:] + usual[:n]))
            if any(_within_one_edit(letters, s) for s in spellings):
                _add(found, k.name, SCORE_PINYIN_TYPO, "typo")
    _add_surname_hits(surname_hits, found)


def _fuzzy_chinese(
    qs: str, pool: list[SpeakerKeys], simplified: list[str], found: dict[str, SpeakerMatch]
) -> None:
    """The fuzzy rules for a Chinese query; ``simplified`` holds the pool's simplified names."""
    # "李晓军董事长": also try the name without a trailing title.
    cores = [qs]
    for cut in range(1, len(qs) - 1):
        if _title_of(qs[cut:]) and cut >= 2:
            cores.append(qs[:cut])
            break
    surname_hits: list[str] = []
    for k in fuzzy_chinese_candidates(qs, cores, pool, simplified):
        name = k.simplified
        if not all_cjk(name):
            continue
        n = len(k.surname)
        for core in cores:
            if core == k.given and len(k.given) >= 2:
                _add(found, k.name, SCORE_GIVEN_NAME, "given_name")
            if len(core) != len(name) or len(name) < 2:
                continue
            diffs = [i for i in range(len(name)) if core[i] != name[i]]
            if len(diffs) != 1:
                continue
            i = diffs[0]
            if char_readings(core[i]) & set(_readings(k)[i]):
                if len(name) >= 3 or i >= n:
                    _add(found, k.name, SCORE_HOMOPHONE, "homophone")
            elif len(name) >= 3 and i >= n:
                _add(found, k.name, SCORE_TYPO, "typo")
        if k.surname and len(k.surname) < len(qs) < len(name) and name.startswith(qs):
            _add(found, k.name, SCORE_NAME_START, "name_start")
        if k.surname:
            if qs == k.surname:
                surname_hits.append(k.name)
            elif qs.startswith(k.surname):
                title = _title_of(qs[n:])
                if title in _COURTESY_TITLES:
                    _add(found, k.name, SCORE_COURTESY_TITLE, "surname_title")
                elif title:
                    in_role = any(title in r for r in k.role_keys)
                    score = SCORE_TITLE_IN_ROLE if in_role else SCORE_OTHER_TITLE
                    _add(found, k.name, score, "surname_title")
    _add_surname_hits(surname_hits, found)
