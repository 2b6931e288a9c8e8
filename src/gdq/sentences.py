"""Split paragraphs into sentences.

A sentence ends at 。！？ (or half-width ``!?``, or ``.`` after a Chinese character), never
inside a matched pair of quote marks or brackets. Marks that are not matched within the
paragraph are treated as plain characters, so one stray “ degrades that paragraph to splitting
as if it were absent instead of swallowing the rest of it.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .lexicon import CLOSERS, PAIRS, SENTENCE_ENDERS, SENTENCE_FINAL, SYMMETRIC_QUOTES

_OPENING_QUOTES = frozenset("“「『‘﹁﹃")
_PAD = " \t\u3000\u00a0"


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _is_sentence_period(text: str, i: int) -> bool:
    """A half-width period ends a sentence after a Chinese character, not inside 3.2 or a URL."""
    return i > 0 and _is_han(text[i - 1]) and (i + 1 == len(text) or not text[i + 1].isalnum())


_MARKS = re.compile("[" + re.escape("".join(sorted({*PAIRS, *CLOSERS, *SYMMETRIC_QUOTES}))) + "]")
_CANDIDATES = re.compile("[" + re.escape("".join(sorted({*SENTENCE_ENDERS, ".", *CLOSERS}))) + "]")


def matched_pairs(text: str) -> list[tuple[int, int]]:
    """Positions (open, close) of quote/bracket pairs that are properly matched."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # (expected closer, position)
    symmetric_open: dict[str, int] = {}
    # Only the marks are visited, so long stretches of plain text cost nothing in Python.
    for match in _MARKS.finditer(text):
        i, ch = match.start(), match.group()
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
    return pairs


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


def split(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the sentences of a paragraph, leading/trailing padding excluded.

    The spans are in order, do not overlap, and everything between them is padding.
    """
    outer = _outermost(matched_pairs(text))
    opens = [o for o, _ in outer]
    closes = {c for _, c in outer}
    n = len(text)

    def inside(i: int) -> bool:  # within an outermost pair, marks included except the closer
        k = bisect_right(opens, i) - 1
        return k >= 0 and i < outer[k][1]

    cuts: list[int] = []
    done = 0
    for match in _CANDIDATES.finditer(text):
        i = match.start()
        if i < done:
            continue
        ch = text[i]
        end = 0
        if ch in CLOSERS:
            # “……。”“……。” : a finished quotation followed by another one starts a new sentence.
            if i in closes and i > 0 and text[i - 1] in SENTENCE_ENDERS:
                j = i + 1
                while j < n and text[j] in _PAD:
                    j += 1
                if j < n and text[j] in _OPENING_QUOTES:
                    end = i + 1
        elif not inside(i) and (ch in SENTENCE_ENDERS or _is_sentence_period(text, i)):
            end = i + 1
        if end:
            # Take along repeated marks and closers: "！？", "。”" left unmatched.
            while end < n and (text[end] in SENTENCE_FINAL or (text[end] in CLOSERS and not inside(end))):
                end += 1
            cuts.append(end)
            done = end
    spans: list[tuple[int, int]] = []
    start = 0
    for cut in [*cuts, n]:
        s, e = start, cut
        while s < e and text[s] in _PAD:
            s += 1
        while e > s and text[e - 1] in _PAD:
            e -= 1
        if s < e:
            spans.append((s, e))
        start = cut
    return spans
