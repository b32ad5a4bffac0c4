"""“Did you mean”: corrections drawn from the portal's own vocabulary.

The vocabulary is every word of every searchable document, as the database fallback table
already stores them (cut by the same segmenter as queries), with its frequency — at most the
MAX_WORDS most frequent. It is precomputed into the `SpellingWord` table by `build_vocabulary()`
(run by `rebuild_search_index`, `rebuild_fallback_index` and, on a schedule, `manage.py
build_spelling_vocabulary`), never in a request: a request only reads the stored words (kept
in memory for LOAD_SECONDS per process). A query word that is not in it is replaced by the most
frequent close word (edit distance, scaled to the word's length), compared only with words of
a similar length, and a query gets at most MAX_FUZZY_LOOKUPS such comparisons, so an unknown
or absurd word costs bounded work. This works alike for Thai and English, and proposes only
words that would find something.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from django.db import transaction

from thai.text import normalise, segment

from .models import FallbackDocument, SpellingWord

LOAD_SECONDS = 300
MAX_WORDS = 100_000
MAX_WORD_LENGTH = 40  # SpellingWord.word holds 100; longer "words" are never corrected
MAX_FUZZY_LOOKUPS = 12  # edit-distance scans per query, however many unknown words it has
MAX_CHUNKS = 8  # space-separated parts of a query that are checked at all
MAX_CHUNK_LENGTH = 80  # a Thai phrase has no spaces; longer than this it is not a typo
_lock = threading.Lock()


@dataclass
class Vocabulary:
    counts: dict[str, int] = field(default_factory=dict)
    by_length: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))

    def __contains__(self, word: str) -> bool:
        return word in self.counts

    def __getitem__(self, word: str) -> int:
        return self.counts.get(word, 0)

    def __bool__(self) -> bool:
        return bool(self.counts)

    def near_length(self, length: int, distance: int) -> list[str]:
        return [word for size in range(length - distance, length + distance + 1) for word in self.by_length.get(size, ())]


_cache: dict[str, object] = {"loaded": 0.0, "vocabulary": Vocabulary()}


def build_vocabulary() -> int:
    """Count the words of the fallback table and store the MAX_WORDS most frequent; returns
    how many are stored. A command's work (a scan of the table), never a request's."""
    counts: Counter = Counter()
    for words in FallbackDocument.objects.values_list("words", flat=True).iterator(chunk_size=500):
        counts.update(word for word in words.split() if len(word) <= MAX_WORD_LENGTH)
    kept = counts.most_common(MAX_WORDS)
    with transaction.atomic():
        SpellingWord.objects.all().delete()
        SpellingWord.objects.bulk_create((SpellingWord(word=word, frequency=count) for word, count in kept), batch_size=2000)
    forget_vocabulary()
    return len(kept)


def _vocabulary() -> Vocabulary:
    """The stored vocabulary, read at most every LOAD_SECONDS (never built here)."""
    with _lock:
        if time.monotonic() - float(_cache["loaded"]) > LOAD_SECONDS:
            vocabulary = Vocabulary()
            for word, frequency in SpellingWord.objects.values_list("word", "frequency").iterator(chunk_size=5000):
                vocabulary.counts[word] = frequency
                vocabulary.by_length[len(word)].append(word)
            _cache.update(loaded=time.monotonic(), vocabulary=vocabulary)
        return _cache["vocabulary"]  # type: ignore[return-value]


def forget_vocabulary() -> None:
    _cache.update(loaded=0.0, vocabulary=Vocabulary())


class _Budget:
    """How many edit-distance scans a query may still make."""

    def __init__(self, lookups: int = MAX_FUZZY_LOOKUPS) -> None:
        self.left = lookups

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


def _closest(word: str, vocabulary: Vocabulary, budget: _Budget) -> str | None:
    """The most frequent known word within one edit (two for long words) of `word`."""
    if len(word) < 3 or len(word) > MAX_WORD_LENGTH or word.isdigit() or not budget.spend():
        return None
    max_distance = 2 if len(word) >= 7 else 1
    choices = vocabulary.near_length(len(word), max_distance)
    candidates = process.extract(word, choices, scorer=Levenshtein.distance, score_cutoff=max_distance, limit=20)
    candidates = [(candidate, distance) for candidate, distance, _index in candidates if candidate != word]
    if not candidates:
        return None
    best = min(candidates, key=lambda item: (item[1], -vocabulary[item[0]]))
    return best[0]


def _suspicious(word: str, vocabulary: Vocabulary) -> bool:
    return word not in vocabulary or (len(word) == 1 and not word.isdigit())


def _fix_fragments(words: list[str], vocabulary: Vocabulary, budget: _Budget) -> list[str]:
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
        candidate = _closest(run, vocabulary, budget)
        if candidate is None and fixed:
            candidate = _closest(fixed[-1] + run, vocabulary, budget)
            if candidate:
                fixed.pop()
        if candidate is None and end < len(words):
            candidate = _closest(run + words[end], vocabulary, budget)
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
    budget = _Budget()
    chunks = normalise(text).split()
    if len(chunks) > MAX_CHUNKS:
        return None  # a long query is a sentence, not a typo
    for chunk in chunks:
        if len(chunk) > MAX_CHUNK_LENGTH:
            corrected_chunks.append(chunk)  # no typo of a known word is this long
            continue
        words = segment(chunk).split()
        if all(word in vocabulary for word in words):
            corrected_chunks.append(chunk)
            continue
        # A misspelt Thai word falls apart into fragments; try the whole chunk first.
        whole = _closest(chunk, vocabulary, budget)
        if whole:
            corrected_chunks.append(whole)
            changed = True
            continue
        fixed = _fix_fragments(words, vocabulary, budget)
        changed |= "".join(fixed) != "".join(words)  # fragments joined back unchanged are no correction
        corrected_chunks.append("".join(fixed) if all(not w.isascii() for w in fixed) else " ".join(fixed))
    return " ".join(corrected_chunks) if changed else None
