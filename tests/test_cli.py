"""The command-line contract, through a real subprocess of the installed `gdq`."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import FIXTURES, Run, gdq_executable, read_terminal

ROOT = Path(__file__).resolve().parent.parent
MINI = str(FIXTURES / "layout_mini.txt")
SENTENCE_KEYS = {"type", "id", "doc", "line", "text", "matches", "score", "speaker", "para", "start", "end"}


def assert_one_line_error(proc: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert proc.returncode == 2, proc.stderr
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("gdq: error: ")
    assert "Traceback" not in proc.stderr
    for needle in needles:
        assert needle in lines[0]


def test_bundled_corpus_works_from_any_folder(run_gdq: Run) -> None:
    proc = run_gdq(["keyword", "科技互促双强", "--format", "json"])
    assert proc.returncode == 0, proc.stderr
    [rec] = json.loads(proc.stdout)
    assert rec["doc"] == "corpus.txt"
    assert "推动产业科技互促双强" in rec["text"]  # joined across the page break
    s, e = rec["matches"][0]
    assert rec["text"][s:e] == "科技互促双强"


def test_python_dash_m_is_the_same_program(run_gdq: Run, tmp_path: Path) -> None:
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("GDQ_")}
    env["GDQ_CACHE_DIR"] = str(tmp_path / "c2")
    proc = subprocess.run(
        [sys.executable, "-m", "gdq", "keyword", "北上广", "--format", "plain"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert proc.returncode == 0
    assert proc.stdout == run_gdq(["keyword", "北上广", "--format", "plain"]).stdout


def test_exit_codes(run_gdq: Run) -> None:
    assert run_gdq(["keyword", "深圳", "-c", MINI]).returncode == 0
    none = run_gdq(["keyword", "不存在的词语", "-c", MINI])
    assert none.returncode == 1 and none.stdout == "" and none.stderr == ""
    assert_one_line_error(run_gdq(["keyword", "深圳", "-c", "/no/such/file.txt"]), "/no/such/file.txt")
    assert_one_line_error(run_gdq(["keyword", "深圳", "--format", "xml", "-c", MINI]), "--format")
    assert_one_line_error(run_gdq(["keyword", "深圳", "--limit", "-3", "-c", MINI]), "--limit")
    assert_one_line_error(run_gdq(["keyword", "", "-c", MINI]), "empty query")
    assert_one_line_error(run_gdq(["nosuchcommand"]))
    assert run_gdq([]).returncode == 2


def test_binary_file_is_named_in_the_error(run_gdq: Run, tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    assert_one_line_error(run_gdq(["keyword", "深圳", "-c", str(binary)]), "photo.txt", "not a text file")


def test_folder_without_text_files(run_gdq: Run, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert_one_line_error(run_gdq(["stats", "-c", str(tmp_path / "empty")]), "no .txt files")


def test_gb18030_file_and_crlf(run_gdq: Run) -> None:
    proc = run_gdq(["keyword", "数字化升级", "-c", str(FIXTURES / "foshan_gb18030.txt"), "--format", "jsonl"])
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(proc.stdout.splitlines()[0])
    assert rec["line"] == 3 and rec["text"].endswith("实现数字化升级。")


def test_stdin_is_one_document(run_gdq: Run) -> None:
    cut = "第一段是一段很长的正文,讲了好几件事情,还没有全部讲完,版面就已经到了尽头,于是就在这里被"
    text = f"{cut}\n\n截断了。\n另一句话。\n"
    proc = run_gdq(["keyword", "被截断", "-c", "-", "--format", "json"], input=text)
    assert proc.returncode == 0, proc.stderr
    [rec] = json.loads(proc.stdout)
    assert rec["doc"] == "-" and rec["line"] == 1 and rec["text"] == cut + "截断了。"


def test_json_keeps_chinese_unescaped_and_pins_keys(run_gdq: Run) -> None:
    proc = run_gdq(["keyword", "深圳", "-c", MINI, "--json"])
    assert "\\u" not in proc.stdout and "深圳" in proc.stdout
    records = json.loads(proc.stdout)
    assert records and all(set(r) == SENTENCE_KEYS and r["type"] == "sentence" for r in records)
    jsonl = run_gdq(["keyword", "深圳", "-c", MINI, "--format", "jsonl"]).stdout.splitlines()
    assert [json.loads(line) for line in jsonl] == records


def test_stats_reports_repairs(run_gdq: Run) -> None:
    rec = json.loads(run_gdq(["stats", "-c", MINI, "--json"]).stdout)[0]
    assert rec["type"] == "stats" and rec["documents"] == 1
    assert rec["joined_breaks"] == 2 and rec["dropped_duplicates"] == 3
    assert {"paragraphs", "sentences", "statements", "speakers", "facts"} <= set(rec)


def test_show_gives_the_record_with_its_neighbours(run_gdq: Run) -> None:
    first = json.loads(run_gdq(["keyword", "研发投入", "-c", MINI, "--json"]).stdout)[0]
    shown = json.loads(run_gdq(["show", first["id"], "-c", MINI, "--json"]).stdout)[0]
    assert shown["id"] == first["id"] and shown["text"] == first["text"]
    assert [c["text"] for c in shown["context_before"]] == ["据介绍,当天共有来自全国的300余家企业参会。"]
    assert len(shown["context_after"]) == 1
    missing = run_gdq(["show", "nope-s1", "-c", MINI])
    assert missing.returncode == 1


def test_plain_is_the_default_when_piped(run_gdq: Run) -> None:
    proc = run_gdq(["keyword", "研发投入", "-c", MINI])
    assert re.fullmatch(
        r".*layout_mini\.txt:19:深圳全年研发投入超过2000亿元,占GDP比重达6%左右。\n", proc.stdout
    )


def test_table_is_not_cropped_or_coloured_when_piped(run_gdq: Run) -> None:
    proc = run_gdq(["keyword", "深圳", "-c", MINI, "--format", "table"])
    assert proc.returncode == 0
    assert "\x1b[" not in proc.stdout
    assert "…" not in proc.stdout
    # every matching sentence is there whole, on one line
    assert (
        "业内人士普遍认为,人工智能与实体经济的结合将带来新一轮产业变革,深圳在这方面具有得天独厚的优势。"
        in proc.stdout
    )


def test_no_color_on_a_terminal(tmp_path: Path) -> None:
    pty = pytest.importorskip("pty")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDQ_")}
    env.update({"GDQ_CACHE_DIR": str(tmp_path), "TERM": "xterm-256color", "COLUMNS": "200"})

    def screen(extra: dict[str, str]) -> bytes:
        master, slave = pty.openpty()
        proc = subprocess.Popen(
            [*gdq_executable(), "keyword", "深圳", "-c", MINI],
            stdout=slave,
            stderr=subprocess.PIPE,
            env={**env, **extra},
        )
        os.close(slave)
        out = read_terminal(master)
        proc.wait(timeout=60)
        os.close(master)
        return out

    coloured = screen({})
    # A Rich table (light: a rule under the header, no heavy borders), highlighted.
    assert b"\x1b[" in coloured and "─".encode() in coloured
    plain = screen({"NO_COLOR": "1"})
    assert "─".encode() in plain
    colour = rb"\x1b\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m"
    assert re.search(colour, coloured)
    assert not re.search(colour, plain)  # no colour; bold may still mark the matches


@pytest.mark.parametrize("fmt", ["jsonl", "table", "csv", "plain"])
def test_closed_pipe_ends_quietly(tmp_path: Path, fmt: str) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDQ_")}
    env["GDQ_CACHE_DIR"] = str(tmp_path)
    big = tmp_path / "big.txt"
    big.write_text("广州是一座城市。\n" * 50_000, encoding="utf-8")
    cmd = " ".join([*gdq_executable(), "keyword", "广州", "-c", str(big), "--format", fmt, "|", "head", "-1"])
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, env=env)
    assert proc.returncode == 0 and proc.stderr == ""
    assert "广州" in proc.stdout or "id" in proc.stdout


def test_every_command_is_documented_in_the_readme() -> None:
    from gdq.cli.app import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"gdq {name}" in readme, f"README does not show `gdq {name}`"
