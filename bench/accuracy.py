"""Score gdq's statements and numeric facts against the hand-made gold of the dev set.

Usage: python bench/accuracy.py [--dev DIR] [--gdq PATH] [--doc SUBSTRING]
                                [--json FILE] [--misses FILE]

The gold lives in ``../shared/dev`` (relative to the repository); its README defines the format
and the scoring rules, which this script follows. gdq runs once, as a subprocess
(``gdq export --format jsonl --no-cache -c DOCS``), and its records are scored by ``score()``,
a pure function that tests can call with rows of their own. Standard library only.

Choices the README leaves open, made here:

* **Shared text.** Both texts lose punctuation (Unicode category P*, which takes in every quote
  mark), whitespace and control characters. ``difflib.SequenceMatcher(autojunk=False)`` aligns
  them; the characters of its matching blocks of 2+ characters count as shared. It finds the
  longest common block, then recurses on either side of it, so this is a greedy
  longest-common-substring cover that keeps the two texts in order (a block of 2+ is always
  taken before a 1-character block in the same stretch). A gold and a gdq statement match when
  the shared characters are at least half of the shorter text; two texts of under 2 characters
  match only when equal.
* **Gold line.** The 1-based line where the first occurrence of ``content`` starts in the
  document (content that occurs twice is rare; the report counts such rows).
* **Found with the right speaker** holds when *any* matching gdq statement has the right
  speaker. A gdq statement's *best* gold match is the one sharing the largest fraction (ties:
  right speaker first, then required first); a statement whose matches are all optional gold is
  left out of precision. "By kind" gives recall by the gold kind and precision by gdq's kind.
* **Roles** and **speaker types** are judged on required gold found with the right speaker,
  using the matching gdq statement with the right speaker and the largest shared fraction.
  A role is right when equal, when one contains the other, or when the gold role and gdq's
  ``role``/``roles``, split on 、, share an item.
* **Expected speaker type**: every type the gold categories imply (document, anonymous, group,
  organisation), plus ``media`` when the speaker is written in 《》 or names a known news
  medium (``MEDIA``); ``person`` when none applies. gdq is right when its ``speaker_type`` is
  one of them (a newspaper annotated ``organisation`` accepts ``organisation`` or ``media``).
* **Facts.** Positions: every occurrence of a gold ``raw`` in the document; a gdq fact sits at
  the occurrence of its ``raw`` nearest to where its sentence offset puts it. A gold and a gdq
  fact are compatible when their spans overlap and value (and ``value_max`` for a range), unit
  and qualifier agree; units read ``／`` as ``/``, a few traditional characters as simplified
  and fold the magnitude prefixes 千/万/兆/吉/百万 of physical units (瓦, 瓦时, 米, 克, 焦) into
  the value. Each gold fact pairs with at most one gdq fact (maximum bipartite matching).
  Calendar years (unit 年份) leave both counts; game scores (gold value ``a:b``) are not scored,
  and a gdq fact overlapping one, matching nothing else, is left out of precision too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

Row = Mapping[str, Any]

LINE_WINDOW = 3  # a gdq statement starts within this many lines of the gold one
MIN_SHARE = 0.5  # shared characters / characters of the shorter text
MIN_BLOCK = 2  # common blocks shorter than this do not count
YEAR_UNIT = "年份"
SYSTEM_STATEMENT_TYPES = ("quote", "statement")
TRUNCATE = 80
GDQ_TIMEOUT = 1800.0

CATEGORY_TYPES = {
    "organisation": "organisation",
    "document": "document",
    "anonymous": "anonymous",
    "group": "group",
}
MEDIA = (
    "新华社", "中新社", "中央社", "中通社", "路透社", "美联社", "法新社", "彭博社", "共同社",
    "塔斯社", "韩联社", "埃菲社", "安莎社", "德新社", "合众国际社", "今日俄罗斯", "央视",
    "中央电视台", "中央广播电视总台", "美国有线电视新闻网", "英国广播公司", "CNN", "BBC",
)  # fmt: skip
# Magnitude prefixes folded into the value for physical units only (万 before 元 stays a unit
# error: the gold writes units without magnitude, 元 not 亿元).
UNIT_PREFIXES = (
    ("百万", 1e6),
    ("百萬", 1e6),
    ("千", 1e3),
    ("万", 1e4),
    ("萬", 1e4),
    ("兆", 1e6),
    ("吉", 1e9),
)
PHYSICAL_UNITS = frozenset({"瓦", "瓦时", "瓦特", "米", "克", "焦", "焦耳"})
UNIT_CHARS = str.maketrans(
    {"／": "/", "幣": "币", "時": "时", "噸": "吨", "萬": "万", "億": "亿", "臺": "台"}
)


# --- comparing texts, speakers, roles ---


def _ignored(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat[0] in "PZ" or cat == "Cc" or ch in "`´"


def strip_text(text: str) -> str:
    """The text without punctuation, quote marks and whitespace."""
    return "".join(ch for ch in text if not _ignored(ch))


def shared_fraction(a: str, b: str) -> float:
    """Characters of the shorter stripped text covered by common blocks of 2+, over its length."""
    x, y = strip_text(a), strip_text(b)
    shorter = min(len(x), len(y))
    if shorter == 0:
        return 0.0
    if x == y:
        return 1.0
    blocks = SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks()
    return sum(m.size for m in blocks if m.size >= MIN_BLOCK) / shorter


def speaker_matches(system: str | None, gold: str) -> bool:
    """Equal, or one contains the other with both 2+ characters."""
    s, g = (system or "").strip(), gold.strip()
    if not s or not g:
        return False
    return s == g or (len(s) >= 2 and len(g) >= 2 and (s in g or g in s))


def _role_items(values: Iterable[str]) -> set[str]:
    return {part.strip() for v in values for part in v.split("、") if part.strip()}


def role_matches(system_role: str, system_roles: Sequence[str], gold_role: str) -> bool:
    """Equal, one contains the other, or an item in common after splitting on 、."""
    g = gold_role.strip()
    candidates = [r.strip() for r in (system_role, *system_roles) if r and r.strip()]
    if not g or not candidates:
        return False
    if any(c == g or c in g or g in c for c in candidates):
        return True
    return bool(_role_items([g]) & _role_items(candidates))


def expected_speaker_types(speaker: str, categories: Sequence[str]) -> set[str]:
    types = {CATEGORY_TYPES[c] for c in categories if c in CATEGORY_TYPES}
    s = speaker.strip()
    if (s.startswith("《") and s.endswith("》")) or any(m in s for m in MEDIA):
        types.add("media")
    return types or {"person"}


# --- rows ---


def doc_key(doc: Any) -> str:
    """'…/docs/a-x.txt' and 'a-x' both name the document 'a-x'."""
    name = str(doc).replace("\\", "/").rsplit("/", 1)[-1]
    return name.removesuffix(".txt")


def _as_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def _as_int(value: Any) -> int | None:
    if value is None or value == "":
        return None
    return int(value)


def _as_str(value: Any) -> str:
    return "" if value is None else str(value)


def _categories(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        parts: Iterable[Any] = value.split("|")
    elif isinstance(value, Iterable):
        parts = value
    else:
        parts = ()
    return tuple(p for p in (str(x).strip() for x in parts) if p) or ("(none)",)


def _row_type(row: Row) -> str:
    kind = row.get("type")
    if kind:
        return str(kind)
    return "fact" if "raw" in row and "content" not in row else "statement"


@dataclass(frozen=True)
class GoldStatement:
    doc: str
    n: str
    line: int | None
    kind: str
    speaker: str
    role: str
    content: str
    categories: tuple[str, ...]
    required: bool

    @classmethod
    def of(cls, row: Row) -> GoldStatement:
        return cls(
            doc=doc_key(row["doc"]),
            n=_as_str(row.get("n")),
            line=_as_int(row.get("line")),
            kind=_as_str(row.get("kind")),
            speaker=_as_str(row.get("speaker")),
            role=_as_str(row.get("role")),
            content=_as_str(row.get("content")),
            categories=_categories(row.get("category")),
            required=_as_bool(row.get("required", "1")),
        )


@dataclass(frozen=True)
class SystemStatement:
    index: int
    doc: str
    line: int | None
    kind: str
    speaker: str
    role: str
    roles: tuple[str, ...]
    text: str
    has_type: bool
    speaker_type: str

    @classmethod
    def of(cls, index: int, row: Row) -> SystemStatement:
        roles = row.get("roles") or ()
        return cls(
            index=index,
            doc=doc_key(row["doc"]),
            line=_as_int(row.get("line")),
            kind=_as_str(row.get("kind")),
            speaker=_as_str(row.get("speaker")),
            role=_as_str(row.get("role")),
            roles=tuple(_as_str(r) for r in roles) if isinstance(roles, list | tuple) else (),
            text=_as_str(row.get("text")),
            has_type="speaker_type" in row,
            speaker_type=_as_str(row.get("speaker_type")),
        )


Span = tuple[int, int]


def _parse_number(value: Any) -> float | None:
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Fact:
    doc: str
    raw: str
    value: float | None
    value_max: float | None
    unit: str
    qualifier: str
    spans: tuple[Span, ...]  # empty: position unknown, overlap falls back to the raw texts
    game_score: bool = False

    @classmethod
    def gold(cls, row: Row) -> Fact:
        value = _as_str(row.get("value")).strip()
        low, high = value.split("..", 1) if ".." in value else (value, "")
        return cls(
            doc=doc_key(row["doc"]),
            raw=_as_str(row.get("raw")),
            value=_parse_number(low),
            value_max=_parse_number(high),
            unit=_as_str(row.get("unit")),
            qualifier=_as_str(row.get("qualifier")),
            spans=tuple((int(a), int(b)) for a, b in row.get("spans") or ()),
            game_score=":" in value,
        )

    @classmethod
    def system(cls, row: Row) -> Fact:
        span = row.get("span")
        return cls(
            doc=doc_key(row["doc"]),
            raw=_as_str(row.get("raw")),
            value=_parse_number(row.get("value")),
            value_max=_parse_number(row.get("value_max")),
            unit=_as_str(row.get("unit")),
            qualifier=_as_str(row.get("qualifier")),
            spans=((int(span[0]), int(span[1])),) if span else (),
        )


def canonical_unit(unit: str) -> tuple[str, float]:
    """(unit without magnitude, factor): 千瓦 -> (瓦, 1000); ／ read as /."""
    u = unit.strip().translate(UNIT_CHARS)
    factor = 1.0
    changed = True
    while changed:
        changed = False
        for prefix, size in UNIT_PREFIXES:
            rest = u[len(prefix) :]
            if u.startswith(prefix) and rest and (rest in PHYSICAL_UNITS or _has_physical_tail(rest)):
                u, factor, changed = rest, factor * size, True
                break
    return u, factor


def _has_physical_tail(unit: str) -> bool:
    """万千瓦: after one more prefix the rest is physical."""
    return any(unit.startswith(p) and unit[len(p) :] in PHYSICAL_UNITS for p, _ in UNIT_PREFIXES)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _overlaps(gold: Fact, system: Fact) -> bool:
    if gold.spans and system.spans:
        return any(gs < se and ss < ge for gs, ge in gold.spans for ss, se in system.spans)
    return bool(gold.raw and system.raw) and (gold.raw in system.raw or system.raw in gold.raw)


def fact_difference(gold: Fact, system: Fact) -> str | None:
    """None when the facts agree; else the first field that differs."""
    if gold.qualifier.strip() != system.qualifier.strip():
        return "qualifier"
    gu, gf = canonical_unit(gold.unit)
    su, sf = canonical_unit(system.unit)
    if gu != su:
        return "unit"
    if not _close(_scaled(gold.value, gf), _scaled(system.value, sf)):
        return "value"
    if gold.qualifier.strip() == "range" and not _close(
        _scaled(gold.value_max, gf), _scaled(system.value_max, sf)
    ):
        return "value_max"
    return None


def _scaled(value: float | None, factor: float) -> float | None:
    return None if value is None else value * factor


def field_agreement(gold: Fact, system: Fact) -> dict[str, bool]:
    """Which fields of two overlapping facts agree: value, unit, qualifier (each on its own,
    the value compared with units' magnitude prefixes folded in), and value_max for a range."""
    gu, gf = canonical_unit(gold.unit)
    su, sf = canonical_unit(system.unit)
    agree = {
        "value": _close(_scaled(gold.value, gf), _scaled(system.value, sf)),
        "unit": gu == su,
        "qualifier": gold.qualifier.strip() == system.qualifier.strip(),
    }
    if gold.qualifier.strip() == "range":
        agree["value_max"] = _close(_scaled(gold.value_max, gf), _scaled(system.value_max, sf))
    return agree


# --- scoring ---


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _prf(p_num: int, p_den: int, r_num: int, r_den: int) -> dict[str, Any]:
    p, r = _ratio(p_num, p_den), _ratio(r_num, r_den)
    f1 = 2 * p * r / (p + r) if p is not None and r is not None and p + r > 0 else None
    return {
        "precision": p,
        "recall": r,
        "f1": f1,
        "p_num": p_num,
        "p_den": p_den,
        "r_num": r_num,
        "r_den": r_den,
    }


@dataclass(frozen=True)
class _Hit:
    share: float
    gold: GoldStatement
    system: SystemStatement

    @property
    def speaker_ok(self) -> bool:
        return speaker_matches(self.system.speaker, self.gold.speaker)


def _truncate(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= TRUNCATE else flat[: TRUNCATE - 1] + "…"


def _score_statements(gold: Sequence[GoldStatement], system: Sequence[SystemStatement]) -> dict[str, Any]:
    gold_by_doc: dict[str, list[int]] = defaultdict(list)
    for gi, g in enumerate(gold):
        gold_by_doc[g.doc].append(gi)
    stripped_gold = [strip_text(g.content) for g in gold]
    hits_of_gold: dict[int, list[_Hit]] = defaultdict(list)
    hits_of_system: dict[int, list[_Hit]] = defaultdict(list)
    for s in system:
        if s.line is None:
            continue
        s_text = strip_text(s.text)
        for gi in gold_by_doc.get(s.doc, ()):
            g = gold[gi]
            if g.line is None or abs(s.line - g.line) > LINE_WINDOW:
                continue
            share = shared_fraction(stripped_gold[gi], s_text)
            if share >= MIN_SHARE:
                hit = _Hit(share, g, s)
                hits_of_gold[gi].append(hit)
                hits_of_system[s.index].append(hit)

    required = [gi for gi, g in enumerate(gold) if g.required]
    found = {gi for gi in required if hits_of_gold[gi]}
    right = {gi for gi in found if any(h.speaker_ok for h in hits_of_gold[gi])}

    # gdq statements: left out, right, wrong speaker, or matching no gold at all
    status: dict[int, str] = {}
    best_of: dict[int, _Hit] = {}
    for s in system:
        hits = hits_of_system[s.index]
        if not hits:
            status[s.index] = "no-gold"
        elif not any(h.gold.required for h in hits):
            status[s.index] = "optional"
        else:
            best = max(hits, key=lambda h: (h.share, h.speaker_ok, h.gold.required))
            best_of[s.index] = best
            status[s.index] = "right" if best.speaker_ok else "wrong-speaker"
    scored = [s for s in system if status[s.index] != "optional"]

    def counts(gis: Sequence[int], sys_rows: Sequence[SystemStatement]) -> dict[str, Any]:
        n_found = sum(1 for gi in gis if gi in found)
        n_right = sum(1 for gi in gis if gi in right)
        p_found = sum(1 for s in sys_rows if status[s.index] in ("right", "wrong-speaker"))
        p_right = sum(1 for s in sys_rows if status[s.index] == "right")
        return {
            "found": _prf(p_found, len(sys_rows), n_found, len(gis)),
            "right_speaker": _prf(p_right, len(sys_rows), n_right, len(gis)),
        }

    kinds = sorted({gold[gi].kind for gi in required} | {s.kind for s in scored})
    by_kind = {
        k: counts([gi for gi in required if gold[gi].kind == k], [s for s in scored if s.kind == k])
        for k in kinds
    }
    cat_rows: dict[str, list[int]] = defaultdict(list)
    for gi in required:
        for c in gold[gi].categories:
            cat_rows[c].append(gi)
    by_category = {
        c: {
            "required": len(gis),
            "found": sum(1 for gi in gis if gi in found),
            "right_speaker": sum(1 for gi in gis if gi in right),
            "recall_right_speaker": _ratio(sum(1 for gi in gis if gi in right), len(gis)),
        }
        for c, gis in sorted(cat_rows.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    }

    # roles and speaker types, on required gold found with the right speaker
    role_total = role_ok = role_absent = no_role_total = role_spurious = 0
    type_present = type_ok = 0
    type_by_expected: dict[str, Counter[str]] = defaultdict(Counter)
    any_type = any(s.has_type for s in system)
    for gi in sorted(right):
        g = gold[gi]
        hit = max((h for h in hits_of_gold[gi] if h.speaker_ok), key=lambda h: h.share)
        s = hit.system
        has_role = bool(s.role.strip() or any(r.strip() for r in s.roles))
        if g.role.strip():
            role_total += 1
            role_ok += role_matches(s.role, s.roles, g.role)
            role_absent += not has_role
        else:
            no_role_total += 1
            role_spurious += has_role
        if s.has_type:
            expected = expected_speaker_types(g.speaker, g.categories)
            ok = s.speaker_type in expected
            type_present += 1
            type_ok += ok
            label = "|".join(sorted(expected))
            type_by_expected[label]["n"] += 1
            type_by_expected[label]["ok"] += ok
    speaker_type: dict[str, Any] | None = None
    if any_type:
        speaker_type = {
            "accuracy": _ratio(type_ok, type_present),
            "ok": type_ok,
            "judged": type_present,
            "by_expected": {k: dict(v) for k, v in sorted(type_by_expected.items())},
        }

    misses: list[dict[str, Any]] = []
    for gi in required:
        if gi in right:
            continue
        g = gold[gi]
        hits = hits_of_gold[gi]
        best_hit = max(hits, key=lambda h: h.share) if hits else None
        misses.append(
            {
                "status": "miss-wrong-speaker" if best_hit else "miss-not-found",
                "doc": g.doc,
                "n": g.n,
                "line": g.line,
                "kind": g.kind,
                "category": "|".join(g.categories),
                "gold_speaker": g.speaker,
                "gdq_speaker": best_hit.system.speaker if best_hit else "",
                "text": _truncate(g.content),
            }
        )
    false_positives: list[dict[str, Any]] = []
    for s in scored:
        if status[s.index] == "right":
            continue
        b = best_of.get(s.index)
        false_positives.append(
            {
                "status": "fp-wrong-speaker" if b else "fp-no-gold",
                "doc": s.doc,
                "n": b.gold.n if b else "",
                "line": s.line,
                "kind": s.kind,
                "category": "|".join(b.gold.categories) if b else "",
                "gold_speaker": b.gold.speaker if b else "",
                "gdq_speaker": s.speaker,
                "text": _truncate(s.text),
            }
        )

    return {
        "gold": len(gold),
        "required": len(required),
        "optional": len(gold) - len(required),
        "gold_without_line": sum(1 for g in gold if g.line is None),
        "system": len(system),
        "system_left_out": len(system) - len(scored),
        "overall": counts(required, scored),
        "by_kind": by_kind,
        "by_category": by_category,
        "roles": {
            "accuracy": _ratio(role_ok, role_total),
            "ok": role_ok,
            "gold_with_role": role_total,
            "gdq_no_role": role_absent,
            "gold_without_role": no_role_total,
            "gdq_role_where_gold_has_none": role_spurious,
        },
        "speaker_type": speaker_type,
        "misses": misses,
        "false_positives": false_positives,
    }


def _max_matching(adjacent: Sequence[Sequence[int]]) -> dict[int, int]:
    """Maximum bipartite matching (Kuhn): left index -> right index."""
    owner: dict[int, int] = {}

    def augment(left: int, seen: set[int]) -> bool:
        for right in adjacent[left]:
            if right in seen:
                continue
            seen.add(right)
            if right not in owner or augment(owner[right], seen):
                owner[right] = left
                return True
        return False

    for left in range(len(adjacent)):
        augment(left, set())
    return {left: right for right, left in owner.items()}


def _score_facts(gold: Sequence[Fact], system: Sequence[Fact]) -> dict[str, Any]:
    docs = {g.doc for g in gold}
    scored_gold = [g for g in gold if not g.game_score and canonical_unit(g.unit)[0] != YEAR_UNIT]
    games = [g for g in gold if g.game_score]
    candidates = [s for s in system if s.doc in docs and s.unit.strip() != YEAR_UNIT]
    adjacent = [
        [
            si
            for si, s in enumerate(candidates)
            if s.doc == g.doc and _overlaps(g, s) and not fact_difference(g, s)
        ]
        for g in scored_gold
    ]
    pairs = _max_matching(adjacent)
    matched_system = set(pairs.values())
    left_out = {
        si
        for si, s in enumerate(candidates)
        if si not in matched_system and any(g.doc == s.doc and _overlaps(g, s) for g in games)
    }
    n_system = len(candidates) - len(left_out)
    why: Counter[str] = Counter()
    misses: list[dict[str, Any]] = []
    fields: Counter[str] = Counter()
    for gi, g in enumerate(scored_gold):
        overlapping = (
            [candidates[pairs[gi]]]
            if gi in pairs
            else [s for s in candidates if s.doc == g.doc and _overlaps(g, s)]
        )
        if overlapping:
            fields["pairs"] += 1
            if g.qualifier.strip() == "range":
                fields["ranges"] += 1
            fields.update(k for k, ok in field_agreement(g, overlapping[0]).items() if ok)
        if gi in pairs:
            continue
        near = [s for s in candidates if s.doc == g.doc and _overlaps(g, s)]
        reason = "no overlapping gdq fact"
        got = ""
        if near:
            s = near[0]
            reason = f"{fact_difference(g, s) or 'taken by another gold fact'} differs"
            got = f"{s.raw} = {s.value} {s.unit} {s.qualifier}"
        why[reason] += 1
        want = f"{g.value}{'..' + str(g.value_max) if g.value_max is not None else ''} {g.unit} {g.qualifier}"
        misses.append({"doc": g.doc, "raw": g.raw, "gold": want, "gdq": got, "why": reason})
    false_positives = [
        {"doc": s.doc, "raw": s.raw, "gdq": f"{s.value} {s.unit} {s.qualifier}"}
        for si, s in enumerate(candidates)
        if si not in matched_system and si not in left_out
    ]
    result = _prf(len(pairs), n_system, len(pairs), len(scored_gold))
    result.update(
        {
            "docs": len(docs),
            "gold": len(scored_gold),
            "gold_not_scored": len(gold) - len(scored_gold),
            "system": n_system,
            "system_years_left_out": sum(1 for s in system if s.doc in docs and s.unit.strip() == YEAR_UNIT),
            "system_on_game_scores_left_out": len(left_out),
            "miss_reasons": dict(why.most_common()),
            # gold facts with an overlapping gdq fact (the matched one, else the first), and how
            # many of those pairs agree on each field; value_max counts over gold ranges only
            "fields": {k: fields[k] for k in ("pairs", "value", "unit", "qualifier", "ranges", "value_max")},
            "misses": misses,
            "false_positives": false_positives,
        }
    )
    return result


def score(gold_rows: Sequence[Row], system_rows: Sequence[Row]) -> dict[str, Any]:
    """Score gdq's records against gold rows; pure: no I/O, inputs left as they are.

    ``gold_rows``: statements.tsv rows (doc, n, kind, speaker, role, content, category,
    required) with ``line`` added, and facts.tsv rows (``type`` "fact", or rows with ``raw`` and
    no ``content``: doc, raw, value, unit, qualifier) with ``spans``, the (start, end) of every
    occurrence of ``raw`` in the document (without spans, overlap compares the raw texts).
    ``system_rows``: gdq export records; ``type`` "quote" (doc, line, speaker, role, roles, kind,
    text, optional speaker_type) and "fact" (doc, raw, value, value_max, unit, qualifier, and
    ``span`` for its position); other types are ignored. ``doc`` may be a path or a stem.
    """
    gold_statements = [GoldStatement.of(r) for r in gold_rows if _row_type(r) == "statement"]
    gold_facts = [Fact.gold(r) for r in gold_rows if _row_type(r) == "fact"]
    system_statements = [
        SystemStatement.of(i, r) for i, r in enumerate(system_rows) if _row_type(r) in SYSTEM_STATEMENT_TYPES
    ]
    system_facts = [Fact.system(r) for r in system_rows if _row_type(r) == "fact"]
    return {
        "statements": _score_statements(gold_statements, system_statements),
        "facts": _score_facts(gold_facts, system_facts),
    }


# --- positions (pure; need the document texts) ---


def occurrences(text: str, sub: str) -> list[Span]:
    spans: list[Span] = []
    if not sub:
        return spans
    pos = text.find(sub)
    while pos >= 0:
        spans.append((pos, pos + len(sub)))
        pos = text.find(sub, pos + 1)
    return spans


def line_at(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def add_positions(
    gold_rows: Sequence[Row], system_rows: Sequence[Row], texts: Mapping[str, str]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Copies of the rows with gold ``line``/``spans`` and gdq fact ``span`` filled in.

    A gdq fact's ``start`` counts from the start of its sentence (whose ``start`` counts in the
    document, with line breaks inside the sentence left out), so its position is the occurrence
    of its ``raw`` nearest to sentence start + fact start.
    """
    gold: list[dict[str, Any]] = []
    for row in gold_rows:
        new = dict(row)
        text = texts.get(doc_key(row["doc"]), "")
        if _row_type(row) == "fact":
            new["spans"] = occurrences(text, _as_str(row.get("raw")))
        elif new.get("line") in (None, ""):
            pos = text.find(_as_str(row.get("content"))) if row.get("content") else -1
            new["line"] = line_at(text, pos) if pos >= 0 else None
        gold.append(new)
    sentence_start = {
        r.get("id"): r.get("start")
        for r in system_rows
        if _row_type(r) == "sentence" and isinstance(r.get("start"), int)
    }
    system: list[dict[str, Any]] = []
    for row in system_rows:
        if _row_type(row) == "fact":
            new = dict(row)
            text = texts.get(doc_key(row["doc"]), "")
            raw = _as_str(row.get("raw"))
            offset = row.get("start")
            base = sentence_start.get(row.get("sentence_id"))
            estimate = (base or 0) + offset if isinstance(offset, int) else None
            spans = occurrences(text, raw)
            if spans:
                if estimate is not None:
                    new["span"] = min(spans, key=lambda sp: abs(sp[0] - estimate))
                else:  # nearest to its line
                    line = _as_int(row.get("line")) or 1
                    new["span"] = min(spans, key=lambda sp: abs(line_at(text, sp[0]) - line))
            elif estimate is not None:
                new["span"] = (estimate, estimate + len(raw))
            system.append(new)
        else:
            system.append(dict(row))
    return gold, system


# --- I/O ---


class AccuracyError(Exception):
    """Setup or gdq failure: reported as one line, exit code 2."""


def read_tsv(path: Path) -> list[dict[str, str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines:
        return []
    header = lines[0].split("\t")
    rows = []
    for line in lines[1:]:
        if not line.strip():
            continue
        cells = line.split("\t")
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells, strict=False)))
    return rows


def load_dev(dev: Path, doc_filter: str | None) -> tuple[list[dict[str, Any]], dict[str, str], Path]:
    """Gold rows (statements, then facts typed "fact") and document texts by stem."""
    news = dev / "news"
    docs_dir = news / "docs"
    statements = news / "statements.tsv"
    if not docs_dir.is_dir() or not statements.is_file():
        raise AccuracyError(
            f"dev folder not found or incomplete: {dev} (needs news/docs/ and news/statements.tsv)"
        )
    texts = {
        p.stem: p.read_text(encoding="utf-8")
        for p in sorted(docs_dir.glob("*.txt"))
        if doc_filter is None or doc_filter in p.stem
    }
    if not texts:
        raise AccuracyError(f"no document in {docs_dir} matches --doc {doc_filter!r}")
    gold: list[dict[str, Any]] = [{**r, "type": "statement"} for r in read_tsv(statements)]
    facts = news / "facts.tsv"
    if facts.is_file():
        gold += [{**r, "type": "fact"} for r in read_tsv(facts)]
    gold = [r for r in gold if doc_key(r["doc"]) in texts]
    return gold, texts, docs_dir


def default_gdq() -> str | None:
    beside = Path(sys.executable).parent / "gdq"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("gdq")


def run_gdq(gdq: str, inputs: Sequence[Path]) -> list[dict[str, Any]]:
    argv = [gdq, "export", "--format", "jsonl", "--no-cache"]
    for path in inputs:
        argv += ["-c", str(path)]
    with tempfile.TemporaryDirectory(prefix="gdq-accuracy-") as cache:
        env = dict(os.environ, NO_COLOR="1", GDQ_CACHE_DIR=cache)
        env.pop("GDQ_CORPUS", None)
        try:
            proc = subprocess.run(
                argv,
                capture_output=True,
                text=True,
                encoding="utf-8",
                env=env,
                timeout=GDQ_TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise AccuracyError(f"cannot run {shlex.join(argv)}: {exc}") from exc
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or [""])[-1]
        raise AccuracyError(f"{shlex.join(argv)} exited with {proc.returncode}: {tail}")
    try:
        return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    except json.JSONDecodeError as exc:
        raise AccuracyError(f"gdq export wrote a line that is not JSON: {exc}") from exc


def gdq_version(gdq: str) -> str:
    try:
        out = subprocess.run([gdq, "--version"], capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    return out.stdout.strip() or "unknown"


# --- report ---


def pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.1f}%"


def frac(num: int, den: int) -> str:
    return f"{num}/{den}"


def _prf_cells(m: Mapping[str, Any]) -> list[str]:
    return [
        pct(m["precision"]),
        pct(m["recall"]),
        pct(m["f1"]),
        frac(m["p_num"], m["p_den"]),
        frac(m["r_num"], m["r_den"]),
    ]


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def _field_row(name: str, right: int, pairs: int) -> list[str]:
    return [name, pct(_ratio(right, pairs)), frac(right, pairs)]


def render(result: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    st = result["statements"]
    fa = result["facts"]
    out = [
        "# gdq accuracy on the dev set",
        "",
        f"`{meta['command']}`  ",
        f"{meta['date']} · {meta['gdq_version']} (`{meta['gdq']}`) · dev `{meta['dev']}` · "
        f"{meta['docs']} documents · gdq export {meta['gdq_seconds']:.1f} s, "
        f"scoring {meta['score_seconds']:.1f} s",
        "",
        "## Statements",
        "",
        f"Gold: {st['gold']} statements, {st['required']} required, {st['optional']} optional"
        + (
            f" ({st['gold_without_line']} whose content is not in the document)"
            if st["gold_without_line"]
            else ""
        )
        + (
            f"; contents occurring more than once in their document: {meta['gold_content_occurring_twice']} "
            "(the first occurrence sets the gold line)"
            if meta.get("gold_content_occurring_twice")
            else ""
        )
        + f". gdq: {st['system']} statements, {st['system_left_out']} left out "
        "(they match only optional gold).",
        "",
    ]
    head = ["measure", "precision", "recall", "F1", "P count", "R count"]
    out += _table(
        head,
        [
            ["found", *_prf_cells(st["overall"]["found"])],
            ["right speaker", *_prf_cells(st["overall"]["right_speaker"])],
        ],
    )
    out += ["", "### By kind (recall by gold kind, precision by gdq's kind)", ""]
    rows = []
    for kind, m in st["by_kind"].items():
        rows.append([f"{kind} found", *_prf_cells(m["found"])])
        rows.append([f"{kind} right speaker", *_prf_cells(m["right_speaker"])])
    out += _table(head, rows)
    out += ["", "### By category (required gold; a row counts in each of its categories)", ""]
    out += _table(
        ["category", "found", "right speaker", "recall (right speaker)"],
        [
            [
                c,
                frac(m["found"], m["required"]),
                frac(m["right_speaker"], m["required"]),
                pct(m["recall_right_speaker"]),
            ]
            for c, m in st["by_category"].items()
        ],
    )
    ro = st["roles"]
    out += ["", "### Roles (required gold found with the right speaker)", ""]
    out += _table(
        ["measure", "value", "count"],
        [
            ["role right, where gold has a role", pct(ro["accuracy"]), frac(ro["ok"], ro["gold_with_role"])],
            [
                "gdq gives no role, where gold has one",
                pct(_ratio(ro["gdq_no_role"], ro["gold_with_role"])),
                frac(ro["gdq_no_role"], ro["gold_with_role"]),
            ],
            [
                "gdq gives a role, where gold has none",
                pct(_ratio(ro["gdq_role_where_gold_has_none"], ro["gold_without_role"])),
                frac(ro["gdq_role_where_gold_has_none"], ro["gold_without_role"]),
            ],
        ],
    )
    out += ["", "### Speaker type (required gold found with the right speaker)", ""]
    sp = st["speaker_type"]
    if sp is None:
        out.append("n/a: gdq's records have no `speaker_type` field.")
    else:
        out += _table(
            ["expected", "accuracy", "count"],
            [["all", pct(sp["accuracy"]), frac(sp["ok"], sp["judged"])]]
            + [
                [k, pct(_ratio(v.get("ok", 0), v["n"])), frac(v.get("ok", 0), v["n"])]
                for k, v in sp["by_expected"].items()
            ],
        )
    out += [
        "",
        "## Facts",
        "",
        f"{fa['docs']} annotated documents: {fa['gold']} scored gold facts "
        f"({fa['gold_not_scored']} game scores or years not scored); "
        f"{fa['system']} gdq facts ({fa['system_years_left_out']} calendar years and "
        f"{fa['system_on_game_scores_left_out']} on game scores left out).",
        "",
    ]
    out += _table(head, [["facts", *_prf_cells(fa)]])
    fd = fa.get("fields")
    if fd and fd["pairs"]:
        out += [
            "",
            f"Gold facts with an overlapping gdq fact: {fd['pairs']}/{fa['gold']}; "
            "of those pairs, the field is right:",
            "",
        ]
        rows = [_field_row(k, fd[k], fd["pairs"]) for k in ("value", "unit", "qualifier")]
        if fd["ranges"]:
            rows.append(_field_row("value_max (gold ranges)", fd["value_max"], fd["ranges"]))
        out += _table(["field", "right", "count"], rows)
    if fa["miss_reasons"]:
        out += [
            "",
            "Missed gold facts: " + ", ".join(f"{k} {v}" for k, v in fa["miss_reasons"].items()) + ".",
        ]
    return "\n".join(out) + "\n"


MISS_COLUMNS = ("status", "doc", "n", "line", "kind", "category", "gold_speaker", "gdq_speaker", "text")


def write_misses(path: Path, result: Mapping[str, Any]) -> None:
    st = result["statements"]
    lines = ["\t".join(MISS_COLUMNS)]
    for row in [*st["misses"], *st["false_positives"]]:
        lines.append("\t".join(" ".join(_as_str(row[c]).split()) for c in MISS_COLUMNS))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    repo = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description="Score gdq against the hand-made gold of the dev set.")
    parser.add_argument(
        "--dev", type=Path, default=repo.parent / "shared" / "dev", help="dev folder (default: %(default)s)"
    )
    parser.add_argument("--gdq", help="the gdq to score (default: gdq beside sys.executable, else on PATH)")
    parser.add_argument("--doc", help="only documents whose name contains this")
    parser.add_argument("--json", type=Path, help="also write the numbers as JSON")
    parser.add_argument(
        "--misses", type=Path, help="write missed gold and false-positive gdq statements as TSV"
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        gold_rows, texts, docs_dir = load_dev(args.dev, args.doc)
        gdq = args.gdq or default_gdq()
        if not gdq:
            raise AccuracyError("gdq not found beside this Python nor on PATH; pass --gdq PATH")
        # the whole folder, or with --doc just the matching files
        inputs = [docs_dir] if args.doc is None else [docs_dir / f"{stem}.txt" for stem in texts]
        started = time.perf_counter()
        system_rows = [r for r in run_gdq(gdq, inputs) if doc_key(r.get("doc", "")) in texts]
        gdq_seconds = time.perf_counter() - started
    except AccuracyError as exc:
        print(f"accuracy.py: error: {exc}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    gold_rows, system_rows = add_positions(gold_rows, system_rows, texts)
    result = score(gold_rows, system_rows)
    score_seconds = time.perf_counter() - started
    ambiguous = sum(
        1
        for r in gold_rows
        if _row_type(r) == "statement"
        and len(occurrences(texts[doc_key(r["doc"])], _as_str(r.get("content")))) > 1
    )
    meta = {
        "command": shlex.join(
            [
                "bench/accuracy.py",
                *(sys.argv[1:] if argv is None else argv),
            ]
        ),
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M"),
        "gdq": gdq,
        "gdq_version": gdq_version(gdq),
        "dev": str(args.dev),
        "docs": len(texts),
        "gold_content_occurring_twice": ambiguous,
        "gdq_seconds": gdq_seconds,
        "score_seconds": score_seconds,
    }
    sys.stdout.write(render(result, meta))
    if args.json:
        args.json.write_text(
            json.dumps({"meta": meta, **result}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    if args.misses:
        write_misses(args.misses, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
