"""One small exception family and the exit codes it maps to."""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    FOUND = 0
    NOTHING = 1
    ERROR = 2
    INTERRUPTED = 130


class GdqError(Exception):
    """An error the user can fix; its message is one line that says how."""

    exit_code: Exit = Exit.ERROR


class CorpusError(GdqError):
    """A corpus path is missing, unreadable or not text."""


class QueryError(GdqError):
    """A query or option value cannot be understood."""
