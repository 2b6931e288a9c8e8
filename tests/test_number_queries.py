"""Number queries the way people type them (units, qualifier words, ranges, signs), range
facts matching the queries that overlap them, the ``--unit``/``--tolerance``/``--min``/
``--max`` checks, and how a range prints. The query table itself is tests/data/num_queries.tsv
(run by test_numbers.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import Run
from gdq.errors import QueryError
from gdq.models import Fact, Sentence
from gdq.output import render, serialize
from gdq.pipeline import stages as pipeline
from gdq.pipeline.load import memory_store
from gdq.search import query
from gdq.search.numbers import (
    ABOUT_TOLERANCE,
    RANGE_HOLDS,
    NumberQueryError,
    matches,
    normalise_unit,
    parse_query,
)
from gdq.store.index import Store as Index
from gdq.store.rows import DocInfo

# --- matching: qualifier words ---------------------------------------------------------------


def test_a_more_than_word_excludes_the_value_itself() -> None:
    q = parse_query("超千亿")
    assert matches(q, 10**11, 0.001) is None  # exactly 1000亿 is not "over" it
    assert matches(q, 10**11 + 1, 0.001) is not None
    assert matches(q, 3 * 10**12, 0.001) is not None
    assert matches(parse_query("至少1000亿"), 10**11, 0.001) is not None  # at_least keeps it


def test_about_widens_the_tolerance_of_the_value() -> None:
    q = parse_query("约3万")
    assert q.is_exact and q.tolerance == ABOUT_TOLERANCE
    assert matches(q, 29000, q.tolerance) is not None
    assert matches(q, 32500, q.tolerance) is not None
    assert matches(q, 20000, q.tolerance) is None
    plain = parse_query("3万")
    assert plain.tolerance is None  # without 约 the caller's (narrow) default applies
    assert parse_query("3万左右").tolerance == ABOUT_TOLERANCE


def test_less_than_and_at_most_words_bound_from_above() -> None:
    assert matches(parse_query("不到5万人"), 50000, 0.0) is None
    assert matches(parse_query("不到5万人"), 49999, 0.0) is not None
    assert matches(parse_query("最多3次"), 3, 0.0) is not None
    assert matches(parse_query("最多3次"), 4, 0.0) is None


# --- matching: range facts -------------------------------------------------------------------


def test_a_range_fact_holds_a_single_value_between_its_ends() -> None:
    q = parse_query("12")
    assert matches(q, 10, 0.001, value_max=15) == RANGE_HOLDS
    assert matches(parse_query("10"), 10, 0.001, value_max=15) == RANGE_HOLDS
    assert matches(parse_query("15"), 10, 0.001, value_max=15) == RANGE_HOLDS
    assert matches(parse_query("16"), 10, 0.001, value_max=15) is None
    near = matches(parse_query("16"), 10, 0.1, value_max=15)  # 16 is within 10% of the end 15
    assert near is not None and near < RANGE_HOLDS
    assert matches(parse_query("9"), 10, 0.001, value_max=15) is None
    assert matches(parse_query("12"), 12, 0.0) == 100.0  # an equal single value still ranks first


def test_a_range_fact_matches_ranges_and_bounds_that_overlap_it() -> None:
    def hit(text: str) -> bool:
        return matches(parse_query(text), 600, 0.001, value_max=700) is not None

    assert hit("650..800") and hit("500..600") and hit("700..900") and hit("640..660")
    assert not hit("701..900") and not hit("100..599")
    assert hit(">=700") and not hit(">700")
    assert hit("<=600") and not hit("<600")
    assert hit("超650") and hit("不到650")


def test_a_reversed_or_non_finite_range_fact_never_matches() -> None:
    assert matches(parse_query("12"), 15, 0.1, value_max=10) is None
    assert matches(parse_query(">=0"), 1, 0.1, value_max=float("inf")) is None


# --- units -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "unit"),
    [("亿元", "元"), ("万元", "元"), ("万亿元", "元"), ("万人", "人"), ("人民币", "元"), ("元", "元"),
     ("人", "人"), ("%", "%"), ("年份", "年份"), ("年", "年"), ("百分点", "百分点")],
)  # fmt: skip
def test_a_unit_with_a_magnitude_means_the_base_unit(written: str, unit: str) -> None:
    assert normalise_unit(written) == unit


def test_a_year_query_is_a_calendar_year_never_money() -> None:
    q = parse_query("2035年")
    assert q.unit == "年份"
    assert parse_query("2035元").unit == "元"
    assert parse_query("2035").unit is None


# --- over an index ---------------------------------------------------------------------------

# (text, value, value_max, unit, qualifier) of facts of our own making.
FACTS = [
    ("用电600-700千瓦时", 600, 700, "千瓦时", "range"),
    ("工期10至15年", 10, 15, "年", "range"),
    ("投资3亿至8亿元", 300_000_000, 800_000_000, "元", "range"),
    ("营收1000亿元", 100_000_000_000, None, "元", "exact"),
    ("营收超1000亿元", 100_000_000_000, None, "元", "more_than"),
    ("到2035年", 2035, None, "年份", "exact"),
    ("奖金2035元", 2035, None, "元", "exact"),
    ("员工2.9万人", 29000, None, "人", "exact"),
    ("员工2万人", 20000, None, "人", "exact"),
    ("气温-5度", -5, None, "度", "exact"),
]


def fact_index() -> Index:
    sentences, facts, pos = [], [], 0
    for n, (text, value, value_max, unit, qualifier) in enumerate(FACTS):
        sentences.append(Sentence(f"k-s{n}", "d", 0, n, 1, pos, pos + len(text), text, ()))
        facts.append(
            Fact(f"k-f{n}", "d", 1, f"k-s{n}", text, value, unit, qualifier, 0, len(text), value_max)
        )
        pos += len(text)
    info = DocInfo("d", "k", "utf-8", pos, 1, len(sentences), 0, 0, 0)
    record = pipeline.DocRecord(info, tuple(sentences), (), tuple(facts))
    return memory_store([pipeline.doc_rows(record)])


def raws(pairs: list[tuple[Fact, float]] | list[Fact]) -> list[str]:
    return [(p if isinstance(p, Fact) else p[0]).raw for p in pairs]


@pytest.mark.parametrize(
    ("text", "unit", "expected"),
    [
        ("650", None, ["用电600-700千瓦时"]),
        ("650千瓦时", None, ["用电600-700千瓦时"]),
        ("600..650", None, ["用电600-700千瓦时"]),
        ("12年", None, ["工期10至15年"]),
        ("14..20年", None, ["工期10至15年"]),
        ("16年", None, []),
        ("5亿元", None, ["投资3亿至8亿元"]),
        ("5亿", "亿元", ["投资3亿至8亿元"]),
        ("7亿-9亿", None, ["投资3亿至8亿元"]),
        ("超千亿", None, []),
        (">=1000亿元", None, ["营收1000亿元", "营收超1000亿元"]),
        ("2035年", None, ["到2035年"]),
        ("2035元", None, ["奖金2035元"]),
        ("2035", None, ["到2035年", "奖金2035元"]),
        ("约3万人", None, ["员工2.9万人"]),
        ("3万人", None, []),
        ("2.9万", "万人", ["员工2.9万人"]),
        ("-5", None, ["气温-5度"]),
        ("-10..-1", None, ["气温-5度"]),
    ],
)
def test_number_over_an_index(text: str, unit: str | None, expected: list[str]) -> None:
    assert sorted(raws(query.number(fact_index(), text, unit))) == sorted(expected)


def test_a_range_is_found_from_its_low_end_below_the_query() -> None:
    # 700千瓦时 lies above the low end 600 the facts are sorted by: the range still reaches it.
    [(fact, score)] = query.number(fact_index(), "690")
    assert fact.value_max == 700 and score == RANGE_HOLDS


def test_an_explicit_tolerance_overrides_about() -> None:
    assert raws(query.number(fact_index(), "约3万人", tolerance=0.01)) == []
    assert raws(query.number(fact_index(), "3万人", tolerance=0.05)) == ["员工2.9万人"]


def test_facts_bounds_take_overlapping_ranges_and_base_units() -> None:
    index = fact_index()
    assert raws(query.all_facts(index, low="11", high="12")) == ["工期10至15年"]
    assert raws(query.all_facts(index, unit="亿元", low="5亿", high="10亿")) == ["投资3亿至8亿元"]
    assert raws(query.all_facts(index, unit="万人")) == ["员工2.9万人", "员工2万人"]


@pytest.mark.parametrize(
    ("call", "words"),
    [
        (lambda: query.number(fact_index(), "5", tolerance=float("nan")), "--tolerance"),
        (lambda: query.number(fact_index(), "5", tolerance=float("inf")), "--tolerance"),
        (lambda: query.number(fact_index(), "5", tolerance=-0.1), "--tolerance"),
        (lambda: query.number(fact_index(), "5万人", unit="元"), "--unit"),
        (lambda: query.all_facts(fact_index(), low="10", high="1"), "--min"),
        (lambda: query.all_facts(fact_index(), low="nan"), "--min"),
        (lambda: query.all_facts(fact_index(), high="inf"), "--max"),
        (lambda: query.all_facts(fact_index(), unit=" "), "--unit"),
    ],
)
def test_bad_values_are_query_errors(call: object, words: str) -> None:
    with pytest.raises(QueryError, match=words):
        call()  # type: ignore[operator]


# --- printing ----------------------------------------------------------------------------------


def _record(value_max: int | None) -> dict[str, object]:
    fact = Fact("k-f0", "d", 1, "k-s0", "600-700千瓦时", 600, "千瓦时", "range", 0, 9, value_max)
    return serialize.fact_record(fact, "用电600-700千瓦时", None)


def test_a_range_prints_as_low_dash_high() -> None:
    line = serialize.plain_line(_record(700))
    assert "\t600–700\t千瓦时\trange\t" in line
    assert "\t600\t千瓦时\t" in serialize.plain_line(_record(None))
    table = render.facts_table([_record(700)])
    [number] = table.columns[1].cells  # raw, then value and unit, then qualifier
    assert "\n600–700 千瓦时\n" in str(number)
    record = _record(700)
    assert record["value"] == 600 and record["value_max"] == 700  # JSON keeps both numbers


# --- the command line ------------------------------------------------------------------------

NEWS = """本市去年接待游客超过3500万人次，旅游收入约420亿元，同比增长12.5%。
全市常住人口1260万人，其中外来人口不到400万人。
规划提出，到2030年建成轨道交通线路20条，总投资超1500亿元。
"""


@pytest.fixture()
def news(tmp_path: Path) -> str:
    path = tmp_path / "city.txt"
    path.write_text(NEWS, encoding="utf-8")
    return str(path)


def found(run_gdq: Run, *args: str) -> list[str]:
    proc = run_gdq([*args, "--json"])
    assert proc.returncode in (0, 1), proc.stderr
    got = [r["raw"] for r in json.loads(proc.stdout)]
    assert proc.returncode == (0 if got else 1)
    return got


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("1260万人",), ["1260万人"]),
        (("1260万元",), []),
        (("1260万", "--unit", "万人"), ["1260万人"]),
        (("2030年",), ["2030年"]),
        (("2030元",), []),
        (("超1000亿",), ["超1500亿元"]),
        (("超1500亿",), []),
        (("至少1500亿元",), ["超1500亿元"]),
        (("约400亿元",), ["约420亿元"]),
        (("约300亿元",), []),
        (("400亿~500亿元",), ["约420亿元"]),
        (("400亿元-500亿",), ["约420亿元"]),
        (("400至500亿元",), ["约420亿元"]),
        (("400到500亿",), ["约420亿元"]),
        (("10%..15%",), ["12.5%"]),
        (("10-15%",), ["12.5%"]),
        (("-5",), []),
        (("-5..25",), ["12.5%", "20条"]),
        (("不到500万人",), ["不到400万人"]),
    ],
)
def test_number_reads_queries_as_people_type_them(
    run_gdq: Run, news: str, args: tuple[str, ...], expected: list[str]
) -> None:
    assert sorted(found(run_gdq, "number", *args, "-c", news)) == sorted(expected)


def test_facts_unit_with_a_magnitude(run_gdq: Run, news: str) -> None:
    money = found(run_gdq, "facts", "-c", news, "--unit", "亿元")
    assert money == ["约420亿元", "超1500亿元"]
    assert found(run_gdq, "facts", "-c", news, "--unit", "万元") == money


@pytest.mark.parametrize(
    "args",
    [
        ["number", "5", "--tolerance", "nan"],
        ["number", "5", "--tolerance", "inf"],
        ["number", "5", "--tolerance", "-0.5"],
        ["number", "10..1"],
        ["number", "15-10年"],
        ["number", "1260万人", "--unit", "元"],
        ["facts", "--min", "nan"],
        ["facts", "--max", "inf"],
        ["facts", "--min", "10", "--max", "1"],
    ],
    ids=" ".join,
)
def test_bad_values_are_one_line_errors(run_gdq: Run, news: str, args: list[str]) -> None:
    proc = run_gdq([*args, "-c", news])
    assert proc.returncode == 2 and proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.startswith("gdq: error: ")


def test_two_digits_said_together_query_a_range() -> None:
    # 四五万元 / 三四十人 as a user types them: read as the fact reader reads them in text.
    q = parse_query("四五万元")
    assert (q.low, q.high, q.unit) == (40000, 50000, "元")
    assert matches(q, 45000, 0.001) is not None
    assert matches(q, 60000, 0.001) is None
    assert (parse_query("三四十人").low, parse_query("三四十人").high) == (30, 40)
    with pytest.raises(NumberQueryError):
        parse_query("四五")  # no unit: two digits alone are no number
