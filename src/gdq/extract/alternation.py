"""Regexes over word lists, built so that a position is rejected after one character."""

from __future__ import annotations

import re
from collections.abc import Iterable

_Trie = dict[str, "_Trie"]  # next character -> the rest; "" -> {} where a word ends


def alternation(words: Iterable[str]) -> str:
    """A regex matching any of the words, the longest one where several match.

    The words are laid out as a trie (``表(?:态|明|示)``) rather than listed longest first:
    it matches the same, longest first and backtracking to shorter words, but a position
    is rejected after one character instead of one try per word.
    """
    trie: _Trie = {}
    for word in set(words):
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here

    def branches(node: _Trie) -> list[str]:
        return [re.escape(ch) + rest(child) for ch, child in sorted(node.items()) if ch]

    def rest(node: _Trie) -> str:
        options = branches(node)
        if not options:
            return ""
        body = options[0] if len(options) == 1 else f"(?:{'|'.join(options)})"
        return f"(?:{body})?" if "" in node else body  # greedy: the longer word first

    return "|".join(branches(trie))


class Endings:
    """Does a text end with one of these words? The reversed text is matched at its start
    against the reversed words: a ``$``-anchored search would try every position of the
    text, and a set lookup per word length hashes a new string per length."""

    def __init__(self, words: Iterable[str]) -> None:
        self._reversed = re.compile(alternation(w[::-1] for w in words))

    def __call__(self, text: str) -> bool:
        return self._reversed.match(text[::-1]) is not None
