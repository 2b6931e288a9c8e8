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


# --- encodings beyond UTF-8 and GB18030 --------------------------------------------------------
# Invented text: a Taipei-style report in traditional characters (Big5 has no simplified ones).
TRAD = "新竹縣政府昨天宣佈，明年將興建三座長照中心，鄉親普遍表示歡迎。\n議員認為經費仍須審慎規劃。\n"
TRAD_SENTENCE = "臺中捷運綠線上月載客量創下新高。"
SIMP_SENTENCE = "湛江港今年新开通三条远洋航线。"


@pytest.mark.parametrize("text", [TRAD, TRAD_SENTENCE])
def test_big5_is_read_as_big5_not_as_garbled_gb18030(text: str) -> None:
    decoded, enc, warnings = decode(text.encode("big5"))
    assert (decoded, enc, warnings) == (text, "big5", [])


def test_a_one_sentence_gb18030_file_stays_gb18030() -> None:
    decoded, enc, _ = decode(SIMP_SENTENCE.encode("gb18030"))
    assert (decoded, enc) == (SIMP_SENTENCE, "gb18030")


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [TEXT, TRAD, SIMP_SENTENCE])
def test_utf16_with_a_mark_in_either_byte_order(codec: str, text: str) -> None:
    mark = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    assert decode(mark + text.encode(codec)) == (text, "utf-16", [])


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", [TEXT, TRAD, SIMP_SENTENCE])
def test_utf16_without_a_mark_is_recognised(codec: str, text: str) -> None:
    assert decode(text.encode(codec)) == (text, codec, [])


def test_a_guess_between_gb18030_and_big5_is_reported() -> None:
    # Four common characters whose GB bytes are also common Big5 characters: no way to be sure.
    text, enc, warnings = decode("新建工厂".encode("gb18030"))
    assert (text, enc) == ("新建工厂", "gb18030")
    assert warnings == ["doc.txt: encoding guessed as gb18030 (not certain)"]


def test_a_utf8_file_is_not_given_to_the_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    def detector(*args: object) -> list[str]:
        raise AssertionError("charset detection ran on UTF-8")

    monkeypatch.setattr(corpus, "_detected", detector)
    monkeypatch.setattr(corpus, "_utf16_without_mark", detector)
    assert decode((TEXT * 50).encode("utf-8"))[1] == "utf-8"


def test_ascii_with_a_stray_latin1_byte_is_still_utf8() -> None:
    text, enc, warnings = decode(b"Caf\xe9 opened on Zhongshan Road.\n")
    assert enc == "utf-8" and text.startswith("Caf\ufffd") and len(warnings) == 1


def test_binary_is_a_not_text_error() -> None:
    with pytest.raises(corpus.NotText, match=r"doc\.txt: not a text file"):
        decode(bytes(range(256)) * 4)


# --- where the corpus comes from ---------------------------------------------------------------


def test_a_missing_path_from_the_environment_names_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GDQ_CORPUS", str(tmp_path / "gone"))
    with pytest.raises(CorpusError, match="check the GDQ_CORPUS path") as caught:
        corpus.expand(None)
    assert "--corpus" not in str(caught.value)
    with pytest.raises(CorpusError, match="check the --corpus path"):
        corpus.expand([str(tmp_path / "gone")])


# --- globs -------------------------------------------------------------------------------------


def _tree(root: Path) -> Path:
    for rel in ("a.txt", "b.md", "notes/c.txt", "notes/d.md", "drafts/e.txt", "x/drafts/f.txt", "x/g.TXT"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text("甲。", encoding="utf-8")
    return root


def _read(root: Path, *globs: str, extra: tuple[str, ...] = ()) -> list[str]:
    sources = corpus.expand([str(root), *extra], list(globs) or None)
    return [s.name[len(str(root)) + 1 :] if s.name.startswith(str(root)) else s.name for s in sources]


def test_globs_select_files_by_base_name_at_any_depth(tmp_path: Path) -> None:
    root = _tree(tmp_path / "c")
    assert _read(root) == ["a.txt", "drafts/e.txt", "notes/c.txt", "x/drafts/f.txt"]
    assert _read(root, "*.md") == ["b.md", "notes/d.md"]
    assert _read(root, "*.md", "*.TXT") == ["b.md", "notes/d.md", "x/g.TXT"]
    assert _read(root, "*.{md,TXT}") == ["b.md", "notes/d.md", "x/g.TXT"]
    assert _read(root, "[ab].*") == ["a.txt", "b.md"]


def test_globs_with_a_slash_match_the_path_below_the_folder(tmp_path: Path) -> None:
    root = _tree(tmp_path / "c")
    assert _read(root, "notes/*") == ["notes/c.txt", "notes/d.md"]
    assert _read(root, "*/*.txt") == ["drafts/e.txt", "notes/c.txt"]  # * stops at /
    assert _read(root, "**/drafts/*.txt") == ["drafts/e.txt", "x/drafts/f.txt"]


def test_negated_globs_exclude_files_and_whole_folders(tmp_path: Path) -> None:
    root = _tree(tmp_path / "c")
    assert _read(root, "!drafts") == ["a.txt", "notes/c.txt"]  # both drafts folders, from *.txt
    assert _read(root, "!x/drafts/") == ["a.txt", "drafts/e.txt", "notes/c.txt"]
    assert _read(root, "*", "!*.txt") == ["b.md", "notes/d.md", "x/g.TXT"]


def test_a_file_named_explicitly_is_read_whatever_the_globs(tmp_path: Path) -> None:
    root = _tree(tmp_path / "c")
    other = tmp_path / "memo.md"
    other.write_text("乙。", encoding="utf-8")
    assert _read(root, "*.md", "!b.md", extra=(str(other), str(root / "b.md"))) == [
        "notes/d.md",
        str(other),
        "b.md",
    ]


def test_a_folder_no_glob_matches_is_an_error_naming_the_globs(tmp_path: Path) -> None:
    root = _tree(tmp_path / "c")
    with pytest.raises(CorpusError, match=r"no file in the folder matches --glob \*\.doc"):
        corpus.expand([str(root)], ["*.doc"])
    with pytest.raises(CorpusError, match="empty"):
        corpus.expand([str(root)], ["!"])


def test_globs_are_part_of_the_cache_key() -> None:
    from gdq.store import cache

    key = corpus.Globs.of
    paths = [cache.database_path("/c", ["/news"], key(g).key()) for g in (None, ["*.txt"], ["*.md"], ["!a*"])]
    assert paths[0] == paths[1]  # the default, spelled out, is the same corpus
    assert len(set(paths)) == 3
    assert key(["*.md", "*.txt"]).key() == key(["*.txt", "*.md"]).key()
