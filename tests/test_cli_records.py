"""speaker / speakers / quotes / number / facts through the installed command, on text of our own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run

QUOTE_KEYS = {
    "type", "id", "doc", "line", "speaker", "speaker_type", "role", "roles", "kind", "verb", "text",
    "sentence_id", "sentence", "score",
}  # fmt: skip
FACT_KEYS = {
    "type", "id", "doc", "line", "raw", "value", "unit", "qualifier", "sentence_id", "sentence", "score",
    "start", "end", "value_max",
}  # fmt: skip
SPEAKER_KEYS = {"type", "id", "doc", "line", "name", "speaker_type", "roles", "direct", "indirect", "score"}

NEWS = """杭州数字经济再上新台阶

本报记者 孙立 实习生 钱程

“数字经济已经成为杭州发展的第一动力。”浙江大学管理学院教授、博士生导师周雪梅表示。她认为,杭州全市数字经济核心产业增加值超6000亿元,较上年增长8.5%。

杭州海康智联科技有限公司董事长吴建国介绍,公司今年研发投入约25亿元,员工超过1.2万人。吴建国说:“我们要把‘智能制造’做成杭州的金名片。”

会议强调,要深入实施“数字经济一号工程”,力争到2030年培育千亿级企业5家。
"""


@pytest.fixture()
def news(tmp_path: Path) -> str:
    path = tmp_path / "hangzhou.txt"
    path.write_text(NEWS, encoding="utf-8")
    return str(path)


def records(run_gdq: Run, *args: str) -> list[dict[str, object]]:
    proc = run_gdq([*args, "--json"])
    assert proc.returncode in (0, 1), proc.stderr
    assert "\\u" not in proc.stdout
    return json.loads(proc.stdout) if proc.stdout else []


def test_speakers_lists_people_with_roles_and_counts(run_gdq: Run, news: str) -> None:
    found = {r["name"]: r for r in records(run_gdq, "speakers", "-c", news)}
    assert all(set(r) == SPEAKER_KEYS and r["type"] == "speaker" for r in found.values())
    zhou = found["周雪梅"]
    assert zhou["roles"] == ["浙江大学管理学院教授", "博士生导师"]
    assert zhou["direct"] == 1 and zhou["indirect"] == 1  # 她认为 resolved to 周雪梅
    assert found["吴建国"]["roles"] == ["杭州海康智联科技有限公司董事长"]
    assert "孙立" not in found  # a byline is not a speaker
    assert "她" not in found


def test_speaker_forgives_typos_pinyin_and_roles(run_gdq: Run, news: str) -> None:
    for query in ("周雪梅", "zhou xuemei", "ZhouXuemei", "周雪霉", "浙江大学管理学院"):
        got = {r["speaker"] for r in records(run_gdq, "speaker", query, "-c", news)}
        assert got == {"周雪梅"}, query
    direct = records(run_gdq, "speaker", "吴建国", "-c", news, "--kind", "direct")
    assert [r["text"] for r in direct] == ["我们要把‘智能制造’做成杭州的金名片。"]
    all_kinds = records(run_gdq, "speaker", "吴建国", "-c", news)
    assert [r["kind"] for r in all_kinds] == ["direct", "indirect"]  # direct first
    assert all(set(r) == QUOTE_KEYS for r in all_kinds)


def test_quotes_never_report_slogans(run_gdq: Run, news: str) -> None:
    texts = [r["text"] for r in records(run_gdq, "quotes", "-c", news)]
    assert "数字经济一号工程" not in texts and "智能制造" not in texts
    assert "数字经济已经成为杭州发展的第一动力。" in texts
    institution = records(run_gdq, "quotes", "-c", news, "--speaker", "会议")
    assert institution and institution[0]["kind"] == "indirect"


def test_number_finds_a_value_however_it_is_written(run_gdq: Run, news: str) -> None:
    for query in ("6000亿", "6e11", "六千亿", "600000000000", "0.6万亿"):
        got = records(run_gdq, "number", query, "-c", news)
        assert [r["raw"] for r in got] == ["超6000亿元"], query
    [fact] = records(run_gdq, "number", "1.2万", "-c", news, "--unit", "人")
    assert set(fact) == FACT_KEYS
    assert fact["value"] == 12000 and fact["qualifier"] == "more_than" and fact["unit"] == "人"
    assert records(run_gdq, "number", "1.2万", "-c", news, "--unit", "元") == []
    pct = records(run_gdq, "number", "8.5%", "-c", news)
    assert [(r["value"], r["unit"]) for r in pct] == [(8.5, "%")]
    ranged = records(run_gdq, "number", "20亿..100亿", "-c", news)
    assert [r["raw"] for r in ranged] == ["约25亿元"]
    assert ranged[0]["qualifier"] == "about"


def test_number_query_errors_are_one_line(run_gdq: Run, news: str) -> None:
    for bad in ("abc", "1..", ">="):
        proc = run_gdq(["number", bad, "-c", news])
        assert proc.returncode == 2 and proc.stdout == ""
        assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_facts_filters(run_gdq: Run, news: str) -> None:
    money = records(run_gdq, "facts", "-c", news, "--unit", "元")
    assert [r["value"] for r in money] == [600000000000, 2500000000]
    big = records(run_gdq, "facts", "-c", news, "--min", "10亿")
    assert {r["raw"] for r in big} >= {"超6000亿元", "约25亿元"}
    assert all(r["value"] >= 1_000_000_000 for r in big)
    proc = run_gdq(["facts", "-c", news, "--max", "lots"])
    assert proc.returncode == 2 and "--max" in proc.stderr


def test_keyword_marks_the_speaker_of_a_quoted_sentence(run_gdq: Run, news: str) -> None:
    [hit] = records(run_gdq, "keyword", "金名片", "-c", news)
    assert hit["speaker"] == "吴建国"


def test_export_streams_every_record_once_with_stable_ids(run_gdq: Run, news: str) -> None:
    first = run_gdq(["export", "-c", news])
    assert first.returncode == 0
    lines = [json.loads(line) for line in first.stdout.splitlines()]
    stats = records(run_gdq, "stats", "-c", news)[0]
    by_type = {t: [r for r in lines if r["type"] == t] for t in ("sentence", "quote", "fact")}
    assert len(by_type["sentence"]) == stats["sentences"]
    assert len(by_type["quote"]) == stats["statements"]
    assert len(by_type["fact"]) == stats["facts"]
    assert len({r["id"] for r in lines}) == len(lines)
    again = run_gdq(["export", "-c", news, "--no-cache"]).stdout
    assert again == first.stdout  # the same ids and records, cached or not
    assert json.loads(run_gdq(["export", "-c", news, "--format", "json"]).stdout) == lines
