"""Speakers of every kind, read from text we wrote (tests/data/sources_cases*.tsv), and the
speaker_type they get: person, organisation, media, document, anonymous or group."""

from __future__ import annotations

import json

import pytest

from conftest import DATA, Run, read_table
from gdq.extract import statements
from gdq.extract.sources import SPEAKER_TYPES, read_subject, source_type
from test_statements import _expected, make_sentences

# One table per area of attribution (sources_cases*.tsv), so that each grows on its own.
_CASES = [row for table in sorted(DATA.glob("sources_cases*.tsv")) for row in read_table(table.name)]


@pytest.mark.parametrize(("name", "text", "expected"), _CASES)
def test_source_table(name: str, text: str, expected: str) -> None:
    got = statements.extract("t", make_sentences(text.split(" ¶ ")))
    found = [(s.speaker, s.speaker_type, s.kind, s.verb or "-") for s in got]
    assert found == _expected(expected)


@pytest.mark.parametrize(
    ("phrase", "kind"),
    [
        ("业内人士", "anonymous"),
        ("部分网友", "group"),
        ("政府工作报告", "document"),
        ("华尔街日报", "media"),
        ("《北方观察》", "media"),
        ("国家统计局", None),  # an institution: its ending decides, not a source head
    ],
)
def test_source_heads(phrase: str, kind: str | None) -> None:
    assert source_type(phrase) == kind


def test_a_clause_that_names_nobody_is_no_source() -> None:
    assert read_subject("这一政策") is None
    assert read_subject("向消费者和投资者") is None  # a preposition opens an adjunct


def test_type_filter_on_the_command_line(run_gdq: Run, tmp_path: object) -> None:
    text = "华信证券认为，市场情绪正在逐步修复。程立新院士表示，这项技术还需要更多临床验证。\n"
    proc = run_gdq(["quotes", "-c", "-", "--type", "person", "--format", "json"], input=text)
    assert proc.returncode == 0, proc.stderr
    records = json.loads(proc.stdout)
    assert [(r["speaker"], r["speaker_type"]) for r in records] == [("程立新", "person")]
    both = run_gdq(["quotes", "-c", "-", "-t", "person,organisation", "--format", "json"], input=text)
    assert {r["speaker_type"] for r in json.loads(both.stdout)} == {"person", "organisation"}
    speakers = run_gdq(["speakers", "-c", "-", "--format", "json"], input=text)
    assert {r["name"]: r["speaker_type"] for r in json.loads(speakers.stdout)} == {
        "华信证券": "organisation",
        "程立新": "person",
    }


def test_unknown_type_is_a_usage_error(run_gdq: Run) -> None:
    proc = run_gdq(["quotes", "-c", "-", "--type", "robot"], input="程立新表示，可以。\n")
    assert proc.returncode == 2
    assert "robot" in proc.stderr and all(t in proc.stderr for t in SPEAKER_TYPES)
    assert "Traceback" not in proc.stderr


def test_a_short_name_the_text_declares_finds_the_speaker(run_gdq: Run) -> None:
    text = "华南理工大学附属智能制造研究院（以下简称“华工智造院”）院长周启航表示，成果转化要提速。\n"
    proc = run_gdq(["speaker", "华工智造院", "-c", "-", "--format", "json"], input=text)
    assert proc.returncode == 0, proc.stderr
    [record] = json.loads(proc.stdout)
    assert record["speaker"] == "周启航"
    assert record["roles"] == ["华南理工大学附属智能制造研究院院长", "华工智造院"]


def test_a_person_the_model_tags_keeps_the_honorific_after_the_name() -> None:
    found = read_subject("财务总监佘其朗先生")
    assert found is not None
    assert (found.kind, found.name, found.roles, found.gender) == ("person", "佘其朗", "财务总监", "m")
