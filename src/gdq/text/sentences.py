"""Split paragraphs into sentences.

A sentence ends at 。！？ (or half-width ``!?``, or ``.`` after a Chinese character), never
inside a matched pair of quote marks or brackets. Marks that are not matched within the
paragraph are treated as plain characters, so one stray “ degrades that paragraph to splitting
as if it were absent instead of swallowing the rest of it.

This runs for every character of a corpus, so the work is done by regex splits over all
paragraphs of a document at once and by list operations that run in C; Python code runs per
document, per quote pair and per paragraph with marks, not per sentence or character.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import accumulate, compress, repeat
from operator import contains, getitem, lt

from gdq.lexicon.marks import (
    CLOSERS,
    PADDING,
    PAIRS,
    QUOTE_PAIRS,
    SENTENCE_ENDERS,
    SENTENCE_FINAL,
    SYMMETRIC_QUOTES,
)

_OPENING_QUOTES = frozenset(QUOTE_PAIRS)
_PAD = PADDING
# Joins the paragraphs of a document, which hold no line break.
_BREAK = "\n"
# Stands for the inside of a matched pair: it is no sentence mark, closer, quote mark, padding,
# letter or digit.
_NEUTRAL = "\x01"


def _chars(chars: Iterable[str]) -> str:
    """A regex character class of these characters."""
    return "[" + re.escape("".join(sorted(chars))) + "]"


_MARK_CHARS = {*PAIRS, *CLOSERS, *SYMMETRIC_QUOTES}
# Splits a text at its quote and bracket marks (and paragraph breaks), keeping them.
_AT_MARKS = re.compile("(" + _chars(_MARK_CHARS) + ")")
_AT_MARKS_AND_BREAKS = re.compile("(" + _chars({*_MARK_CHARS, _BREAK}) + ")")
# Splits the text of paragraphs after each sentence, into (text, end, padding) triples and the
# text after the last end. The end is
# - a sentence-ending mark, or a half-width period after a Chinese character that is not
#   followed by a letter or digit (not 3.2, not a URL; ``[^\W_]`` is exactly
#   ``str.isalnum``), with the repeated marks and closers it takes along ("！？", "。”" left
#   unmatched; it is run with matched pairs masked, so outside them every closer is
#   unmatched, and the run cannot enter a pair);
# - or the end of a paragraph: a break, with any padding before it.
# The padding after it, before the next sentence, is skipped. The pattern opens with one
# character class, which lets the regex engine skip plain text quickly; the lookbehinds then
# tell the kinds apart.
_END = re.compile(
    "("
    + _chars({*SENTENCE_ENDERS, ".", *_PAD, _BREAK})
    + "(?:(?<="
    + _chars(SENTENCE_ENDERS)
    + ")"
    + _chars(SENTENCE_FINAL | CLOSERS)
    + r"*|(?<=[\u4e00-\u9fff\u3400-\u4dbf]\.)(?![^\W_])"
    + _chars(SENTENCE_FINAL | CLOSERS)
    + "*|(?<="
    + _chars(_PAD)
    + ")"
    + _chars(_PAD)
    + "*"
    + _BREAK
    + "|(?<="
    + _BREAK
    + ")))("
    + _chars(_PAD)
    + "*)"
)
# Padding and then an opening quote: after a closed quotation that ends in a sentence mark,
# “……。”“……。” , it starts a new sentence.
_PAD_BEFORE_QUOTE = re.compile(_chars(_PAD) + "*(?=" + _chars(_OPENING_QUOTES) + ")")


@lru_cache(maxsize=4096)
def _pairs_of_marks(marks: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """Matched pairs, and the outermost stretches they cover, as indices into the sequence of
    marks of a paragraph. Paragraphs share few distinct sequences ("“”", "（）“”"), so
    this is cached and a paragraph only maps indices to its mark positions."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # (expected closer, index)
    symmetric_open: dict[str, int] = {}
    for i, ch in enumerate(marks):
        if ch in PAIRS:
            stack.append((PAIRS[ch], i))
        elif ch in CLOSERS:
            # Pop to the nearest opener that this mark closes; openers skipped on the way
            # were never closed and are forgotten.
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == ch:
                    pairs.append((stack[depth][1], i))
                    del stack[depth:]
                    break
        elif ch in symmetric_open:
            pairs.append((symmetric_open.pop(ch), i))
        else:
            symmetric_open[ch] = i
    return tuple(pairs), tuple(_outermost(pairs))


def _marks(text: str, at_marks: re.Pattern[str] = _AT_MARKS) -> tuple[list[int], str]:
    """Positions of the quote and bracket marks of a text, and the marks themselves."""
    parts = at_marks.split(text)  # [plain, mark, plain, mark, ..., plain]
    if len(parts) == 1:
        return [], ""
    # Mark k starts where part 2k ends. One pass of the regex, the rest in C.
    return list(accumulate(map(len, parts)))[:-1:2], "".join(parts[1::2])


def matched_pairs(text: str) -> list[tuple[int, int]]:
    """Positions (open, close) of quote/bracket pairs that are properly matched."""
    positions, marks = _marks(text)
    if not marks:
        return []
    return [(positions[a], positions[b]) for a, b in _pairs_of_marks(marks)[0]]


def _outermost(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches covered by matched pairs, in order: nested pairs vanish into the pair
    around them, and pairs that cross (a stray ASCII '"') are merged."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(pairs):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def paragraph_sentences(paragraphs: Sequence[str]) -> tuple[list[int], list[int], list[int]]:
    """The sentences of paragraphs that hold no line break, leading/trailing padding excluded.

    Returns three lists with an item per sentence, in order: the index of its paragraph, and
    its start and end offset in the paragraphs joined by "\\n". Within a paragraph the spans
    are in order, do not overlap, and everything between them is padding.
    """
    text = _BREAK.join(paragraphs)
    # Nothing inside a matched pair ends a sentence: mask the pairs, keeping their closers,
    # which may end a quotation that ends a sentence (“……。”“……” below).
    positions, marks = _marks(text, _AT_MARKS_AND_BREAKS)
    quotations: list[int] = []  # closers of pairs that end with a sentence mark
    masked = text
    if marks:
        pieces: list[str] = []
        done = 0
        first = 0  # index of the paragraph's first mark
        for para_marks in marks.split(_BREAK):
            if para_marks:
                for a, b in _pairs_of_marks(para_marks)[1]:
                    start, close = positions[first + a], positions[first + b]
                    pieces += (text[done:start], _NEUTRAL * (close - start))
                    done = close
                    # (A '"' is not a closer and does not end a quotation.)
                    if text[close - 1] in SENTENCE_ENDERS and text[close] in CLOSERS:
                        quotations.append(close)
            first += len(para_marks) + 1
        if pieces:
            pieces.append(text[done:])
            masked = "".join(pieces)
    # [text, end, padding, text, end, padding, ..., text]: sentence k starts where piece 3k-1
    # ends and ends where piece 3k+1 ends, or where piece 3k ends if the end is a break.
    parts = _END.split(masked)
    offsets = list(accumulate(map(len, parts)))
    breaks = list(map(contains, parts[1::3], repeat(_BREAK)))
    paras = list(accumulate(breaks, initial=0))
    starts = offsets[2::3]
    starts.insert(0, len(text) - len(text.lstrip(_PAD)))
    ends = list(map(getitem, zip(offsets[1::3], offsets[:-1:3], strict=True), breaks))
    ends.append(len(text.rstrip(_PAD)))
    # Only padding, or a paragraph that ended with a sentence end.
    if not all(keep := list(map(lt, starts, ends))):
        paras, starts, ends = (list(compress(column, keep)) for column in (paras, starts, ends))
    # “……。”“……。” : a finished quotation followed by another one starts a new sentence.
    # The sentence that holds such a closer is cut after it; the columns are rebuilt once, as
    # inserting each cut would cost quadratic time on a long run of quotations.
    cuts: dict[int, list[tuple[int, int]]] = {}  # sentence -> (end, start of the next one)
    for close in quotations:
        quote = _PAD_BEFORE_QUOTE.match(text, close + 1)
        if quote:
            k = bisect_right(starts, close) - 1
            cuts.setdefault(k, []).append((close + 1, quote.end()))
    if cuts:
        new_paras: list[int] = []
        new_starts: list[int] = []
        new_ends: list[int] = []
        done = 0
        for k, ends_and_starts in cuts.items():
            new_paras += paras[done:k]
            new_starts += starts[done:k]
            new_ends += ends[done:k]
            start = starts[k]
            for end, next_start in ends_and_starts:
                new_paras.append(paras[k])
                new_starts.append(start)
                new_ends.append(end)
                start = next_start
            new_paras.append(paras[k])
            new_starts.append(start)
            new_ends.append(ends[k])
            done = k + 1
        paras = new_paras + paras[done:]
        starts = new_starts + starts[done:]
        ends = new_ends + ends[done:]
    return paras, starts, ends
