"""Character readings: the table in lexicon/data/readings.tsv gives what pypinyin's public API
gives (tests here may import pypinyin; gdq reading a name should not)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import gdq
from gdq.lexicon import readings as lexreadings
from gdq.lexicon import table
from gdq.text import pinyin

# Characters with several readings, the usual one first: the order matters (the first is a
# name's usual reading).
HETERONYMS = "单曾乐重行长朴仇解查区盖覃尉"


def _spread(first: int, last: int, n: int) -> list[str]:
    """n characters evenly spread over first..last, both included."""
    return [chr(first + (last - first) * i // (n - 1)) for i in range(n)]


# 300 code points over the CJK Unified Ideographs, 100 over extension A, 200 over extensions
# B to H, and the compatibility block: characters pypinyin knows and a few it does not.
SAMPLE = sorted(
    {
        *HETERONYMS,
        *_spread(0x4E00, 0x9FFF, 300),
        *_spread(0x3400, 0x4DBF, 100),
        *_spread(0x20000, 0x323AF, 200),
        *_spread(0xF900, 0xFAFF, 20),
        "〇",
        "\ufa18",  # 礼, the one compatibility ideograph pypinyin reads
        "\U000201f9",  # a character with no reading alone
    }
)


@pytest.mark.parametrize("c", SAMPLE, ids=lambda c: f"U+{ord(c):04X}")
def test_the_table_gives_what_the_public_api_gives(c: str) -> None:
    expected = pinyin.api_readings(c)
    listed = lexreadings.get(c)
    # The table lists every character pypinyin reads, and no other.
    assert (listed.split("|") if listed is not None else []) == list(expected)
    assert pinyin._char_pinyin(c) == expected


def test_heteronyms_keep_pypinyin_order() -> None:
    assert lexreadings.get("单") == "dan|chan|shan"
    assert lexreadings.get("曾") == "ceng|zeng"
    assert lexreadings.get("重") == "zhong|chong|tong"
    assert pinyin.usual_reading("行") == "xing"
    assert pinyin.char_readings("乐") == {"le", "yue"}
    assert pinyin.char_readings("\U000201f9") == frozenset()


def test_the_file_is_what_the_fast_read_expects() -> None:
    """Header lines at the top, then one character per line in code point order (the binary
    search relies on it), readings of letters joined by the separator, as the lexicon's own
    loader reads them too."""
    text = Path(lexreadings.PATH).read_text(encoding="utf-8")
    assert text.endswith("\n") and "\r" not in text
    lines = text.rstrip("\n").split("\n")
    header = [line for line in lines if line.startswith("#")]
    assert header and lines[: len(header)] == header
    body = lines[len(header) :]
    chars = [line.split("\t")[0] for line in body]
    assert all(len(c) == 1 for c in chars)
    assert chars == sorted(set(chars))
    assert lexreadings.SEPARATOR == pinyin.ALT
    pairs = table("readings")
    assert list(pairs) == chars and len(pairs) > 40000
    for c, readings in pairs.items():
        assert all(r.isascii() and r.isalpha() and r.islower() for r in readings.split("|")), c
        assert lexreadings.get(c) == readings
    assert lexreadings.get("a") is None and lexreadings.get("单雪") is None


_PROBE = """
import json, sys
from gdq.extract.speakers import speaker_keys
from gdq.text.fold import is_cjk
from gdq.text.pinyin import char_readings
out = {}
for name in sys.argv[1:]:
    speaker_keys(name, [])
    [char_readings(c) for c in name if is_cjk(c)]  # (as a query's characters are read)
    out[name] = sorted(m for m in sys.modules if m.split(".")[0] == "pypinyin")
print(json.dumps(out))
"""


def test_reading_names_does_not_import_pypinyin() -> None:
    """Names of characters in the table are read without pypinyin (~300 ms to import); a
    character with no reading alone has its run read as a whole, by pypinyin."""
    src = str(Path(gdq.__file__).resolve().parents[1])
    names = ["郑永年", "李晓军", "单雪梅", "尉迟恭", "歐陽明輝", "埃隆·马斯克", "王David", "李𠇹"]
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *names],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": src}, check=True, timeout=60,
    )  # fmt: skip
    imported = json.loads(done.stdout)
    assert imported.pop("李𠇹")
    assert imported == {name: [] for name in names[:-1]}
