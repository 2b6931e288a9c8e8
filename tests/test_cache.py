"""The on-disk cache: warm runs, incremental updates, and faults that must be rebuilt, not trusted."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import FIXTURES, Run, gdq_executable

ARTICLE = "“数字经济是第一动力。”浙江大学教授周雪梅表示。她认为,杭州数字经济核心产业增加值超6000亿元。\n"


def make_corpus(folder: Path, n: int = 3) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"{i:02d}.txt").write_text(f"第{i}篇报道。\n" + ARTICLE, encoding="utf-8")
    return folder


def json_out(proc: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    assert proc.returncode in (0, 1), proc.stderr
    return json.loads(proc.stdout) if proc.stdout else []


def test_a_warm_json_run_loads_neither_rich_nor_the_segmenter(tmp_path: Path) -> None:
    env = {**os.environ, "GDQ_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("GDQ_CORPUS", None)
    subprocess.run([*gdq_executable(), "index"], env=env, capture_output=True, check=True)
    code = (
        "import sys, io, contextlib\n"
        "from gdq.cli.entry import run\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    assert run(['speaker', '郑永年', '--format', 'json']) == 0\n"
        "assert '郑永年' in out.getvalue()\n"
        "heavy = {'rich', 'jieba', 'rjieba', 'rapidfuzz', 'pypinyin', 'gdq.pipeline.stages',\n"
        "         'gdq.text.segment', 'typer', 'click', 'gdq.cli.app', 'dataclasses'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy or m in heavy))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _database(cache: Path) -> Path:
    [found] = list(cache.rglob("*.sqlite"))
    return found


def _overwrite_middle(p: Path) -> None:
    data = bytearray(p.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 4096] = b"\xff" * 4096  # a page of garbage, same size
    p.write_bytes(bytes(data))


def _drop_table(p: Path) -> None:
    with sqlite3.connect(p) as conn:
        conn.execute("DROP TABLE speakers")


def _other_format(p: Path) -> None:
    with sqlite3.connect(p) as conn:
        conn.execute("UPDATE meta SET value = '0' WHERE key = 'format'")


def test_corrupt_cache_files_are_rebuilt(run_gdq: Run, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c")
    expected = json_out(run_gdq(["speaker", "周雪梅", "-c", str(corpus), "--json"]))
    assert expected
    cache = tmp_path / "cache"
    damage = [
        ("truncated", lambda p: p.write_bytes(p.read_bytes()[: len(p.read_bytes()) // 2])),
        ("garbage", lambda p: p.write_bytes(b"garbage" * 1000)),
        ("empty", lambda p: p.write_bytes(b"")),
        ("a page overwritten", _overwrite_middle),
        ("a table missing", _drop_table),
        ("another format", _other_format),
        ("extended", lambda p: p.write_bytes(p.read_bytes() + b"\x01" * 100)),
    ]
    for name, hurt in damage:
        hurt(_database(cache))
        proc = run_gdq(["speaker", "周雪梅", "-c", str(corpus), "--json"])
        assert json_out(proc) == expected, name
        assert "Traceback" not in proc.stderr, name
        assert "TEXT" not in proc.stderr  # no SQL in messages


def test_adding_changing_and_removing_a_file_rewrites_only_its_rows(run_gdq: Run, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", n=4)
    assert run_gdq(["index", "-c", str(corpus)]).returncode == 0
    db_path = _database(tmp_path / "cache")

    def documents() -> dict[str, tuple[int, int]]:
        with sqlite3.connect(db_path) as conn:
            found = conn.execute(
                "SELECT d.name, d.id, (SELECT min(n) FROM sentences WHERE doc = d.id) FROM documents d"
            )
            return {name: (d, n) for name, d, n in found}

    before = documents()
    (corpus / "new.txt").write_text(
        "新华社北京电 国家统计局发言人李明表示,经济运行稳中向好。\n", encoding="utf-8"
    )
    speakers = json_out(run_gdq(["speakers", "-c", str(corpus), "--json"]))
    assert {s["name"] for s in speakers} == {"周雪梅", "李明"}
    after = documents()
    assert len(after) == 5 and all(after[name] == ids for name, ids in before.items())  # not processed again
    (corpus / "new.txt").unlink()
    changed = corpus / "01.txt"
    changed.write_text(ARTICLE.replace("周雪梅", "林晓东"), encoding="utf-8")
    speakers = json_out(run_gdq(["speakers", "-c", str(corpus), "--json"]))
    assert {s["name"] for s in speakers} == {"周雪梅", "林晓东"}
    final = documents()
    assert set(final) == set(before)
    assert all(final[name] == ids for name, ids in before.items() if not name.endswith("01.txt"))
    assert final[str(changed)] != before[str(changed)]


def test_a_touched_file_is_not_processed_again(run_gdq: Run, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", n=2)
    assert run_gdq(["index", "-c", str(corpus)]).returncode == 0
    db_path = _database(tmp_path / "cache")
    with sqlite3.connect(db_path) as conn:
        before = conn.execute("SELECT id, name, sha256 FROM documents ORDER BY id").fetchall()
    target = corpus / "00.txt"
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 10**9))
    assert run_gdq(["quotes", "-c", str(corpus), "--json"]).returncode == 0
    with sqlite3.connect(db_path) as conn:
        after = conn.execute("SELECT id, name, sha256 FROM documents ORDER BY id").fetchall()
        mtime = conn.execute("SELECT mtime_ns FROM documents WHERE name = ?", (str(target),)).fetchone()[0]
    assert after == before and mtime == target.stat().st_mtime_ns  # same rows, the new time noted


def test_print_path_names_a_database_users_can_query(run_gdq: Run, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", n=2)
    proc = run_gdq(["index", "--print-path", "-c", str(corpus)])
    assert proc.returncode == 0
    path = proc.stdout.strip()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        rows = conn.execute("SELECT speaker, count(*) FROM statements GROUP BY 1").fetchall()
    assert rows == [("周雪梅", 4)]  # a quote and a reported statement in each of two files


def test_a_changed_corpus_file_is_noticed(run_gdq: Run, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", n=1)
    assert run_gdq(["keyword", "量子计算", "-c", str(corpus)]).returncode == 1
    target = corpus / "00.txt"
    target.write_text(target.read_text(encoding="utf-8") + "量子计算迎来突破。\n", encoding="utf-8")
    assert run_gdq(["keyword", "量子计算", "-c", str(corpus)]).returncode == 0


def test_read_only_cache_folder_runs_without_a_cache_and_says_so_once(run_gdq: Run, tmp_path: Path) -> None:
    if os.geteuid() == 0:
        # root ignores permissions: a path below a regular file can never be created instead.
        blocker = tmp_path / "file"
        blocker.write_text("x")
        cache = blocker / "cache"
    else:
        cache = tmp_path / "ro"
        cache.mkdir()
        cache.chmod(0o500)
    corpus = make_corpus(tmp_path / "c")
    proc = run_gdq(["speaker", "周雪梅", "-c", str(corpus), "--json"], env={"GDQ_CACHE_DIR": str(cache)})
    assert proc.returncode == 0 and json_out(proc)
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("gdq: warning:")]
    assert len(warnings) == 1 and "cache" in warnings[0]


def _four_at_once(cmd: list[str], env: dict[str, str]) -> str:
    """The output of four runs of ``cmd`` started together, which must all succeed quietly
    and agree."""

    def one(_: int) -> subprocess.CompletedProcess[str]:
        return subprocess.run(cmd, env=env, capture_output=True, text=True)

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(one, range(4)))
    assert all(r.returncode == 0 and r.stderr == "" for r in results), [r.stderr for r in results]
    assert len({r.stdout for r in results}) == 1
    return results[0].stdout


def test_parallel_cold_runs_agree(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", n=6)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDQ_")}
    env["GDQ_CACHE_DIR"] = str(tmp_path / "cache")
    cmd = [*gdq_executable(), "quotes", "-c", str(corpus), "--format", "jsonl"]
    cold = _four_at_once(cmd, env)
    warm = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert warm.stdout == cold
    assert not list((tmp_path / "cache").rglob(".tmp-*"))  # no half-written files left
    assert len(list((tmp_path / "cache").rglob("*.sqlite"))) == 1


def test_no_cache_writes_nothing(run_gdq: Run, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c")
    assert run_gdq(["stats", "-c", str(corpus), "--no-cache"]).returncode == 0
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("engine", ["rjieba"])
def test_fast_segmenter_gives_jieba_s_words(engine: str) -> None:
    pytest.importorskip(engine)
    from gdq.text import segment

    fast, reference = segment.cutter(engine), segment.cutter("jieba")
    for path in sorted(FIXTURES.glob("*.txt")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.strip():
                assert fast(line) == reference(line), line


def test_worker_processes_build_the_same_index_as_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Archives above loader.PARALLEL_MIN_BYTES are processed in a pool of worker processes,
    whose packed records the parent joins; the result must not depend on that."""
    from gdq.output import serialize
    from gdq.pipeline import load as loader

    corpus = make_corpus(tmp_path / "c", n=6)
    monkeypatch.setenv("GDQ_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    monkeypatch.setattr(loader, "PARALLEL_MIN_BYTES", 10**12)
    alone = loader.open_index([str(corpus)], use_cache=False, warn=print)
    started: list[int] = []
    monkeypatch.setattr(loader, "PARALLEL_MIN_BYTES", 0)
    import multiprocessing.pool

    real_pool = multiprocessing.pool.Pool.__init__

    def counting_pool(self: object, *args: object, **kwargs: object) -> None:
        started.append(1)
        real_pool(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(multiprocessing.pool.Pool, "__init__", counting_pool)
    pooled = loader.open_index([str(corpus)], use_cache=True, warn=print)
    warm = loader.open_index([str(corpus)], use_cache=True, warn=print)
    assert started, "the worker pool was not used"
    expected = list(serialize.export_records(alone))
    assert expected
    assert list(serialize.export_records(pooled)) == expected
    assert list(serialize.export_records(warm)) == expected


def test_the_code_stamp_covers_modules_and_word_lists() -> None:
    # An edited word list changes what is extracted, so a cache written before it is stale.
    from gdq.store import cache

    stamp = cache.code_parts()
    assert "lexicon/data/surnames.txt:" in stamp and "extract/statements.py:" in stamp
    assert "corpus.txt:" not in stamp and "__pycache__" not in stamp


def test_a_file_name_that_is_not_utf8_is_indexed_and_found_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gdq.pipeline import load

    corpus = tmp_path / "c"
    corpus.mkdir()
    name = os.fsdecode(b"\xb9\xe3\xd6\xdd.txt")  # 广州 in GBK: lone surrogates once decoded
    (corpus / name).write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("GDQ_CACHE_DIR", str(tmp_path / "cache"))
    first = load.open_index([str(corpus)], warn=print)
    assert [st.speaker for st in first.statements] == ["周雪梅", "周雪梅"]
    assert first.docs[0].name == str(corpus / name)
    with sqlite3.connect(_database(tmp_path / "cache")) as conn:
        (stored,) = conn.execute("SELECT name FROM documents").fetchone()
    assert stored == os.fsencode(str(corpus / name))  # kept as its bytes
    again = load.open_index([str(corpus)], warn=print)
    assert again.statements == first.statements
    with sqlite3.connect(_database(tmp_path / "cache")) as conn:
        assert conn.execute("SELECT id FROM documents").fetchall() == [(1,)]  # not processed again


def test_parallel_runs_after_a_change_update_the_database_once(tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", n=6)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GDQ_")}
    env["GDQ_CACHE_DIR"] = str(tmp_path / "cache")
    cmd = [*gdq_executable(), "quotes", "-c", str(corpus), "--format", "jsonl"]
    subprocess.run(cmd, env=env, capture_output=True, check=True)
    for name in ("01.txt", "04.txt"):
        (corpus / name).write_text(ARTICLE.replace("周雪梅", "林晓东"), encoding="utf-8")
    (corpus / "new.txt").write_text(ARTICLE.replace("周雪梅", "陈国华"), encoding="utf-8")
    updated = _four_at_once(cmd, env)
    speakers = [json.loads(line)["speaker"] for line in updated.splitlines()]
    assert speakers.count("林晓东") == 4 and speakers.count("陈国华") == 2 and speakers.count("周雪梅") == 8
    with sqlite3.connect(_database(tmp_path / "cache")) as conn:
        names = [name for (name,) in conn.execute("SELECT name FROM documents")]
    assert sorted(names) == sorted(str(p) for p in corpus.glob("*.txt"))  # each file once


# A PNG's first bytes and then data: what a mis-named image in a folder of articles looks like.
BINARY = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8


def test_a_binary_file_in_a_folder_is_skipped_with_one_warning(run_gdq: Run, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", n=2)
    (corpus / "01-photo.txt").write_bytes(BINARY)
    proc = run_gdq(["speaker", "周雪梅", "-c", str(corpus), "--json"])
    assert proc.returncode == 0 and {r["doc"] for r in json_out(proc)} == {
        str(corpus / "00.txt"),
        str(corpus / "01.txt"),
    }
    warnings = [line for line in proc.stderr.splitlines() if line.startswith("gdq: warning:")]
    assert len(warnings) == 1 and str(corpus / "01-photo.txt") in warnings[0] and "skipped" in warnings[0]
    warm = run_gdq(["speaker", "周雪梅", "-c", str(corpus), "--json"])
    assert warm.stdout == proc.stdout and warm.stderr == proc.stderr  # still said, once


def test_a_binary_file_named_explicitly_is_an_error(run_gdq: Run, tmp_path: Path) -> None:
    corpus = make_corpus(tmp_path / "c", n=1)
    photo = tmp_path / "photo.txt"
    photo.write_bytes(BINARY)
    proc = run_gdq(["keyword", "数字经济", "-c", str(corpus), "-c", str(photo)])
    assert proc.returncode == 2 and str(photo) in proc.stderr and "not a text file" in proc.stderr


def test_a_skipped_file_is_not_read_again_until_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gdq.pipeline import load
    from gdq.text import read

    corpus = make_corpus(tmp_path / "c", n=2)
    photo = corpus / "photo.txt"
    photo.write_bytes(BINARY)
    monkeypatch.setenv("GDQ_CACHE_DIR", str(tmp_path / "cache"))
    reads: list[str] = []
    real_read = read.read_bytes

    def counting_read(source: read.Source) -> bytes:
        reads.append(source.name)
        return real_read(source)

    monkeypatch.setattr(read, "read_bytes", counting_read)
    warned: list[str] = []
    first = load.open_index([str(corpus)], warn=warned.append)
    assert [d.name for d in first.docs] == [str(corpus / "00.txt"), str(corpus / "01.txt")]
    assert len(warned) == 1 and warned[0].startswith(f"{photo}: not a text file")
    reads.clear()
    warned.clear()
    (corpus / "02.txt").write_text("第二篇。\n" + ARTICLE, encoding="utf-8")  # an update: the lock taken
    second = load.open_index([str(corpus)], warn=warned.append)
    assert len(second.docs) == 3 and reads == [str(corpus / "02.txt")] and len(warned) == 1
    reads.clear()
    warned.clear()
    third = load.open_index([str(corpus)], warn=warned.append)  # warm: nothing read
    assert len(third.docs) == 3 and reads == [] and len(warned) == 1
    photo.write_text("“图片说明。”摄影记者陈晓光说。\n", encoding="utf-8")  # now text: read, indexed
    warned.clear()
    fourth = load.open_index([str(corpus)], warn=warned.append)
    assert str(photo) in [d.name for d in fourth.docs] and warned == []
    with sqlite3.connect(_database(tmp_path / "cache")) as conn:
        assert conn.execute("SELECT count(*) FROM skipped").fetchone() == (0,)
    photo.write_bytes(BINARY)  # and back: its rows go, it is skipped again
    fifth = load.open_index([str(corpus)], warn=warned.append)
    assert str(photo) not in [d.name for d in fifth.docs] and len(warned) == 1


def test_two_globs_over_one_folder_are_two_corpora(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from gdq.pipeline import load

    corpus = make_corpus(tmp_path / "c", n=1)
    (corpus / "memo.md").write_text("“备忘录。”编辑部主任吴海峰说。\n", encoding="utf-8")
    monkeypatch.setenv("GDQ_CACHE_DIR", str(tmp_path / "cache"))
    for _ in range(2):  # the second time from the cache
        txt = load.open_index([str(corpus)], warn=print)
        md = load.open_index([str(corpus)], warn=print, glob=["*.md"])
        both = load.open_index([str(corpus)], warn=print, glob=["*.md", "*.txt"])
        assert [d.name for d in txt.docs] == [str(corpus / "00.txt")]
        assert [d.name for d in md.docs] == [str(corpus / "memo.md")]
        assert len(both.docs) == 2
    assert len(list((tmp_path / "cache").rglob("*.sqlite"))) == 3


def test_the_library_takes_globs(tmp_path: Path) -> None:
    import gdq.api

    corpus = make_corpus(tmp_path / "c", n=1)
    (corpus / "memo.md").write_text("“备忘录。”编辑部主任吴海峰说。\n", encoding="utf-8")
    assert [r["speaker"] for r in gdq.api.open(corpus, cache=False, glob="*.md").quotes()] == ["吴海峰"]
