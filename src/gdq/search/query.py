"""Lookups over an index: keyword search (speaker and number lookups join here).

Keyword scoring, per query word, best first:

* 100 — exact match whose both ends fall on word boundaries of the segmented sentence;
* 90  — exact match that cuts through a word (``州市`` inside ``广州市``);
* 70 / 60 — a near match (a typo): a stretch of text within 1 (or 2) edits of the query. Only
  queries of 3+ characters are typo-tolerant (1 edit up to 6 characters, 2 beyond), because a
  one-character change to a two-character Chinese word is a different word, not a typo.

Exact matches only by default: near matches come below them when asked for (``fuzzy``), or
alone when no sentence holds the words as typed. ``whole_words`` keeps only matches on word
boundaries (100). Full-width forms are their ASCII characters (``２０１６`` is ``2016``, ``ＡＩ``
and ``ａｉ`` are ``AI``) and Latin letters match case-insensitively, in query and text alike.
A sentence's score is its weakest word's score; ties keep document order. Typo matching runs
only when exact hits do not already fill ``limit``, since near hits always rank below exact ones.
"""

# No ``from __future__ import annotations``: see gdq.models (NamedTuple creation cost).
import math
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple

from gdq.errors import QueryError
from gdq.models import Fact, Sentence, Statement
from gdq.store.index import Store
from gdq.store.schema import DOC_SHIFT
from gdq.text.fold import fold_width_case

if TYPE_CHECKING:
    # Speaker matching is imported when a query names a speaker: a keyword search on a
    # cached index does not pay for it.
    from gdq.extract.speakers import SpeakerKeys
    from gdq.search.numbers import NumberQuery
    from gdq.search.speakers import SpeakerMatch

Span = tuple[int, int]

SCORE_WORD = 100.0
SCORE_SUBSTRING = 90.0
SCORE_TYPO = 80.0  # minus 10 per edit
MAX_QUERY_CHARS = 1000


class SentenceHit(NamedTuple):
    sentence: Sentence
    score: float
    matches: tuple[Span, ...]
    speaker: str | None


def allowed_edits(length: int) -> int:
    if length < 3:
        return 0
    return 1 if length <= 6 else 2


def _fold(text: str) -> str:
    # Width and ASCII case only, one character for one, so that offsets stay valid
    # (str.lower and NFKC can change lengths).
    return fold_width_case(text)


def _on_boundaries(ends: Sequence[int], start: int, end: int) -> bool:
    if not ends:
        return True
    start_ok = start == 0 or _is_word_end(ends, start)
    return start_ok and _is_word_end(ends, end)


def _is_word_end(ends: Sequence[int], offset: int) -> bool:
    i = bisect_left(ends, offset)
    return i < len(ends) and ends[i] == offset


def occurrences(folded_text: str, term: str) -> list[Span]:
    """Every occurrence of ``term`` in the text, overlapping ones included."""
    spans: list[Span] = []
    pos = folded_text.find(term)
    while pos != -1:
        spans.append((pos, pos + len(term)))
        pos = folded_text.find(term, pos + 1)
    return spans


def exact_matches(
    ends: Sequence[int], folded_text: str, term: str, whole_words: bool = False
) -> tuple[float, list[Span]]:
    """Every occurrence of ``term``; 100 if one falls on word boundaries (``ends``), else 90.
    ``whole_words``: only the occurrences on word boundaries (100)."""
    spans = occurrences(folded_text, term)
    whole = [sp for sp in spans if _on_boundaries(ends, *sp)]
    if whole_words:
        return (SCORE_WORD if whole else 0.0), whole
    return (SCORE_WORD if whole else SCORE_SUBSTRING if spans else 0.0), spans


def typo_matches(folded_text: str, term: str) -> tuple[float, list[Span]]:
    """Windows of the text within the allowed edits of ``term``, best first."""
    from rapidfuzz.distance import Levenshtein

    k = allowed_edits(len(term))
    if k == 0:
        return 0.0, []
    found: list[tuple[int, int, int, int]] = []  # (edits, length difference, start, end)
    n = len(folded_text)
    for length in range(max(1, len(term) - k), len(term) + k + 1):
        for start in range(0, n - length + 1):
            d = Levenshtein.distance(term, folded_text[start : start + length], score_cutoff=k)
            if d <= k:
                found.append((d, abs(length - len(term)), start, start + length))
    if not found:
        return 0.0, []
    found.sort()
    best = found[0][0]
    spans: list[Span] = []
    for d, _, start, end in found:
        # Windows that overlap a better one are the same typo seen off by a character.
        if d == best and all(end <= s or start >= e for s, e in spans):
            spans.append((start, end))
    return SCORE_TYPO - 10 * best, sorted(spans)


def _merge(spans: list[Span]) -> tuple[Span, ...]:
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return tuple(out)


def normalise_terms(terms: Sequence[str]) -> list[str]:
    cleaned = [_fold(t.strip()) for t in terms]
    if not cleaned or any(not t for t in cleaned):
        raise QueryError("empty query; give one or more words, e.g. gdq keyword 人工智能")
    for t in cleaned:
        if len(t) > MAX_QUERY_CHARS:
            raise QueryError(f"query word too long ({len(t)} characters; at most {MAX_QUERY_CHARS})")
        check_text(t)
    return cleaned


def check_text(text: str) -> str:
    """A query is text the index can hold: bytes that were not valid in the terminal's
    encoding (GBK bytes sent to a UTF-8 program) arrive as lone surrogates, which no sentence
    contains and SQLite cannot take."""
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise QueryError(
                f"the query {text!r} is not valid text (bytes in another encoding?); type it in UTF-8"
            ) from None
    return text


def _word_matches(
    ends: Sequence[int], folded: str, word: str, typo: bool, whole_words: bool
) -> tuple[float, list[Span]]:
    score, spans = exact_matches(ends, folded, word, whole_words)
    if not spans and typo:
        score, spans = typo_matches(folded, word)
        if whole_words:
            spans = [sp for sp in spans if _on_boundaries(ends, *sp)]
    return score, spans


def _score(
    text: str, ends: Sequence[int], words: Sequence[str], typo: bool, whole_words: bool = False
) -> tuple[float, tuple[Span, ...]] | None:
    """Score and match spans of a sentence for all query words, or None if one is missing."""
    folded = _fold(text)
    score = SCORE_WORD
    spans: list[Span] = []
    for w in words:
        s, sp = _word_matches(ends, folded, w, typo, whole_words)
        if not sp:
            return None
        score = min(score, s)
        spans.extend(sp)
    return score, _merge(spans)


def _candidates(index: Store, words: Sequence[str]) -> Iterable[int]:
    """The sentences that may hold every word, in corpus order, found lazily for one word."""
    by_length = sorted(words, key=len, reverse=True)  # longer words are rarer: intersect early
    candidates: Iterable[int] = index.containing_word(by_length[0])
    if len(words) > 1:
        exact = set(candidates)
        for w in by_length[1:]:
            if not exact:
                break
            exact &= set(index.containing_word(w))
        candidates = index.in_corpus_order(exact)
    return candidates


Scored = list[tuple[float, int, tuple[Span, ...]]]  # (score, sentence number, match spans)


def _keyword_scored(
    index: Store, words: list[str], limit: int | None, fuzzy: bool, whole_words: bool
) -> Scored:
    """Exact hits (the best ``limit`` of them when given); near hits below them when
    ``fuzzy`` and the exact ones do not fill ``limit``, or when there is no exact hit at all."""
    # Score from the stored text and word boundaries; records only for the hits returned.
    scored: Scored = []
    seen: set[int] = set()
    best = 0  # hits with the top score so far, in corpus order
    for n in _candidates(index, words):
        seen.add(n)
        text, ends, _ = index.sentence_parts(n)
        found_score = _score(text, ends, words, typo=False, whole_words=whole_words)
        if found_score is not None:
            scored.append((found_score[0], n, found_score[1]))
            best += found_score[0] == SCORE_WORD
            if limit is not None and best >= limit:
                break  # nothing later can rank above these: ties keep corpus order
    near = fuzzy and (limit is None or len(scored) < limit)
    if (near or not scored) and any(allowed_edits(len(w)) for w in words):
        scored.extend(_typo_hits(index, words, seen, whole_words))
    scored.sort(key=lambda hit: -hit[0])  # stable: corpus order within a score
    return scored[:limit] if limit is not None else scored


def keyword(
    index: Store,
    terms: Sequence[str],
    limit: int | None = None,
    fuzzy: bool = False,
    whole_words: bool = False,
) -> list[SentenceHit]:
    """Sentences holding every word, best first: exact matches only, unless ``fuzzy`` (near
    matches below them) or nothing matches exactly (then the near matches, all scored below
    ``SCORE_SUBSTRING``: how a caller tells that no word was found as typed)."""
    words = normalise_terms(terms)
    if limit == 0:
        return []
    hits = []
    for score, n, spans in _keyword_scored(index, words, limit, fuzzy, whole_words):
        sentence, speaker = index.sentence_at(n)
        hits.append(SentenceHit(sentence, score, spans, speaker))
    return hits


def about_words(words: Sequence[str]) -> list[str]:
    """``about`` words (of quotes, speaker and facts), checked and folded like keyword words;
    [] when none are given (no filter)."""
    if isinstance(words, str):
        words = [words]  # one word, not its characters
    if not words:
        return []
    if any(not w.strip() for w in words):
        raise QueryError("empty --about word; give one or more words, e.g. --about 人工智能")
    return normalise_terms(words)


def about_spans(text: str, sentence: str | None, words: Sequence[str]) -> tuple[Span, ...] | None:
    """Where the folded ``words`` occur in ``text`` (merged spans), when each occurs in
    ``text`` or in ``sentence``; None when one occurs in neither. Exact, no typos."""
    folded = _fold(text)
    folded_sentence = _fold(sentence or "")
    spans: list[Span] = []
    for w in words:
        found = occurrences(folded, w)
        if not found and w not in folded_sentence:
            return None
        spans.extend(found)
    return _merge(spans)


def has_exact_match(index: Store, terms: Sequence[str], whole_words: bool = False) -> bool:
    """Whether some sentence holds every word as typed (width and Latin case folded): when none
    does, a search without ``fuzzy`` gives near matches, and the caller should say so. Reads
    the candidates up to the first hit, never the typo scan."""
    words = normalise_terms(terms)
    for n in _candidates(index, words):
        text, ends, _ = index.sentence_parts(n)
        if _score(text, ends, words, typo=False, whole_words=whole_words) is not None:
            return True
    return False


def keyword_counts(
    index: Store, terms: Sequence[str], fuzzy: bool = False, whole_words: bool = False
) -> list[tuple[int, int]]:
    """(document id, matching sentences) of each document with a hit, in corpus order; the
    same hits as ``keyword`` without a limit."""
    words = normalise_terms(terms)
    counts: dict[int, int] = {}
    for n in index.in_corpus_order(n for _, n, _ in _keyword_scored(index, words, None, fuzzy, whole_words)):
        d = n >> DOC_SHIFT
        counts[d] = counts.get(d, 0) + 1
    return list(counts.items())


def _typo_hits(index: Store, words: list[str], skip: set[int], whole_words: bool = False) -> Scored:
    from rapidfuzz import fuzz, process

    # A cheap C-speed filter per word first, a block of sentences at a time: a sentence needs
    # a window within the allowed edits of every word before the word-by-word check.
    filters = []
    for w in words:
        k = allowed_edits(len(w))
        filters.append((w, None if k == 0 else 100.0 * (1 - k / len(w)) - 1e-6))
    out: Scored = []
    for block in index.iter_texts():
        folded = [_fold(text) for _, text in block]
        candidates: set[int] | None = None
        for w, cutoff in filters:
            if cutoff is None:
                found = {i for i, t in enumerate(folded) if w in t}
            else:
                found = {
                    i
                    for _, _, i in process.extract(
                        w, folded, scorer=fuzz.partial_ratio, score_cutoff=cutoff, limit=None
                    )
                }
            candidates = found if candidates is None else candidates & found
            if not candidates:
                break
        for i in sorted(candidates or ()):
            n = block[i][0]
            if n in skip:
                continue
            scored = _score(folded[i], index.sentence_parts(n)[1], words, typo=True, whole_words=whole_words)
            if scored is not None:
                out.append((scored[0], n, scored[1]))
    return out


# --- speakers ------------------------------------------------------------------------------

# Matches at or above this score name the person; below it they are suggestions, shown only
# when nothing identifies anyone (see gdq.extract.names for the scale).
IDENTIFIES = 90.0
SUGGESTION_FLOOR = 60.0
KINDS = ("direct", "indirect", "all")


class SpeakerHit(NamedTuple):
    name: str
    roles: tuple[str, ...]
    score: float
    how: str
    statements: tuple[Statement, ...]


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise QueryError(f"unknown --kind {kind!r}; use direct, indirect or all")
    return kind


def check_types(types: str | None) -> frozenset[str] | None:
    """``--type person`` or ``--type organisation,media``: the speaker types wanted; None
    for all of them."""
    if types is None or types.strip() in ("", "all"):
        return None
    from gdq.extract.sources import SPEAKER_TYPES

    wanted = frozenset(t.strip() for t in types.split(",") if t.strip())
    unknown = sorted(wanted - frozenset(SPEAKER_TYPES))
    if unknown:
        choices = ", ".join(SPEAKER_TYPES)
        raise QueryError(f"unknown --type {unknown[0]!r}; use {choices} (or several, comma-separated)")
    return wanted


def _wanted(st: Statement, kind: str, types: frozenset[str] | None) -> bool:
    return (kind == "all" or st.kind == kind) and (types is None or st.speaker_type in types)


def _ordered(
    statements: Sequence[Statement], kind: str, types: frozenset[str] | None
) -> tuple[Statement, ...]:
    chosen = [st for st in statements if _wanted(st, kind, types)]
    # Direct quotes first (the person's own words), each kind in document order.
    return tuple(sorted(chosen, key=lambda st: st.kind != "direct"))


def check_speaker_query(query_text: str) -> str:
    if not query_text.strip():
        raise QueryError("empty speaker query; give a name, pinyin or an organisation, e.g. gdq speaker 张三")
    if len(query_text) > MAX_QUERY_CHARS:
        raise QueryError(f"speaker query too long ({len(query_text)} characters; at most {MAX_QUERY_CHARS})")
    return check_text(query_text.strip())


def _speaker_pool(index: Store, query_text: str) -> "Sequence[SpeakerKeys]":
    """The speakers a query is matched against. A query that is a speaker's name, as written
    or in simplified characters, is decided by those speakers alone (see
    names.match_speakers), so on a cached index only their keys are read."""
    from gdq.search.speakers import narrowing, query_forms, spelling

    key, simplified = query_forms(query_text)
    named = index.speakers_with_forms(key, simplified)
    if named and any(k.key == key or k.simplified == simplified for k in named):
        return named
    narrowed = narrowing(query_text)
    if narrowed is not None:
        return index.speakers_matching(*narrowed)  # every speaker the rules can reach
    spelled = spelling(query_text)
    if spelled is not None:
        return index.speakers_spelled(*spelled)
    return index.speakers


def _chosen(matches: "list[SpeakerMatch]") -> "list[SpeakerMatch]":
    if matches and matches[0].score >= IDENTIFIES:
        return [m for m in matches if m.score >= IDENTIFIES]
    return [m for m in matches if m.score >= SUGGESTION_FLOOR]


def speaker(
    index: Store, query_text: str, kind: str = "all", types: frozenset[str] | None = None
) -> list[SpeakerHit]:
    from gdq.search.speakers import match_speakers

    check_kind(kind)
    query_text = check_speaker_query(query_text)
    pool = _speaker_pool(index, query_text)
    hits: list[SpeakerHit] = []
    for m in _chosen(match_speakers(query_text, pool)):
        statements = _ordered(index.statements_of(m.name), kind, types)
        if statements:
            hits.append(SpeakerHit(m.name, index.roles_of(m.name), m.score, m.how, statements))
    return hits


def quotes(
    index: Store,
    speaker_query: str | None = None,
    kind: str = "all",
    limit: int | None = None,
    types: frozenset[str] | None = None,
    about: Sequence[str] = (),
) -> list[tuple[Statement, float | None]]:
    """Every statement (optionally of the speakers a query finds), in document order; the
    first ``limit`` only, read lazily, when a limit is given. ``about``: only statements with
    each word in their text or their sentence (see about_spans)."""
    check_kind(kind)
    words = about_words(about)
    if speaker_query is None:
        pool = index.statements_about(words) if words else index.iter_statements()
        chosen = (st for st in pool if _wanted(st, kind, types) and _is_about(index, st, words))
        return [(st, None) for st in islice(chosen, limit)]
    found: list[tuple[Statement, float | None]] = [
        (st, hit.score)
        for hit in speaker(index, speaker_query, kind, types)
        for st in hit.statements
        if _is_about(index, st, words)
    ]
    return found[:limit]


def _is_about(index: Store, st: Statement, words: Sequence[str]) -> bool:
    folded = _fold(st.text)
    missing = [w for w in words if w not in folded]
    if not missing:
        return True
    sentence = _fold(index.sentence_text(st.sentence_id) or "")  # read only when needed
    return all(w in sentence for w in missing)


# --- numbers -------------------------------------------------------------------------------

DEFAULT_TOLERANCE = 0.001  # relative: 3.2万亿 also finds 3.2004万亿, not 3.3万亿


def check_tolerance(tolerance: float | None) -> float | None:
    """``--tolerance``: a share of the value, 0 or more and finite (nan would match all)."""
    if tolerance is None:
        return None
    if not math.isfinite(tolerance) or tolerance < 0:
        raise QueryError(
            f"--tolerance {tolerance:g} must be a finite number, 0 or more"
            " (a share of the value, e.g. 0.01 for 1%)"
        )
    return tolerance


def parse_bound(text: str | None, option: str) -> int | float | None:
    from gdq.extract.numerals import parse_number
    from gdq.search.numbers import comparable

    if text is None:
        return None
    value = parse_number(text)
    if value is None:
        raise QueryError(f"{option} {text!r} is not a number (write it as 100亿, 1.5万 or 3000)")
    if not comparable(value):
        raise QueryError(f"{option} {text!r} is too large to compare with figures")
    return value


def parse_bounds(low: str | None, high: str | None) -> tuple[int | float | None, int | float | None]:
    """``--min``/``--max`` of ``gdq facts``; a reversed pair is an error, not an empty list."""
    lo, hi = parse_bound(low, "--min"), parse_bound(high, "--max")
    if lo is not None and hi is not None and lo > hi:
        raise QueryError(f"--min {low} is greater than --max {high}; give the smaller value to --min")
    return lo, hi


def check_unit(unit: str | None) -> str | None:
    """``--unit`` as facts report units: ``亿元`` and ``万元`` mean 元, ``万人`` 人."""
    from gdq.search.numbers import normalise_unit

    if unit is None:
        return None
    if not unit.strip():
        raise QueryError("empty --unit; give a unit such as 元, 人, 家 or %")
    return normalise_unit(unit)


def _unit_ok(fact: Fact, unit: str | None) -> bool:
    return unit is None or fact.unit == unit


def number_query(text: str, unit: str | None = None) -> "tuple[NumberQuery, str | None]":
    """The parsed query and the unit wanted (written in the query or given as ``--unit``);
    a malformed query, or a unit that disagrees with ``--unit``, raises QueryError."""
    from gdq.search.numbers import NumberQueryError, parse_query

    try:
        q = parse_query(text)
    except NumberQueryError as exc:
        raise QueryError(str(exc)) from None
    wanted = check_unit(unit)
    if q.unit is not None and wanted is not None and q.unit != wanted:
        raise QueryError(f"the query {text.strip()!r} is in {q.unit} but --unit is {wanted}; give one unit")
    return q, q.unit or wanted


def number(
    index: Store, text: str, unit: str | None = None, tolerance: float | None = None
) -> list[tuple[Fact, float]]:
    """Facts whose value the query describes, closest first (document order within a score).

    ``tolerance`` (relative) widens a single value; None means the query's own (约3万 asks
    for ``ABOUT_TOLERANCE``) or ``DEFAULT_TOLERANCE``. A unit written in the query
    (``1800万人``, and ``12%``: 12% is not twelve companies) or given as ``unit`` keeps only
    facts in that unit.
    """
    from gdq.search.numbers import matches

    given = check_tolerance(tolerance)
    q, wanted = number_query(text, unit)
    tol = given if given is not None else q.tolerance if q.tolerance is not None else DEFAULT_TOLERANCE
    found: list[tuple[Fact, float]] = []
    # Exact arithmetic (Fractions) costs ~70 µs a fact: only facts whose float value is near
    # the query are read at all, and only those are compared exactly.
    for fact in index.facts_reaching(*_float_window(q, tol)):
        if not _unit_ok(fact, wanted):
            continue
        score = matches(q, fact.value, tol, fact.value_max)
        if score is not None:
            found.append((fact, round(score, 2)))
    found.sort(key=lambda pair: -pair[1])
    return found


def _widened(low: float, high: float) -> tuple[float, float]:
    """A float interval a little wider than [low, high]: floats of the values (and of large
    integers) may round by a relative 1e-16; the exact test comes after."""
    return low - abs(low) * 1e-9 - 1e-300, high + abs(high) * 1e-9 + 1e-300


def _float_window(q: "NumberQuery", tolerance: float) -> tuple[float, float]:
    """Floats around every value the query can match."""
    if q.is_exact:
        target = float(q.target)
        spread = abs(target) * tolerance
        return _widened(target - spread, target + spread)
    low = -math.inf if q.low is None else float(q.low)
    high = math.inf if q.high is None else float(q.high)
    return _widened(low, high)


def _in_bounds(fact: Fact, lo: int | float | None, hi: int | float | None) -> bool:
    top = fact.value if fact.value_max is None else fact.value_max
    return (lo is None or top >= lo) and (hi is None or fact.value <= hi)


def all_facts(
    index: Store,
    unit: str | None = None,
    low: str | None = None,
    high: str | None = None,
    limit: int | None = None,
    about: Sequence[str] = (),
) -> list[Fact]:
    """Facts in document order, within the bounds (a range fact when it overlaps them), the
    first ``limit`` when given. ``about``: only facts whose sentence holds each word."""
    lo, hi = parse_bounds(low, high)
    wanted = check_unit(unit)
    words = about_words(about)
    pool: Iterable[Fact]
    if words:
        pool = index.facts_about(words)  # the words are rarer than figures in most ranges
    elif lo is None and hi is None:
        pool = index.iter_facts()
    else:
        floor = -math.inf if lo is None else float(lo)
        pool = index.facts_reaching(*_widened(floor, math.inf if hi is None else float(hi)))
    chosen = (
        f
        for f in pool
        if _unit_ok(f, wanted) and _in_bounds(f, lo, hi) and _sentence_about(index, f.sentence_id, words)
    )
    return list(islice(chosen, limit))


def _sentence_about(index: Store, sentence_id: str, words: Sequence[str]) -> bool:
    if not words:
        return True
    sentence = _fold(index.sentence_text(sentence_id) or "")
    return all(w in sentence for w in words)
