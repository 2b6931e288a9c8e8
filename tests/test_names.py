from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gdq
from conftest import read_table
from gdq.extract.speakers import SpeakerKeys, keys_from_tuple, keys_to_tuple, speaker_keys
from gdq.lexicon.hanzi import TRADITIONAL_TO_SIMPLIFIED
from gdq.search.speakers import SpeakerMatch, match_speakers


@cache
def _speaker_sets() -> dict[str, tuple[SpeakerKeys, ...]]:
    sets: dict[str, list[SpeakerKeys]] = {}
    for set_name, name, roles in read_table("names_speakers.tsv"):
        role_list = [r.strip() for r in roles.split(" | ") if r.strip()]
        sets.setdefault(set_name, []).append(speaker_keys(name, role_list))
    return {k: tuple(v) for k, v in sets.items()}


def _shown(found: list[SpeakerMatch]) -> str:
    return " | ".join(f"{m.name}/{m.how}" for m in found) or "-"


@pytest.mark.parametrize(("set_name", "query", "expected"), read_table("names_cases.tsv"))
def test_case_table(set_name: str, query: str, expected: str) -> None:
    assert _shown(match_speakers(query, _speaker_sets()[set_name])) == expected


# --- scores -------------------------------------------------------------------------------
def _scores(query: str, set_name: str = "article") -> list[tuple[str, float]]:
    return [(m.name, m.score) for m in match_speakers(query, _speaker_sets()[set_name])]


def test_scores_order_the_kinds_of_match() -> None:
    assert _scores("郑永年") == [("郑永年", 100.0)]
    assert _scores("鄭永年") == [("郑永年", 98.0)]
    assert _scores("zheng yongnian") == [("郑永年", 95.0)]
    assert _scores("yongnian zheng") == [("郑永年", 90.0)]
    assert _scores("dan xuemei", "invented") == [("单雪梅", 90.0)]  # not the surname reading
    assert _scores("李晓军") == [("李小军", 85.0)]
    assert _scores("陈志强", "invented") == [("陈志刚", 75.0)]


def test_role_score_grows_with_the_share_of_the_role() -> None:
    ((_, part),) = _scores("广药集团")
    ((_, whole),) = _scores("广药集团董事长")
    assert 60 < part < whole == 90


def test_ambiguous_surname_scores_low() -> None:
    assert _scores("王", "invented") == [("王海燕", 40.0), ("王刚", 40.0)]
    assert _scores("郑") == [("郑永年", 80.0)]


def test_ties_keep_the_order_of_the_speakers() -> None:
    speakers = list(_speaker_sets()["conflict"])
    forward = [m.name for m in match_speakers("li xiaojun", speakers)]
    backward = [m.name for m in match_speakers("li xiaojun", speakers[::-1])]
    assert forward == backward[::-1] == ["李小军", "李晓军"]


def test_duplicate_speakers_are_reported_once() -> None:
    k = speaker_keys("郑永年", ["院长"])
    assert match_speakers("郑永年", [k, k]) == [SpeakerMatch("郑永年", 100.0, "exact")]


def test_the_name_as_typed_comes_first_among_equal_folds() -> None:
    keys = [speaker_keys(n, []) for n in ("TIM COOK", "Tim Cook", " Tim Cook", "tim cook")]
    for typed in ("Tim Cook", " Tim Cook", "tim cook"):
        found = match_speakers(typed, keys)
        assert [m.score for m in found] == [100.0] * 4
        assert found[0].name == typed


def test_no_speakers() -> None:
    assert match_speakers("郑永年", []) == []


# --- keys ---------------------------------------------------------------------------------
def test_keys_of_a_polyphonic_surname() -> None:
    k = speaker_keys("单雪梅", ["新华社记者"])
    assert (k.pinyin, k.surname, k.given, k.initials) == ("shanxuemei", "单", "雪梅", "sxm")
    assert k.syllables[0].split("|")[0] == "shan"
    assert "dan" in k.syllables[0].split("|")


def test_keys_of_an_institution_are_not_split() -> None:
    for name in ("会议", "国务院新闻办公室", "外交部", "新华社"):
        k = speaker_keys(name, [])
        assert (k.surname, k.given, k.initials) == ("", "", "")


def test_keys_of_a_traditional_name() -> None:
    k = speaker_keys("鄭永年", [])
    assert (k.key, k.simplified, k.pinyin) == ("鄭永年", "郑永年", "zhengyongnian")


def _shown_keys(k: SpeakerKeys) -> str:
    """The keys of a name on one line: key simplified surname given pinyin initials, then
    the syllables, then the parts ("-" for an empty field)."""
    head = [k.key, k.simplified, k.surname, k.given, k.pinyin, k.initials]
    return " | ".join([" ".join(f or "-" for f in head), " ".join(k.syllables), " ".join(k.parts) or "-"])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("郑永年", "郑永年 郑永年 郑 永年 zhengyongnian zyn | zheng yong nian|ning | -"),
        ("會議", "會議 会议 - - huiyi - | hui|kuai yi | -"),
        ("吕布", "吕布 吕布 吕 布 lvbu lb | lv|lu|lyu bu | -"),
        # Compound surnames: with a reading of their own, and read as their characters are.
        ("尉迟恭", "尉迟恭 尉迟恭 尉迟 恭 yuchigong ycg | yu|wei|yun chi gong | -"),
        ("单于丹", "单于丹 单于丹 单于 丹 chanyudan cyd | chan|dan|shan yu|wei|xu dan | -"),
        ("歐陽明輝", "歐陽明輝 欧阳明辉 欧阳 明辉 ouyangminghui oymh | ou yang ming|meng hui | -"),
        # Names that folding changes: Latin letters, separators, full width, compatibility forms.
        ("Tim Cook", "timcook timcook - - timcook - | timcook | tim cook"),
        ("埃隆·马斯克", "埃隆马斯克 埃隆马斯克 - - ailongmasike - | ai|zhi long ma si|shi ke | 埃隆 马斯克"),
        (
            "Ｚheng·Yongnian ",
            "zhengyongnian zhengyongnian - - zhengyongnian - | zhengyongnian | zheng yongnian",
        ),
        ("王David", "王david 王david - - wangdavid - | wang|yu david|dauid|dayuid | -"),
        ("\uf900明", "豈明 岂明 - - qiming - | qi|kai ming|meng | -"),
        # A character with no reading of its own: its run is read as a whole.
        ("李𠇹", "李𠇹 李𠇹 李 𠇹 li𠇹 l𠇹 | li 𠇹 | -"),
    ],
)
def test_keys_of_a_name(name: str, expected: str) -> None:
    assert _shown_keys(speaker_keys(name, [])) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(min_codepoint=0x3400, max_codepoint=0x9FFF), min_size=1, max_size=5))
def test_chinese_names_key_alike_however_they_are_padded(name: str) -> None:
    """A name of Chinese characters is keyed by lookups of its characters; padded, it goes
    through folding: both give the same keys."""
    plain, padded = speaker_keys(name, []), speaker_keys(f" {name}\u3000", [])
    assert plain._replace(name="") == padded._replace(name="")


def test_traditional_table() -> None:
    assert TRADITIONAL_TO_SIMPLIFIED["鄭"] == "郑" and TRADITIONAL_TO_SIMPLIFIED["歐"] == "欧"
    # Chains are resolved, and characters that are also simplified ones (著, 么) stay.
    assert not set(TRADITIONAL_TO_SIMPLIFIED.values()) & set(TRADITIONAL_TO_SIMPLIFIED)
    assert "著" not in TRADITIONAL_TO_SIMPLIFIED and "么" not in TRADITIONAL_TO_SIMPLIFIED


def test_role_keys_hold_each_post() -> None:
    k = speaker_keys("鲁晓东", ["中山大学岭南学院教授、博士生导师"])
    assert "中山大学岭南学院教授" in k.role_keys and "博士生导师" in k.role_keys


def test_blank_name_is_rejected() -> None:
    with pytest.raises(ValueError):
        speaker_keys(" \u3000", [])


def test_keys_survive_a_json_round_trip() -> None:
    for k in _speaker_sets()["invented"]:
        assert keys_from_tuple(json.loads(json.dumps(keys_to_tuple(k)))) == k


@pytest.mark.parametrize(
    "bad", [(), ("a",) * 11, [1] * 11, ["a", ["x", 2], *["a"] * 9]], ids=["empty", "str", "int", "list"]
)
def test_malformed_cached_keys_are_rejected(bad: list[object]) -> None:
    with pytest.raises(ValueError):
        keys_from_tuple(bad)


# --- properties ---------------------------------------------------------------------------
_CHARS = list("郑永年李小军晓鄭單单欧阳明辉会议国务院王刚钢汪AbcZ ·，、()（）1")
_NAMES = st.text(st.sampled_from(_CHARS), min_size=1, max_size=6) | st.text(min_size=1, max_size=8)
_SPEAKERS = st.lists(
    st.tuples(_NAMES.filter(str.strip), st.lists(_NAMES, max_size=2)), min_size=1, max_size=6
)


@settings(max_examples=150, deadline=None)
@given(_SPEAKERS, st.text(st.sampled_from(_CHARS), max_size=8) | st.text(max_size=12))
def test_match_never_raises(speakers: list[tuple[str, list[str]]], query: str) -> None:
    keys = [speaker_keys(name, roles) for name, roles in speakers]
    found = match_speakers(query, keys)
    assert all(0 < m.score <= 100 for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert len({m.name for m in found}) == len(found)


@settings(max_examples=150, deadline=None)
@given(_SPEAKERS, st.data())
def test_exact_name_ranks_first_and_nothing_fuzzy_joins_it(
    speakers: list[tuple[str, list[str]]], data: st.DataObject
) -> None:
    keys = [speaker_keys(name, roles) for name, roles in speakers]
    name = data.draw(st.sampled_from([name for name, _ in speakers]))
    found = match_speakers(name, keys)
    assert (found[0].name, found[0].score, found[0].how) == (name, 100.0, "exact")
    assert {m.how for m in found} <= {"exact", "traditional"}


# --- cost ---------------------------------------------------------------------------------
_PROBE = """
import json, sys
from gdq.extract.speakers import keys_from_tuple
from gdq.search.speakers import match_speakers
keys = [keys_from_tuple(t) for t in json.loads(sys.stdin.read())]
out = {}
for query in sys.argv[1:]:
    match_speakers(query, keys)
    out[query] = sorted(m for m in sys.modules if m.split(".")[0] in ("pypinyin", "jieba", "rapidfuzz"))
print(json.dumps(out))
"""


def test_queries_do_not_import_pypinyin() -> None:
    """Exact, traditional, pinyin and role queries run without importing pypinyin (its
    import alone takes ~300 ms), the segmenter or rapidfuzz; so does a query one character
    from a name (homophone or typo?), which reads the characters' readings from the lexicon's
    table (see tests/test_pinyin.py)."""
    cached = json.dumps([keys_to_tuple(k) for k in _speaker_sets()["article"]])
    src = str(Path(gdq.__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": src}
    queries = ["郑永年", "鄭永年", "zheng yongnian", "广药集团", "李晓军"]  # (each sees those before)
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *queries],
        input=cached, capture_output=True, text=True, env=env, check=True, timeout=60,
    )  # fmt: skip
    assert json.loads(done.stdout) == {q: [] for q in queries}
