"""The library (``gdq.open``, ``gdq.extract``) gives what the command line prints as JSON, and
the dask.bag recipe of the README writes what ``gdq export`` writes."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import gdq
from conftest import Run
from gdq.errors import CorpusError, QueryError

# Three short news items of our own: one in a subfolder, one in GB18030.
RIVER = """临江市外贸稳中有升

本报记者 韩晓 报道

“今年前三季度全市外贸进出口总额超过1200亿元，同比增长3.5%。”临江市商务局局长欧阳明远表示。他认为，跨境电商贡献了约三成的增量。

临江港务集团董事长魏文涛介绍，港口集装箱吞吐量达到320万标准箱，较上年增长6.2%。
"""
FARM = """秋粮收购有序推进

省粮食和物资储备局副局长林淑贞说：“今年秋粮收购量预计在800万吨左右。”

据统计，全省已有1.5万家农户签订订单，带动增收约4.8亿元。林淑贞指出，收购价格总体平稳。
"""
SCHOOL = """新学期教育投入加大

市教育局相关负责人表示，今年将新建中小学12所，新增学位超过1.8万个。

“我们要让每个孩子都能就近入学。”市长蒋卫东强调，教育经费投入将增长8%。
"""


@pytest.fixture()
def library_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "library-cache"
    monkeypatch.setenv("GDQ_CACHE_DIR", str(cache))
    return cache


@pytest.fixture()
def news(tmp_path: Path, library_cache: Path) -> Path:
    folder = tmp_path / "archive"
    (folder / "farm").mkdir(parents=True)
    (folder / "river.txt").write_text(RIVER, encoding="utf-8")
    (folder / "farm" / "grain.txt").write_bytes(FARM.encode("gb18030"))
    (folder / "school.txt").write_text(SCHOOL, encoding="utf-8")
    return folder


def cli_json(run_gdq: Run, *args: str) -> Any:
    proc = run_gdq([*args, "--format", "json"])
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout) if proc.stdout else []


def test_index_methods_return_what_the_commands_print(run_gdq: Run, news: Path) -> None:
    corpus = ["-c", str(news)]
    index = gdq.open(str(news))
    cases: list[tuple[list[str], Any]] = [
        (["keyword", "增长"], index.keyword("增长")),
        (["keyword", "外贸", "增长", "-n", "1"], index.keyword("外贸", "增长", limit=1)),
        (["speaker", "欧阳明远"], index.speaker("欧阳明远")),
        (["speaker", "ouyang mingyuan", "--kind", "direct"], index.speaker("ouyang mingyuan", kind="direct")),
        (["quotes"], index.quotes()),
        (["quotes", "--kind", "indirect", "--type", "person", "-n", "2"],
         index.quotes(kind="indirect", type="person", limit=2)),
        (["speakers"], index.speakers()),
        (["number", "3.5%"], index.number("3.5%")),
        (["number", "1200亿元"], index.number("1200亿元")),
        (["number", "320万", "--tolerance", "0.1"], index.number("320万", tolerance=0.1)),
        (["facts"], index.facts()),
        (["facts", "--unit", "元", "--min", "5亿"], index.facts(unit="元", min="5亿")),
        (["facts", "--max", "100", "-n", "2"], index.facts(max=100, limit=2)),
        (["stats"], [index.stats()]),
    ]  # fmt: skip
    for args, got in cases:
        assert got == cli_json(run_gdq, *args, *corpus), args
    # Enough found for the comparisons to mean something.
    assert {r["speaker"] for r in index.quotes()} >= {"欧阳明远", "魏文涛", "林淑贞", "蒋卫东"}
    assert [r["raw"] for r in index.number("3.5%")] == ["3.5%"]
    assert [r["value"] for r in index.facts(unit="元", min=5e8)] == [120000000000]
    assert index.stats()["documents"] == 3
    assert index.stats()["per_document"][0]["doc"] == f"{news}/farm/grain.txt"  # sorted paths
    assert index.stats()["per_document"][0]["encoding"] == "gb18030"


def test_show_gives_the_json_record_with_its_context(run_gdq: Run, news: Path) -> None:
    index = gdq.open([news])
    quote = index.speaker("魏文涛")[0]
    for record_id in (quote["id"], quote["sentence_id"], index.facts()[0]["id"]):
        shown = index.show(record_id, context=2)
        assert shown is not None and shown["id"] == record_id
        assert "context_before" in shown and "context_after" in shown
        assert [shown] == cli_json(run_gdq, "show", record_id, "--context", "2", "-c", str(news))
    assert index.show("nothing-s0") is None
    with pytest.raises(QueryError):
        index.show(quote["id"], context=-1)


def test_export_is_what_gdq_export_writes(run_gdq: Run, news: Path) -> None:
    proc = run_gdq(["export", "-c", str(news)])
    assert proc.returncode == 0, proc.stderr
    lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in gdq.open(str(news), cache=False).export()]
    assert "".join(lines) == proc.stdout


def test_extract_gives_a_documents_export_records(run_gdq: Run, tmp_path: Path, library_cache: Path) -> None:
    path = tmp_path / "river.txt"
    path.write_text(RIVER, encoding="utf-8")
    exported = [json.loads(line) for line in run_gdq(["export", "-c", str(path)]).stdout.splitlines()]
    records = gdq.extract(RIVER, str(path))
    assert records == exported
    kinds = [r["type"] for r in records]
    assert kinds == sorted(kinds, key=["sentence", "quote", "fact"].index)  # sentences, quotes, facts
    assert {r["doc"] for r in records} == {str(path)}
    assert any(r["type"] == "quote" and r["speaker"] == "欧阳明远" for r in records)
    assert any(r["type"] == "fact" and r["raw"] == "超过1200亿元" for r in records)
    # Bytes are decoded as a file is: GB18030 gives the same records as the text.
    assert gdq.extract(FARM.encode("gb18030"), "grain.txt") == gdq.extract(FARM, "grain.txt")
    # Ids are keyed on the name; the default name is standard input's.
    assert gdq.extract("张三说：“收入增长3.5%。”")[0]["doc"] == "-"
    assert gdq.extract("") == []


def test_bad_queries_and_corpora_raise(news: Path, tmp_path: Path) -> None:
    index = gdq.open(news)
    for bad in (
        lambda: index.keyword(""),
        lambda: index.quotes(kind="sometimes"),
        lambda: index.speaker("欧阳明远", type="robot"),
        lambda: index.number("很多"),
        lambda: index.number("3%", unit="元"),
        lambda: index.facts(min="100", max="1"),
        lambda: index.keyword("增长", limit=-1),
    ):
        with pytest.raises(QueryError):
            bad()
    with pytest.raises(CorpusError):
        gdq.open(tmp_path / "missing")


def test_import_gdq_stays_cheap_and_loads_the_library_on_use() -> None:
    code = (
        "import sys, gdq\n"
        "print(sorted(m for m in sys.modules if m.startswith('gdq')))\n"
        "print(callable(gdq.open), callable(gdq.extract), gdq.Index.__name__)\n"
        "import gdq.extract.facts\n"
        "print(callable(gdq.extract), 'gdq.api' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.splitlines() == ["['gdq']", "True True Index", "True True"]


# --- the dask.bag recipe of the README ---------------------------------------------------------


def readme_dask_recipe() -> str:
    text = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- dask recipe -->\n```python\n(.*?)```", text, re.S)
    assert found, "README.md has no dask recipe block"
    return found.group(1)


def test_the_dask_bag_recipe_writes_what_gdq_export_writes(
    run_gdq: Run, news: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    # A few more files than workers, so that partitions hold several documents.
    for n in range(4):
        (news / f"extra{n}.txt").write_text(SCHOOL.replace("12所", f"{n + 3}所"), encoding="utf-8")
    expected = run_gdq(["export", "-c", news.name], cwd=tmp_path)
    assert expected.returncode == 0, expected.stderr

    monkeypatch.chdir(tmp_path)
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    )
    with cluster, distributed.Client(cluster):
        exec(compile(readme_dask_recipe(), "README.md", "exec"), {})  # the README's code, as is

    parts = sorted((tmp_path / "out").glob("*.jsonl"))
    assert len(parts) == 3
    written = b"".join(p.read_bytes() for p in parts).decode("utf-8")
    assert written == expected.stdout
    assert written.count('"type": "quote"') >= 8
    assert '"doc": "archive/farm/grain.txt"' in written
