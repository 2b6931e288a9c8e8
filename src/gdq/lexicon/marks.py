"""Punctuation and layout data: quote and bracket pairs, sentence ends, padding, credits.

The lists are the files named below in ``lexicon/data/``; this module gives them types.
"""

from __future__ import annotations

from gdq.lexicon import chars, table, words

# Quotation marks, opening -> closing, and the openers of quotations inside quotations.
QUOTE_PAIRS: dict[str, str] = {o: c for o, c in table("quote_pairs").items() if o != c}
# Marks that open and close alike; paired by alternation within a paragraph.
SYMMETRIC_QUOTES: frozenset[str] = frozenset(o for o, c in table("quote_pairs").items() if o == c)
INNER_QUOTES: frozenset[str] = frozenset(chars("inner_quotes"))
# Quotation marks that open someone's words (the first level), symmetric marks included.
SPEECH_QUOTES: dict[str, str] = {o: c for o, c in table("quote_pairs").items() if o not in INNER_QUOTES}
# Every paired mark, opening -> closing. Sentences are never split inside a matched pair.
PAIRS: dict[str, str] = {**QUOTE_PAIRS, **table("bracket_pairs")}
CLOSERS: frozenset[str] = frozenset(PAIRS.values())

# Characters that end a sentence; what may trail a sentence end and still belong to it.
SENTENCE_ENDERS: frozenset[str] = frozenset(chars("sentence_enders"))
SENTENCE_FINAL: frozenset[str] = SENTENCE_ENDERS | frozenset("…")
PARAGRAPH_FINAL: frozenset[str] = frozenset(chars("paragraph_final"))
CLAUSE_CONTINUES: frozenset[str] = frozenset(chars("clause_continues"))
PADDING: str = chars("padding")

# Layout: caption credits, and the longest line without internal sentence punctuation that
# reads as a headline, byline or section head rather than a paragraph cut short.
CREDIT_SUFFIXES: tuple[str, ...] = words("credit_suffixes")
HEADLINE_MAX_CHARS = 32
