"""Speaker lookup: which speakers of an index does a user's query mean?

Everything a query is compared with is precomputed once per speaker by :func:`speaker_keys`
when the index is built (pinyin readings, traditional-to-simplified form, surname split,
role words), so :func:`match_speakers` stays cheap. The common case, an exact name, touches
no table at all. The traditional-to-simplified table (a few ms to build) is used only by
queries that are not an exact name in simplified characters, and the per-character pinyin
table (30-70 ms) only by Chinese queries that may be homophones. Query time never imports
pypinyin (~300 ms). Each rule first narrows the speakers down with cheap tests, so a query
that is not an exact name takes a few tenths of a second on an archive's 220,000 speakers.

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
import functools
import itertools
import operator
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from gdq.lexicon import names as lexnames

# Bump when SpeakerKeys changes shape or meaning, so cached keys are rebuilt.
KEYS_FORMAT = 1

SCORE_EXACT = 100.0
SCORE_TRADITIONAL = 98.0
SCORE_PINYIN = 95.0
SCORE_PINYIN_VARIANT = 90.0
SCORE_NAME_IN_QUERY = 90.0
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

# --- name data ---------------------------------------------------------------------------
# Common single-character surnames. A 2-3 character all-Chinese name that starts with one
# of these is read as surname + given name; otherwise (institutions such as 会议, 新华社)
# the name is not split. Characters that mostly start institution names (国, 中, 新, 全,
# 海, 公) are left out on purpose.
_SURNAMES = frozenset(lexnames.SURNAMES)
# Two-character surnames, with their reading where it differs from the everyday one.
_COMPOUND_SURNAMES = lexnames.COMPOUND_SURNAMES
# pypinyin has no surname mode (python-pinyin issue #297): it reads 单 as dan, 曾 as ceng.
# The reading of these characters as a surname; other readings stay acceptable (score 90).
_SURNAME_READINGS: dict[str, str] = {
    "单": "shan", "曾": "zeng", "解": "xie", "仇": "qiu", "区": "ou", "查": "zha",
    "朴": "piao", "盖": "ge", "乐": "yue", "翟": "zhai", "种": "chong", "秘": "bi",
    "覃": "qin", "缪": "miao", "员": "yun", "繁": "po", "重": "chong", "华": "hua",
    "过": "guo", "纪": "ji", "燕": "yan", "冼": "xian", "瞿": "qu", "折": "she",
    "那": "na", "难": "nan", "粘": "nian", "藏": "zang", "都": "du", "六": "lu",
    "薄": "bo", "贾": "jia", "盛": "sheng", "柏": "bai", "牟": "mou", "阚": "kan",
    "叶": "ye", "沈": "shen", "宿": "su", "卜": "bu", "殷": "yin", "能": "nai",
    "尉": "wei", "句": "gou", "召": "shao", "谌": "chen", "莘": "shen", "隗": "wei",
    "祭": "zhai", "车": "che", "石": "shi", "褚": "chu", "臧": "zang", "贲": "ben",
}  # fmt: skip
# A name ending in one of these is an institution (外交部, 新华社), not surname + given name.
_ORG_FINALS = frozenset("部社局委办厅署司组网院报会馆所处团队站协联盟关")
# Titles that may follow a surname (郑院长) or a whole name (郑永年教授). A leading 副 is
# accepted before any of them.
_COURTESY_TITLES = frozenset(lexnames.COURTESY_TITLES)
_TITLES = frozenset(lexnames.TITLES_AFTER_NAME)
# Role strings list several posts: "中山大学岭南学院教授、博士生导师".
_ROLE_SEPARATORS = "、,，;；/／|｜\n\t"
# Marks that join the parts of a transliterated or western name: 埃隆·马斯克, Tim Cook.
_NAME_PART_SEPARATORS = "·•‧・．. \u3000-"
# Readings are stored as one string per character, alternatives joined by this mark; it
# cannot occur in a reading, which holds only letters or a single unknown CJK character.
_ALT = "|"


# --- records -----------------------------------------------------------------------------
class SpeakerKeys(NamedTuple):
    """What matching needs to know about one speaker, computed at index-build time.

    Holds only ``str`` and ``tuple[str, ...]`` so it can be cached as JSON or marshal data
    (see :func:`keys_to_tuple`).
    """

    name: str  # as in the index
    roles: tuple[str, ...]  # as in the index
    pinyin: str  # usual reading, lowercase, no tones or spaces: "zhengyongnian"
    key: str  # folded name: width, case, spaces and punctuation normalised away
    simplified: str  # ``key`` in simplified characters (== key for most names)
    surname: str  # "" when the name is not read as a Chinese personal name
    given: str  # the rest of the name after the surname ("" when surname is "")
    # One entry per character of ``simplified`` (a run of Latin letters/digits counts as
    # one): its readings, usual one first, joined by "|": ("shan|dan|chan", "xue", "mei").
    syllables: tuple[str, ...]
    initials: str  # first letter of each usual reading, personal names only: "zyn"
    role_keys: tuple[str, ...]  # folded, simplified role strings and their parts
    parts: tuple[str, ...]  # folded parts of a name written with separators, else ()


class SpeakerMatch(NamedTuple):
    name: str
    score: float  # 0..100, 100 = exact name
    how: str  # "exact", "traditional", "pinyin", "name_in_query", "homophone", "typo", ...


KeysTuple = tuple[
    str, tuple[str, ...], str, str, str, str, str, tuple[str, ...], str, tuple[str, ...],
    tuple[str, ...],
]  # fmt: skip


# --- folding -----------------------------------------------------------------------------
class _Deleter(dict[int, int | None]):
    """``str.translate`` table that deletes the characters for which ``drop`` is true and
    keeps all others.

    Filled lazily, one entry per character seen, so the Python test runs once per character
    rather than once per occurrence, and translate does the rest in C: a loop over the
    characters of every name and role was most of the cost of building an index.
    """

    def __init__(self, drop: Callable[[str], bool]) -> None:
        super().__init__()
        self._drop = drop

    def __missing__(self, code: int) -> int | None:
        value = None if self._drop(chr(code)) else code
        self[code] = value
        return value


def _is_separator(c: str) -> bool:
    """Spaces, punctuation and control characters (Unicode categories Z, P and C)."""
    return unicodedata.category(c)[0] in "ZPC"


_DROP_SEPARATORS = _Deleter(_is_separator)


def _fold(text: str) -> str:
    """Normalise text for comparison: NFKC (full-width -> ASCII), casefold, and drop
    spaces, punctuation and control characters, so "Ｚheng·Yongnian " == "zhengyongnian".

    A name made only of such characters keeps them, so it can still match itself.
    """
    t = unicodedata.normalize("NFKC", text).casefold()
    return t.translate(_DROP_SEPARATORS) or "".join(t.split())


def _is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" or "\U00020000" <= c <= "\U0003134f"


_DROP_CJK = _Deleter(_is_cjk)


def _all_cjk(s: str) -> bool:
    return bool(s) and not s.translate(_DROP_CJK)


def _has_cjk(s: str) -> bool:
    return not s.isascii() and len(s.translate(_DROP_CJK)) < len(s)


@functools.cache
def _t2s_table() -> dict[int, str]:
    # Built on first use only: exact-name queries never need it.
    from gdq.text.hanzi_t2s import T2S_PAIRS

    return str.maketrans(dict(zip(T2S_PAIRS[0::2], T2S_PAIRS[1::2], strict=True)))


def _to_simplified(text: str) -> str:
    if not _has_cjk(text):
        return text  # no table needed (nor built) for text without CJK
    return text.translate(_t2s_table())


@functools.lru_cache(maxsize=8192)
def _strip_tones(text: str) -> str:
    """Lowercase letters without tone marks; ü (also written u:) becomes v as in pypinyin.

    Cached: the readings of the pinyin table (zhèng, ...) recur across many characters, and
    reading each new character of an archive's names was a third of its first-sight cost."""
    if text.isascii():  # no marks to strip; casefold is lower for ASCII
        return text.lower().replace("u:", "v")
    t = unicodedata.normalize("NFD", text.casefold()).replace("u\u0308", "v")
    return "".join(c for c in t if not unicodedata.combining(c)).replace("u:", "v")


def _latin_form(query: str) -> str | None:
    """The letters of a query typed in pinyin ("Zhèng Yǒng-nián", "zheng4 yong3"), or
    None when the query is not pinyin (has Chinese characters, other scripts, ...)."""
    out: list[str] = []
    after_letter = False
    for c in _strip_tones(query):
        if "a" <= c <= "z":
            out.append(c)
            after_letter = True
        elif (c in "12345" and after_letter) or c.isspace() or c in "-'’.,·":
            after_letter = False  # a tone number or a separator ends a syllable
        else:
            return None
    return "".join(out) or None


# --- build time --------------------------------------------------------------------------
def _split_name(s: str) -> tuple[str, str]:
    """(surname, given name) of a Chinese personal name, ("", s) for anything else."""
    if not _all_cjk(s):
        return "", s
    return _split_cjk_name(s)


def _split_cjk_name(s: str) -> tuple[str, str]:
    """:func:`_split_name` of a name already known to be all CJK characters."""
    if not 2 <= len(s) <= 4:
        return "", s
    if len(s) >= 3 and s[:2] in _COMPOUND_SURNAMES:
        return s[:2], s[2:]
    if len(s) <= 3 and s[0] in _SURNAMES and s[-1] not in _ORG_FINALS:
        return s[:1], s[1:]
    return "", s


def _units(s: str) -> list[str]:
    """Split a folded name into reading units: each CJK character alone, each run of ASCII
    letters/digits as one unit; other characters cannot be typed as pinyin and are skipped."""
    if _all_cjk(s):  # the usual Chinese name: one unit per character
        return list(s)
    units: list[str] = []
    run: list[str] = []
    for c in s:
        if _is_cjk(c):
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


@functools.lru_cache(maxsize=65536)
def _heteronyms(unit: str) -> tuple[str, ...]:
    # Characters repeat across thousands of names in an archive: read each once.
    return tuple(sorted(_char_readings(unit)))


@functools.lru_cache(maxsize=65536)
def _table_reading(unit: str) -> str | None:
    """The usual reading of one unit (see _units): a run of ASCII letters/digits reads as
    itself, a CJK character as in pypinyin's per-character table (~30 ms to load, against
    ~300 ms to import pypinyin); None when the table does not have it. Cached: the same
    characters recur in most names."""
    if unit.isascii():
        return unit
    raw = _pinyin_table().get(str(ord(unit)), "")
    return _strip_tones(raw.split(",", 1)[0]) if raw else None


def _usual_readings(run: str) -> list[str] | None:
    """The usual reading of each character of a run of CJK characters from the table, so
    a first run, which builds the index, stays fast. None when a character is missing, so
    the caller asks pypinyin itself."""
    readings = list(map(_table_reading, run))
    return None if None in readings else [r for r in readings if r is not None]


def _pypinyin_readings(run: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin, pinyin  # ~300 ms import: only when the table fails

    read: list[str] = lazy_pinyin(run, style=Style.NORMAL)
    # Characters pypinyin does not know may come back joined; alignment with the characters
    # matters more than context then.
    if len(read) != len(run):
        read = [pinyin(c, style=Style.NORMAL)[0][0] for c in run]
    return read


def _usual_syllables(units: Sequence[str]) -> list[str]:
    """The usual reading of each unit: ASCII runs read as themselves, CJK characters from
    the table, and a run of CJK characters with any character missing there from pypinyin,
    which reads the run as a whole (context may change a reading)."""
    from_table = list(map(_table_reading, units))
    if None not in from_table:  # the common case: every character is in the table
        return [r for r in from_table if r is not None]  # (all of them)
    usual: list[str] = []
    i = 0
    while i < len(units):
        if units[i].isascii():
            usual.append(units[i])
            i += 1
            continue
        j = i
        while j < len(units) and not units[j].isascii():
            j += 1
        run = "".join(units[i:j])
        usual.extend(_usual_readings(run) or _pypinyin_readings(run))
        i = j
    return usual


@functools.lru_cache(maxsize=65536)
def _unit_syllables(unit: str, first: str) -> str:
    """All readings of one unit, ``first`` (its reading in this name) first, joined by
    _ALT. Cached: the same characters, with the same reading, recur in most names."""
    readings = [first]
    if not unit.isascii():  # a CJK character (see _units)
        readings += _heteronyms(unit)
    # ü is typed v, u (passports: LU) or yu (LYU).
    readings += [r.replace("v", alt) for r in list(readings) if "v" in r for alt in ("u", "yu")]
    return _ALT.join(dict.fromkeys(_strip_tones(r) for r in readings if r))


def _syllables(units: Sequence[str], surname: str) -> tuple[str, ...]:
    """Readings of each unit of a name, with the surname read as a surname."""
    usual = _usual_syllables(units)
    compound = _COMPOUND_SURNAMES.get(surname)
    for n, c in enumerate(surname):
        usual[n] = compound[n] if compound else _SURNAME_READINGS.get(c, usual[n])
    return tuple(itertools.starmap(_unit_syllables, zip(units, usual, strict=True)))


def _split_all(text: str, separators: str) -> list[str]:
    """``text`` split at every occurrence of any of ``separators``."""
    pieces = [text]
    for sep in separators:
        if sep in text:  # most are in no given text: no need to copy the pieces
            pieces = [p for piece in pieces for p in piece.split(sep)]
    return pieces


_ROLE_SEPARATOR_SET = frozenset(_ROLE_SEPARATORS)


@functools.lru_cache(maxsize=65536)
def _keys_of_role(role: str) -> tuple[str, ...]:
    """Folded, simplified keys of one role string: the whole and each post in it. Cached:
    the same roles recur across the speakers of an archive."""
    if _ROLE_SEPARATOR_SET.isdisjoint(role):  # the usual role, one post: nothing to split
        return (_to_simplified(_fold(role)),) if role.strip() else ()
    keys: dict[str, None] = {}
    for text in [role, *_split_all(role, _ROLE_SEPARATORS)]:
        if text.strip():
            keys[_to_simplified(_fold(text))] = None
    return tuple(keys)


def _role_keys(roles: Sequence[str]) -> tuple[str, ...]:
    if len(roles) == 1:  # the common case: nothing to merge
        return _keys_of_role(roles[0])
    return tuple(dict.fromkeys(key for role in roles for key in _keys_of_role(role)))


_NAME_PART_SEPARATOR_SET = frozenset(_NAME_PART_SEPARATORS)


def _name_parts(name: str) -> tuple[str, ...]:
    stripped = name.strip()
    if _NAME_PART_SEPARATOR_SET.isdisjoint(stripped):
        return ()  # the usual name, written without separators: a single part
    parts = [_to_simplified(_fold(p)) for p in _split_all(stripped, _NAME_PART_SEPARATORS) if p.strip()]
    return tuple(dict.fromkeys(parts)) if len(parts) > 1 else ()


# The fields of SpeakerKeys that depend on the name alone, in this order: key, simplified,
# surname, given, syllables, pinyin, initials, parts.
_NameKeys = tuple[str, str, str, str, tuple[str, ...], str, str, tuple[str, ...]]

# What _name_keys needs of one character of a name on its fast path, five strings: its
# simplified form; the readings of that, usual one first, joined by _ALT (an entry of
# SpeakerKeys.syllables); the first of these readings; and both again for the character
# read as a surname. Empty for a character the fast path cannot take.
_CharRecord = tuple[str, ...]


def _plain_char(c: str) -> _CharRecord:
    """The record of a CJK character that folding leaves as it is and whose simplified form
    the pinyin table reads; () for any other character (Latin, punctuation, compatibility
    ideographs, characters only pypinyin knows), which sends a name down the general path.

    A name made of such characters also folds to itself as a whole: ideographs neither
    compose nor reorder under NFKC, and casefolding and separator removal go by character.
    """
    if not _is_cjk(c) or _is_separator(c) or unicodedata.normalize("NFKC", c) != c or c.casefold() != c:
        return ()
    simplified = c.translate(_t2s_table())
    usual = _table_reading(simplified)
    if usual is None or not _is_cjk(simplified):
        return ()
    readings = _unit_syllables(simplified, usual)
    as_surname = _unit_syllables(simplified, _SURNAME_READINGS.get(simplified, usual))
    return simplified, readings, readings.split(_ALT, 1)[0], as_surname, as_surname.split(_ALT, 1)[0]


class _PlainChars(dict[str, _CharRecord]):
    """{character: _plain_char(character)}, filled on first sight of each character: the
    few thousand characters of an archive's names recur across tens of thousands of names."""

    def __missing__(self, c: str) -> _CharRecord:
        value = self[c] = _plain_char(c)
        return value


_PLAIN_CHARS = _PlainChars()


@functools.lru_cache(maxsize=65536)
def _name_keys(name: str) -> _NameKeys:
    # Cached: one person is quoted in many documents of an archive, each with its own roles.
    # The records of the name's characters as five columns (simplified, readings, ...); none
    # when any record is empty, as zip stops at the shortest (B905: that is the point here,
    # and a strict= keyword would make zip cost half again as much).
    columns = list(zip(*map(_PLAIN_CHARS.__getitem__, name)))  # noqa: B905
    if not columns:
        return _general_name_keys(name)
    # Fast path (nearly every name): CJK characters only, all in the pinyin table. Then the
    # steps of _general_name_keys reduce to per-character lookups: NFKC, casefolding and
    # separator removal leave the name as it is (key == name), simplification and readings
    # go character by character, every unit is one character, there are no separated parts.
    chars, readings, usual, surname_readings, surname_usual = columns
    simplified = "".join(chars)
    surname, given = _split_cjk_name(simplified)
    if not surname:
        return name, simplified, "", "", readings, "".join(usual), "", ()
    if len(surname) > 1:  # a compound surname (欧阳, 尉迟 read yu chi): rare, not worth a path
        return _general_name_keys(name)
    readings = (surname_readings[0], *readings[1:])  # read as a surname: 单 shan, not dan
    usual = (surname_usual[0], *usual[1:])
    initials = "".join([u[0] for u in usual])
    return name, simplified, surname, given, readings, "".join(usual), initials, ()


def _general_name_keys(name: str) -> _NameKeys:
    """_name_keys of any name: Latin letters, separators, characters not in the table."""
    key = _fold(name)
    simplified = _to_simplified(key)
    surname, given = _split_name(simplified)
    syllables = _syllables(_units(simplified), surname)
    usual = [s.split(_ALT, 1)[0] for s in syllables]
    pinyin = "".join(usual)
    initials = "".join([u[0] for u in usual]) if surname else ""
    given = given if surname else ""
    return key, simplified, surname, given, syllables, pinyin, initials, _name_parts(name)


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


# --- query time --------------------------------------------------------------------------
@functools.cache
def _pinyin_table() -> dict[str, str]:
    """pypinyin's per-character table {"37073": "zhèng", ...}, read directly.

    Importing pypinyin costs ~300 ms because it loads its 2.5 MB phrase table; the
    per-character table alone loads in ~30 ms, and homophone checks need nothing else.
    An empty result (layout changed) makes :func:`_char_readings` fall back to pypinyin.
    """
    import importlib.util
    import json
    import os

    try:
        spec = importlib.util.find_spec("pypinyin")
        locations = spec.submodule_search_locations if spec else None
        if not locations:
            return {}
        with open(os.path.join(next(iter(locations)), "pinyin_dict.json"), encoding="utf-8") as f:
            table = json.load(f)
    except (OSError, ValueError, ImportError):
        return {}
    return table if isinstance(table, dict) else {}


@functools.cache
def _char_readings(c: str) -> frozenset[str]:
    table = _pinyin_table()
    if table:
        raw = table.get(str(ord(c)))
        return frozenset(_strip_tones(r) for r in raw.split(",")) if raw else frozenset()
    from pypinyin import Style, pinyin

    return frozenset(pinyin(c, style=Style.NORMAL, heteronym=True)[0])


def _readings(k: SpeakerKeys) -> list[list[str]]:
    return [s.split(_ALT) for s in k.syllables]


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
    """Optimal-string-alignment distance <= 1 (insert, delete, substitute, swap two)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        if a[i + 1 :] == b[i + 1 :]:
            return True
        return a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
    if len(a) > len(b):
        return a[i + 1 :] == b[i:]
    return b[i + 1 :] == a[i:]


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
    q = _fold(query)
    return q, _to_simplified(q)


def match_speakers(query: str, speakers: Sequence[SpeakerKeys]) -> list[SpeakerMatch]:
    """Speakers the query may mean, best first; [] when nothing fits (see module doc)."""
    q = _fold(query)
    if not q:
        return []
    # Each rule below loops over the speakers that its prefilter lets through (see "query
    # time: prefilters"), in the order of the pool, and no longer over the whole pool.
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
    if q in forms or _to_simplified(q) in forms:
        exact = list(itertools.compress(pool, map(q.__eq__, map(_KEY, pool))))
        if exact:
            named = {k.simplified for k in exact}  # (which holds those of ``exact`` too)
            for k in itertools.compress(pool, map(named.__contains__, simplified)):
                if k.key == q:
                    _add(found, k.name, SCORE_EXACT, "exact")
                elif k.simplified in named:
                    _add(found, k.name, SCORE_TRADITIONAL, "traditional")
            return _ranked(found, query)
    qs = _to_simplified(q)
    if qs in forms:
        for k in itertools.compress(pool, map(qs.__eq__, simplified)):
            _add(found, k.name, SCORE_TRADITIONAL, "traditional")
        return _ranked(found, query)

    letters = _latin_form(query)
    if letters:
        # 2. Pinyin spelling of the whole name.
        near = _near_spellings(letters, pool)
        for k in _pinyin_candidates(letters, near):
            units = _readings(k)
            cost = _spelling_cost(letters, units)
            if cost is not None:
                _add(found, k.name, SCORE_PINYIN if cost == 0 else SCORE_PINYIN_VARIANT, "pinyin")
            elif k.surname and _all_cjk(k.simplified):
                n = len(k.surname)
                if _spelling_cost(letters, units[n:] + units[:n]) is not None:
                    _add(found, k.name, SCORE_PINYIN_VARIANT, "pinyin")
        if found:
            return _ranked(found, query)
        _fuzzy_latin(letters, near, found)
    elif _all_cjk(qs):
        # 3. A whole name with a title or role words around it. (qs.__contains__(name):
        # the name is in the query.)
        for k in itertools.compress(pool, map(qs.__contains__, simplified)):
            if len(k.simplified) >= 2 and _all_cjk(k.simplified) and k.simplified in qs:
                rest = qs.replace(k.simplified, "", 1)
                bigrams = {rest[i : i + 2] for i in range(len(rest) - 1)}
                if _title_of(rest) or any(b in r for b in bigrams for r in k.role_keys):
                    _add(found, k.name, SCORE_NAME_IN_QUERY, "name_in_query")
        if found:
            return _ranked(found, query)
        _fuzzy_chinese(qs, pool, simplified, found)

    # 4 (all queries). Parts of separated names, and roles/organisations.
    for k in _part_and_role_candidates(q, qs, pool, simplified):
        if q in k.parts or qs in k.parts:
            _add(found, k.name, SCORE_NAME_PART, "name_part")
        if not k.surname and len(qs) >= 2 and qs in k.simplified:
            # Part of an institution's name (国务院新闻办 -> 国务院新闻办公室). Not for personal
            # names: 郑永 may be another person altogether.
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
    """The fuzzy rules for a Latin query; ``near`` is _near_spellings(letters, pool)."""
    surname_hits: list[str] = []
    for k in _fuzzy_latin_candidates(letters, near):
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
        long_name = len(units) >= 3 if _all_cjk(k.simplified) else len(k.pinyin) >= 6
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
    for k in _fuzzy_chinese_candidates(qs, cores, pool, simplified):
        name = k.simplified
        if not _all_cjk(name):
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
            if _char_readings(core[i]) & set(_readings(k)[i]):
                if len(name) >= 3 or i >= n:
                    _add(found, k.name, SCORE_HOMOPHONE, "homophone")
            elif len(name) >= 3 and i >= n:
                _add(found, k.name, SCORE_TYPO, "typo")
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


# --- query time: prefilters --------------------------------------------------------------
# An archive holds ~220,000 speakers, and a rule that splits every speaker's readings and
# runs its cost function on them took seconds. So each rule of match_speakers first picks
# the speakers it could possibly match, with a few lookups per speaker or a C-level pass
# (map/compress) over one field: a prefilter may let through a speaker the rule then
# rejects, never drop one it would take. The rule itself then runs unchanged on those, in
# the order of the pool, so matches, scores and the order of ties are those of a loop over
# every speaker. Reading a field of 220,000 speakers costs tens of ms whatever is done with
# it (the objects are scattered in memory), so each prefilter reads as few fields as it can.
# Nothing is kept between calls: a process answers one query.
#
# Some prefilters rely on how speaker_keys derives the fields from each other (SpeakerKeys
# holds nothing else): ``pinyin`` is the usual readings, the first of each ``syllables``
# entry, joined, and ``initials`` their first letters; ``simplified`` is ``surname`` +
# ``given`` when there is a surname, of one or two characters.
_NAME = operator.attrgetter("name")
_KEY = operator.attrgetter("key")
_SIMPLIFIED = operator.attrgetter("simplified")
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
    return entry.split(_ALT, 1)[0]


def _spelling_ends(letters: str) -> tuple[_SyllableTest, _SyllableTest]:
    """Tests of a unit that the first and the last unit of any spelling of ``letters`` (see
    _spelling_cost) pass: one of its (non-empty) readings starts, or ends, ``letters``."""
    starts = _SyllableTest(lambda entry: any(r and letters.startswith(r) for r in entry.split(_ALT)))
    ends = _SyllableTest(lambda entry: any(r and letters.endswith(r) for r in entry.split(_ALT)))
    return starts, ends


def _typo_ends(letters: str) -> tuple[_SyllableTest, _SyllableTest]:
    """Tests of a unit that the first and the last unit of a name pass when ``letters`` (6+)
    is one edit (_within_one_edit) from the name's usual spelling, in either order.

    The edit changes at most two adjacent letters, so that spelling keeps the first three
    letters (edit at 3 or later) or all from the fifth on (edit before 4): its first unit's
    usual reading starts like ``letters``, or its last unit's ends like it.
    """
    head, tail = letters[:3], letters[4:]

    def ends_like(entry: str) -> bool:
        reading = _usual(entry)
        return reading.endswith(tail) if len(reading) >= len(tail) else tail.endswith(reading)

    return _SyllableTest(lambda entry: head.startswith(_usual(entry)[:3])), _SyllableTest(ends_like)


def _near_spellings(letters: str, pool: Sequence[SpeakerKeys]) -> list[SpeakerKeys]:
    """The speakers a Latin query may spell or nearly spell (step 2 and _fuzzy_latin): those
    with a unit that could start or end a spelling or a one-edit typo of ``letters``, and
    those whose initials the query may be. One pass over the syllables of the pool."""
    starts, _ = _spelling_ends(letters)
    typo = len(letters) >= 6
    typo_first, typo_last = _typo_ends(letters)
    # Every rule starts the spelling, in some order, with a unit that has a reading starting
    # ``letters``, or for a typo ends it with a unit whose usual reading ends like it; where
    # that unit sits depends on the surname, so any unit will do here.
    near = _SyllableTest(lambda e: starts[e] or (typo and (typo_first[e] or typo_last[e])))
    # Initials: one letter per character of a 3-4 character personal name.
    initial = _SyllableTest(lambda e: _usual(e)[:1] == letters[:1]) if 3 <= len(letters) <= 4 else None
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


def _pinyin_candidates(letters: str, near: Sequence[SpeakerKeys]) -> list[SpeakerKeys]:
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


def _fuzzy_latin_candidates(letters: str, near: Sequence[SpeakerKeys]) -> list[SpeakerKeys]:
    """The speakers _fuzzy_latin may match with ``letters``."""
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


def _fuzzy_chinese_candidates(
    qs: str, cores: Sequence[str], pool: Sequence[SpeakerKeys], simplified: list[str]
) -> list[SpeakerKeys]:
    """The speakers _fuzzy_chinese may match with ``qs`` and its ``cores`` (prefixes of it)."""
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


def _part_and_role_candidates(
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
