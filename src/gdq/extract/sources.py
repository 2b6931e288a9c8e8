"""What kind of source a speaker is: ``speaker_type`` of a statement.

News attributes words to people (郑永年表示), but also to organisations (国家统计局表示), media
(《环球报》称), documents (报告指出), anonymous sources (一位业内人士透露) and groups (与会专家
认为). The subject before the reporting verb says which: its head (the last word) is a title of
a text, a medium or an unnamed person, and words such as 多位 or 们 make it several people.
The word lists are data (``gdq.lexicon.sources``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

from gdq.extract import ner
from gdq.lexicon import names, speech
from gdq.lexicon import sources as lex
from gdq.lexicon.marks import SENTENCE_ENDERS

PERSON = "person"
ORGANISATION = "organisation"
MEDIA = "media"
DOCUMENT = "document"
ANONYMOUS = "anonymous"
GROUP = "group"
SPEAKER_TYPES: tuple[str, ...] = (PERSON, ORGANISATION, MEDIA, DOCUMENT, ANONYMOUS, GROUP)

# Longest heads first, so that 新闻发言人 is read as an anonymous source before 人 could be.
_ANONYMOUS = tuple(sorted(lex.ANONYMOUS_HEADS, key=len, reverse=True))
_DOCUMENTS = tuple(sorted(lex.DOCUMENT_HEADS, key=len, reverse=True))
_MEDIA = tuple(sorted(lex.MEDIA_HEADS, key=len, reverse=True))


def _is_group(phrase: str) -> bool:
    return any(marker in phrase for marker in lex.GROUP_MARKERS)


@lru_cache(maxsize=4096)
def source_type(phrase: str) -> str | None:
    """The type of a subject that names no person, from its head; None when the head names
    nothing that speaks (the caller then decides, e.g. an institution by its ending)."""
    if phrase.startswith("《") and phrase.endswith("》"):
        return MEDIA
    if phrase.endswith(_DOCUMENTS):
        return DOCUMENT
    if phrase.endswith(_ANONYMOUS):
        return GROUP if _is_group(phrase) else ANONYMOUS
    if phrase.endswith(_MEDIA):
        return MEDIA
    return None


def institution_type(phrase: str) -> str:
    """The type of a subject already known to be an institution (外交部, 国务院常务会议)."""
    return source_type(phrase) or (GROUP if _is_group(phrase) and len(phrase) > 4 else ORGANISATION)


# --- subjects the word lists cannot read ------------------------------------------------------


class Source(NamedTuple):
    kind: str  # "person" or "source"
    name: str  # the speaker as written
    roles: str  # role text before a person's name (and titles after it), as written
    gender: str  # "m", "f" or ""
    stype: str  # one of SPEAKER_TYPES


# A subject longer than this is a description ("在…的背景下…"), not a name or a source; a
# person's posts may run longer (国网能源研究院电网所安全与城市电网研究室主任代贤忠).
_MAX_SUBJECT = 24
_MAX_PERSON_SUBJECT = 40
# Tags of words that may make up an organisation's name: LAC's ORG and LOC, proper and
# common nouns, numerals (古巴等64国), and the conjunctions of a list (国家发改委等部门).
_ORG_PARTS = frozenset({ner.ORGANISATION, ner.PLACE, "nz", "n", "m", "q", "c", "w", "f"})
_AFTER_NAME = frozenset((*names.TITLES_AFTER_NAME, *speech.TITLE_WORDS))
_HONORIFIC_SEX = names.HONORIFIC_SEX
# Words between a subject and its verb: times (TIME, t) and adverbs (d).
_BEFORE_VERB = frozenset({"TIME", "t", "d", "c"})  # 部分网友则认为: 则 is tagged c
_TIMES = frozenset({"TIME", "t"})
_PREPOSITION = frozenset({"p"})
_ADJUNCT_OPEN_TAGS = frozenset({"p", "v", "vd"})
_TITLES = tuple(sorted(speech.TITLE_WORDS, key=len, reverse=True))
_FIRMS = tuple(speech.ORG_SUFFIXES)
_HAN = re.compile("[\u4e00-\u9fff]+")
_NAME_BREAKERS = frozenset(speech.NAME_BREAKERS)
_JOINERS = frozenset(speech.FOREIGN_NAME_JOINERS)


def is_person(words: Sequence[ner.Word], i: int) -> bool:
    """The model's person at ``words[i]`` is one: a word it tags as a person right before a
    middle dot it leaves out of the name is a subhead run into the text (``心志·咬牙挺到最后
    麦克米伦也说``), since the parts of a transliteration are tagged as one name."""
    if words[i].tag != ner.PERSON:
        return False
    after = words[i + 1].text if i + 1 < len(words) else ""
    return not (after and after in _JOINERS)


@lru_cache(maxsize=4096)
def read_subject(core: str) -> Source | None:
    """Who a subject names when the word lists found no name: a person the model tags (陈其广,
    博索纳罗, 托尼-阿伦, 钟南山院士), a medium in 《》, a source named by its head (业内人士,
    报告), or an organisation or place the model tags (国泰君安, 丹麦卫生部门)."""
    core = core.strip()
    if not 2 <= len(core) <= _MAX_PERSON_SUBJECT:
        return None
    if core.endswith("》") and "《" in core:
        at = core.rindex("《")
        return Source("source", core[at:], core[:at], "", MEDIA)
    words = ner.tag(core)
    if words[0].tag == "p":
        return None  # 向消费者和投资者 (表明): a preposition opens an adjunct, not a subject
    # 陈扬帆2月11日在接受早报记者专访时: a preposition after a person opens an adjunct (one
    # before it may belong to a post: 安全与城市电网研究室主任).
    first_person = next((i for i in range(len(words)) if is_person(words, i)), len(words))
    # 克林顿日前访问泰国时: a clause of time may open with a verb and no preposition.
    opens = _ADJUNCT_OPEN_TAGS if words[-1].text in lex.TIME_CLAUSE_ENDS else _PREPOSITION
    cut = next((i for i, w in enumerate(words) if w.tag in opens and i > first_person), len(words))
    words = words[:cut]
    # 中国信达8月29日披露, 一名游客激动地说: times, adverbs and 地-adverbs before the verb are
    # not the subject.
    while len(words) > 1 and (words[-1].tag in _BEFORE_VERB or words[-1].text == "地"):
        words = words[:-2] if words[-1].text == "地" and len(words) > 2 else words[:-1]
    # 此时三星又表示: a time before the subject is not part of it either.
    while len(words) > 1 and words[0].tag in _TIMES:
        words = words[1:]
    core = "".join(w.text for w in words)
    person = _person(words) or _titled_name(words) or _name_in_organisation(words)
    if person is not None:
        return person
    if len(core) > _MAX_SUBJECT or any(w in core for w in lex.LISTENER_WORDS):
        return None  # 当地森林公安就此事回应记者 (称): an interview, not one source
    kind = source_type(core)
    if kind is not None:
        return Source("source", core, "", "", kind)
    if core.endswith(_FIRMS):
        # 多家基金都认为, 中金公司: an organisation by its ending, several when counted.
        return Source("source", core, "", "", institution_type(core))
    if core.endswith(_TITLES):
        # 管区书记说, 有受访县中校长表示: someone known only by a post is an anonymous source.
        return Source("source", core, "", "", GROUP if _is_group(core) else ANONYMOUS)
    if all(w.tag in _ORG_PARTS for w in words) and any(w.tag in (ner.ORGANISATION, ner.PLACE) for w in words):
        return Source("source", core, "", "", MEDIA if core.endswith(_MEDIA) else institution_type(core))
    return None


def _titled_name(words: tuple[ner.Word, ...]) -> Source | None:
    """``梁河一中校长寸永勐``: after a post, two or three Han characters are a name even when
    the model splits them into single characters and the surname is rare."""
    core = "".join(w.text for w in words)
    for length in (3, 2):
        name, roles = core[-length:], core[:-length]
        if (
            roles.endswith(_TITLES)
            and _HAN.fullmatch(name)
            and not name.endswith(_TITLES)
            and _NAME_BREAKERS.isdisjoint(name[1:])
            and _single_characters(words, len(roles))
        ):
            return Source("person", name, roles, "", PERSON)
    return None


# Words that may come before the subject at the head of a clause: times, adverbs (另据报道),
# and the leading connectives (但, 而).
_CLAUSE_LEAD_TAGS = frozenset({"TIME", "t", "d", "c"})
_CLAUSE_BREAKS = frozenset(speech.COMMAS + speech.SEMICOLONS + speech.COLONS) | SENTENCE_ENDERS


def clause_heads(text: str, tag: str) -> list[str]:
    """Entities of the model's ``tag`` (ORG or PER) at the head of a clause of ``text``, in
    order: the subjects that 该机构 or 他 may take up later (``3月18日，欧洲药品管理局（EMA）
    召开新闻发布会``, ``但巴克利是坚定的灰熊粉丝，他…``). An entity inside a clause (关于阿斯利康
    新冠疫苗) is what the clause is about, not who acts. An organisation may follow a place
    (丹麦/LOC 卫生部/ORG)."""
    found: list[str] = []
    head = True  # at the head of a clause, before its subject
    run: list[ner.Word] = []  # the entity read so far at the head
    joins = (ner.ORGANISATION, ner.PLACE) if tag == ner.ORGANISATION else (ner.PERSON,)
    words = ner.tag(text)
    for i, word in enumerate(words):
        if head and not run and word.tag in joins and (tag != ner.PERSON or is_person(words, i)):
            run.append(word)
            continue
        if head and run and word.tag in joins and tag == ner.ORGANISATION:
            run.append(word)
            continue
        if run and run[-1].tag == tag:
            found.append("".join(w.text for w in run))
        run = []
        if word.tag == "w" and word.text in _CLAUSE_BREAKS:
            head = True
        elif not (head and (word.tag in _CLAUSE_LEAD_TAGS or word.text in speech.LEADING_CONNECTIVES)):
            head = False
    if run and run[-1].tag == tag:
        found.append("".join(w.text for w in run))
    return found


def _name_in_organisation(words: tuple[ner.Word, ...]) -> Source | None:
    """``联合国代表格林菲尔德/ORG``: the model may run a post and the name after it into one
    organisation; the part after the post's title is a name when the model, asked about it
    alone, tags it a person."""
    last = words[-1].text
    if words[-1].tag != ner.ORGANISATION:
        return None
    for title in _TITLES:
        at = last.rfind(title)
        name = last[at + len(title) :] if at > 0 else ""
        if len(name) >= 2 and _HAN.fullmatch(name):
            alone = ner.tag(name)
            if len(alone) == 1 and alone[0].tag == ner.PERSON:
                roles = "".join(w.text for w in words[:-1]) + last[: at + len(title)]
                return Source("person", name, roles, "", PERSON)
            return None
    return None


def _single_characters(words: tuple[ner.Word, ...], start: int) -> bool:
    """The words from ``start`` on are single characters: the model read no word there (a
    word such as 专访 in 记者专访时 is not part of a name)."""
    at = 0
    for w in words:
        if at >= start and len(w.text) > 1:
            return False
        at += len(w.text)
    return True


def _person(words: tuple[ner.Word, ...]) -> Source | None:
    """A person tagged by the model at the end of the subject, perhaps followed by titles."""
    end = len(words)
    gender = ""
    after: list[str] = []
    while end > 1 and words[end - 1].tag != ner.PERSON and words[end - 1].text in _AFTER_NAME:
        end -= 1
        after.insert(0, words[end].text)
    if after and after[-1] in _HONORIFIC_SEX:
        gender = _HONORIFIC_SEX[after.pop()]
    found = words[end - 1] if end else None
    if end == len(words) == 2 and words[0].tag == ner.PERSON and len(words[1].text) == 1:
        # 布莱/PER 切/v: out of context the model may leave a transliteration's last
        # character out; a subject of a person and one character is that person.
        words = (ner.Word(words[0].text + words[1].text, ner.PERSON),)
        found, end = words[0], 1
    if found is None or found.tag != ner.PERSON or len(found.text) < 2:
        return None
    name = found.text
    for honorific, sex in _HONORIFIC_SEX.items():
        if name.endswith(honorific) and len(name) > len(honorific):
            gender = gender or sex
    before = "".join(w.text for w in words[: end - 1])
    if any(w.text in _JOINERS for w in words[: end - 1]):
        before = ""  # a subhead run into the text (心志·咬牙挺到最后): no post
    roles = "、".join(r for r in (before, *after) if r)
    return Source("person", name, roles, gender, PERSON)
