"""Drop passages a document prints twice.

Layout tools repeat text at page turns: a whole passage again, or a passage that starts in the
middle of a sentence printed before. We compare sentences with their whitespace removed: an
exact repeat is dropped, and so is a paragraph's first (or last) sentence that is the tail (or
head) of an earlier sentence, i.e. a reprint cut at the page edge. Short sentences ("谢谢。")
repeat legitimately and are kept.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

MIN_REPEAT = 10  # characters; shorter identical sentences are kept
MIN_FRAGMENT = 15  # characters; a shorter cut fragment could match by chance
# Characters of a sentence end (start) used to look up candidates. A fragment and the sentence
# that holds it are both at least MIN_FRAGMENT long, so they share that many end characters:
# the longest key that finds every candidate, and the fewest others (news text repeats its
# short endings, "……的成效逐步显现。", in many sentences).
_ANCHOR = MIN_FRAGMENT


def _norms(texts: Iterable[str]) -> list[str]:
    # Whitespace removed: str.split() splits at exactly the characters that are whitespace for
    # re's \s. Run by map in C; a text without whitespace comes back as the same object.
    return list(map("".join, map(str.split, texts)))


def duplicate_flags(texts: Sequence[str], first: Sequence[bool], last: Sequence[bool]) -> list[bool]:
    """Which of a document's sentence texts (in order) to drop; ``first`` and ``last`` tell,
    per text, whether it opens or closes its paragraph."""
    drop = [False] * len(texts)
    seen: set[str] = set()
    # Kept sentences long enough to hold a fragment, by their last (first) characters.
    by_tail: dict[str, list[str]] = {}
    by_head: dict[str, list[str]] = {}
    # Only what a later sentence can match is recorded: a repeat is at least MIN_REPEAT long
    # and a sentence that holds a fragment at least MIN_FRAGMENT.
    for i, norm in enumerate(_norms(texts)):
        size = len(norm)
        if size < MIN_REPEAT:
            continue
        if norm in seen:
            drop[i] = True
            continue
        if size >= MIN_FRAGMENT:
            tail = norm[-_ANCHOR:]
            head = norm[:_ANCHOR]
            tails = by_tail.get(tail)
            heads = by_head.get(head)
            if (first[i] and tails and any(s.endswith(norm) for s in tails)) or (
                last[i] and heads and any(s.startswith(norm) for s in heads)
            ):
                drop[i] = True
                continue
            if tails is None:
                by_tail[tail] = [norm]
            else:
                tails.append(norm)
            if heads is None:
                by_head[head] = [norm]
            else:
                heads.append(norm)
        seen.add(norm)
    return drop
