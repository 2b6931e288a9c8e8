"""Data about Chinese characters: their simplified forms."""

from __future__ import annotations

from gdq.lexicon import table

# Traditional character -> simplified (鄭 -> 郑), from OpenCC; see data/t2s.tsv and
# scripts/gen_t2s.py. Read when this module is first imported (~5 ms): gdq.text.fold imports
# it only for text that may hold traditional characters.
TRADITIONAL_TO_SIMPLIFIED: dict[str, str] = table("t2s")
