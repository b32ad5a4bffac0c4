"""Segment once (issue #19): Thai text is cut into words (thai.text.mark_words, most of
what building a document costs) once per distinct text and segmenter, and the result kept
in the database (search.models.SegmentedText). Publishing a page stores its texts; a
rebuild of the index or of the fallback reads them back and segments only texts it has
never seen. The key is a digest of the segmenter's version (its dictionary and rules) and
the text, so a changed dictionary segments everything again, never serves a stale cut."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache

from thai.text import mark_words, segmenter_version

from .models import SegmentedText

LOOKUP_BATCH = 500  # digests per query (well under SQLite's 999 parameters)


@lru_cache(maxsize=1)
def _prefix() -> bytes:
    return segmenter_version().encode() + b"\0"


def digest(text: str) -> str:
    return hashlib.sha256(_prefix() + text.encode()).hexdigest()


def known(texts: Iterable[str]) -> tuple[dict[str, str], dict[str, str]]:
    """({text: marked} for the texts segmented before, {text: digest} for every text)."""
    digests = {text: digest(text) for text in texts if text}
    by_digest = {value: text for text, value in digests.items()}
    found: dict[str, str] = {}
    keys = list(by_digest)
    for start in range(0, len(keys), LOOKUP_BATCH):
        for key, marked in SegmentedText.objects.filter(digest__in=keys[start : start + LOOKUP_BATCH]).values_list("digest", "marked"):
            found[by_digest[key]] = marked
    return found, digests


def remember(marked: Mapping[str, str], digests: Mapping[str, str]) -> None:
    """Store newly segmented texts; a row another process stored meanwhile is kept."""
    rows = [SegmentedText(digest=digests[text], marked=value) for text, value in marked.items() if text in digests]
    SegmentedText.objects.bulk_create(rows, batch_size=LOOKUP_BATCH, ignore_conflicts=True)


def marked_texts(texts: Iterable[str], mark_all: Callable[[list[str]], list[str]] | None = None) -> dict[str, str]:
    """{text: marked} for these texts: stored ones read, the others segmented (by
    `mark_all`, e.g. a process pool's map; by default here) and stored."""
    found, digests = known(texts)
    missing = [text for text in digests if text not in found]
    if missing:
        fresh = dict(zip(missing, (mark_all or _mark_here)(missing), strict=True))
        remember(fresh, digests)
        found.update(fresh)
    return found


def _mark_here(texts: list[str]) -> list[str]:
    return [mark_words(text) for text in texts]
