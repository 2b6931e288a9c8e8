"""The command line's options end to end, in a subprocess, on a corpus of invented news: exact
keyword search and its notes, rg's options, --about, --fields, csv/tsv, --color, --glob, and
what gdq says when it finds nothing or substitutes a name."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from conftest import Run

A = (
    "青禾县今年制造业产值增长一成。\n"
    "“制造业是青禾的根。”县长李小军说。\n"
    "他表示,青禾将办好乡村旅游,今年旅游收入达3亿元。\n"
    "零件先制造、再装配。\n"
    "当地制造企多达九十家。\n"
    "ＡＩ工厂在２０２６年投产。\n"
)
B = (
    "白石镇的果园今年丰收。\n"
    "镇长周海燕表示,果园带动了乡村旅游,游客超过5万人次。\n"
    "“智能制造业正在改变白石。”周海燕说。\n"
)


@pytest.fixture()
def news(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(A, encoding="utf-8")
    (folder / "b.txt").write_text(B, encoding="utf-8")
    return folder


def _lines(text: str) -> list[str]:
    # Documents are named by their path: the tests read them by file name.
    return [re.sub(r"^\S*/(?=[^/\s]+\.(?:txt|md):)", "", line) for line in text.splitlines()]


# --- keyword ---------------------------------------------------------------------------------


def test_keyword_counts_only_sentences_that_hold_the_word(run_gdq: Run, news: Path) -> None:
    proc = run_gdq(["keyword", "制造业", "-c", str(news)])
    assert proc.returncode == 0 and proc.stderr == ""
    holding = [s for s in (A + B).replace("\n", "").split("。") if "制造业" in s]
    assert len(_lines(proc.stdout)) == len(holding) == 3  # not 制造、 nor 制造企
    fuzzy = run_gdq(["keyword", "制造业", "--fuzzy", "-c", str(news)])
    assert _lines(fuzzy.stdout)[:3] == _lines(proc.stdout)  # exact first, near after
    assert len(_lines(fuzzy.stdout)) == 5


def test_near_matches_alone_come_with_a_note(run_gdq: Run, news: Path) -> None:
    proc = run_gdq(["keyword", "制造叶", "-c", str(news)])
    assert proc.returncode == 0
    assert proc.stderr == "gdq: no exact match for 制造叶; near matches:\n"
    assert "制造业" in proc.stdout


def test_half_width_finds_full_width(run_gdq: Run, news: Path) -> None:
    for word in ("AI", "2026", "ａｉ"):
        proc = run_gdq(["keyword", word, "-c", str(news)])
        assert _lines(proc.stdout) == ["a.txt:6:ＡＩ工厂在２０２６年投产。"], word


def test_count_context_and_whole_words(run_gdq: Run, news: Path) -> None:
    count = run_gdq(["keyword", "制造业", "--count", "-c", str(news)])
    assert _lines(count.stdout) == ["a.txt:2", "b.txt:1"]
    context = run_gdq(["keyword", "果园", "-C", "1", "-n", "1", "-c", str(news)])
    assert _lines(context.stdout) == [
        "b.txt:1:白石镇的果园今年丰收。",
        "b.txt:2-镇长周海燕表示,果园带动了乡村旅游,游客超过5万人次。",
    ]
    after = run_gdq(["keyword", "根", "-A", "1", "-c", str(news)])
    assert [line[:6] for line in _lines(after.stdout)] == ["a.txt:", "a.txt:"]
    assert _lines(after.stdout)[1].startswith("a.txt:3-")
    # 智能制造业: jieba cuts 智能/制造业, so -w keeps it; 制造 inside 制造业 is not a whole word.
    whole = run_gdq(["keyword", "制造", "-w", "-c", str(news)])
    assert all("制造业" not in line or "制造、" in line for line in _lines(whole.stdout))
    assert "a.txt:4:零件先制造、再装配。" in _lines(whole.stdout)


def test_color_always_marks_matches_in_a_pipe_and_never_does_not(run_gdq: Run, news: Path) -> None:
    always = run_gdq(["keyword", "果园", "--color", "always", "-c", str(news)], env={"NO_COLOR": "1"})
    assert "\x1b[01;31m果园\x1b[0m" in always.stdout
    for extra in (["--color", "never"], []):
        assert "\x1b[" not in run_gdq(["keyword", "果园", "-c", str(news), *extra]).stdout


# --- about, fields, formats ------------------------------------------------------------------


def test_quotes_speaker_and_facts_about_a_topic(run_gdq: Run, news: Path) -> None:
    quotes = run_gdq(["quotes", "--about", "旅游", "--json", "-c", str(news)])
    records = json.loads(quotes.stdout)
    assert {r["speaker"] for r in records} == {"李小军", "周海燕"}
    assert all(r["text"][s:e] == "旅游" for r in records for s, e in r["matches"])
    one = run_gdq(["speaker", "周海燕", "--about", "智能", "--json", "-c", str(news)])
    assert [r["kind"] for r in json.loads(one.stdout)] == ["direct"]
    facts = run_gdq(["facts", "--about", "旅游", "--fields", "raw,unit", "-f", "csv", "-c", str(news)])
    assert list(csv.reader(io.StringIO(facts.stdout))) == [
        ["raw", "unit"],
        ["3亿元", "元"],
        ["超过5万人次", "人次"],
    ]


def test_fields_and_delimited_formats(run_gdq: Run, news: Path) -> None:
    proc = run_gdq(["speakers", "--fields", "name,direct", "--json", "-c", str(news)])
    assert json.loads(proc.stdout) == [{"name": "李小军", "direct": 1}, {"name": "周海燕", "direct": 1}]
    tsv = run_gdq(["speakers", "-f", "tsv", "--fields", "name,indirect", "-c", str(news)])
    assert _lines(tsv.stdout) == ["name\tindirect", "李小军\t1", "周海燕\t1"]
    bad = run_gdq(["speakers", "--fields", "nmae", "-c", str(news)])
    assert bad.returncode == 2 and _lines(bad.stderr)[0].startswith("gdq: error: unknown field 'nmae'")
    assert len(_lines(bad.stderr)) == 1


def test_glob_picks_the_files_of_a_folder(run_gdq: Run, news: Path) -> None:
    (news / "notes.md").write_text("果园的笔记。\n", encoding="utf-8")
    proc = run_gdq(["keyword", "果园", "--count", "-c", str(news), "--glob", "*.md"])
    assert _lines(proc.stdout) == ["notes.md:1"]
    both = run_gdq(
        ["keyword", "果园", "--count", "-c", str(news), "-g", "*.md", "-g", "*.txt", "-g", "!a.txt"]
    )
    assert _lines(both.stdout) == ["b.txt:2", "notes.md:1"]


def test_a_binary_file_in_a_folder_is_skipped_with_one_warning(run_gdq: Run, news: Path) -> None:
    (news / "c.txt").write_bytes(bytes(range(256)) * 4)
    proc = run_gdq(["keyword", "果园", "--count", "-c", str(news)])
    assert proc.returncode == 0 and _lines(proc.stdout) == ["b.txt:2"]
    assert len(_lines(proc.stderr)) == 1 and "c.txt" in proc.stderr and "skipped" in proc.stderr


# --- saying what happened --------------------------------------------------------------------


def test_a_substituted_name_is_named_on_stderr(run_gdq: Run, news: Path) -> None:
    proc = run_gdq(["speaker", "李晓军", "-c", str(news)])
    assert proc.returncode == 0 and "李小军" in proc.stdout
    assert proc.stderr == "gdq: no speaker named 李晓军; showing 李小军 (a near spelling)\n"
    exact = run_gdq(["speaker", "李小军", "-c", str(news)])
    assert exact.stderr == "" and exact.stdout == proc.stdout


def test_the_start_of_a_name_finds_the_speaker(run_gdq: Run, news: Path) -> None:
    proc = run_gdq(["speaker", "周海", "--json", "-c", str(news)])
    assert {r["speaker"] for r in json.loads(proc.stdout)} == {"周海燕"}


def test_nothing_found_is_said_at_a_table_and_silent_in_a_pipe(run_gdq: Run, news: Path) -> None:
    table = run_gdq(["keyword", "火箭", "--format", "table", "-c", str(news)])
    assert table.returncode == 1 and table.stdout == ""
    assert table.stderr == "gdq: no sentence contains 火箭\n"
    piped = run_gdq(["keyword", "火箭", "-c", str(news)])
    assert piped.returncode == 1 and piped.stdout == piped.stderr == ""


def test_show_says_when_no_record_has_the_id_and_shows_speakers(run_gdq: Run, news: Path) -> None:
    bogus = run_gdq(["show", "bogus", "-c", str(news)])
    assert bogus.returncode == 1 and bogus.stdout == ""
    assert "no record has the id 'bogus'" in bogus.stderr
    speaker_id = json.loads(run_gdq(["speakers", "--json", "-c", str(news)]).stdout)[1]["id"]
    shown = run_gdq(["show", speaker_id, "--json", "-c", str(news)])
    assert shown.returncode == 0 and json.loads(shown.stdout)[0]["name"] == "周海燕"


def test_fields_are_checked_against_what_the_command_writes(run_gdq: Run, news: Path) -> None:
    stats = run_gdq(["stats", "--fields", "documents,sentences", "-c", str(news)])
    assert stats.returncode == 0 and _lines(stats.stdout) == ["2\t9"]
    context = run_gdq(
        ["keyword", "果园", "-C", "1", "-n", "1", "--fields", "id,context_after", "--json", "-c", str(news)]
    )
    assert [len(r["context_after"]) for r in json.loads(context.stdout)] == [1]
    nobody = run_gdq(["speaker", "无此人", "--fields", "speeker", "-c", str(news)])  # nothing found
    assert nobody.returncode == 2 and _lines(nobody.stderr)[0].startswith(
        "gdq: error: unknown field 'speeker' for quote records; fields: type, id"
    )
