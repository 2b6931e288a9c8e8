"""The matching keys of each speaker, computed once when an index is built.

Everything a query is compared with (see :mod:`gdq.search.speakers`) is precomputed here,
per speaker: pinyin readings, traditional-to-simplified form, surname split, role words.
"""

# No ``from __future__ import annotations``: see gdq.models (NamedTuple creation cost).
import functools
import unicodedata
from collections.abc import Sequence

from gdq.lexicon import names as lexnames
from gdq.lexicon import speakers as lexspeakers

# Defined with the other records, so that reading an index needs none of the lexicons here.
from gdq.models import SpeakerKeys as SpeakerKeys
from gdq.text.fold import all_cjk, fold, is_cjk, is_separator, t2s_table, to_simplified
from gdq.text.pinyin import ALT, unit_syllables, usual_reading, usual_readings

# Common single-character surnames. A 2-3 character all-Chinese name that starts with one
# of these is read as surname + given name; otherwise (institutions such as 会议, 新华社)
# the name is not split.
_SURNAMES = frozenset(lexnames.SURNAMES)
_COMPOUND_SURNAMES = lexnames.COMPOUND_SURNAMES
_SURNAME_READINGS = lexspeakers.SURNAME_READINGS
_ORG_FINALS = lexspeakers.ORG_FINALS
_ROLE_SEPARATORS = lexspeakers.ROLE_SEPARATORS
_ROLE_SEPARATOR_SET = frozenset(_ROLE_SEPARATORS)
_NAME_PART_SEPARATORS = lexspeakers.NAME_PART_SEPARATORS
_NAME_PART_SEPARATOR_SET = frozenset(_NAME_PART_SEPARATORS)


KeysTuple = tuple[
    str, tuple[str, ...], str, str, str, str, str, tuple[str, ...], str, tuple[str, ...],
    tuple[str, ...],
]  # fmt: skip


# --- the name ------------------------------------------------------------------------------
def _split_name(s: str) -> tuple[str, str]:
    """(surname, given name) of a folded, simplified Chinese personal name, ("", s) for
    anything else."""
    if not 2 <= len(s) <= 4 or not all_cjk(s):
        return "", s
    if len(s) >= 3 and s[:2] in _COMPOUND_SURNAMES:
        return s[:2], s[2:]
    if len(s) <= 3 and s[0] in _SURNAMES and s[-1] not in _ORG_FINALS:
        return s[:1], s[1:]
    return "", s


def _units(s: str) -> list[str]:
    """Split a folded name into reading units: each CJK character alone, each run of ASCII
    letters/digits as one unit; other characters cannot be typed as pinyin and are skipped."""
    if all_cjk(s):  # the usual Chinese name: one unit per character
        return list(s)
    units: list[str] = []
    run: list[str] = []
    for c in s:
        if is_cjk(c):
            if run:
                units.append("".join(run))
                run = []
            units.append(c)
        elif c.isascii() and c.isalnum():
            run.append(c)
        elif run:
            units.append("".join(run))
            run = []
    if run:
        units.append("".join(run))
    return units


# What the keys need of one unit of a name, four strings: the readings of the unit, usual
# one first, joined by ALT (an entry of SpeakerKeys.syllables); the first of these; and both
# again for the unit read as a surname (单: shan, not dan).
_UnitRecord = tuple[str, str, str, str]


def _unit_record(unit: str, usual: str) -> _UnitRecord:
    readings = unit_syllables(unit, usual)
    as_surname = unit_syllables(unit, _SURNAME_READINGS.get(unit, usual))
    return readings, readings.split(ALT, 1)[0], as_surname, as_surname.split(ALT, 1)[0]


class _UnitRecords(dict[str, _UnitRecord | tuple[()]]):
    """{unit: its record}, filled on first sight of each unit; () for a CJK character that
    has no reading of its own, whose reading then depends on its neighbours."""

    def __missing__(self, unit: str) -> _UnitRecord | tuple[()]:
        usual = usual_reading(unit)
        value = self[unit] = () if usual is None else _unit_record(unit, usual)
        return value


_UNIT_RECORDS = _UnitRecords()


def _plain_char(c: str) -> tuple[str, ...]:
    """A CJK character that folding leaves as it is, with a CJK simplified form that has a
    reading of its own: that form and its unit record; () for any other character.

    A name made of such characters folds to itself as a whole (ideographs neither compose nor
    reorder under NFKC; casefolding and separator removal go by character), is simplified
    character by character, and each character is one unit: its keys are lookups.
    """
    if not is_cjk(c) or is_separator(c) or unicodedata.normalize("NFKC", c) != c or c.casefold() != c:
        return ()
    simplified = c.translate(t2s_table())
    record = _UNIT_RECORDS[simplified] if is_cjk(simplified) else ()
    return (simplified, *record) if record else ()


class _PlainChars(dict[str, tuple[str, ...]]):
    """{character: _plain_char(character)}, filled on first sight of each character: the
    few thousand characters of an archive's names recur across tens of thousands of names."""

    def __missing__(self, c: str) -> tuple[str, ...]:
        value = self[c] = _plain_char(c)
        return value


_PLAIN_CHARS = _PlainChars()


def _columns(units: Sequence[str]) -> list[tuple[str, ...]]:
    """The records of ``units`` as four columns (see _UnitRecord)."""
    records: Sequence[tuple[str, ...]] = list(map(_UNIT_RECORDS.__getitem__, units))
    if not all(records):  # a character with no reading alone: read the runs in context
        records = list(map(_unit_record, units, usual_readings(units)))
    return list(zip(*records, strict=True)) or [(), (), (), ()]


def _name_parts(name: str) -> tuple[str, ...]:
    stripped = name.strip()
    if _NAME_PART_SEPARATOR_SET.isdisjoint(stripped):
        return ()  # the usual name, written without separators: a single part
    parts = [to_simplified(fold(p)) for p in _split_all(stripped, _NAME_PART_SEPARATORS) if p.strip()]
    return tuple(dict.fromkeys(parts)) if len(parts) > 1 else ()


# The fields of SpeakerKeys that depend on the name alone, in this order: key, simplified,
# surname, given, syllables, pinyin, initials, parts.
_NameKeys = tuple[str, str, str, str, tuple[str, ...], str, str, tuple[str, ...]]


@functools.lru_cache(maxsize=65536)
def _name_keys(name: str) -> _NameKeys:
    # Cached: one person is quoted in many documents of an archive, each with its own roles.
    # The plain characters' records as five columns (simplified, readings, ...); none when
    # any character is not plain, as zip stops at the shortest (B905: that is the point here,
    # and a strict= keyword would make zip cost half again as much).
    columns = list(zip(*map(_PLAIN_CHARS.__getitem__, name)))  # noqa: B905
    parts: tuple[str, ...] = ()
    if columns:  # nearly every name: folding, simplifying and splitting into units are lookups
        chars, *readings = columns
        key, simplified, units = name, "".join(chars), chars
    else:
        key = fold(name)
        simplified = to_simplified(key)
        units = tuple(_units(simplified))
        readings = _columns(units)
        parts = _name_parts(name)
    syllables, usual, surname_syllables, surname_usual = readings
    surname, given = _split_name(simplified)
    if not surname:
        return key, simplified, "", "", syllables, "".join(usual), "", parts
    n = len(surname)
    compound = _COMPOUND_SURNAMES.get(surname)
    if compound:  # a compound surname with a reading of its own (尉迟: yu chi)
        head = tuple(map(unit_syllables, units[:n], compound))
        syllables = head + syllables[n:]
        usual = tuple(h.split(ALT, 1)[0] for h in head) + usual[n:]
    else:  # each character read as a surname
        syllables = surname_syllables[:n] + syllables[n:]
        usual = surname_usual[:n] + usual[n:]
    initials = "".join([u[0] for u in usual])
    return key, simplified, surname, given, syllables, "".join(usual), initials, parts


# --- roles -------------------------------------------------------------------------------
def _split_all(text: str, separators: str) -> list[str]:
    """``text`` split at every occurrence of any of ``separators``."""
    pieces = [text]
    for sep in separators:
        if sep in text:  # most are in no given text: no need to copy the pieces
            pieces = [p for piece in pieces for p in piece.split(sep)]
    return pieces


@functools.lru_cache(maxsize=65536)
def _keys_of_role(role: str) -> tuple[str, ...]:
    """Folded, simplified keys of one role string: the whole and each post in it. Cached:
    the same roles recur across the speakers of an archive."""
    if _ROLE_SEPARATOR_SET.isdisjoint(role):  # the usual role, one post: nothing to split
        return (to_simplified(fold(role)),) if role.strip() else ()
    keys: dict[str, None] = {}
    for text in [role, *_split_all(role, _ROLE_SEPARATORS)]:
        if text.strip():
            keys[to_simplified(fold(text))] = None
    return tuple(keys)


def _role_keys(roles: Sequence[str]) -> tuple[str, ...]:
    if len(roles) == 1:  # the common case: nothing to merge
        return _keys_of_role(roles[0])
    return tuple(dict.fromkeys(key for role in roles for key in _keys_of_role(role)))


# --- the keys ------------------------------------------------------------------------------
def speaker_keys(name: str, roles: Sequence[str]) -> SpeakerKeys:
    """Precompute the matching keys of one speaker (index-build time).

    Raises ValueError for a blank name, which an index should never hold.
    """
    if not name.strip():
        raise ValueError("speaker name is empty")
    key, simplified, surname, given, syllables, pinyin, initials, parts = _name_keys(name)
    # (_role_keys inlined for the usual single role: this runs once per speaker.)
    role_keys = _keys_of_role(roles[0]) if len(roles) == 1 else _role_keys(roles)
    # In the order of the fields: name, roles, pinyin, key, simplified, surname, given,
    # syllables, initials, role_keys, parts.
    # _make, not keywords: the generated __new__ costs half again as much, once per speaker.
    return SpeakerKeys._make((
        name, tuple(roles), pinyin, key, simplified, surname, given, syllables, initials,
        role_keys, parts,
    ))  # fmt: skip


def with_roles(k: SpeakerKeys, roles: Sequence[str]) -> SpeakerKeys:
    """The keys of the same speaker with other roles: only the role keys depend on roles, so
    merging one person's documents needs no new pinyin."""
    return k._replace(roles=tuple(roles), role_keys=_role_keys(roles))


def keys_to_tuple(k: SpeakerKeys) -> KeysTuple:
    """Plain-data form of ``k`` for an on-disk cache (JSON or marshal)."""
    return (
        k.name, k.roles, k.pinyin, k.key, k.simplified, k.surname, k.given, k.syllables,
        k.initials, k.role_keys, k.parts,
    )  # fmt: skip


_TUPLE_FIELDS = (str, tuple, str, str, str, str, str, tuple, str, tuple, tuple)


def keys_from_tuple(t: Sequence[object]) -> SpeakerKeys:
    """Inverse of :func:`keys_to_tuple`; lists (as JSON returns them) are accepted.

    Raises ValueError when ``t`` does not have the expected shape (a stale cache).
    """
    if len(t) != len(_TUPLE_FIELDS):
        raise ValueError(f"speaker keys: expected {len(_TUPLE_FIELDS)} fields, got {len(t)}")
    values: list[str | tuple[str, ...]] = []
    for value, kind in zip(t, _TUPLE_FIELDS, strict=True):
        if kind is str and isinstance(value, str):
            values.append(value)
        elif kind is tuple and isinstance(value, list | tuple):
            items = tuple(value)
            if not all(isinstance(item, str) for item in items):
                raise ValueError("speaker keys: malformed list field")
            values.append(items)
        else:
            raise ValueError("speaker keys: malformed field")
    return SpeakerKeys(*values)  # type: ignore[arg-type]  # shapes checked above
