"""Property tests: arbitrary Unicode through every stage and every command.

The strategies mix plain ``st.text()`` with text built from what Chinese news is made of
(common words, speech verbs, names and roles, quote marks and brackets, sentence punctuation,
digits in both widths, numeral characters, qualifiers and units), line breaks of every kind,
padding, control characters and unusual code points.

The normal suite runs a few hundred examples per property. A long session:

    HYPOTHESIS_PROFILE=long python -m pytest tests/test_fuzz.py --hypothesis-show-statistics

runs 5000 examples per stage property and 5000/8 (or /25) per whole-command property;
``GDQ_FUZZ_EXAMPLES=N`` sets the 5000.
"""

from __future__ import annotations

import contextlib
import io
import itertools
import json
import math
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TypeVar

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import index_of_documents, paragraph_records, sentence_spans
from gdq.cli import app as cli
from gdq.errors import QueryError
from gdq.extract import facts, numerals, statements
from gdq.models import Document, Sentence, Statement
from gdq.pipeline import stages as pipeline
from gdq.search import numbers, query
from gdq.search.numbers import NumberQueryError
from gdq.store.index import Store as Index
from gdq.text.read import doc_key

LONG = os.environ.get("HYPOTHESIS_PROFILE") == "long"
LONG_EXAMPLES = int(os.environ.get("GDQ_FUZZ_EXAMPLES", "5000"))
settings.register_profile(
    "long", max_examples=LONG_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck)
)


def fuzz(normal: int, cost: int = 1) -> settings:
    """Settings of a property: ``normal`` examples in the suite, many more in the long profile
    (divided by ``cost`` for properties that run whole commands)."""
    return settings(
        max_examples=max(normal, LONG_EXAMPLES // cost) if LONG else normal,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# --- strategies ----------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


NEWS_WORDS = _words(
    "的 是 在 了 和 表示 认为 说 指出 介绍 强调 称 坦言 透露 他 她 我们 会议 董事长 教授 院长 "
    "总经理 主任 书记 记者 集团 大学 公司 研究院 广州 深圳 张三 李小军 郑永年 王明 发展 企业 产业 "
    "高质量 据悉 此外 同时 接受 采访 时 元 人 家 个 项 年 月 日 号 亿元 万人 人次 倍 公里 "
    "第 前 后 之 间 以 为 与 及 也 都"
)
QUOTE_MARKS = list("“”‘’「」『』《》（）()\"'﹁﹂﹃﹄[]【】〈〉")
PUNCTUATION = [*"。！？!?,，、；;：:….．—-~～·/／", "……", "——", "。”", "？”", "！”", "”。"]
DIGITS = list("0123456789０１２３４５６７８９")
NUMERALS = [*"零一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖仟佰拾〇", "百分之", "分之", "个百分点", "点"]
QUALIFIERS = _words("超 余 多 以上 不少于 近 约 万亿 % ％ ‰ 超过 逾 左右 以下 不到 至少 至 到 达 突破 级")
BREAKS = ["\n", "\n\n", "\n\n\n", "\r\n", "\r", "\r\n\r\n", "\n\r"]
PADDING = [" ", "  ", "\t", "\u3000", "\u00a0", "\ufeff", "\f", "\v"]
ODD = [
    "\x00",
    "\x01",
    "\x07",
    "\x1b",
    "\x1f",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u200b",
    "\u200d",
    "\u202e",
    "\ufffd",
    "\U00020000",
    "\U0001f600",
    "e\u0301",
    "\ue000",
    "\uffff",
    "İ",
    "ß",
    "ﬁ",
]
SPEAKERS = ["张三", "李小军", "郑永年", "王明旺", "欧阳娜娜", "他", "她", "会议", "专家"]
ROLES = ["", "董事长", "教授", "集团董事长", "大学教授", "研究院院长、", "记者", "（深圳）公司创始人"]
VERBS = ["表示", "认为", "说", "指出", "介绍", "强调", "称", "坦言"]

T = TypeVar("T")


def joined(parts: st.SearchStrategy[str], min_size: int = 0, max_size: int = 60) -> st.SearchStrategy[str]:
    """Strings made of pieces (which may be longer than one character)."""
    return st.lists(parts, min_size=min_size, max_size=max_size).map("".join)


any_char = st.characters(exclude_categories=["Cs"])


def _pick(items: Sequence[T]) -> st.SearchStrategy[T]:
    return st.sampled_from(items)


@st.composite
def statement_like(draw: st.DrawFn) -> str:
    """A reporting frame around a quotation, in the shapes the statement finder knows."""
    who = draw(_pick(ROLES)) + draw(_pick(SPEAKERS))
    verb = draw(_pick(VERBS))
    words = draw(joined(st.one_of(_pick(NEWS_WORDS), _pick(DIGITS), _pick(NUMERALS)), max_size=6))
    open_, close = draw(st.sampled_from([("“", "”"), ("「", "」"), ("‘", "’"), ("", ""), ("“", "")]))
    end = draw(_pick(["。", "！", "？", "", "，"]))
    shape = draw(st.integers(0, 2))
    if shape == 0:
        return f"{who}{verb}：{open_}{words}{end}{close}"
    if shape == 1:
        return f"{open_}{words}{end}{close}{who}{verb}。"
    return f"{who}{verb}，{words}{end}"


@st.composite
def quantity_like(draw: st.DrawFn) -> str:
    """A number as news writes it: qualifier, digits or numerals, magnitude, unit."""
    parts = [draw(_pick(["", "", *QUALIFIERS]))]
    if draw(st.booleans()):
        parts.append(draw(st.text(_pick(DIGITS), min_size=1, max_size=8)))
        if draw(st.booleans()):
            parts.append(draw(_pick([".", "．", ",", "，"])) + draw(st.text(_pick(DIGITS), max_size=3)))
    else:
        parts.append(draw(joined(_pick(NUMERALS), min_size=1, max_size=6)))
    parts.append(draw(_pick(["", "万", "亿", "万亿", "千", "百"])))
    parts.append(draw(_pick(["", "", "元", "人", "家", "年", "%", "个", "项", "倍", "亿元"])))
    parts.append(draw(_pick(["", "", *QUALIFIERS])))
    return "".join(parts)


news_token = st.one_of(
    _pick(NEWS_WORDS),
    _pick(NEWS_WORDS),
    _pick(QUOTE_MARKS),
    _pick(PUNCTUATION),
    _pick(DIGITS),
    _pick(NUMERALS),
    _pick(QUALIFIERS),
    quantity_like(),
    statement_like(),
    _pick(BREAKS),
    _pick(PADDING),
    _pick(ODD),
    any_char,
)

news_text = st.lists(news_token, max_size=60).map("".join)
# Paragraphs of reporting frames, figures and filler, as an article is laid out.
news_article = st.lists(
    st.tuples(
        st.one_of(statement_like(), statement_like(), quantity_like(), news_text),
        _pick([*BREAKS, "", "。"]),
    ),
    min_size=1,
    max_size=10,
).map(lambda parts: "".join(a + b for a, b in parts))
# A document: mostly news-like, sometimes anything at all, sometimes long repeated runs.
doc_text = st.one_of(
    news_text,
    news_article,
    news_article,
    st.text(),
    joined(st.one_of(any_char, _pick(QUOTE_MARKS), _pick(PUNCTUATION), _pick(BREAKS)), max_size=80),
    st.builds(lambda t, n: t * n, news_text, st.integers(1, 30)),
)
# A query: words, numbers, punctuation or anything.
query_text = st.one_of(
    _pick(NEWS_WORDS),
    st.lists(news_token, min_size=1, max_size=6).map("".join),
    st.text(max_size=30),
    quantity_like(),
)
number_query = st.one_of(
    quantity_like(),
    st.builds(
        lambda op, a, b: op + a + b,
        _pick(["", ">", ">=", "<", "<=", "=", "≥", "≤", "＞", "..", " .. "]),
        quantity_like(),
        _pick(["", "..", " .. ", "..5", "e5", "e99999", "E-3", "e", "%", "万万", "分之一"]),
    ),
    st.builds(lambda d, n: d * n, _pick(DIGITS), st.integers(1, 6000)),
    st.builds(lambda d, n: d * n, _pick(NUMERALS), st.integers(1, 400)),
    joined(st.one_of(_pick(DIGITS), _pick(NUMERALS), _pick([*".e+-%><=万亿 ", "..", "分之"])), max_size=30),
    st.text(max_size=30),
)


# --- stages --------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
SENTENCE_PAD = "".join(PADDING)  # what the splitter skips: gdq.lexicon.marks.PADDING


def line_of(text: str, offset: int) -> int:
    return len(_LINE_BREAK.findall(text, 0, offset)) + 1


def make_doc(text: str) -> Document:
    return Document(name="fuzz.txt", key="f0f0f0", text=text, encoding="utf-8")


@fuzz(200)
@given(doc_text)
def test_layout_paragraphs(text: str) -> None:
    paras, joined = paragraph_records("fuzz.txt", text)
    assert joined >= 0
    for n, para in enumerate(paras):
        assert para.number == n
        assert para.text, para
        assert para.text == para.text.strip(" \t\f\v\u3000\u00a0\ufeff")
        assert "\n" not in para.text and "\r" not in para.text
        for i, ch in enumerate(para.text):
            off, line = para.locate(i)
            assert 0 <= off < len(text), (i, off)
            # Only the space put back between two Latin words at a repaired break is not
            # in the source.
            if text[off] != ch:
                assert ch == " " and any(p[0] == i + 1 for p in para.pieces), (i, ch, text[off])
            else:
                assert line == line_of(text, off), (i, line)


marks_and_padding = joined(st.one_of(_pick(QUOTE_MARKS), _pick(PUNCTUATION), _pick(PADDING)), max_size=60)


@fuzz(200)
@given(st.one_of(doc_text, marks_and_padding))
def test_sentence_spans_cover_the_paragraph(text: str) -> None:
    spans = sentence_spans(text)
    previous = 0
    for start, end in spans:
        assert previous <= start < end <= len(text), spans
        assert text[start] not in SENTENCE_PAD and text[end - 1] not in SENTENCE_PAD
        assert all(ch in SENTENCE_PAD for ch in text[previous:start]), (previous, start)
        previous = end
    assert all(ch in SENTENCE_PAD for ch in text[previous:]), spans


# Hand-picked seeds: mixed line endings across a page break, a run of marks, a quote left
# open, a line separator inside a quotation, a Latin word cut at a break.
SEEDS = [
    "第一行没有结束\r\n第二行继续写，超100家\r\r张三表示，“很好。”\r\n李四说，要加快发展\n\n步伐。",
    "“" * 500 + "！" * 300 + "。" * 300,
    "张三表示，“我们要超100家企业\u2028参与\x85。”\u3000\n\ufeff会议指出，",
    "据悉，AI公司Open\n\nAI发布了新模型，投资约3.2万亿元。",
]


@fuzz(150)
@given(doc_text)
@example(SEEDS[0])
@example(SEEDS[1])
@example(SEEDS[2])
@example(SEEDS[3])
def test_document_sentences(text: str) -> None:
    doc = make_doc(text)
    sents, info = pipeline.document_sentences(doc)
    assert len({s.id for s in sents}) == len(sents)
    assert [s.seq for s in sents] == list(range(len(sents)))
    assert info.sentences == len(sents) and info.chars == len(text)
    for s in sents:
        assert s.text and s.text == s.text.strip(SENTENCE_PAD)
        assert 0 <= s.start < s.end <= len(text), s
        assert text[s.start] == s.text[0] and text[s.end - 1] == s.text[-1], s
        assert s.line == line_of(text, s.start), s
        assert not s.words or s.words[-1] == len(s.text)


def assert_statements(sents: Sequence[Sentence], found: Sequence[Statement]) -> None:
    position = {s.id: n for n, s in enumerate(sents)}
    assert len({st.id for st in found}) == len(found)
    for statement in found:
        first = position[statement.sentence_id]
        assert 1 <= statement.sentences <= len(sents) - first, statement
        spanned = "".join(s.text for s in sents[first : first + statement.sentences])
        assert statement.text in spanned, (statement, spanned)
        assert statement.speaker.strip() and statement.speaker not in {"他", "她"}, statement
        assert statement.kind in {"direct", "indirect"}
        assert statement.line == sents[first].line


@fuzz(150)
@given(st.one_of(doc_text, st.lists(statement_like(), min_size=1, max_size=8).map("".join)))
@example(SEEDS[0])
@example(SEEDS[2])
def test_statements(text: str) -> None:
    sents, _ = pipeline.document_sentences(make_doc(text))
    assert_statements(sents, statements.extract("f0f0f0", sents))


FACT_QUALIFIERS = {"exact", "more_than", "at_least", "less_than", "at_most", "about", "range"}


@fuzz(200)
@given(st.one_of(doc_text, st.lists(quantity_like(), max_size=10).map("".join)))
def test_find_facts(text: str) -> None:
    previous = 0
    for span in facts.find_facts(text):
        assert 0 <= span.start < span.end <= len(text), span
        assert span.raw == text[span.start : span.end], span
        assert span.start >= previous, "facts are in order of position"
        previous = span.start
        assert span.qualifier in FACT_QUALIFIERS, span
        assert isinstance(span.value, int) or math.isfinite(span.value), span  # JSON has no inf/nan
        assert (span.qualifier == "range") == (span.value_max is not None), span


@fuzz(200)
@given(number_query)
def test_number_parsing(text: str) -> None:
    value = numerals.parse_number(text)
    assert value is None or isinstance(value, int) or math.isfinite(value)
    try:
        q = numbers.parse_query(text)
    except NumberQueryError:
        return
    for v in (0, 1, 12, 3.2e12, -5, 0.5):
        score = numbers.matches(q, v, 0.001)
        assert score is None or 0 <= score <= 100


def build(text: str) -> tuple[Index, list[Sentence]]:
    doc = make_doc(text)
    index = index_of_documents([doc])
    return index, list(index.sentences)


@fuzz(150)
@given(doc_text, st.lists(query_text, min_size=1, max_size=3), st.one_of(st.none(), st.integers(1, 5)))
def test_keyword_query(text: str, terms: list[str], limit: int | None) -> None:
    index, _ = build(text)
    try:
        hits = query.keyword(index, terms, limit)
    except QueryError:
        return
    assert limit is None or len(hits) <= limit
    for hit in hits:
        assert hit.matches, hit
        for start, end in hit.matches:
            assert 0 <= start < end <= len(hit.sentence.text), hit


@fuzz(150)
@given(doc_text, query_text, number_query, st.one_of(st.none(), number_query), _pick(["all", "direct", "x"]))
def test_other_queries(text: str, name: str, number: str, bound: str | None, kind: str) -> None:
    index, sents = build(text)
    assert_statements(sents, index.statements)
    with contextlib.suppress(QueryError):
        query.speaker(index, name, kind)
    with contextlib.suppress(QueryError):
        query.quotes(index, name, kind)
    with contextlib.suppress(QueryError):
        query.number(index, number, None, 0.01)
    with contextlib.suppress(QueryError):
        query.all_facts(index, None, bound, None)


# --- commands, in process ------------------------------------------------------------------

COMMANDS = ["keyword", "speaker", "speakers", "quotes", "number", "facts", "stats", "show"]
FORMATS = [None, "plain", "json", "jsonl", "table"]
_counter = itertools.count()


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz_corpus")


@contextlib.contextmanager
def environment(**values: str | None) -> Iterator[None]:
    saved = {k: os.environ.get(k) for k in values}
    try:
        for k, v in values.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run(argv: list[str], cache: Path | None = None) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with (
        environment(GDQ_CACHE_DIR=str(cache) if cache else None, GDQ_CORPUS=None, NO_COLOR="1"),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = cli.run(argv)
    return code, out.getvalue(), err.getvalue()


def write_corpus(directory: Path, data: str | bytes) -> Path:
    path = directory / f"doc{next(_counter)}.txt"
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8", newline="")
    else:
        path.write_bytes(data)
    return path


def check_output(argv: list[str], code: int, out: str, err: str, fmt: str | None) -> None:
    assert code in (0, 1, 2), (argv, code, err)
    assert "Traceback" not in err, err
    if code == 2:
        assert "gdq: error: " in err, (argv, err)
        return
    if fmt == "json":
        records = json.loads(out)
        assert isinstance(records, list) and bool(records) == (code == 0), (argv, out)
    elif fmt == "jsonl":
        # Lines end at "\n" only: U+0085 and U+2028 may stand unescaped inside a record.
        lines = out.split("\n")
        assert lines[-1] == "", out
        assert len([json.loads(line) for line in lines[:-1]]) >= (code == 0)


@st.composite
def command_line(draw: st.DrawFn, command: str, path: Path) -> tuple[list[str], str | None]:
    """argv for one command, with arbitrary queries and option values."""
    arg = st.one_of(query_text, number_query).filter(lambda s: "\x00" not in s)
    options: list[str] = ["-c", str(path), "--no-cache"]
    fmt = draw(_pick(FORMATS))
    if fmt is not None:
        options += ["--format", fmt]
    positional: list[str] = []
    if command == "keyword":
        positional = draw(st.lists(arg, min_size=1, max_size=3))
    elif command in ("speaker", "number"):
        positional = [draw(arg)]
    elif command == "show":
        key = doc_key(str(path))
        ids = st.builds(lambda k, n: f"{key}-{k}{n}", _pick("sqf"), st.integers(0, 20))
        positional = [draw(st.one_of(ids, ids, arg))]
    if command in ("speaker", "quotes") and draw(st.booleans()):
        options += ["--kind", draw(st.one_of(_pick(["direct", "indirect", "all"]), arg))]
    if command == "quotes" and draw(st.booleans()):
        options += ["--speaker", draw(arg)]
    if command in ("number", "facts") and draw(st.booleans()):
        options += ["--unit", draw(st.one_of(_pick(["元", "人", "%", "家", "年份"]), arg))]
    if command == "number" and draw(st.booleans()):
        options += ["--tolerance", draw(_pick(["0", "0.01", "1", "-1", "nan", "inf", "1e308", "x"]))]
    if command == "facts":
        for option in ("--min", "--max"):
            if draw(st.booleans()):
                options += [option, draw(arg)]
    if command == "show" and draw(st.booleans()):
        options += ["--context", draw(_pick(["0", "1", "5", "-1", "100000000000000000000"]))]
    if command not in ("stats", "show") and draw(st.booleans()):
        options += ["--limit", draw(_pick(["1", "3", "0", "-2"]))]
    # Queries starting with '-' must follow '--'; without it they are (bad) options: exit 2.
    separator = ["--"] if bool(positional) and draw(st.booleans()) else []
    return [command, *options, *separator, *positional], fmt


@pytest.mark.parametrize("command", COMMANDS)
@fuzz(40, cost=8)
@given(text=doc_text, data=st.data())
def test_every_command(corpus_dir: Path, command: str, text: str, data: st.DataObject) -> None:
    path = write_corpus(corpus_dir, text)
    argv, fmt = data.draw(command_line(command, path), label="argv")
    code, out, err = run(argv)
    check_output(argv, code, out, err, fmt)


@fuzz(40, cost=8)
@given(text=doc_text, command=_pick(["keyword", "speaker", "number"]), q=query_text)
def test_plain_prints_one_line_per_record(corpus_dir: Path, text: str, command: str, q: str) -> None:
    """README: plain is one grep-like line per record, so `| wc -l` counts the results."""
    path = write_corpus(corpus_dir, text)
    base = [command, "-c", str(path), "--no-cache"]
    code, out, err = run([*base, "--format", "json", "--", q])
    check_output(base, code, out, err, "json")
    if code == 2:
        return
    plain_code, plain, _ = run([*base, "--format", "plain", "--", q])
    assert plain_code == code
    assert plain.count("\n") == len(json.loads(out)), plain


@fuzz(15, cost=25)
@given(text=doc_text, q=query_text)
def test_cached_index_gives_the_same_answers(corpus_dir: Path, text: str, q: str) -> None:
    path = write_corpus(corpus_dir, text)
    cache = corpus_dir / f"cache{next(_counter)}"
    for command, *query_args in (["stats"], ["quotes"], ["facts"], ["speakers"], ["keyword", "--", q]):
        argv = [command, "-c", str(path), "--json"]
        fresh = run([*argv, "--no-cache", *query_args])
        written = run([*argv, *query_args], cache)
        read_back = run([*argv, *query_args], cache)
        assert fresh == written == read_back, argv


def _mangle(text: str, bad: bytes, at: int) -> bytes:
    data = text.encode("utf-8")
    at = min(at, len(data))
    return data[:at] + bad + data[at:]


corpus_bytes = st.one_of(
    st.binary(max_size=200),
    st.builds(
        _mangle,
        news_text,
        _pick([b"\xff", b"\xc3", b"\xe4\xb8", b"\x80\x80", b"\xed\xa0\x80"]),
        st.integers(0, 400),
    ),
    news_text.map(lambda t: b"\xef\xbb\xbf" + t.encode("utf-8")),
    news_text.map(lambda t: t.encode("utf-16")),
    st.builds(lambda t, b: t.encode("utf-16") + b, news_text, st.binary(min_size=1, max_size=3)),
    news_text.map(lambda t: t.encode("gb18030")),
    st.builds(lambda t: t.encode("gb18030") + b"\x81", news_text),
)


@fuzz(60, cost=8)
@given(data=corpus_bytes, command=_pick(["stats", "quotes", "facts"]))
def test_any_bytes_as_a_corpus(corpus_dir: Path, data: bytes, command: str) -> None:
    path = write_corpus(corpus_dir, data)
    argv = [command, "-c", str(path), "--no-cache", "--json"]
    code, out, err = run(argv)
    check_output(argv, code, out, err, "json")
    if command == "stats":
        assert code in (0, 2)
