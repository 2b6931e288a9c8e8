"""Where the numbers of a sentence are, and where numbers are names rather than quantities.

``CORE`` finds a run of digits or numeral characters (a candidate number); ``name_spans`` finds
the set phrases, short quotations, titles and dates in which a number states no quantity.
``gdq.extract.facts`` reads each candidate with the words around it (``gdq.extract.fact_context``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from gdq.extract.alternation import alternation
from gdq.lexicon import numbers as numlex

MAX_CORE_CHARS = 40  # longer runs of digits are codes or noise, and parsing them is costly
# Inside a short quotation (at most this long) numerals are names: “十五五”, “百万英才汇南粤”.
SLOGAN_MAX_CHARS = 12
TITLE_MAX_CHARS = 50

_CN = numlex.CN_NUMERAL_CHARS
# What a run of numeral characters may hold besides numerals: 三点五, 240余, 1000多.
_RUN_EXTRAS = "".join(sorted(numlex.APPROX_MARKERS)) + numlex.CN_POINT

# Each alternative eats a whole run per step (possessive), so a long run of digits or numeral
# characters costs one pass in the regex engine and is never re-scanned.
# Full-width digits and marks are matched as they are: folding every sentence first would
# cost more than the whole search.
# The patterns that find numbers open with one plain character class, the first digit or
# numeral, and then read the rest of its run (the lookbehind picks the Arabic reading when
# that first character was a digit): the regex engine then skips straight to a candidate
# character instead of trying every alternative at every position of the sentence.
_D = "0-9０-９"
_AR_REST = f"[{_D}]*+(?:[,，][{_D}]{{3}}(?![{_D}]))*+(?:[.．][{_D}]++)?"
_AR = f"[{_D}]{_AR_REST}"
_BODY = f"[{_D}{_CN}](?:(?<=[{_D}]){_AR_REST}|[{_CN}]*+)(?:{_AR}|[{_CN}{_RUN_EXTRAS}]++)*+"
# 半 alone is a candidate too: 半年多, 超过半数 (facts counts it only with a qualifier).
CORE = re.compile(f"{_BODY}(?:{numlex.FRACTION_INFIX}{_BODY})?|{numlex.HALF}")
_PLUS = re.escape(numlex.PLUS_MARKS)
# 2025-06-25, 9:30, 3/15 (the first digit is taken out of each alternative, see above); and
# 8+5, 2+1, where numbers joined by a plus name a group or a format.
_DATE = re.compile(
    f"[{_D}](?:[{_D}]{{1,3}}[-/.－／．][{_D}]{{1,2}}[-/.－／．][{_D}]{{1,2}}"
    f"|[{_D}]?[:：][{_D}]{{2}}|[{_D}]*[/／{_PLUS}][{_D}]+)"
)
# Every date above holds a digit followed by a mark, one or two digits and a second mark
# (6-25-), by a colon and two digits (:30) or by a slash and a digit (/15). Looking for just
# that rules out most sentences (decimals such as 32.2万 do not match) far more cheaply than
# a _DATE search, which tries every alternative at every digit. The pattern opens with the
# mark, with the digit before it checked by a lookbehind: marks are rarer than digits in
# sentences with numbers, and the engine skips straight to them.
_DATE_HINT = re.compile(
    f"[-/.－／．:：{_PLUS}](?<=[{_D}].)"
    f"(?:(?<=[-/.－／．])[{_D}]{{1,2}}[-/.－／．]|(?<=[:：])[{_D}]{{2}}|(?<=[/／{_PLUS}])[{_D}])"
)


def by_char(words: Iterable[str], last: bool = False) -> dict[str, tuple[str, ...]]:
    """Words grouped by their first (or last) character, order kept: one dict lookup finds
    the few words that can match at a position, instead of trying every word."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[-1] if last else word[0], []).append(word)
    return {ch: tuple(group) for ch, group in groups.items()}


_IDIOM = re.compile(alternation(numlex.IDIOMS))


def _quoted(pairs: dict[str, str], limit: int) -> list[tuple[str, re.Pattern[str]]]:
    return [
        (o, re.compile(f"{re.escape(o)}[^{re.escape(o + c)}\n]{{0,{limit}}}{re.escape(c)}"))
        for o, c in pairs.items()
    ]


# Each pattern with a character it needs, if any: most sentences have no quotation or title
# mark, and a substring test is much cheaper than starting a regex search.
_NAME_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("", _IDIOM),
    ("", _DATE),
    *_quoted(numlex.QUOTE_PAIRS, SLOGAN_MAX_CHARS),
    *_quoted(numlex.TITLE_PAIRS, TITLE_MAX_CHARS),
]


def _quoted_numeral(pairs: dict[str, str], limit: int) -> list[str]:
    """Patterns for a quotation or title as in _quoted that holds a digit or numeral."""
    return [
        f"{re.escape(o)}(?=[^{re.escape(o + c)}\n]{{0,{limit}}}{re.escape(c)})"
        f"[^{re.escape(o + c)}\n]{{0,{limit - 1}}}[{_D}{_CN}]"
        for o, c in pairs.items()
    ]


# Whether a sentence may have a name span that matters. A span can only hide a number if it
# holds the number's first character, a digit or numeral (a span opens with a mark, never a
# number character), so quotations and titles without one are not looked for: most quotes in
# news are speech. Idioms and dates always hold one. Every alternative opens with a literal
# character, so the engine skips to those characters; a date has its own cheap test.
_NAME_HINT = re.compile(
    "|".join(
        [
            _IDIOM.pattern,
            *_quoted_numeral(numlex.QUOTE_PAIRS, SLOGAN_MAX_CHARS),
            *_quoted_numeral(numlex.TITLE_PAIRS, TITLE_MAX_CHARS),
        ]
    )
)


def name_spans(t: str) -> tuple[list[int], list[int]]:
    """Merged spans of text where numerals are names (idioms, short quotations, titles, dates),
    as sorted starts and their ends; none when no span could hold a number (see _NAME_HINT)."""
    if _NAME_HINT.search(t) is None and _DATE_HINT.search(t) is None:
        return [], []  # the common case: two searches, no finditer or sorting
    spans: list[tuple[int, int]] = []
    for needed, pattern in _NAME_PATTERNS:
        if needed in t:
            spans += [m.span() for m in pattern.finditer(t)]
    spans.sort()
    starts: list[int] = []
    ends: list[int] = []
    for start, end in spans:
        if ends and start < ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends
