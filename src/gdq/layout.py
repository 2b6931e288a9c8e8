"""Paragraphs of a document, with the cuts of print layout repaired.

Newspaper text reaches us from page layouts: a paragraph that runs off a page or column is
continued after blank lines, often in the middle of a word ("推动产业科" / "技互促双强"). We
join such pieces when the first one cannot end there and the second one reads as body text.
Headlines, bylines and photo credits also lack final punctuation, so they are recognised by
their shape (short, no inner punctuation, name lists, credit words) and left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .lexicon import (
    CLAUSE_CONTINUES,
    CLOSERS,
    CREDIT_SUFFIXES,
    HEADLINE_MAX_CHARS,
    PAIRS,
    PARAGRAPH_FINAL,
    SENTENCE_ENDERS,
)
from .models import Paragraph

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Whitespace that may pad a line: ASCII, full-width ideographic space, form feed, NBSP.
_PAD = " \t\f\v\u3000\u00a0\ufeff"
_INNER_PUNCT = frozenset("，,。；;：:、！？!?")
_CREDIT_TAIL = re.compile(
    r"(?:^|[\s\u3000])(?:" + "|".join(sorted(CREDIT_SUFFIXES, key=len, reverse=True)) + r")$"
)


@dataclass(frozen=True, slots=True)
class _Line:
    text: str  # stripped
    number: int  # 1-based
    offset: int  # document offset of text[0]
    blank_before: int  # blank lines since the previous non-blank line


def _lines(text: str) -> Iterator[_Line]:
    number = 1
    pos = 0
    blank = 0
    length = len(text)
    while pos <= length:
        match = _LINE_BREAK.search(text, pos)
        end = match.start() if match else length
        raw = text[pos:end]
        stripped = raw.strip(_PAD)
        if stripped:
            lead = len(raw) - len(raw.lstrip(_PAD))
            yield _Line(stripped, number, pos + lead, blank)
            blank = 0
        else:
            blank += 1
        if match is None:
            break
        pos = match.end()
        number += 1


def _trailing_fragment(text: str) -> str:
    """What follows the last sentence end: the unfinished part of a paragraph."""
    for i in range(len(text) - 1, -1, -1):
        if text[i] in SENTENCE_ENDERS:
            return text[i + 1 :]
    return text


def _is_credit_or_names(text: str) -> bool:
    fragment = _trailing_fragment(text).strip(_PAD)
    if _CREDIT_TAIL.search(fragment):
        return True
    tokens = fragment.split()
    # "记者 张三 李四": a list of short space-separated names is a byline, not a cut sentence.
    return len(tokens) >= 2 and all(len(t) <= 4 for t in tokens[1:])


def _headline_like(text: str) -> bool:
    """Headlines and labels: no inner punctuation, and short or spaced into phrases."""
    if any(ch in _INNER_PUNCT for ch in text):
        return False
    return len(text) <= HEADLINE_MAX_CHARS or " " in text or "\u3000" in text


def _has_open_quote(text: str) -> bool:
    """True when a quote or bracket opened in the text is still open at its end."""
    stack: list[str] = []
    for ch in text:
        if ch in PAIRS:
            stack.append(PAIRS[ch])
        elif ch in CLOSERS and ch in stack:
            while stack and stack.pop() != ch:
                pass
    return bool(stack)


def is_cut(text: str) -> bool:
    """Can this paragraph not end here? (It was cut by a page or column break.)"""
    last = text[-1]
    if last in CLAUSE_CONTINUES:
        return True
    if last in PARAGRAPH_FINAL:
        return False
    if _is_credit_or_names(text):
        return False
    if _has_open_quote(text):
        return True
    return not _headline_like(text)


def reads_as_continuation(text: str) -> bool:
    """Could this paragraph be the second half of a cut one?"""
    if text[0] in CLOSERS or text[0] in _INNER_PUNCT:
        return True
    return not _headline_like(text) and not _is_credit_or_names(text)


def _join(a: str, b: str) -> str:
    # Latin words cut at a break still need the space that the layout swallowed.
    if a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " "
    return a


def paragraphs(doc: str, text: str) -> tuple[list[Paragraph], int]:
    """Split a document into paragraphs (one per non-blank line), joining cut ones.

    Returns the paragraphs and how many joins were made.
    """
    result: list[Paragraph] = []
    joined = 0
    cur_text = ""
    pieces: list[tuple[int, int, int]] = []
    cur_line = 0

    def flush() -> None:
        if cur_text:
            result.append(Paragraph(doc, len(result), cur_text, cur_line, tuple(pieces)))

    for line in _lines(text):
        if cur_text and is_cut(cur_text) and reads_as_continuation(line.text):
            cur_text = _join(cur_text, line.text)
            pieces.append((len(cur_text), line.offset, line.number))
            cur_text += line.text
            joined += 1
            continue
        flush()
        cur_text = line.text
        cur_line = line.number
        pieces = [(0, line.offset, line.number)]
    flush()
    return result, joined
