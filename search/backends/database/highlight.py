"""Highlights of a database hit, shaped like the engine's: the query's words in <mark>,
everything else escaped; the title whole, the summary and body as a fragment of about
FRAGMENT_SIZE characters around the first match. A match is found as whole fine words
(thai.compounds), the same cut the fine_words column was made of."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from functools import lru_cache

from search.contract import FRAGMENT_SIZE
from search.models import FallbackDocument
from thai.compounds import WORD_CLASS, WORD_RUN, fine_split
from thai.text import WORD_MARK, matching_view


def _units(text: str) -> list[tuple[str, int, int]]:
    """The fine words of `text` with their character offsets: the same cut the document's
    fine_words column was made of, so what matched there is found here."""
    units = []
    for run in WORD_RUN.finditer(text):
        word = run.group().lower()
        pieces = fine_split(word)
        if len(word) != run.end() - run.start() or "".join(pieces) != word:
            units.append((word, run.start(), run.end()))
            continue
        offset = run.start()
        for piece in pieces:
            units.append((piece, offset, offset + len(piece)))
            offset += len(piece)
    return units


def _find(units: list[tuple[str, int, int]], sequence: tuple[str, ...]) -> Iterator[tuple[int, int]]:
    size = len(sequence)
    for index in range(len(units) - size + 1):
        if all(units[index + offset][0] == word for offset, word in enumerate(sequence)):
            yield units[index][1], units[index + size - 1][2]


@lru_cache(maxsize=1024)
def _candidate_pattern(sequence: tuple[str, ...]) -> re.Pattern:
    # The words in order with only separators between them, found anywhere (overlapping):
    # a cheap scan of a long body; each candidate is then checked word by word.
    return re.compile("(?=({}))".format(f"[^{WORD_CLASS}]*".join(re.escape(word) for word in sequence)))


def _run_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words."""
    while start > 0 and WORD_RUN.match(text, start - 1):
        start -= 1
    while end < len(text) and WORD_RUN.match(text, end):
        end += 1
    return start, end


def _ranges(text: str, sequences: list[tuple[str, ...]]) -> list[tuple[int, int]]:
    """Character ranges of `text` where one of the word sequences occurs as whole fine
    words, merged where they overlap."""
    lowered = text.lower()
    found: set[tuple[int, int]] = set()
    for sequence in sequences:
        if len(lowered) != len(text):  # a rare letter whose lowercase is longer: go slowly
            found.update(_find(_units(text), sequence))
            continue
        for candidate in _candidate_pattern(sequence).finditer(lowered):
            start, end = candidate.start(1), candidate.end(1)
            low, high = _run_bounds(text, start, end)
            local = [(word, low + a, low + b) for word, a, b in _units(text[low:high])]
            found.update(hit for hit in _find(local, sequence) if hit == (start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


_BREAK = re.compile(f"[\\s{WORD_MARK}]")


def _window(text: str, first: tuple[int, int]) -> tuple[int, int]:
    """About FRAGMENT_SIZE characters around the first match, cut at word breaks."""
    if len(text) <= FRAGMENT_SIZE:
        return 0, len(text)
    match_start, match_end = first
    start = max(0, match_start - max(FRAGMENT_SIZE - (match_end - match_start), 0) // 3)
    end = min(len(text), max(start + FRAGMENT_SIZE, match_end))
    start = max(0, min(start, end - FRAGMENT_SIZE))
    if start > 0:
        gap = _BREAK.search(text, start, match_start)
        start = gap.end() if gap else start
    if end < len(text):
        breaks = [gap.start() for gap in _BREAK.finditer(text, match_end, end)]
        end = breaks[-1] if breaks else end
    while start < match_start and _BREAK.match(text, start):
        start += 1
    return start, end


def _marked_html(text: str, ranges: list[tuple[int, int]], start: int, end: int) -> str:
    parts, position = [], start
    for range_start, range_end in ranges:
        range_start, range_end = max(range_start, start), min(range_end, end)
        if range_start >= range_end:
            continue
        parts.append(html.escape(text[position:range_start]))
        parts.append(f"<mark>{html.escape(text[range_start:range_end])}</mark>")
        position = range_end
    parts.append(html.escape(text[position:end]))
    return "".join(parts)


def fragment(text: str, sequences: list[tuple[str, ...]]) -> str | None:
    """A fragment of `text` around its first match of the word sequences, as HTML (matches
    in <mark>, the rest escaped), or None where none occurs."""
    view, origins = matching_view(text)
    ranges = [(origins[start], origins[end - 1] + 1) for start, end in _ranges(view, sequences)]
    if not ranges:
        return None
    start, end = _window(text, ranges[0])
    return _marked_html(text, ranges, start, end)


def highlights(document: FallbackDocument, sequences: list[tuple[str, ...]]) -> dict[str, list[str]]:
    """{"title"|"summary"|"body": [html]} for the fields where the query's words occur:
    matches in <mark>, everything else escaped; the title whole, the others a fragment."""
    result: dict[str, list[str]] = {}
    if not sequences:
        return result
    for name in ("title", "summary", "body"):
        text = getattr(document, name) or ""
        # Matched in the normalised view of the text as written (อบจ. as อบจ, ๕ as 5), shown
        # as written: each range is carried back through the view's character origins.
        view, origins = matching_view(text)
        ranges = [(origins[start], origins[end - 1] + 1) for start, end in _ranges(view, sequences)]
        if not ranges:
            continue
        start, end = (0, len(text)) if name == "title" else _window(text, ranges[0])
        result[name] = [_marked_html(text, ranges, start, end)]
    return result
