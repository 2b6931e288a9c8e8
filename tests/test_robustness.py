"""Dirty corpora, bad queries, signals: the right answer or a one-line message, never a traceback."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from conftest import Run, build_index, gdq_executable
from gdq.store import cache

COMMANDS = [
    ["keyword", "发展"], ["speaker", "王立新"], ["speakers"], ["quotes"], ["number", "100"], ["facts"],
]  # fmt: skip


def one_line_error(proc: subprocess.CompletedProcess[str], *needles: str) -> str:
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("gdq: error: "), proc.stderr
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


@pytest.mark.parametrize("command", COMMANDS)
def test_empty_file_gives_no_results(run_gdq: Run, tmp_path: Path, command: list[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    proc = run_gdq([*command, "-c", str(empty)])
    assert proc.returncode == 1 and proc.stdout == "" and proc.stderr == ""


def test_invalid_utf8_byte_is_reported_and_the_rest_indexed(run_gdq: Run, tmp_path: Path) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(
        "第一行正常。\n第二行".encode() + b"\xff\xfe" + "有坏字节。\n第三行提到人工智能。\n".encode()
    )
    proc = run_gdq(["keyword", "人工智能", "-c", str(f)])
    assert proc.returncode == 0 and "第三行提到人工智能" in proc.stdout
    [warning] = proc.stderr.strip().splitlines()
    assert warning.startswith("gdq: warning: ") and "bad.txt" in warning and "line 2" in warning


def test_unbalanced_quotes_stay_in_their_paragraph(run_gdq: Run, tmp_path: Path) -> None:
    text = (
        "“这段引语没有结束。记者注意到现场气氛热烈。会议持续了三个小时。\n\n"
        "「这里的引号配错了”,观众们议论纷纷。\n\n"
        "华南理工大学教授王立新表示:“人工智能将改变制造业。”\n"
    )
    f = tmp_path / "quotes.txt"
    f.write_text(text, encoding="utf-8")
    sentences = [r["text"] for r in json.loads(run_gdq(["keyword", "。", "-c", str(f), "--json"]).stdout)]
    assert "记者注意到现场气氛热烈。" in sentences  # the stray “ did not swallow the paragraph
    quotes = json.loads(run_gdq(["speaker", "王立新", "-c", str(f), "--json"]).stdout)
    assert [(q["kind"], q["text"]) for q in quotes] == [("direct", "人工智能将改变制造业。")]


def test_one_huge_line_without_punctuation(tmp_path: Path) -> None:
    f = tmp_path / "huge.txt"
    f.write_text("数" * 4_000_000 + "\n", encoding="utf-8")
    index = build_index(f)
    assert len(index.sentences) == 1 and len(index.sentences[0].text) == 4_000_000


@pytest.mark.parametrize(
    ("mark", "count"),
    [("！", 20_000), ("。", 20_000), ("“", 20_000), ("”", 20_000), ("…", 20_000), ("（", 20_000),
     ("、", 20_000), ("\u0007", 20), ("\x0c", 20), ("\x00", 0), ("\u200b", 500)],
)  # fmt: skip
def test_repeated_punctuation_and_control_characters(tmp_path: Path, mark: str, count: int) -> None:
    f = tmp_path / "marks.txt"
    f.write_text(f"前文说明了一些背景情况。{mark * count}后文提到人工智能。\n下一段。\n", encoding="utf-8")
    index = build_index(f)
    assert any("人工智能" in s.text for s in index.sentences)


def test_mixed_line_endings(run_gdq: Run, tmp_path: Path) -> None:
    f = tmp_path / "endings.txt"
    f.write_bytes("第一行。\r\n第二行。\r第三行人工智能。\n\r\n第五行。".encode())
    [rec] = json.loads(run_gdq(["keyword", "人工智能", "-c", str(f), "--json"]).stdout)
    assert rec["line"] == 3


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["keyword", ""], "empty query"),
        (["keyword", "字" * 20_000], "too long"),
        (["speaker", "  "], "empty speaker query"),
        (["speaker", "名" * 20_000], "too long"),
        (["number", "abc"], "not a number"),
        (["number", "1.."], "range"),
        (["number", ">="], "needs a number"),
        (["number", "9" * 20_000], "not a number"),
        (["facts", "--min", "many"], "--min"),
        (["keyword", "广州", "--format", "yaml"], "--format"),
        (["keyword", "广州", "--limit", "-1"], "--limit"),
        (["quotes", "--kind", "both"], "--kind"),
        (["number", "100", "--tolerance", "-1"], "--tolerance"),
        # GBK bytes (广州) that a UTF-8 terminal passes on undecoded, as lone surrogates.
        (["keyword", "\udcb9\udce3\udcd6\udcdd"], "not valid text"),
        (["keyword", "广州", "\udcff"], "not valid text"),
        (["speaker", "\udcb9\udce3\udcd6\udcdd"], "not valid text"),
        (["quotes", "--speaker", "\udcb9\udce3"], "not valid text"),
    ],
)
def test_bad_queries_say_how_to_fix_them(run_gdq: Run, args: list[str], needle: str) -> None:
    one_line_error(run_gdq(args), needle)


def test_regex_metacharacters_are_literal(run_gdq: Run, tmp_path: Path) -> None:
    f = tmp_path / "meta.txt"
    f.write_text("价格(元)按公式a.*b上涨。\n价格上涨。\n", encoding="utf-8")
    for query in (".*", "(元)", "[", "\\"):
        proc = run_gdq(["keyword", query, "-c", str(f), "--json"])
        assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr
    assert len(json.loads(run_gdq(["keyword", ".*", "-c", str(f), "--json"]).stdout)) == 1


def test_the_users_files_are_never_written(run_gdq: Run, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    f = folder / "a.txt"
    f.write_text("会议指出,要推动高质量发展。\n", encoding="utf-8")
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*")}
    for command in COMMANDS:
        run_gdq([*command, "-c", str(folder)])
    run_gdq(["index", "-c", str(folder)])
    after = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*")}
    assert after == before


def test_a_cache_from_other_code_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gdq.pipeline import load

    f = tmp_path / "a.txt"
    f.write_text("会议指出,要推动高质量发展。\n", encoding="utf-8")
    monkeypatch.setenv("GDQ_CACHE_DIR", str(tmp_path / "c"))
    store = load.open_index([str(f)], warn=print)
    assert store.path is not None and cache.open_trusted(store.path) is not None
    monkeypatch.setattr(cache, "code_stamp", lambda: "gdq 9.9 another format")
    assert cache.open_trusted(store.path) is None
    rebuilt = load.open_index([str(f)], warn=print)
    assert [st.speaker for st in rebuilt.statements] == ["会议"]
    with sqlite3.connect(store.path) as conn:
        stamp = conn.execute("SELECT value FROM meta WHERE key = 'stamp'").fetchone()
    assert stamp == ("gdq 9.9 another format",)


def test_ctrl_c_during_a_long_build_exits_130_and_leaves_no_half_written_cache(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    paragraph = "华南理工大学教授王立新表示,人工智能产业规模超过3000亿元,增长百分之十二。" * 20
    for i in range(300):
        (folder / f"{i:03d}.txt").write_text((paragraph + "\n\n") * 10, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDQ_")}
    env["GDQ_CACHE_DIR"] = str(tmp_path / "cache")
    proc = subprocess.Popen(
        [*gdq_executable(), "index", "-c", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    deadline = time.monotonic() + 60
    while not list((tmp_path / "cache").rglob(".tmp-*")) and time.monotonic() < deadline:
        time.sleep(0.05)  # wait until indexing is under way
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err
    assert not list((tmp_path / "cache").rglob(".tmp*"))
    assert not list((tmp_path / "cache").rglob("*.sqlite"))  # no database went live


def test_ctrl_c_during_an_update_keeps_the_database_as_it_was(tmp_path: Path) -> None:
    folder = tmp_path / "archive"
    folder.mkdir()
    paragraph = "华南理工大学教授王立新表示,人工智能产业规模超过3000亿元,增长百分之十二。" * 20
    for i in range(300):
        (folder / f"{i:03d}.txt").write_text("短讯。\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDQ_")}
    env["GDQ_CACHE_DIR"] = str(tmp_path / "cache")
    stats = [*gdq_executable(), "stats", "-c", str(folder), "--json"]
    first = subprocess.run(stats, env=env, capture_output=True, text=True, check=True)
    assert json.loads(first.stdout)[0]["statements"] == 0
    for i in range(300):  # every file changes: a long update
        (folder / f"{i:03d}.txt").write_text((paragraph + "\n\n") * 10, encoding="utf-8")
    command = [*gdq_executable(), "index", "-c", str(folder)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + 60
    while not list((tmp_path / "cache").rglob("*-journal")) and time.monotonic() < deadline:
        time.sleep(0.02)  # wait until the update has written rows
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert b"Traceback" not in err
    [database] = list((tmp_path / "cache").rglob("*.sqlite"))
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT count(*) FROM statements").fetchone() == (0,)  # rolled back whole
        assert conn.execute("PRAGMA quick_check").fetchone() == ("ok",)
    after = json.loads(subprocess.run(stats, env=env, capture_output=True, text=True, check=True).stdout)[0]
    fresh = subprocess.run([*stats, "--no-cache"], env=env, capture_output=True, text=True, check=True)
    assert after == json.loads(fresh.stdout)[0] and after["statements"] >= 300
