"""The search contract: what a search asks and what it gets back, whichever backend answers.

Both backends (search.backends.engine and search.backends.database) take these types and
return them, and share the limits and query semantics written here; search.service picks
the backend. This module imports no backend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from thai.text import normalise

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10
MAX_RESULT_WINDOW = 10_000  # the index's max_result_window: no page beyond it
FACET_SIZE = 80  # buckets per facet
FRAGMENT_SIZE = 160  # characters of a highlighted fragment
SUGGEST_LIMIT = 8
SUGGEST_PREFIX_LENGTH = 100
# Related case studies: what a shared focus area, keyword or centre type adds to a score.
AREA_BOOST, KEYWORD_BOOST, CENTRE_TYPE_BOOST = 3.0, 2.0, 1.0

_TERM = re.compile(r'(-?)"([^"]+)"|(-?)(\S+)')


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kinds: tuple[str, ...] = ("case_study",)
    sort: str = "relevance"  # or "newest"
    page: int = 1
    page_size: int = PAGE_SIZE
    # The ranked hits alone: no facet counts, no highlights, no more of each hit than which
    # page it is (the admin's page search and the pages API's `search`, hundreds of hits).
    ranking_only: bool = False

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass
class Hit:
    id: str
    page_id: int
    kind: str
    score: float | None
    source: dict
    highlight: dict[str, list[str]]
    # Where the query's words were found in the case's attached documents (search.attachments):
    # [{"document": file name, "title", "url", "page": a PDF's page number or None, "highlight"}].
    matched_in: list[dict] = field(default_factory=list)
    # Its page's English translation ({"title", "summary", "url"}) on the English pages
    # (search.translations); None: none written, the page is in Thai only.
    translation: dict | None = None


@dataclass
class SearchResult:
    total: int
    hits: list[Hit]
    facets: dict[str, list[tuple[str, int]]]
    took_ms: int | None = None
    # Hits the backend returned that the database no longer shows (unpublished, made
    # private): left out of `hits` and taken off `total` (see search.service).
    dropped: int = 0


@dataclass
class Suggestion:
    label: str
    url: str
    kind: str  # "case_study", "centre", "focus_area" or "province"
    page_id: int | None = None  # the page of a case study or centre, checked before it is shown


@dataclass(frozen=True)
class Likeness:
    """What a case study is compared by when looking for related ones: its page id and the
    tags it shares with others."""

    page_id: int
    focus_areas: tuple[str, ...]
    keywords: tuple[str, ...]
    centre_type: str | None

    @classmethod
    def of(cls, page, centre_type: str | None) -> Likeness:
        """`page` is a CaseStudyPage; .all() reads what the page view has prefetched, so
        this costs no query there."""
        return cls(
            page_id=page.pk,
            focus_areas=tuple(area.slug for area in page.focus_areas.all()),
            keywords=tuple(tag.name for tag in page.keywords.all()),
            centre_type=centre_type,
        )


class QueryTerm(str):
    """One chunk of a visitor's query, normalised. `quoted` when it was typed in "double
    quotes": a phrase whose words must stay in their order on every backend."""

    quoted: bool

    def __new__(cls, text: str, quoted: bool = False) -> QueryTerm:
        term = super().__new__(cls, text)
        term.quoted = quoted
        return term


def parse_terms(text: str) -> tuple[list[QueryTerm], list[QueryTerm]]:
    """Split a visitor's query into required and excluded chunks ("quoted phrases" kept)."""
    required, excluded = [], []
    for match in _TERM.finditer(text[:MAX_QUERY_LENGTH]):
        negative = match.group(1) or match.group(3)
        chunk = normalise(match.group(2) or match.group(4) or "").strip('"')
        if not chunk or chunk == "-":
            continue
        (excluded if negative else required).append(QueryTerm(chunk, quoted=match.group(2) is not None))
    return required, excluded


def suggest_prefix(text: str) -> str:
    """What a search-as-you-type request looks for: the typed text normalised, capped."""
    return normalise(text)[:SUGGEST_PREFIX_LENGTH]
