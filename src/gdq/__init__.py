"""gdq: who said what, where is this word, where is this number — in Chinese news text."""

__version__ = "0.1.0"
