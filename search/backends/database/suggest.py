"""Search-as-you-type from the database: case studies, centres, focus areas and provinces
whose name, or one of its words, starts with what was typed. The rows keep normalised tails
of each title (suggest_text, written by search.backends.database.sync) to match prefixes."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from django.db.models.functions import Length
from django.utils.http import urlencode

from learning_centres.models import FocusArea, Province
from search.contract import Suggestion
from search.models import FallbackDocument
from thai.compounds import WORD_RUN, fine_split, words_of
from thai.text import WORD_MARK, mark_words, match_form, normalise

SUGGEST_WORDS = 12  # title tails from the first 12 words, as the engine's completion inputs
SUGGEST_KEY_LENGTH = 100


def suggest_key(text: str) -> str:
    # Only letters, digits and marks count, so "ผู้สูงอายุ: แผน" and "ผู้สูงอายุแผน" are alike.
    return "".join(words_of(normalise(text)))[:SUGGEST_KEY_LENGTH]


def suggest_keys(marked: str) -> list[str]:
    """Normalised tails of `marked` (text cut by mark_words) from each word start on, and
    from each start of a finer word inside a compound (โครง|การเยี่ยม|บ้าน also starts at
    เยี่ยม), spaces removed, so that a prefix typed with or without spaces finds them."""
    parts = [part for part in re.split(f"[{WORD_MARK}\\s]+", match_form(marked)) if part]
    keys = []
    for index, part in enumerate(parts[:SUGGEST_WORDS]):
        if not WORD_RUN.match(part):
            continue  # punctuation starts no word
        offsets = [0]
        if WORD_RUN.fullmatch(part):
            for piece in fine_split(part.lower())[:-1]:
                offsets.append(offsets[-1] + len(piece))
        rest = "".join(parts[index + 1 :])
        for offset in offsets:
            key = suggest_key(part[offset:] + rest)
            if key:
                keys.append(key)
    return list(dict.fromkeys(keys))


_KIND_ORDER = {"focus_area": 0, "province": 1, "centre": 2, "case_study": 3}


@lru_cache(maxsize=4096)
def _name_keys(name: str) -> tuple[str, ...]:
    return tuple(suggest_keys(mark_words(name)))


def _key_rank(keys: Sequence[str], prefix: str) -> int | None:
    """0: the whole name starts with the prefix; 1: one of its later words does."""
    for index, key in enumerate(keys):
        if key.startswith(prefix):
            return 0 if index == 0 else 1
    return None


def suggest(prefix: str, limit: int = 8, *, documents: bool = True) -> list[Suggestion]:
    """Case studies, centres, focus areas and provinces whose name, or one of its words
    (finer words inside compounds included), starts with `prefix`, normalised: Thai digits,
    spelling, case, spaces and punctuation do not matter. A prefix may end inside a word (ผู้สู →
    ผู้สูงอายุ); whole-name matches come first, then focus areas, provinces, centres, case
    studies, shorter names first. documents=False leaves out case studies and centres (the
    engine suggests those), sparing a scan of the whole table on every keystroke."""
    key = suggest_key(prefix)
    if not key or limit <= 0:
        return []
    found: list[tuple[tuple, Suggestion]] = []

    def add(rank: int | None, label: str, url: str, kind: str, page_id: int | None = None) -> None:
        if rank is not None:
            found.append(((rank, _KIND_ORDER[kind], len(label), label), Suggestion(label=label, url=url, kind=kind, page_id=page_id)))

    for area in FocusArea.objects.originals():
        for name in filter(None, (area.name_th, area.name_en)):
            add(_key_rank(_name_keys(name), key), name, "/search/?" + urlencode({"area": area.slug}), "focus_area")
    for province in Province.objects.all():
        for name in filter(None, (province.name_th, province.name_en)):
            add(_key_rank(_name_keys(name), key), name, "/search/?" + urlencode({"province": province.code}), "province")
    if not documents:
        return [suggestion for _rank, suggestion in sorted(found, key=lambda item: item[0])][:limit]
    # Whole-title matches first, then matches from a later word; shortest titles first.
    rows = FallbackDocument.objects.order_by(Length("title"), "doc_id").values_list("kind", "title", "url", "suggest_text", "page_id")
    starts = list(rows.filter(suggest_text__startswith=f"\n{key}")[:limit])
    later = list(rows.filter(suggest_text__contains=f"\n{key}").exclude(suggest_text__startswith=f"\n{key}")[:limit])
    for kind, title, url, keys, page_id in starts + later:
        add(_key_rank(keys.split("\n")[1:], key), title.replace(WORD_MARK, ""), url, kind, page_id)

    suggestions, seen = [], set()
    for _rank, suggestion in sorted(found, key=lambda item: item[0]):
        if (suggestion.url, suggestion.kind) not in seen:
            seen.add((suggestion.url, suggestion.kind))
            suggestions.append(suggestion)
    return suggestions[:limit]
