"""Tables, plain lines, CSV/TSV, --fields and colour, from records made up here."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest
from rich.cells import cell_len

from conftest import modules_loaded
from gdq.errors import QueryError
from gdq.output import color, delimited, emit, fields, render, serialize, summary
from gdq.output.context import context_lines

Record = dict[str, Any]
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def quote(
    n: int, speaker: str, role: str | None, text: str, *, doc: str = "晨报.txt", kind: str = "direct"
) -> Record:
    return {
        "type": "quote",
        "id": f"7c1d93e0aa5f-q{n}",
        "doc": doc,
        "line": 100 + n,
        "speaker": speaker,
        "speaker_type": "person",
        "role": role,
        "roles": [role] if role else [],
        "kind": kind,
        "verb": "说道",
        "text": text,
        "sentence_id": f"7c1d93e0aa5f-s{n}",
        "sentence": None,
        "score": None,
    }


def sentence(
    seq: int, text: str, *, key: str = "b0b0cafe0001", doc: str = "夜报.txt", **extra: Any
) -> Record:
    rec: Record = {
        "type": "sentence",
        "id": f"{key}-s{seq}",
        "doc": doc,
        "line": seq + 1,
        "text": text,
        "matches": [],
        "score": None,
        "speaker": None,
        "para": 0,
        "start": 0,
        "end": len(text),
    }
    rec.update(extra)
    return rec


def fact(n: int, raw: str, value: float, sentence_text: str) -> Record:
    return {
        "type": "fact",
        "id": f"5e5e5e5e5e5e-f{n}",
        "doc": "周刊.txt",
        "line": 7,
        "raw": raw,
        "value": value,
        "value_max": None,
        "unit": "元",
        "qualifier": "exact",
        "sentence_id": "5e5e5e5e5e5e-s3",
        "sentence": sentence_text,
        "score": None,
        "start": 0,
        "end": 3,
    }


LONG = "青石镇的水车在清晨转得很慢" * 8  # 104 characters, a paragraph of made-up speech


def table(records: list[Record], *, width: int = 80, use_color: bool = False, **kw: Any) -> str:
    out = io.StringIO()
    render.print_records(records, out, color=use_color, width=width, **kw)
    return out.getvalue()


# --- tables -----------------------------------------------------------------------------------


def six_quotes() -> list[Record]:
    return [quote(n, "柏青山", "青石镇水利站站长", LONG[: 40 + 12 * n]) for n in range(6)]


def test_ids_and_places_never_wrap_and_lines_fit_80_columns() -> None:
    records = [*six_quotes(), sentence(41, LONG, doc="very-long-folder-name/evening.txt")]
    shown = table(records)
    lines = shown.splitlines()
    for rec in records:
        assert any(rec["id"] in line for line in lines), rec["id"]
        assert any(f"{rec['doc']}:{rec['line']}" in line for line in lines)
    assert all(cell_len(line.rstrip()) <= 80 for line in lines)


def test_six_quotes_at_80_columns_give_the_text_the_room() -> None:
    lines = table(six_quotes()).splitlines()
    # 6 texts of 40..100 characters: at 26 characters a line they need 17 lines, plus heading,
    # header, rule and count. The old table (7 bordered columns) took 80 lines.
    assert len(lines) <= 22
    widest_text = max(cell_len(line.rstrip()) for line in lines if "水车" in line)
    assert widest_text >= 75


def test_quotes_are_grouped_by_speaker_in_order_of_first_appearance_role_shown_once() -> None:
    records = [
        quote(1, "柏青山", "水利站站长", "第一句话"),
        quote(2, "尹晚舟", "渡口船工", "第二句话"),
        quote(3, "柏青山", "水利站站长", "第三句话"),
        quote(4, "尹晚舟", None, "第四句话"),
    ]
    shown = table(records)
    assert shown.count("水利站站长") == 1 and shown.count("渡口船工") == 1
    order = [shown.index(w) for w in ("柏青山", "第一句话", "第三句话", "尹晚舟", "第二句话", "第四句话")]
    assert order == sorted(order)
    assert "4 statements, 2 speakers" in shown.splitlines()[-1]


@pytest.mark.parametrize(
    ("records", "line"),
    [
        (
            [sentence(1, "甲"), sentence(2, "乙"), sentence(3, "丙", key="c0c0c0c0c0c0", doc="另.txt")],
            "3 sentences in 2 documents",
        ),
        ([fact(1, "9元", 9, "售价9元。")], "1 fact"),
        (
            [
                {
                    "type": "speaker",
                    "id": "p-1",
                    "doc": None,
                    "line": None,
                    "name": n,
                    "speaker_type": "person",
                    "roles": [],
                    "direct": 1,
                    "indirect": 0,
                    "score": None,
                }
                for n in ("甲乙", "丙丁")
            ],
            "2 speakers",
        ),
    ],
)
def test_a_table_ends_with_the_count_of_results(records: list[Record], line: str) -> None:
    assert table(records).splitlines()[-1].strip() == line


def test_matches_are_highlighted_only_with_colour_whatever_no_color_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    hit = sentence(4, "渡口的灯笼亮了三盏", matches=[[3, 5]], score=9.5)
    for no_color in (None, "1"):
        if no_color:
            monkeypatch.setenv("NO_COLOR", no_color)
        else:
            monkeypatch.delenv("NO_COLOR", raising=False)
        coloured = table([hit], use_color=True)
        assert re.search(r"\x1b\[[0-9;]*43m灯笼", coloured)  # on yellow
        assert "\x1b[" not in table([hit], use_color=False)


def test_neighbours_are_dimmed_around_the_hit_and_not_counted() -> None:
    hit = sentence(
        5,
        "钟楼敲了九下",
        matches=[[0, 2]],
        context_before=[sentence(4, "雨停在巷口")],
        context_after=[sentence(6, "卖花人收起摊子")],
    )
    coloured = table([hit], use_color=True)
    assert re.search(r"\x1b\[2m[^\n]*雨停在巷口", coloured)
    assert re.search(r"\x1b\[2m[^\n]*卖花人收起摊子", coloured)
    plain = ANSI.sub("", coloured)
    assert plain.index("雨停在巷口") < plain.index("钟楼敲了九下") < plain.index("卖花人收起摊子")
    assert plain.splitlines()[-1].strip() == "1 sentence in 1 document"


def test_count_records_are_a_doc_count_table_with_a_total() -> None:
    records = [
        {"type": "count", "id": f"count-{d}", "doc": d, "line": None, "count": n}
        for d, n in (("东篇.txt", 12), ("西篇.txt", 0), ("南篇.txt", 5))
    ]
    lines = [line.rstrip() for line in table(records).splitlines()]
    assert re.fullmatch(r"东篇\.txt +12", lines[2])
    assert lines[-1] == "17 sentences in 2 documents"


def test_a_table_of_chosen_fields_keeps_the_count_of_records() -> None:
    shown = table(six_quotes(), fields=["id", "kind"])
    assert "7c1d93e0aa5f-q5" in shown and "水车" not in shown
    assert shown.splitlines()[-1].strip() == "6 statements, 1 speaker"


def test_colour_choice() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert color.want_color("auto", Tty(), {}) is True
    assert color.want_color("auto", Tty(), {"NO_COLOR": "1"}) is False
    assert color.want_color("auto", io.StringIO(), {}) is False
    assert color.want_color("always", io.StringIO(), {"NO_COLOR": "1"}) is True
    assert color.want_color("never", Tty(), {}) is False
    with pytest.raises(QueryError):
        color.want_color("sometimes", Tty(), {})


# --- plain lines ------------------------------------------------------------------------------


def plain(records: list[Record], **kw: Any) -> list[str]:
    out = io.StringIO()
    serialize.write_plain(records, out, **kw)
    return out.getvalue().splitlines()


def test_context_is_written_like_grep_c_merging_overlaps() -> None:
    def hit(seq: int, key: str = "b0b0cafe0001") -> Record:
        return sentence(
            seq,
            f"命中{seq}",
            key=key,
            context_before=[sentence(seq - 1, f"前{seq - 1}", key=key)],
            context_after=[sentence(seq + 1, f"后{seq + 1}", key=key)],
        )

    # Hits 3 and 5 share neighbour 4; 20 is far away; a hit of another document at 21 too.
    lines = plain([hit(3), hit(5), hit(20), hit(21, key="d1d1d1d1d1d1")])
    assert lines == [
        "夜报.txt:3-前2",
        "夜报.txt:4:命中3",
        "夜报.txt:5-后4",
        "夜报.txt:6:命中5",
        "夜报.txt:7-后6",
        "--",
        "夜报.txt:20-前19",
        "夜报.txt:21:命中20",
        "夜报.txt:22-后21",
        "--",
        "夜报.txt:21-前20",
        "夜报.txt:22:命中21",
        "夜报.txt:23-后22",
    ]


def test_a_neighbour_that_is_also_a_hit_is_written_as_a_hit() -> None:
    first = sentence(2, "甲", context_after=[sentence(3, "乙")])
    second = sentence(3, "乙", context_before=[sentence(2, "甲")])
    assert [shown[0] for shown in context_lines([first, second]) if shown] == [first, second]
    assert plain([first, second]) == ["夜报.txt:3:甲", "夜报.txt:4:乙"]


def test_count_records_are_doc_colon_n() -> None:
    rec = {"type": "count", "id": "c", "doc": "山歌.txt", "line": None, "count": 4}
    assert plain([rec]) == ["山歌.txt:4"]


def test_plain_colour_marks_matches_by_hand_and_is_off_by_default() -> None:
    rec = sentence(8, "老街  的\n糖画摊 开张了", matches=[[4, 8]])  # "的\n糖画": across a collapsed break
    assert plain([rec]) == ["夜报.txt:9:老街 的 糖画摊 开张了"]
    [line] = plain([rec], color=True)
    assert ANSI.sub("", line) == "夜报.txt:9:老街 的 糖画摊 开张了"
    assert f"{color.MATCH}的 糖画{color.RESET}" in line
    assert f"{color.DOC}夜报.txt{color.RESET}" in line
    fact_line = plain([fact(1, "38元", 38, "门票涨到38元了")], color=True)[0]
    assert f"{color.MATCH}38元{color.RESET}了" in fact_line


def test_one_line_without_spans_is_the_plain_collapse() -> None:
    for text in ("  甲 \n\t乙\u3000丙  ", "", "单", " a  b "):
        assert color.one_line(text) == " ".join(text.split())


# --- CSV, TSV, --fields -----------------------------------------------------------------------


def test_csv_has_a_header_and_quotes_as_rfc_4180() -> None:
    rec = quote(1, "柏青山", None, '他说:"水, 要慢慢\n放"')
    out = io.StringIO()
    delimited.write_csv([rec], out)
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == [k for k in rec if k != "roles"]  # scalar keys, JSON order
    assert rows[1][rows[0].index("text")] == rec["text"]
    assert rows[1][rows[0].index("role")] == ""  # null is empty
    assert '"他说:""水, 要慢慢\n放"""' in out.getvalue()


def test_mixed_records_share_one_header_with_empty_cells() -> None:
    out = io.StringIO()
    emit.write_records([quote(1, "甲", None, "乙"), sentence(1, "丙")], out, "csv")
    header, first, second = list(csv.reader(io.StringIO(out.getvalue())))
    assert header[: len(first)] == header and "para" in header and "kind" in header
    assert first[header.index("para")] == "" and second[header.index("kind")] == ""
    assert second[header.index("text")] == "丙"


def test_tsv_escapes_tabs_newlines_and_backslashes() -> None:
    rec = sentence(1, "左\t右\n下\\斜", matches=[[0, 1]])
    out = io.StringIO()
    emit.write_records([rec], out, "tsv", fields=["id", "text", "matches"])
    assert out.getvalue().splitlines() == [
        "id\ttext\tmatches",
        "b0b0cafe0001-s1\t左\\t右\\n下\\\\斜\t[[0,1]]",
    ]


def test_fields_keep_those_keys_in_that_order() -> None:
    records = [quote(1, "甲", "乙", "丙"), sentence(2, "丁")]
    assert fields.select(records, ["kind", "id"]) == [
        {"kind": "direct", "id": "7c1d93e0aa5f-q1"},
        {"kind": None, "id": "b0b0cafe0001-s2"},
    ]
    assert fields.parse(" id, text ,id,") == ["id", "text"]


def test_unknown_or_no_fields_are_one_line_errors() -> None:
    with pytest.raises(
        QueryError,
        match=r"^unknown field 'speeker' for quote records; fields: type, id, doc, line, speaker, ",
    ):
        fields.select([quote(1, "甲", None, "乙")], ["id", "speeker"])
    with pytest.raises(QueryError):
        fields.parse(" , ")
    with pytest.raises(QueryError):
        fields.select([quote(1, "甲", None, "乙")], [])


def test_plain_with_fields_prints_values_tab_separated() -> None:
    out = io.StringIO()
    emit.write_records([quote(3, "甲", None, "乙\t丙")], out, "plain", fields=["line", "text", "role"])
    assert out.getvalue() == "103\t乙\\t丙\t\n"


def test_json_with_fields_and_unchanged_without() -> None:
    records = [sentence(1, "甲")]
    out = io.StringIO()
    emit.write_records(records, out, "jsonl", fields=["text", "line"])
    assert out.getvalue() == '{"text": "甲", "line": 2}\n'
    out, reference = io.StringIO(), io.StringIO()
    emit.write_records(records, out, "json")
    serialize.write_json(records, reference)
    assert out.getvalue() == reference.getvalue()


def test_plain_json_and_csv_paths_never_import_rich() -> None:
    code = (
        "import io\n"
        "from gdq.output import emit\n"
        "rec = {'type': 'sentence', 'id': 'k-s1', 'doc': 'd', 'line': 1, 'text': 'x', 'matches': [[0, 1]]}\n"
        "for fmt in ('plain', 'json', 'jsonl', 'csv', 'tsv'):\n"
        "    emit.write_records([rec], io.StringIO(), fmt, color=True)\n"
        "emit.write_records([rec], io.StringIO(), 'plain', fields=['id'])\n"
    )
    assert modules_loaded(code, {"rich"}) == []


def test_summary_counts() -> None:
    assert summary.count_line([]) == ""
    assert (
        summary.count_line([quote(1, "甲", None, "x"), quote(2, "乙", None, "y")])
        == "2 statements, 2 speakers"
    )


def test_nothing_found_writes_nothing_unless_fields_name_the_header() -> None:
    for fmt in ("csv", "tsv"):
        out = io.StringIO()
        emit.write_records([], out, fmt)
        assert out.getvalue() == ""
        emit.write_records([], out, fmt, fields=["id", "text"])
        assert out.getvalue() == ("id,text\n" if fmt == "csv" else "id\ttext\n")
