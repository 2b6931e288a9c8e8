"""Split paragraphs into sentences.

A sentence ends at 。！？ (or half-width ``!?``, or ``.`` after a Chinese character), never
inside a matched pair of quote marks or brackets. Marks that are not matched within the
paragraph are treated as plain characters, so one stray “ degrades that paragraph to splitting
as if it were absent instead of swallowing the rest of it.
"""

from __future__ import annotations

from .lexicon import CLOSERS, PAIRS, SYMMETRIC_QUOTES

_ENDERS = frozenset("。！？!?")
_TRAILERS = frozenset("。！？!?…")
_OPENING_QUOTES = frozenset("“「『‘﹁﹃")
_PAD = " \t\u3000\u00a0"


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _is_sentence_period(text: str, i: int) -> bool:
    """A half-width period ends a sentence after a Chinese character, not inside 3.2 or a URL."""
    return i > 0 and _is_han(text[i - 1]) and (i + 1 == len(text) or not text[i + 1].isalnum())


def matched_pairs(text: str) -> list[tuple[int, int]]:
    """Positions (open, close) of quote/bracket pairs that are properly matched."""
    pairs: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # (expected closer, position)
    symmetric_open: dict[str, int] = {}
    for i, ch in enumerate(text):
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
        elif ch in SYMMETRIC_QUOTES:
            if ch in symmetric_open:
                pairs.append((symmetric_open.pop(ch), i))
            else:
                symmetric_open[ch] = i
    return pairs


def _depths(text: str) -> list[int]:
    delta = [0] * (len(text) + 1)
    for start, end in matched_pairs(text):
        delta[start] += 1
        delta[end] -= 1
    depth = 0
    out = [0] * len(text)
    for i in range(len(text)):
        depth += delta[i]
        out[i] = depth
    return out


def split(text: str) -> list[tuple[int, int]]:
    """Half-open spans of the sentences of a paragraph, leading/trailing padding excluded.

    The spans are in order, do not overlap, and everything between them is padding.
    """
    depths = _depths(text)
    n = len(text)
    cuts: list[int] = []
    i = 0
    while i < n:
        ch = text[i]
        end = 0
        if depths[i] == 0 and ch not in CLOSERS:
            if ch in _ENDERS or (ch == "." and _is_sentence_period(text, i)):
                end = i + 1
        elif ch in CLOSERS and depths[i] == 0 and i > 0 and depths[i - 1] == 1 and text[i - 1] in _ENDERS:
            # “……。”“……。” : a finished quotation followed by another one starts a new sentence.
            j = i + 1
            while j < n and text[j] in _PAD:
                j += 1
            if j < n and text[j] in _OPENING_QUOTES:
                end = i + 1
        if end:
            # Take along repeated marks and closers: "！？", "。”" left unmatched.
            while end < n and (text[end] in _TRAILERS or (text[end] in CLOSERS and depths[end] == 0)):
                end += 1
            cuts.append(end)
            i = end
        else:
            i += 1
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
