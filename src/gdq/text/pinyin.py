"""Pinyin: the readings of Chinese characters, and the letters of pinyin a user types.

A character's readings come from ``lexicon/data/readings.tsv``: what pypinyin's public API
gives for each character it knows, tones stripped, written out by ``scripts/gen_readings.py``.
The table is read once per process, on first need (~4 ms), and each character is looked up
once. pypinyin itself is imported (~300 ms: it loads its phrase table) only for a character
the table lacks, or a run of characters one of which has no reading alone (read as a whole).
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence

from gdq.lexicon import readings as lexreadings

# The readings of one unit of a name are stored as one string, alternatives joined by this
# mark; it cannot occur in a reading, which holds only letters or a single unknown CJK
# character.
ALT = "|"


@functools.lru_cache(maxsize=8192)
def _strip_tones(text: str) -> str:
    """Lowercase letters without tone marks; ü (also written u:) becomes v as in pypinyin.

    Cached: the readings pypinyin gives (zhèng, ...) recur across many characters, and
    reading each new character of an archive's names was a third of its first-sight cost."""
    if text.isascii():  # no marks to strip; casefold is lower for ASCII
        return text.lower().replace("u:", "v")
    t = unicodedata.normalize("NFD", text.casefold()).replace("u\u0308", "v")
    return "".join(c for c in t if not unicodedata.combining(c)).replace("u:", "v")


def latin_form(query: str) -> str | None:
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


def api_readings(c: str) -> tuple[str, ...]:
    """Every reading pypinyin's public API gives for one character alone, usual one first,
    without tones; () when it has none. What ``data/readings.tsv`` holds for the characters
    it lists (``scripts/gen_readings.py`` writes it with this function). Style.TONE and our
    own tone stripping, not Style.NORMAL: NORMAL keeps the circumflex of ê (欸), which the
    stored keys have always dropped."""
    from pypinyin import Style, pinyin

    found: list[list[str]] = pinyin(c, style=Style.TONE, heteronym=True, errors="ignore")
    return tuple(dict.fromkeys(map(_strip_tones, found[0]))) if found else ()


@functools.lru_cache(maxsize=65536)
def _char_pinyin(c: str) -> tuple[str, ...]:
    """The readings of one character alone, usual one first, without tones; () when it has
    none. From the table; pypinyin is asked only about a character the table lacks."""
    listed = lexreadings.get(c)
    return api_readings(c) if listed is None else tuple(listed.split(lexreadings.SEPARATOR))


def char_readings(c: str) -> frozenset[str]:
    """The readings of one character, any tone: two characters sound the same when these
    meet."""
    return frozenset(_char_pinyin(c))


@functools.lru_cache(maxsize=65536)
def _heteronyms(unit: str) -> tuple[str, ...]:
    """All readings of a CJK character, sorted."""
    return tuple(sorted(_char_pinyin(unit)))


@functools.lru_cache(maxsize=65536)
def usual_reading(unit: str) -> str | None:
    """The usual reading of one unit of a name: a run of ASCII letters/digits reads as
    itself, a CJK character as pypinyin reads it alone; None when pypinyin has no reading."""
    if unit.isascii():
        return unit
    readings = _char_pinyin(unit)
    return readings[0] if readings else None


def _run_readings(run: str) -> list[str]:
    """The reading of each character of a run of CJK characters, read as a whole (context
    may change a reading)."""
    from pypinyin import Style, lazy_pinyin, pinyin

    read: list[str] = lazy_pinyin(run, style=Style.NORMAL)
    # Characters pypinyin does not know may come back joined; alignment with the characters
    # matters more than context then.
    if len(read) != len(run):
        read = [pinyin(c, style=Style.NORMAL)[0][0] for c in run]
    return read


def usual_readings(units: Sequence[str]) -> list[str]:
    """The usual reading of each unit: ASCII runs read as themselves, CJK characters each
    alone, and a run of CJK characters with a character that has no reading alone as
    pypinyin reads the run as a whole."""
    alone = list(map(usual_reading, units))
    if None not in alone:  # the common case: every character has its reading
        return [r for r in alone if r is not None]  # (all of them)
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
        run = alone[i:j]
        known = [r for r in run if r is not None]
        usual.extend(known if len(known) == len(run) else _run_readings("".join(units[i:j])))
        i = j
    return usual


@functools.lru_cache(maxsize=65536)
def unit_syllables(unit: str, first: str) -> str:
    """All readings of one unit, ``first`` (its reading in this name) first, joined by ALT.
    Cached: the same characters, with the same reading, recur in most names."""
    readings = [first]
    if not unit.isascii():  # a CJK character
        readings += _heteronyms(unit)
    # ü is typed v, u (passports: LU) or yu (LYU).
    readings += [r.replace("v", alt) for r in list(readings) if "v" in r for alt in ("u", "yu")]
    return ALT.join(dict.fromkeys(_strip_tones(r) for r in readings if r))
