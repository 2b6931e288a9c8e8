"""Paragraphs of a document, with the cuts of print layout repaired.

Newspaper text reaches us from page layouts: a paragraph that runs off a page or column is
continued after blank lines, often in the middle of a word ("推动产业科" / "技互促双强"). We
join such pieces when the first one cannot end there and the second one reads as body text.
Headlines, bylines and photo credits also lack final punctuation, so they are recognised by
their shape (short, no inner punctuation, name lists, credit words) and left alone.
"""

from __future__ import annotations

import re
from itertools import accumulate, compress, repeat
from operator import itemgetter, not_

from gdq.lexicon.layout import CLAUSE_MARKS, INNER_PUNCTUATION
from gdq.lexicon.marks import (
    CLAUSE_CONTINUES,
    CLOSERS,
    CREDIT_SUFFIXES,
    HEADLINE_MAX_CHARS,
    PADDING,
    PAIRS,
    PARAGRAPH_FINAL,
    SENTENCE_ENDERS,
)

# Whitespace that may pad a line: ASCII, full-width ideographic space, form feed, NBSP.
_PAD = PADDING
_LONG_CREDITS = [c for c in CREDIT_SUFFIXES if len(c) > 1]
# A credit word ends a caption: after a space (张三 摄), or right after the holder's name when
# it is two characters or more (海南国际商业航天发射有限公司供图).
_CREDIT_TAIL = re.compile(
    r"(?:(?:^|[\s\u3000])(?:" + "|".join(sorted(CREDIT_SUFFIXES, key=len, reverse=True)) + r")"
    r"|[^\s\u3000](?:" + "|".join(sorted(_LONG_CREDITS, key=len, reverse=True)) + r"))$"
)
# The text of a line without its padding, captured to split a text into its lines and what
# lies between them; lines are split at "\n" only, see ``paragraph_columns``.
_LINE = re.compile("([^\n{0}](?:[^\n]*[^\n{0}])?)".format(re.escape(_PAD)))
_LAST = itemgetter(-1)
# Padding runs inside a line (冯  帆  全国人大代表…): names and posts set out as a table.
_SPACED_LABEL = re.compile(f"[^{re.escape(_PAD)}][{re.escape(_PAD)}]{{2,}}[^{re.escape(_PAD)}]")
_CLAUSE_MARK = re.compile("[" + re.escape("".join(sorted(CLAUSE_MARKS))) + "]")
_CUT_MIN_CHARS = 40
_HAS_INNER_PUNCTUATION = re.compile("[" + re.escape("".join(sorted(INNER_PUNCTUATION))) + "]")
_QUOTE_MARKS = re.compile("[" + re.escape("".join(sorted({*PAIRS, *CLOSERS}))) + "]")
# Last marks that settle that a paragraph is complete (``is_cut`` checks CLAUSE_CONTINUES first).
_SURELY_FINAL = PARAGRAPH_FINAL - CLAUSE_CONTINUES


def _trailing_fragment(text: str) -> str:
    """What follows the last sentence end: the unfinished part of a paragraph."""
    return text[max(map(text.rfind, SENTENCE_ENDERS)) + 1 :]  # all of it when rfind gives -1


def _is_credit_or_names(text: str) -> bool:
    fragment = _trailing_fragment(text).strip(_PAD)
    if _CREDIT_TAIL.search(fragment):
        return True
    tokens = fragment.split()
    # "记者 张三 李四": a list of short space-separated names is a byline, not a cut sentence.
    return len(tokens) >= 2 and all(len(t) <= 4 for t in tokens[1:])


def _headline_like(text: str) -> bool:
    """Headlines and labels: no inner punctuation, and short or spaced into phrases."""
    if _HAS_INNER_PUNCTUATION.search(text):
        return False
    return len(text) <= HEADLINE_MAX_CHARS or " " in text or "\u3000" in text


def _has_open_quote(text: str) -> bool:
    """True when a quote or bracket opened in the text is still open at its end."""
    stack: list[str] = []
    for ch in _QUOTE_MARKS.findall(text):  # only the marks matter
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
    if _headline_like(text) or _SPACED_LABEL.search(text) or "://" in text:
        return False  # a headline, a label set out with spaces, a link
    # Headlines, subheads and captions lack final punctuation too, and some hold a comma
    # (深化教学改革，促进学生全面发展); on ../shared/dev every such line was shorter than
    # _CUT_MIN_CHARS, while a paragraph cut by a page break is running prose: a long line whose
    # unfinished sentence already has a clause or two.
    return len(text) >= _CUT_MIN_CHARS and _CLAUSE_MARK.search(_trailing_fragment(text)) is not None


def reads_as_continuation(text: str) -> bool:
    """Could this paragraph be the second half of a cut one?"""
    if text[0] in CLOSERS or text[0] in INNER_PUNCTUATION:
        return True
    return not _headline_like(text) and not _is_credit_or_names(text)


def _join(a: str, b: str) -> str:
    # Latin words cut at a break still need the space that the layout swallowed.
    if a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " "
    return a


Pieces = tuple[tuple[int, int, int], ...]  # see models.Paragraph


def paragraph_columns(text: str) -> tuple[list[str], list[int], list[int], dict[int, Pieces]]:
    """Split a document into paragraphs (one per non-blank line), joining cut ones.

    Returns columns rather than a record per paragraph: the text, document offset and source
    line of each paragraph, and the pieces of those that were joined across page breaks, by
    paragraph number (the others are one piece: the text at that offset); a joined paragraph
    of n pieces counts n - 1 joins. Python looks only at lines that do not end with a final
    mark.
    """
    if "\r" in text:
        # Line breaks are "\r\n", "\r" or "\n". Mark each with one "\n" at the same offsets,
        # so one regex split finds the lines and counting "\n" numbers them: the "\r" of
        # "\r\n" becomes a space, which is padding at the end of its line.
        text = text.replace("\r\n", " \n").replace("\r", "\n")
    parts = _LINE.split(text)  # [blank, line, blank, line, ..., blank]
    texts = parts[1::2]
    offsets = list(accumulate(map(len, parts)))[:-1:2]  # line k starts where part 2k ends
    lines = list(accumulate(map(str.count, parts[:-1:2], repeat("\n")), initial=1))
    del lines[0]  # line k is 1 + the line breaks in parts 0, 2, ..., 2k
    joined: dict[int, Pieces] = {}  # by the line where a joined paragraph starts
    # Only a paragraph that does not end with a final mark can have been cut.
    final = map(_SURELY_FINAL.__contains__, map(_LAST, texts))
    open_ended = compress(range(len(texts) - 1), map(not_, final))
    first = -1  # line where the paragraph being read starts
    cur_text = ""  # its text, joined so far
    pieces: list[tuple[int, int, int]] = []  # one per line of that paragraph
    for k in open_ended:
        if k != first + len(pieces) - 1:  # line k is not the end of a joined paragraph
            if len(pieces) > 1:
                texts[first], joined[first] = cur_text, tuple(pieces)
            first, cur_text, pieces = k, texts[k], [(0, offsets[k], lines[k])]
        line = texts[k + 1]
        if is_cut(cur_text) and reads_as_continuation(line):
            cur_text = _join(cur_text, line)
            pieces.append((len(cur_text), offsets[k + 1], lines[k + 1]))
            cur_text += line
    if len(pieces) > 1:
        texts[first], joined[first] = cur_text, tuple(pieces)
    if joined:  # the lines joined to an earlier one leave the columns
        keep = [True] * len(texts)
        for first, joined_pieces in joined.items():
            keep[first + 1 : first + len(joined_pieces)] = [False] * (len(joined_pieces) - 1)
        texts = list(compress(texts, keep))
        offsets = list(compress(offsets, keep))
        lines = list(compress(lines, keep))
    repairs: dict[int, Pieces] = {}
    removed = 0
    for first, joined_pieces in joined.items():
        repairs[first - removed] = joined_pieces
        removed += len(joined_pieces) - 1
    return texts, offsets, lines, repairs

