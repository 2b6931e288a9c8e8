from __future__ import annotations

import pytest

from conftest import paragraph_records, read_table
from gdq.models import Paragraph
from gdq.text import layout


def paragraphs(text: str) -> tuple[list[Paragraph], int]:
    return paragraph_records("d", text)


@pytest.mark.parametrize(("text", "expected"), read_table("layout.tsv"))
def test_is_cut_table(text: str, expected: str) -> None:
    assert layout.is_cut(text) is (expected == "yes")


def test_page_break_inside_a_word_is_joined_and_lines_are_kept() -> None:
    cut = "会议指出,要坚持创新驱动发展,持续优化营商环境,加快培育新质生产力,持续推进城市更"
    text = f"标题行\n\n{cut}\n\n\n\n新行动,让要素自由流动。\n\n下一段。\n"
    paras, joined = paragraphs(text)
    assert joined == 1
    assert [p.text for p in paras] == [
        "标题行",
        cut + "新行动,让要素自由流动。",
        "下一段。",
    ]
    assert [p.line for p in paras] == [1, 3, 9]
    second = paras[1]
    # the character after the break maps back to line 7 of the source, at its real offset
    offset_of_xin = second.text.index("新行动")
    doc_offset, line = second.locate(offset_of_xin)
    assert line == 7
    assert text[doc_offset : doc_offset + 3] == "新行动"


def test_headlines_bylines_and_credits_are_not_glued() -> None:
    text = (
        "市长会见外宾。与会人员参观展区。张三 李四 摄\n\n"
        "深圳召开科技创新大会\n\n"
        "本报记者 王五 赵六\n\n"
        "会议指出,要加快建设科技创新中心。\n"
    )
    paras, joined = paragraphs(text)
    assert joined == 0
    assert len(paras) == 4


def test_continuation_must_read_as_body_text() -> None:
    # A cut-looking paragraph followed by a headline is not joined to the headline.
    paras, joined = paragraphs("会议强调,要推动产业科\n\n第二部分标题\n")
    assert joined == 0 and len(paras) == 2


def test_unbalanced_quote_at_the_end_joins_with_the_rest() -> None:
    paras, joined = paragraphs("郑先生说:“但\n\n是,我们仍有潜力。”\n")
    assert joined == 1
    assert paras[0].text == "郑先生说:“但是,我们仍有潜力。”"


def test_mixed_line_endings_count_lines_like_an_editor() -> None:
    paras, _ = paragraphs("第一行。\r\n第二行。\r第三行。\n\n第五行。")
    assert [(p.line, p.text) for p in paras] == [
        (1, "第一行。"),
        (2, "第二行。"),
        (3, "第三行。"),
        (5, "第五行。"),
    ]


def test_latin_words_cut_by_a_break_keep_a_space() -> None:
    cut = "会议期间,多家企业签约落地,涉及智能制造和新能源等领域,其中一家企业与 General"
    paras, _ = paragraphs(cut + "\n\nElectric 合作,共建实验室。")
    assert paras[0].text == cut + " Electric 合作,共建实验室。"
