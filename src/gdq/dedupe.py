"""Drop passages a document prints twice.

Layout tools repeat text at page turns: a whole passage again, or a passage that starts in the
middle of a sentence printed before. We compare sentences with their whitespace removed: an
exact repeat is dropped, and so is a paragraph's first (or last) sentence that is the tail (or
head) of an earlier sentence, i.e. a reprint cut at the page edge. Short sentences ("谢谢。")
repeat legitimately and are kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SPACE = re.compile(r"\s+")
MIN_REPEAT = 10  # characters; shorter identical sentences are kept
MIN_FRAGMENT = 15  # characters; a shorter cut fragment could match by chance
_ANCHOR = 8  # characters of a sentence end (start) used to look up candidates


def _norm(text: str) -> str:
    return _SPACE.sub("", text)


def duplicates(sentences: Sequence[tuple[str, bool, bool]]) -> list[bool]:
    """For (text, first_in_paragraph, last_in_paragraph) in document order, which to drop."""
    seen: set[str] = set()
    by_tail: dict[str, list[str]] = {}
    by_head: dict[str, list[str]] = {}
    drop: list[bool] = []
    for text, first, last in sentences:
        norm = _norm(text)
        dup = len(norm) >= MIN_REPEAT and norm in seen
        if not dup and len(norm) >= MIN_FRAGMENT:
            if first:
                dup = any(s.endswith(norm) for s in by_tail.get(norm[-_ANCHOR:], ()))
            if not dup and last:
                dup = any(s.startswith(norm) for s in by_head.get(norm[:_ANCHOR], ()))
        drop.append(dup)
        if not dup:
            seen.add(norm)
            by_tail.setdefault(norm[-_ANCHOR:], []).append(norm)
            by_head.setdefault(norm[:_ANCHOR], []).append(norm)
    return drop
