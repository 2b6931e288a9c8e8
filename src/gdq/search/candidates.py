"""Prefilters of speaker matching: the speakers each rule of
:func:`gdq.search.speakers.match_speakers` could possibly match.

An archive holds ~220,000 speakers, and a rule that splits every speaker's readings and
runs its cost function on them took seconds. So each rule first picks the speakers it could
possibly match, with a few lookups per speaker or a C-level pass (map/compress) over one
field: a prefilter may let through a speaker the rule then rejects, never drop one it would
take. The rule itself then runs unchanged on those, in the order of the pool, so matches,
scores and the order of ties are those of a loop over every speaker. Reading a field of
220,000 speakers costs tens of ms whatever is done with it (the objects are scattered in
memory), so each prefilter reads as few fields as it can. Nothing is kept between calls: a
process answers one query.

Some prefilters rely on how gdq.extract.speakers derives the fields from each other
(SpeakerKeys holds nothing else): ``pinyin`` is the usual readings, the first of each
``syllables`` entry, joined, and ``initials`` their first letters; ``simplified`` is
``surname`` + ``given`` when there is a surname, of one or two characters.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Callable, Iterable, Sequence

from gdq.extract.speakers import SpeakerKeys
from gdq.text.pinyin import ALT

_PARTS = operator.attrgetter("parts")
_ROLE_KEYS = operator.attrgetter("role_keys")


class _SyllableTest(dict[str, bool]):
    """{entry of SpeakerKeys.syllables ("shan|dan|chan"): test(entry)}, each entry tested on
    first sight: a few thousand distinct entries (one per character and reading) make up
    all the names, so testing a unit of a name is mostly a dict lookup."""

    def __init__(self, test: Callable[[str], bool]) -> None:
        super().__init__()
        self._test = test

    def __missing__(self, entry: str) -> bool:
        value = self[entry] = self._test(entry)
        return value


def _usual(entry: str) -> str:
    """The usual reading in an entry of SpeakerKeys.syllables."""
    return entry.split(ALT, 1)[0]


def _spelling_ends(letters: str) -> tuple[_SyllableTest, _SyllableTest]:
    """Tests of a unit that the first and the last unit of any spelling of ``letters`` (see
    gdq.search.speakers._spelling_cost) pass: one of its (non-empty) readings starts, or
    ends, ``letters``."""
    starts = _SyllableTest(lambda entry: any(r and letters.startswith(r) for r in entry.split(ALT)))
    ends = _SyllableTest(lambda entry: any(r and letters.endswith(r) for r in entry.split(ALT)))
    return starts, ends


def _typo_ends(letters: str) -> tuple[_SyllableTest, _SyllableTest]:
    """Tests of a unit that the first and the last unit of a name pass when ``letters`` (6+)
    is one edit (insert, delete, substitute, swap two) from the name's usual spelling, in either order.

    The edit changes at most two adjacent letters, so that spelling keeps the first three
    letters (edit at 3 or later) or all from the fifth on (edit before 4): its first unit's
    usual reading starts like ``letters``, or its last unit's ends like it.
    """
    head, tail = letters[:3], letters[4:]

    def ends_like(entry: str) -> bool:
        reading = _usual(entry)
        return reading.endswith(tail) if len(reading) >= len(tail) else tail.endswith(reading)

    return _SyllableTest(lambda entry: head.startswith(_usual(entry)[:3])), _SyllableTest(ends_like)


def near_unit(letters: str) -> _SyllableTest:
    """A test of a unit (an entry of SpeakerKeys.syllables) that every speaker
    ``near_spellings`` keeps by its spelling has among its units: any unit, as where it sits
    depends on the surname."""
    starts, _ = _spelling_ends(letters)
    typo = len(letters) >= 6
    typo_first, typo_last = _typo_ends(letters)
    # Every rule starts the spelling, in some order, with a unit that has a reading starting
    # ``letters``, or for a typo ends it with a unit whose usual reading ends like it.
    return _SyllableTest(lambda e: starts[e] or (typo and (typo_first[e] or typo_last[e])))


def initials_may_match(letters: str) -> bool:
    """Whether ``letters`` may be the initials of a name (3-4 characters)."""
    return 3 <= len(letters) <= 4


def near_spellings(letters: str, pool: Sequence[SpeakerKeys]) -> list[SpeakerKeys]:
    """The speakers a Latin query may spell or nearly spell (step 2 of match_speakers and
    its fuzzy Latin rules): those with a unit that could start or end a spelling or a
    one-edit typo of ``letters``, and those whose initials the query may be. One pass over
    the syllables of the pool."""
    near = near_unit(letters)
    # Initials: one letter per character of a 3-4 character personal name.
    initial = _SyllableTest(lambda e: _usual(e)[:1] == letters[:1]) if initials_may_match(letters) else None
    out: list[SpeakerKeys] = []
    for k in pool:
        s = k.syllables
        if not s:
            continue  # nothing to spell (and no pinyin to mistype)
        if (
            near[s[0]]
            or near[s[-1]]
            or (len(s) == 3 and near[s[1]])
            or (len(s) > 3 and any(map(near.__getitem__, s[1:-1])))
            or (initial is not None and initial[s[0]] and k.initials == letters)
        ):
            out.append(k)
    return out


def pinyin_candidates(letters: str, near: Sequence[SpeakerKeys]) -> list[SpeakerKeys]:
    """The speakers step 2 of match_speakers may find spelled by ``letters``: the first and
    last unit of the name, in the usual or the western order, can start and end it."""
    starts, ends = _spelling_ends(letters)
    out: list[SpeakerKeys] = []
    for k in near:
        syllables = k.syllables
        if not syllables:
            continue  # no units: nothing spells them
        if starts[syllables[0]] and ends[syllables[-1]]:
            out.append(k)
        elif k.surname:
            # Western order, units[n:] + units[:n] (the usual order when there is no given
            # name, tested above): starts with the given name, ends with the surname.
            n = len(k.surname)
            if len(syllables) > n and starts[syllables[n]] and ends[syllables[n - 1]]:
                out.append(k)
    return out


def fuzzy_latin_candidates(letters: str, near: Sequence[SpeakerKeys]) -> list[SpeakerKeys]:
    """The speakers the fuzzy Latin rules of match_speakers may match with ``letters``."""
    starts, ends = _spelling_ends(letters)
    typo = len(letters) >= 6
    typo_first, typo_last = _typo_ends(letters)
    out: list[SpeakerKeys] = []
    for k in near:
        syllables = k.syllables
        if not syllables:
            continue
        # The usual order, as SpeakerKeys.pinyin spells it, for a typo.
        if typo and (typo_first[syllables[0]] or typo_last[syllables[-1]]):
            out.append(k)
            continue
        if not k.surname:
            continue  # the rules below are for personal names
        n = len(k.surname)
        if (
            (starts[syllables[0]] and ends[syllables[min(n, len(syllables)) - 1]])  # surname
            or (len(syllables) > n and starts[syllables[n]] and ends[syllables[-1]])  # given
            or k.initials == letters
        ):
            out.append(k)
        elif typo:
            # Western order for a typo (units[n:] + units[:n] is the usual order when there
            # is no given name).
            first, last = (
                (syllables[n], syllables[n - 1]) if len(syllables) > n else (syllables[0], syllables[-1])
            )
            if typo_first[first] or typo_last[last]:
                out.append(k)
    return out


def fuzzy_chinese_candidates(
    qs: str, cores: Sequence[str], pool: Sequence[SpeakerKeys], simplified: list[str]
) -> list[SpeakerKeys]:
    """The speakers the fuzzy Chinese rules of match_speakers may match with ``qs`` and its
    ``cores`` (prefixes of it)."""
    # A name of the length of a core that differs from it in exactly one character agrees
    # with it on all but the first, or on the first character. A given name or a surname
    # (alone or with a title) that the query holds does too: the given name ends the name,
    # the surname starts it and the query. Two C-level passes over the names find these.
    rests = tuple(c[1:] for c in cores if len(c) >= 2)  # (shorter cores fit no rule)
    agree = map(operator.or_, map(str.startswith, simplified, itertools.repeat(qs[0])),
                map(str.endswith, simplified, itertools.repeat(rests)))  # fmt: skip
    shapes = [(len(c), c[1:], c[:-1], c[0], c[-1]) for c in cores if len(c) >= 2]
    given_names = set(cores)
    out: list[SpeakerKeys] = []
    for k in itertools.compress(pool, agree):
        if k.given in given_names or (k.surname and qs.startswith(k.surname)):
            out.append(k)  # given name, surname alone or with a title
            continue
        name = k.simplified
        for size, rest, stem, first, last in shapes:
            if len(name) == size and (
                name.endswith(rest) or name.startswith(stem) or (name[0] == first and name[-1] == last)
            ):
                out.append(k)
                break
    return out


def _joined_has(texts: Iterable[str], part: str) -> bool:
    """Whether any of the texts contains ``part``: one search of them joined (C, and
    memchr-fast), which usually finds nothing. "\n" cannot join two texts into a false
    match: a folded query holds no control character (checked all the same)."""
    return "\n" in part or part in "\n".join(texts)


def part_and_role_candidates(
    q: str, qs: str, pool: Sequence[SpeakerKeys], simplified: list[str]
) -> list[SpeakerKeys]:
    """The speakers step 4 of match_speakers may match: a part of the name is the query,
    or (queries of 2+ characters) the simplified name or a role key contains it."""
    everyone = range(len(pool))
    # Only names written with separators have parts.
    chosen = {
        i
        for i in itertools.compress(everyone, map(_PARTS, pool))
        if q in pool[i].parts or qs in pool[i].parts
    }
    if len(qs) >= 2:
        if _joined_has(simplified, qs):
            chosen.update(
                itertools.compress(everyone, map(str.__contains__, simplified, itertools.repeat(qs)))
            )
        if _joined_has(itertools.chain.from_iterable(map(_ROLE_KEYS, pool)), qs):
            roles = list(map(_ROLE_KEYS, pool))
            hit = set(itertools.compress(keys := list(itertools.chain.from_iterable(roles)),
                                         map(str.__contains__, keys, itertools.repeat(qs))))  # fmt: skip
            chosen.update(itertools.compress(everyone, map(operator.not_, map(hit.isdisjoint, roles))))
    return [pool[i] for i in sorted(chosen)]
