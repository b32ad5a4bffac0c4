"""English words stemmed for the database fallback, as the engine's `english` analyzer stems
the English translations (search.fields: the `english` field): a query for "beekeepers"
finds a translation that says "beekeeping" on either backend."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import snowballstemmer

_local = threading.local()  # a Snowball stemmer keeps state while it works: one per thread


def _stemmer():
    if not hasattr(_local, "stemmer"):
        _local.stemmer = snowballstemmer.stemmer("english")
    return _local.stemmer


def is_latin(word: str) -> bool:
    return word.isascii() and any(char.isalpha() for char in word)


def stemmed(words: Sequence[str]) -> tuple[str, ...]:
    """The words (lowercased tokens) with each Latin word replaced by its stem; Thai words
    and numbers are left as they are, so a phrase keeps its length and order."""
    stemmer = _stemmer()
    return tuple(stemmer.stemWord(word) if is_latin(word) else word for word in words)
