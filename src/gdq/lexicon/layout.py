"""Data for repairing print layout (gdq.text.layout): punctuation that only body text holds.

The list is the file named below in ``lexicon/data/``; this module gives it a type.
"""

from __future__ import annotations

from gdq.lexicon import chars

# Punctuation inside a paragraph: headlines, bylines and labels hold none of it.
INNER_PUNCTUATION: frozenset[str] = frozenset(chars("inner_punctuation"))
# Marks that separate the clauses of a sentence: an unfinished sentence that holds one is
# running prose, not a headline.
CLAUSE_MARKS: frozenset[str] = frozenset(chars("clause_marks"))
