from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from gdq.errors import CorpusError
from gdq.text import read as corpus

TEXT = "广州市今年将新增智能工厂50家。\n企业表示欢迎。\n"


def decode(data: bytes) -> tuple[str, str, list[str]]:
    warnings: list[str] = []
    text, enc = corpus.decode("doc.txt", data, warnings.append)
    return text, enc, warnings


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("gb18030"), "gb18030"),
        (TEXT.encode("gbk"), "gb18030"),
        (TEXT.encode("utf-16"), "utf-16"),
    ],
)
def test_encodings_are_detected(data: bytes, encoding: str) -> None:
    text, enc, warnings = decode(data)
    assert text == TEXT
    assert enc == encoding
    assert warnings == []


def test_binary_is_not_text() -> None:
    with pytest.raises(CorpusError, match=r"doc\.txt: not a text file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_control_characters_are_not_text() -> None:
    with pytest.raises(CorpusError, match="not a text file"):
        decode(bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 20)


def test_an_invalid_byte_in_utf8_is_replaced_with_a_warning_naming_the_line() -> None:
    data = TEXT.encode("utf-8") + b"\xff" + "第三行。\n".encode()
    text, enc, warnings = decode(data)
    assert enc == "utf-8"
    assert "\ufffd第三行。" in text
    assert len(warnings) == 1
    assert "doc.txt" in warnings[0] and "line 3" in warnings[0]


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("乙。", encoding="utf-8")
    (tmp_path / "a.txt").write_text("甲。", encoding="utf-8")
    (tmp_path / "notes.md").write_text("不读。", encoding="utf-8")
    names = [s.name for s in corpus.expand([str(tmp_path)])]
    assert names == [str(tmp_path / "a.txt"), str(tmp_path / "b" / "2.txt")]


def test_same_file_twice_is_read_once(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("甲。", encoding="utf-8")
    assert len(corpus.expand([str(f), str(f), str(tmp_path)])) == 1


def test_folder_without_txt_files_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "x.md").write_text("x", encoding="utf-8")
    with pytest.raises(CorpusError, match=r"no \.txt files"):
        corpus.expand([str(tmp_path)])


def test_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such file"):
        corpus.expand([str(tmp_path / "missing.txt")])


def test_environment_variable_selects_the_corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("甲。", encoding="utf-8")
    b.write_text("乙。", encoding="utf-8")
    monkeypatch.setenv("GDQ_CORPUS", f"{a}:{b}")
    assert [s.name for s in corpus.expand(None)] == [str(a), str(b)]
    assert [s.name for s in corpus.expand([str(b)])] == [str(b)]  # --corpus wins


def test_default_is_the_bundled_article(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GDQ_CORPUS", raising=False)
    sources = corpus.expand(None)
    assert [s.name for s in sources] == ["corpus.txt"]
    assert sources[0].path is not None and Path(sources[0].path).stat().st_size > 10_000


def test_doc_keys_are_stable_and_distinct() -> None:
    assert corpus.doc_key("a.txt") == corpus.doc_key("a.txt")
    assert corpus.doc_key("a.txt") != corpus.doc_key("b.txt")
