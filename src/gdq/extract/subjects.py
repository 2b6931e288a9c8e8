"""Who a subject clause names: a person with roles, a pronoun, a short form, an institution.

The subject of a reporting verb is the clause before it, read from its end: adverbs and
adjuncts (``特别``, ``接受记者采访时``, ``谈及…时``) are peeled off, then the name (a surname
plus one or two characters), then the roles before it, which must end in a title word or an
organisation. No name tagger is needed, so names a segmenter splits (黄坤/明) come out whole.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from gdq.extract import sources
from gdq.extract.alternation import Endings, alternation
from gdq.lexicon import names
from gdq.lexicon import numbers as numlex
from gdq.lexicon import sources as srclex
from gdq.lexicon import speech as lex
from gdq.lexicon.marks import QUOTE_PAIRS, SENTENCE_ENDERS, SYMMETRIC_QUOTES

# Pure functions of short strings that recur within and across documents (the same names,
# roles and subject clauses) are cached; the caches are bounded so a long run stays small.
CACHE_SIZE = 1 << 14


class Subject(NamedTuple):  # a tuple: made for every subject read, and cheaper than a dataclass
    # "person", "pronoun", "institution", "source" (业内人士, 报告, 《环球报》), "short" (李总)
    # or "chain" (no subject)
    kind: str
    name: str  # name as written; pronoun; institution or source; surname for "short"
    roles: str = ""  # role text before the name, as written
    gender: str = ""  # "m", "f" or "" when unknown
    stype: str = sources.PERSON  # the speaker type (gdq.extract.sources) of what it names


HONORIFIC_SEX = names.HONORIFIC_SEX
# One set lookup rules most texts out before the loop over HONORIFIC_SEX.
_HONORIFIC_LAST = frozenset(h[-1] for h in HONORIFIC_SEX)

_ROLE_WORDS = (*lex.TITLE_WORDS, *lex.ORG_SUFFIXES)  # a role ends in one of these
_ROLE_END = Endings(_ROLE_WORDS)
_INSTITUTION_END = Endings(lex.INSTITUTION_WORDS)
_INSTITUTION_MAX = 16  # longer clauses ending in 会议/公司 are descriptions, not speakers
_NOT_INSTITUTION = frozenset(lex.COMMAS + lex.FULL_STOP + lex.COLONS)
# A date (3月20日, 2021年12月, 周三) and an adverb of manner (激动地, 戏谑的) stand where an
# adverb does, between a subject and its verb.
_NUMERAL_CHARS = frozenset((*numlex.ARABIC_DIGITS, *numlex.DIGITS, *numlex.SMALL_UNITS))
_NUMERAL = re.escape("".join(sorted(_NUMERAL_CHARS)))
_DATE = (
    rf"(?:[{_NUMERAL}]{{1,4}}[{re.escape(lex.DATE_UNITS)}])+"
    rf"|(?:{alternation(numlex.DATE_PREFIXES)})[{_NUMERAL}{re.escape(lex.DATE_UNITS)}]"
)
MANNER = rf"(?:{alternation(lex.MANNER_WORDS)})[{re.escape(lex.MANNER_MARKS)}]"
_ADVERBS = f"{alternation(lex.ADVERBS)}|{_DATE}|{MANNER}"
# A character of a phrase that stays within one clause (an adjunct, a clause opener).
_PHRASE_BREAKS = (
    lex.COMMAS + lex.SEMICOLONS + lex.COLONS + "".join(sorted(SENTENCE_ENDERS)) + lex.ADJUNCT_QUOTE_STOPS
)
PHRASE_CHAR = f"[^{re.escape(_PHRASE_BREAKS)}]"
# What may stand between a name and its verb: adverbs, then at most two adjunct phrases.
_ADJUNCT_RE = re.compile(
    rf"(?:{_ADVERBS})*(?:(?:{alternation(lex.ADJUNCT_OPENERS)}){PHRASE_CHAR}{{0,40}}?"
    rf"(?:{_ADVERBS})*){{0,2}}"
)
_ADVERB_FIRST = _NUMERAL_CHARS | {w[0] for w in (*lex.ADVERBS, *lex.MANNER_WORDS, *numlex.DATE_PREFIXES)}
_ADJUNCT_FIRST = _ADVERB_FIRST | frozenset(w[0] for w in lex.ADJUNCT_OPENERS)
_ADVERBS_ONLY_RE = re.compile(rf"(?:{_ADVERBS})*")
# 仍有分析, 有消息: an adverb or two, 有 and a noun of opinion (the source is 有分析).
_OPINION_RE = re.compile(rf"(?:{_ADVERBS})*({re.escape(lex.EXISTENTIAL)}(?:{alternation(srclex.OPINIONS)}))")
_OPINION_LAST = frozenset(w[-1] for w in srclex.OPINIONS)
LEADING_RE = re.compile(rf"^(?:{alternation(lex.LEADING_CONNECTIVES)})+")
_LEADING_FIRST = frozenset(w[0] for w in lex.LEADING_CONNECTIVES)
_SHORT_FORM_RE = re.compile(rf"([{names.SURNAMES}])(?:{alternation(names.TITLES_AFTER_NAME)})")
_SHORT_FORM_MAX = 1 + max(map(len, names.TITLES_AFTER_NAME))  # longer texts cannot be short forms
_BRACKET_OPENS = re.escape("".join(lex.ROUND_BRACKETS))
_BRACKET_CLOSES = re.escape("".join(lex.ROUND_BRACKETS.values()))
_ROLE_ASIDE_RE = re.compile(
    rf"[{_BRACKET_OPENS}](?:{alternation(lex.ROLE_ASIDE_MARKERS)})"
    rf"[^{_BRACKET_OPENS}{_BRACKET_CLOSES}]*[{_BRACKET_CLOSES}]"
)
_ROLE_LEAD_RE = re.compile(f"^(?:{alternation(lex.ROLE_LEADS)})")
_QUOTE_MARKS = re.escape("".join(sorted({*QUOTE_PAIRS, *QUOTE_PAIRS.values(), *SYMMETRIC_QUOTES})))
_ALIAS_RE = re.compile(
    rf"(?:{alternation(lex.ROLE_ASIDE_MARKERS)})[{_QUOTE_MARKS}]?([^{_QUOTE_MARKS}{_BRACKET_CLOSES}]{{2,12}})"
)
_REFERENCE_RE = re.compile(f"(?:{alternation(lex.REFERENCE_DETERMINERS)})([\u4e00-\u9fff]{{1,4}})")
_JOINERS = frozenset(lex.FOREIGN_NAME_JOINERS)
# A transliterated name: Han parts joined by · or a hyphen (菲利普-桑德斯).
_JOINER_CLASS = f"[{re.escape(lex.FOREIGN_NAME_JOINERS)}]"
FOREIGN_NAME = rf"[\u4e00-\u9fff]{{1,6}}(?:{_JOINER_CLASS}[\u4e00-\u9fff]{{1,8}}){{1,3}}"
_FOREIGN_NAME_RE = re.compile(FOREIGN_NAME + "$")
_HAN = re.compile(r"[\u4e00-\u9fff]+")
_SURNAMES = frozenset(names.SURNAMES)
_COMPOUND_SURNAMES = frozenset(names.COMPOUND_SURNAMES)
_NAME_FIRST = _SURNAMES | {s[0] for s in _COMPOUND_SURNAMES}
_NAME_BREAKERS = frozenset(lex.NAME_BREAKERS)
# A verb that names a listener, the listener (a few characters) and the end of the clause.
_LISTENER_MAX = 12
_LISTENER_LEAD_RE = re.compile(rf"(?:{alternation(lex.LISTENER_LEAD_INS)}).{{1,{_LISTENER_MAX}}}$")
_LISTENER_SPAN = _LISTENER_MAX + max(map(len, lex.LISTENER_LEAD_INS))


@lru_cache(maxsize=CACHE_SIZE)
def is_name(name: str) -> bool:
    """A plausible Chinese personal name: surname + one or two characters, no function words."""
    if not _JOINERS.isdisjoint(name):  # a transliterated name; the joiner is not a Han character
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


@lru_cache(maxsize=CACHE_SIZE)
def split_roles(role_text: str) -> tuple[str, ...]:
    """Roles as written, split at 、 where each part is a complete role.

    ``中山大学岭南学院教授、博士生导师`` → two roles; ``广州市委、市政府主要负责人`` stays one
    because ``广州市委`` ends in neither a title nor an organisation word. A tuple, so no
    caller can change the cached value.
    """
    # （以下简称“深圳先进院”）: the short name the text declares is kept as a role of its own,
    # so that a search for the short name finds the person.
    aliases = [m.group(1) for m in _ALIAS_RE.finditer(role_text)]
    text = _ROLE_ASIDE_RE.sub("", role_text).strip(" \u3000" + lex.COMMAS + "、")
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
    roles += [a for a in aliases if not any(a in r for r in roles)]
    return tuple(r for r in roles if r)


# --- persons --------------------------------------------------------------------------------


_NAME_LENGTHS: tuple[int, ...] = (3, 2, 4)  # the lengths of a name to try, most likely first
_HAN_CHAR = "[\u4e00-\u9fff]"
_GIVEN_CHAR = rf"(?![{re.escape(lex.NAME_BREAKERS)}]){_HAN_CHAR}"
_SURNAME_CHAR = rf"(?={_HAN_CHAR})[{re.escape(names.SURNAMES)}]"
_COMPOUND_REVERSED = rf"(?={_HAN_CHAR}{{2}})(?:{alternation(c[::-1] for c in names.COMPOUND_SURNAMES)})"


def _reversed_names(length: int) -> str:
    """A regex for the reversed texts of this length that ``is_name`` accepts, when they hold
    no separator: a compound surname and one or two given characters, or a surname and one or
    two (given characters are Han and no name breakers), and not one of NOT_NAMES."""
    forms = []
    if length in (3, 4):
        forms.append(_GIVEN_CHAR * (length - 2) + _COMPOUND_REVERSED)
    if length in (2, 3):
        forms.append(_GIVEN_CHAR * (length - 1) + _SURNAME_CHAR)
    not_names = [w[::-1] for w in lex.NOT_NAMES if len(w) == length]
    exclude = f"(?!{alternation(not_names)})" if not_names else ""
    return f"{exclude}(?:{'|'.join(forms)})"


# _parse_person's loop over name lengths as one match of the reversed text: a name of each
# length in _NAME_LENGTHS order, followed (in the reversed text) by the end of a role or by
# nothing. The match ends where the name starts.
_PERSON_REVERSED_RE = re.compile(
    f"(?:{'|'.join(_reversed_names(n) for n in _NAME_LENGTHS)})"
    rf"(?=(?:{alternation(w[::-1] for w in _ROLE_WORDS)})|\Z)"
)


def _parse_person(core: str) -> Subject | None:
    """``roles + name`` (roles ending in a title or organisation), or a bare name."""
    gender = ""
    if core[-1:] in _HONORIFIC_LAST:
        for suffix, sex in HONORIFIC_SEX.items():
            if core.endswith(suffix) and len(core) > len(suffix):
                core, gender = core[: -len(suffix)], sex
                break
    n = len(core)
    if not _JOINERS.isdisjoint(core):
        return _foreign_person(core, gender)
    match = _PERSON_REVERSED_RE.match(core[::-1])
    if match is None:
        return None
    return Subject("person", core[n - match.end() :], core[: n - match.end()], gender)


def _foreign_person(core: str, gender: str) -> Subject | None:
    """``roles + 让-马克·埃罗``: the transliteration at the end, less the role words that run
    into its first part (法国外长让 is 法国外长 + 让)."""
    foreign = _FOREIGN_NAME_RE.search(core)
    if foreign is None:
        return None
    last = foreign.group()[max(map(foreign.group().rfind, _JOINERS)) + 1 :]
    if not _NAME_BREAKERS.isdisjoint(last):
        # 菲利普-桑德斯向到场记者: the last part runs into an adjunct; the subject without the
        # adjunct is another core that parse_subject tries.
        return None
    start = foreign.start()
    first_end = start + next(i for i, c in enumerate(foreign.group()) if c in _JOINERS)
    for cut in range(first_end - 1, start, -1):
        if _ROLE_END(core[:cut]):
            start = cut
            break
    prefix = core[:start]
    if prefix and not _ROLE_END(prefix):
        return None
    return Subject("person", core[start:], prefix, gender)


# --- subjects -------------------------------------------------------------------------------


def _parse_core(core: str) -> Subject | None:
    if core[-1:] in _OPINION_LAST:
        opinion = _OPINION_RE.fullmatch(core)
        if opinion is not None:  # (仍)有分析认为, 有消息称: nobody named, an anonymous source
            return Subject("source", opinion.group(1), stype=sources.ANONYMOUS)
    if core in (lex.MALE_PRONOUN, lex.FEMALE_PRONOUN):
        return Subject("pronoun", core, gender="m" if core == lex.MALE_PRONOUN else "f")
    if core in lex.NEUTRAL_PRONOUNS:
        return Subject("pronoun", core)
    reference = _REFERENCE_RE.fullmatch(core)
    if reference:
        # 该负责人, 这位专家: someone named before; the head is what to look for.
        return Subject("reference", reference.group(1), core, stype=sources.ANONYMOUS)
    short = _SHORT_FORM_RE.fullmatch(core) if len(core) <= _SHORT_FORM_MAX else None
    if short:  # before names: 林总 would pass for a two-character name
        # The whole short form rides in ``roles``: the speaker when no such person is known.
        return Subject("short", short.group(1), core)
    person = _parse_person(core)
    if person is not None:
        kind = sources.source_type(person.name)
        if kind is not None and not person.roles:
            # 文章称: a source's head that could pass for a name (文 is a surname).
            return Subject("source", core, stype=kind)
        return person
    if (
        len(core) <= _INSTITUTION_MAX
        and _INSTITUTION_END(core)
        and not _NOT_INSTITUTION.intersection(core)
        and not (core[0] in _ADJUNCT_FIRST and _ADJUNCT_RE.fullmatch(core))
    ):
        # (向相关部门 is an adjunct; the model tells 在线教育公司 from 在 + a place.)
        # 会议, 国务院常务会议, and 外交部发言人 with no name: the institution speaks.
        return Subject("institution", core, stype=sources.institution_type(core))
    return None


_SPEAKER_LAST = Endings(
    (
        *srclex.OPINIONS,
        lex.MALE_PRONOUN,
        lex.FEMALE_PRONOUN,
        *names.TITLES_AFTER_NAME,
        *lex.INSTITUTION_WORDS,
        *lex.TITLE_WORDS,
        *HONORIFIC_SEX,
    )
)


def _may_end_speaker(core: str) -> bool:
    """Cheap test before the regexes: a speaker ends in a name (a surname 2–4 characters back),
    a pronoun, a short title, an institution or an honorific."""
    # core[-k:-k+1] is the character k back, or "" when the core is shorter than k.
    if core[-2:-1] in _SURNAMES or core[-3:-2] in _SURNAMES or core[-4:-3] in _SURNAMES:
        return True
    if not _JOINERS.isdisjoint(core[-12:]) or _SPEAKER_LAST(core) or core in lex.NEUTRAL_PRONOUNS:
        return True
    return _REFERENCE_RE.fullmatch(core) is not None


@lru_cache(maxsize=CACHE_SIZE)
def parse_subject(clause: str) -> Subject | None:
    """Who a subject clause names, or None when it is not a speaker.

    The clause ends right before the verb. Adjuncts are tried from the shortest (nothing)
    to the longest, so ``李强在会上`` reads as 李强 + 在会上, not as a name 李强在.
    """
    clause = clause.strip(" \u3000\t")
    # The first-character tests spare a regex call for most clauses.
    if clause[:1] in _LEADING_FIRST:
        clause = LEADING_RE.sub("", clause)
    if not clause or (clause[0] in _ADVERB_FIRST and _ADVERBS_ONLY_RE.fullmatch(clause)):
        return Subject("chain", "")
    cores = _cores(clause)
    for core in cores:
        if _may_end_speaker(core):
            subject = _parse_core(core)
            if subject is not None:
                return subject
    # What the word lists cannot read (陈其广, 博索纳罗, 业内人士, 国泰君安): the name model and
    # the heads of sources, on the same cores, longest first.
    for core in cores:
        found = sources.read_subject(core)
        if found is not None:
            return Subject(found.kind, found.name, found.roles, found.gender, found.stype)
    return None


# X日前联合印发《…》: the issuer, adverbs, a verb of issuing (perhaps with 了) and a title.
_ISSUE_RE = re.compile(
    rf"(.{{2,{_INSTITUTION_MAX}}}?)(?:{_ADVERBS})*(?:{alternation(lex.DOCUMENT_ISSUE_VERBS)})了?《[^》]+》"
)


def issuer(clause: str) -> Subject | None:
    """The body that issues a document in a clause ``X印发《…》`` (its next clause, with no
    subject of its own, gives the document's content), or None."""
    match = _ISSUE_RE.fullmatch(clause.strip())
    if match is None:
        return None
    subject = parse_subject(match.group(1))
    if subject is None or subject.kind in ("chain", "pronoun") or subject.stype == sources.PERSON:
        return None
    return subject


def _cores(clause: str) -> list[str]:
    """The subjects a clause may hold, longest first: the clause less what may stand between
    a name and its verb (adverbs, adjuncts)."""
    n = len(clause)
    cores = [
        clause[:k]
        for k in range(n, 0, -1)
        if k == n or (clause[k] in _ADJUNCT_FIRST and _ADJUNCT_RE.fullmatch(clause, k))
    ]
    # 律师分析称, 网站刊文指出: the word before the verb reports, the subject comes before it.
    lead_in = next((w for w in lex.VERB_LEAD_INS if clause.endswith(w) and len(clause) > len(w)), "")
    if lead_in:
        cores.insert(1, clause[: -len(lead_in)])
    # 大连官方回应极目新闻称, 该集团致函「緬甸正義」表示: a listener between two verbs.
    listener = _LISTENER_LEAD_RE.search(clause, max(0, n - _LISTENER_SPAN))
    if listener is not None and listener.start() > 0:
        cores.insert(1, clause[: listener.start()])
    return cores
