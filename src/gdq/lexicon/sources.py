"""Data about sources that are not a named person: organisations, media, documents, anonymous
sources and groups. The lists are files in ``lexicon/data/`` named after the constants."""

from __future__ import annotations

from gdq.lexicon import words

ANONYMOUS_HEADS: tuple[str, ...] = words("source_anonymous")
GROUP_MARKERS: tuple[str, ...] = words("source_group_markers")
# Nouns of opinion that are an anonymous source after 有 (有分析认为, 有消息称).
OPINIONS: tuple[str, ...] = words("source_opinions")
DOCUMENT_HEADS: tuple[str, ...] = words("source_documents")
MEDIA_HEADS: tuple[str, ...] = words("source_media")
# Words that show a subject clause holds an interview frame (回应记者), not one source.
LISTENER_WORDS: tuple[str, ...] = words("listener_words")
# Last words of a clause of time after a person (访问泰国时说).
TIME_CLAUSE_ENDS: tuple[str, ...] = words("time_clause_ends")
# Who asks the questions in a printed interview (记者：…).
INTERVIEWERS: frozenset[str] = frozenset(words("interviewer_words"))
