"""“Did you mean”: corrections drawn from the portal's own vocabulary.

The vocabulary is every word of every searchable document, as the database fallback table
already stores them (cut by the same segmenter as queries), with its frequency — at most the
MAX_WORDS most frequent, so memory and the edit-distance scan stay bounded; a query word that is not in it is replaced by the most
frequent close word (edit distance, scaled to the word's length). This works alike for Thai
and English, and proposes only words that would find something.
"""

from __future__ import annotations

import threading
import time
from collections import Counter

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from thai.text import normalise, segment

from .models import FallbackDocument

_CACHE_SECONDS = 300
MAX_WORDS = 100_000
_lock = threading.Lock()
_cache: dict[str, object] = {"built": 0.0, "vocabulary": Counter()}


def _vocabulary() -> Counter:
    with _lock:
        if time.monotonic() - float(_cache["built"]) > _CACHE_SECONDS or not _cache["vocabulary"]:
            # Reading the stored words costs a table scan, not a re-segmentation of every
            # document (minutes at 10,000 case studies).
            counts: Counter = Counter()
            for words in FallbackDocument.objects.values_list("words", flat=True).iterator(chunk_size=500):
                counts.update(words.split())
            if len(counts) > MAX_WORDS:
                counts = Counter(dict(counts.most_common(MAX_WORDS)))
            _cache.update(built=time.monotonic(), vocabulary=counts)
        return _cache["vocabulary"]  # type: ignore[return-value]


def forget_vocabulary() -> None:
    _cache.update(built=0.0, vocabulary=Counter())


def _closest(word: str, vocabulary: Counter) -> str | None:
    """The most frequent known word within one edit (two for long words) of `word`."""
    if len(word) < 3 or word.isdigit():
        return None
    max_distance = 2 if len(word) >= 7 else 1
    candidates = process.extract(word, vocabulary.keys(), scorer=Levenshtein.distance, score_cutoff=max_distance, limit=20)
    candidates = [(candidate, distance) for candidate, distance, _index in candidates if candidate != word]
    if not candidates:
        return None
    best = min(candidates, key=lambda item: (item[1], -vocabulary[item[0]]))
    return best[0]


def _suspicious(word: str, vocabulary: Counter) -> bool:
    return word not in vocabulary or (len(word) == 1 and not word.isdigit())


def _fix_fragments(words: list[str], vocabulary: Counter) -> list[str]:
    """Replace each run of unknown fragments by the closest known word: first the run
    alone, else the run with a neighbouring word (a typo can split a word into a known
    part and a stray piece)."""
    fixed: list[str] = []
    i = 0
    while i < len(words):
        if not _suspicious(words[i], vocabulary):
            fixed.append(words[i])
            i += 1
            continue
        end = i
        while end < len(words) and _suspicious(words[end], vocabulary):
            end += 1
        run = "".join(words[i:end])
        candidate = _closest(run, vocabulary)
        if candidate is None and fixed:
            candidate = _closest(fixed[-1] + run, vocabulary)
            if candidate:
                fixed.pop()
        if candidate is None and end < len(words):
            candidate = _closest(run + words[end], vocabulary)
            if candidate:
                end += 1
        fixed.append(candidate or run)
        i = end
    return fixed


def suggest_correction(text: str) -> str | None:
    """A corrected query, or None when every word is known (or nothing close exists)."""
    vocabulary = _vocabulary()
    if not vocabulary:
        return None
    changed = False
    corrected_chunks = []
    for chunk in normalise(text).split():
        words = segment(chunk).split()
        if all(word in vocabulary for word in words):
            corrected_chunks.append(chunk)
            continue
        # A misspelt Thai word falls apart into fragments; try the whole chunk first.
        whole = _closest(chunk, vocabulary)
        if whole:
            corrected_chunks.append(whole)
            changed = True
            continue
        fixed = _fix_fragments(words, vocabulary)
        changed |= fixed != words
        corrected_chunks.append("".join(fixed) if all(not w.isascii() for w in fixed) else " ".join(fixed))
    return " ".join(corrected_chunks) if changed else None
