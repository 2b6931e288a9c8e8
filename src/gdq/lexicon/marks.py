"""Language data, kept apart from the code that uses it.

Every rule about how Chinese news is written that can be stated as a list lives here, so a
reader can audit the lists without reading the algorithms.
"""

from __future__ import annotations

# --- quote and bracket pairs -------------------------------------------------------------
# Opening mark -> closing mark. Sentences are never split inside a matched pair.
PAIRS: dict[str, str] = {
    "“": "”",
    "‘": "’",
    "「": "」",
    "『": "』",
    "《": "》",
    "〈": "〉",
    "﹁": "﹂",
    "﹃": "﹄",
    "（": "）",
    "(": ")",
    "【": "】",
    "〔": "〕",
}
CLOSERS: frozenset[str] = frozenset(PAIRS.values())
# Marks that open and close alike; paired by alternation within a paragraph.
SYMMETRIC_QUOTES: frozenset[str] = frozenset({'"'})

# --- sentence punctuation ----------------------------------------------------------------
# Characters that end a sentence (full- and half-width). The half-width period is handled in
# code because it is also a decimal point and an abbreviation mark.
SENTENCE_ENDERS: frozenset[str] = frozenset("。！？!?")
# What may trail a sentence end and still belong to it ("！？", "。……").
SENTENCE_FINAL: frozenset[str] = SENTENCE_ENDERS | frozenset("…")
# A paragraph that ends with one of these (possibly followed by closing marks) is complete;
# one that ends otherwise may have been cut by a page break.
PARAGRAPH_FINAL: frozenset[str] = frozenset("。！？!?…；;：:」』”’）)】》.")
# Marks that show a clause goes on: a paragraph ending in one was certainly cut.
CLAUSE_CONTINUES: frozenset[str] = frozenset("，,、“‘「『《（(")

# --- layout ------------------------------------------------------------------------------
# A photo or graphics credit at the end of a caption: "张三 李四 摄", "新华社发", "资料图".
CREDIT_SUFFIXES: tuple[str, ...] = ("摄", "摄影", "供图", "制图", "绘图", "图", "发", "资料图")
# Lines no longer than this, without internal sentence punctuation, read as headlines,
# bylines or section heads rather than as a paragraph cut short.
HEADLINE_MAX_CHARS = 32
