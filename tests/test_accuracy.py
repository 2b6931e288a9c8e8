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
    assert right["recall"] >= 0.8, right
    assert right["precision"] >= 0.97, right


def test_each_way_of_reporting_speech_is_found(result: dict[str, Any]) -> None:
    # Sources that are not a named person, foreign names and interviews were not found at all
    # before the name model and the source heads; each must keep working.
    by_category = result["statements"]["by_category"]
    floors = {
        "plain": 0.9,
        "quote-first": 0.9,
        "foreign-name": 0.68,
        "organisation": 0.66,
        "anonymous": 0.75,
        "document": 0.58,
        "interview": 0.75,
        "no-cue": 0.35,
    }
    for category, floor in floors.items():
        recall = by_category[category]["recall_right_speaker"]
        assert recall >= floor, (category, recall)


def test_roles_and_speaker_types(result: dict[str, Any]) -> None:
    statements = result["statements"]
    assert statements["roles"]["accuracy"] >= 0.9
    assert statements["speaker_type"]["accuracy"] >= 0.95
