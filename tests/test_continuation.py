"""Whole statements: reported speech that runs over several sentences, quotations that end a
sentence inside a clause, and paragraphs a speaker announces by count. Text of our own
making."""

from __future__ import annotations

import json

from conftest import Run
from gdq.extract import statements
from gdq.models import Statement
from test_statements import make_sentences


def _said(*paragraphs: str) -> list[tuple[str, str, str]]:
    got: list[Statement] = statements.extract("t", make_sentences(list(paragraphs)))
    return [(s.speaker, s.kind, s.text) for s in got]


def test_reported_speech_runs_on_over_the_sentences_that_still_report_it() -> None:
    assert _said(
        "市发改委主任高建华说，今年全市投资保持平稳。其中制造业投资增长较快，对稳增长贡献明显。"
    ) == [
        ("高建华", "indirect", "今年全市投资保持平稳。其中制造业投资增长较快，对稳增长贡献明显"),
    ]


def test_the_run_keeps_each_sentence_mark_as_written() -> None:
    assert _said("林海波表示，园区今年新引进企业三十家！明年的目标是再翻一番。")[0][2] == (
        "园区今年新引进企业三十家！明年的目标是再翻一番"
    )


def test_the_run_stops_at_a_sentence_that_names_someone() -> None:
    # The speaker named again is the reporter speaking of him; another person is another
    # subject.
    for second in ("高建华今年五十二岁，在发改系统工作了三十年。", "副主任周立群则分管能源与交通项目。"):
        got = _said(f"市发改委主任高建华说，今年全市投资保持平稳。{second}")
        assert got == [("高建华", "indirect", "今年全市投资保持平稳")], second


def test_the_run_stops_at_a_credit_and_at_the_end_of_the_paragraph() -> None:
    assert _said(
        "高建华说，今年全市投资保持平稳。（本报记者 罗立）", "其中制造业投资增长较快，贡献明显。"
    ) == [
        ("高建华", "indirect", "今年全市投资保持平稳"),
    ]


def test_the_run_ends_in_a_quotation_of_the_same_speaker() -> None:
    got = _said(
        "校长陆平说，学校更加关注每个孩子。对跟不上的学生则进行辅导，“我们不放弃任何一个孩子，也不拔苗助长。”"
    )
    assert got == [
        ("陆平", "indirect", "学校更加关注每个孩子。对跟不上的学生则进行辅导"),
        ("陆平", "direct", "我们不放弃任何一个孩子，也不拔苗助长。"),
    ]


def test_a_quotation_that_ends_its_sentence_inside_a_clause_ends_the_report() -> None:
    got = _said(
        "老吴说，退捕上岸后他来到园区务工，“现在工作稳定，收入也多了。”在这家公司，像他这样的工人有十几名。"
    )
    assert got == [
        ("老吴", "indirect", "退捕上岸后他来到园区务工"),
        ("老吴", "direct", "现在工作稳定，收入也多了。"),
    ]


def test_a_verb_whose_object_is_one_word_before_the_quotation_reports_only_the_quotation() -> None:
    got = _said("对于这一判罚，主帅韦恩表示不满，“裁判的尺度前后不一，这对我们不公平。”赛后他离开了球场。")
    assert got == [("韦恩", "direct", "裁判的尺度前后不一，这对我们不公平。")]


def test_a_count_of_points_announces_that_many_paragraphs() -> None:
    got = _said(
        "“总的看，有利条件多于不利因素。”市统计局局长周启明从三个方面作了分析。",
        "基础稳固。全市经济总量连续五年保持增长。",
        "态势良好。工业和服务业指数都在回升。",
        "动能积聚。新兴产业增速快于传统产业。",
        "据了解，该市上半年的数据将于下月公布。",
    )
    assert [(speaker, kind) for speaker, kind, _ in got] == [("周启明", "direct")] + [
        ("周启明", "indirect")
    ] * 3
    assert [text for *_, text in got[1:]] == [
        "基础稳固。全市经济总量连续五年保持增长。",
        "态势良好。工业和服务业指数都在回升。",
        "动能积聚。新兴产业增速快于传统产业。",
    ]


def test_a_count_that_is_no_number_announces_nothing() -> None:
    got = _said(
        "“总的看，有利条件多于不利因素。”周启明从各个方面作了分析。",
        "基础稳固。全市经济总量连续五年保持增长。",
    )
    assert [(speaker, kind) for speaker, kind, _ in got] == [("周启明", "direct")]


def test_every_sentence_a_statement_runs_over_has_its_speaker(run_gdq: Run) -> None:
    text = "市发改委主任高建华说，今年全市投资保持平稳。其中制造业投资增长较快。\n"
    text += "记者在现场看到，工地一片繁忙。\n"
    proc = run_gdq(["export", "-c", "-", "--format", "jsonl"], input=text)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in proc.stdout.splitlines()]
    speakers = {r["text"]: r["speaker"] for r in records if r["type"] == "sentence"}
    assert speakers == {
        "市发改委主任高建华说，今年全市投资保持平稳。": "高建华",
        "其中制造业投资增长较快。": "高建华",
        "记者在现场看到，工地一片繁忙。": None,
    }


def test_a_quotation_runs_over_paragraphs_that_open_with_a_quote_mark() -> None:
    got = _said(
        "市长周启明说：“今年我们要办好十件实事。",
        "“第一件是改造老旧小区，让群众住得更舒心。",
        "“第二件是新建三所学校。”",
        "记者了解到，项目已经启动。",
    )
    assert got == [
        ("周启明", "direct", "今年我们要办好十件实事。"),
        ("周启明", "direct", "第一件是改造老旧小区，让群众住得更舒心。"),
        ("周启明", "direct", "第二件是新建三所学校。"),
    ]


def test_a_paragraph_that_opens_a_quotation_it_never_closes_goes_on_from_the_speaker_before() -> None:
    got = _said(
        "“投资最重要的是财务平衡，这是底线，”贺明远补充道，动了脑筋的地方将来会做得更好。",
        "“即使是公益项目，地方政府也要算一算账。项目对经济的拉动，最终会回到税收上。",
        "那么，这些投资怎么收回？",
    )
    words = "即使是公益项目，地方政府也要算一算账。项目对经济的拉动，最终会回到税收上。"
    assert got[-1] == ("贺明远", "direct", words)
    assert len(got) == 3


def test_an_open_quotation_with_no_speaker_before_it_is_nobody_s() -> None:
    assert _said("近日，这个小镇迎来了游客高峰。", "“人从四面八方涌来，街上挤得走不动。") == []
