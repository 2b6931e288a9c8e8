from __future__ import annotations

from conftest import FIXTURES, build_index
from gdq.store.index import Store as Index


def texts(index: Index, doc_suffix: str) -> list[str]:
    return [s.text for s in index.sentences if s.doc.endswith(doc_suffix)]


def test_page_breaks_are_joined_and_counted(mini_index: Index) -> None:
    mini = texts(mini_index, "layout_mini.txt")
    assert any("持续推进城市更新行动" in t for t in mini)
    assert "“我们看到了前所未有的机遇。”一位参会企业家说,“但是挑战也同样巨大,必须加快步伐。”" in mini
    foshan = texts(mini_index, "foshan_gb18030.txt")
    assert any(t.endswith("实现数字化升级。") for t in foshan)
    per_doc = {d.name.rsplit("/", 1)[-1]: d for d in mini_index.docs}
    assert per_doc["layout_mini.txt"].joined_breaks == 2
    assert per_doc["foshan_gb18030.txt"].joined_breaks == 1


def test_repeated_passage_is_indexed_once_per_document(mini_index: Index) -> None:
    repeated = "深圳的新能源汽车产量连续三年位居全国城市前列。"
    assert texts(mini_index, "layout_mini.txt").count(repeated) == 1
    # the same sentence in another document is kept
    assert texts(mini_index, "foshan_gb18030.txt").count(repeated) == 1
    fragment = "经济的结合将带来新一轮产业变革,深圳在这方面具有得天独厚的优势。"
    assert fragment not in texts(mini_index, "layout_mini.txt")
    stats = mini_index.stats()
    assert stats["dropped_duplicates"] == 3
    assert stats["duplicate_passages"] == 2


def test_sentence_records_point_back_to_the_source(mini_index: Index) -> None:
    for doc in ("layout_mini.txt",):
        source = (FIXTURES / doc).read_text(encoding="utf-8")
        lines = source.split("\n")
        for s in mini_index.sentences:
            if not s.doc.endswith(doc):
                continue
            # the sentence starts on its line, at its offset
            assert source[s.start : s.start + 2] == s.text[:2]
            assert s.text[:2] in lines[s.line - 1]
            assert s.words and s.words[-1] == len(s.text)


def test_ids_are_stable_across_builds() -> None:
    a = build_index(FIXTURES / "layout_mini.txt")
    b = build_index(FIXTURES / "layout_mini.txt")
    assert [s.id for s in a.sentences] == [s.id for s in b.sentences]
    assert len({s.id for s in a.sentences}) == len(a.sentences)


def test_two_documents_with_one_record_key_are_refused() -> None:
    import pytest

    from gdq.errors import CorpusError
    from gdq.pipeline.load import memory_store
    from gdq.pipeline.stages import DocRecord, doc_rows
    from gdq.store.rows import DocInfo

    a = DocInfo("a.txt", "abc", "utf-8", 0, 0, 0, 0, 0, 0)
    b = DocInfo("b.txt", "abc", "utf-8", 0, 0, 0, 0, 0, 0)
    with pytest.raises(CorpusError, match=r"a\.txt and b\.txt"):
        memory_store([doc_rows(DocRecord(a, (), (), ())), doc_rows(DocRecord(b, (), (), ()))])


# --- document rows: what workers send back to the process that writes the database ----------

PACK_TEXT = (
    "深港科创合作区发布新政\n\n"
    "合作区管理局局长陈立新表示:“今年将新增孵化面积十二万平方米。”\n"
    "他说,区内企业已有1,260家,其中“专精特新”企业四百余家。\n\n"
    "香港科技大学教授吴佩仪认为,两地人才流动仍需更多便利。吴佩仪说:“签注要再简化。”\n"
)


def _records() -> list[object]:
    from gdq.models import Document
    from gdq.pipeline import stages as pipeline
    from gdq.text import read as corpus

    docs = [
        Document("a.txt", corpus.doc_key("a.txt"), PACK_TEXT, "utf-8"),
        Document("b.txt", corpus.doc_key("b.txt"), PACK_TEXT.replace("陈立新", "林海峰"), "utf-8"),
        Document("empty.txt", corpus.doc_key("empty.txt"), "", "utf-8"),
    ]
    return [pipeline.process(d) for d in docs]


def _export(index: Index) -> list[dict[str, object]]:
    from gdq.output import serialize

    return list(serialize.export_records(index))


def test_document_rows_survive_pickling_and_give_back_the_records() -> None:
    import pickle

    from gdq.pipeline import stages as pipeline
    from gdq.pipeline.load import memory_store

    records = _records()
    direct = memory_store([pipeline.doc_rows(r) for r in records])  # type: ignore[arg-type]
    shipped = memory_store([pickle.loads(pickle.dumps(pipeline.doc_rows(r))) for r in records])  # type: ignore[arg-type]
    assert _export(shipped) == _export(direct)
    # Every sentence, statement and fact of every document comes back as it was made.
    assert list(shipped.sentences) == [s for r in records for s in r.sentences]  # type: ignore[attr-defined]
    assert list(shipped.statements) == [s for r in records for s in r.statements]  # type: ignore[attr-defined]
    assert list(shipped.facts) == [f for r in records for f in r.facts]  # type: ignore[attr-defined]
    speakers = {shipped.speaker_of(st.sentence_id) for st in shipped.statements}
    assert {"陈立新", "林海峰", "吴佩仪"} <= speakers
    assert [name for name, _ in shipped.iter_speakers()][:2] == ["陈立新", "吴佩仪"]
