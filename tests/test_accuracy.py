"""Attribution measured on real news: the development set in ../shared/dev (hand-made gold).

The floors are what gdq measured when they were set (``python bench/accuracy.py``), less a
small margin; a change that loses accuracy on real articles fails here. Skipped where the
development set is not beside the repository (it is not part of it).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev"
GDQ = Path(sys.executable).with_name("gdq")

pytestmark = pytest.mark.skipif(not (DEV / "news" / "statements.tsv").is_file(), reason="no ../shared/dev")


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("accuracy") / "accuracy.json"
    script = str(ROOT / "bench" / "accuracy.py")
    subprocess.run(
        [sys.executable, script, "--gdq", str(GDQ), "--dev", str(DEV), "--json", str(out)],
        check=True,
        capture_output=True,
    )
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


def test_statements_with_the_right_speaker(result: dict[str, Any]) -> None:
    right = result["statements"]["overall"]["right_speaker"]
    # Issue 11's bar: recall >= 0.9 and precision >= 0.95 (measured 0.928 and 0.996).
    assert right["recall"] >= 0.9, right
    assert right["precision"] >= 0.97, right


def test_each_way_of_reporting_speech_is_found(result: dict[str, Any]) -> None:
    # Sources that are not a named person, foreign names and interviews were not found at all
    # before the name model and the source heads, quotations with no verb and continuations
    # hardly at all; each must keep working (floors a few points under what was measured).
    by_category = result["statements"]["by_category"]
    floors = {
        "plain": 0.94,
        "quote-first": 0.95,
        "foreign-name": 0.88,
        "organisation": 0.75,
        "anonymous": 0.85,
        "document": 0.78,
        "interview": 0.85,
        "no-cue": 0.75,
        "continuation": 0.9,
        "pronoun": 0.9,
    }
    for category, floor in floors.items():
        recall = by_category[category]["recall_right_speaker"]
        assert recall >= floor, (category, recall)


def test_roles_and_speaker_types(result: dict[str, Any]) -> None:
    statements = result["statements"]
    assert statements["roles"]["accuracy"] >= 0.9
    assert statements["speaker_type"]["accuracy"] >= 0.95


def test_numeric_facts(result: dict[str, Any]) -> None:
    # Issue 12's bar: fact precision and recall >= 0.95 (measured 0.973 and 0.982); of the
    # gold facts gdq overlaps, value, unit and qualifier each right in nearly every pair.
    facts = result["facts"]
    assert facts["precision"] >= 0.95, facts["false_positives"]
    assert facts["recall"] >= 0.95, facts["misses"]
    fields = facts["fields"]
    for field in ("value", "unit", "qualifier"):
        assert fields[field] >= 0.97 * fields["pairs"], (field, fields)
