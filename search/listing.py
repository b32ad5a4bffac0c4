"""What page models and the home page take from search: the listing of a centre or
case-study index page, the counts and latest case studies of the home page, related case
studies and filter links. The one module outside search that they import (lazily, inside
methods: search's documents import the page models, so a module-level import would be a
cycle). Everything here goes through search.service, like the search page.
"""

from __future__ import annotations

import dataclasses
import math
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest

from learning_centres.models import CaseStudyPage, FocusArea
from portal.locales import content_language, in_active_language, locale_code, originals

from . import presenters, service
from .contract import MAX_RESULT_WINDOW, Likeness, SearchQuery, SearchResult
from .documents import CASE_STUDY, CENTRE
from .params import FACET_PARAMS, ParsedParams, filter_url, parse

__all__ = [
    "CASE_STUDY",
    "CENTRE",
    "filter_url",
    "hit_cards",
    "listing_context",
    "newest",
    "province_labels",
    "related_case_studies",
    "results_context",
]
RELATED_LIMIT = 3


def page_count(total: int, page_size: int) -> int:
    return max(1, min(math.ceil(total / page_size), MAX_RESULT_WINDOW // page_size))


def _url(params: dict[str, list[str]], **changes) -> str:
    merged = {key: list(values) for key, values in params.items()}
    for key, value in changes.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = [value] if isinstance(value, str) else list(value)
    if "page" not in changes:
        merged.pop("page", None)  # a new filter or query starts again at page one
    query = urlencode([(key, value) for key, values in merged.items() for value in values if value])
    return f"?{query}" if query else "?"


def results_context(request: HttpRequest, parsed: ParsedParams, outcome: service.SearchOutcome) -> dict:
    """What the results partials (templates/components/search/) show: results, facets,
    chips, sort and pagination links. Shared by /search/ and the centre and case-study
    listings, whose URLs are therefore the search page's, and as shareable."""
    params = {key: request.GET.getlist(key) for key in ("q", "exact", "sort", *FACET_PARAMS)}
    facets = presenters.facets(outcome, parsed.query.filters)
    chips = [
        {"label": value["label"], "remove_url": _url(params, **{name: [v for v in params.get(name, []) if v != value["value"]]})}
        for name, values in facets.items()
        for value in values
        if value["selected"]
    ]
    num_pages = page_count(outcome.result.total, parsed.query.page_size)
    page = parsed.query.page
    return {
        "q": parsed.query.text,
        "parsed": parsed,
        "outcome": outcome,
        "kind": parsed.query.kinds[0],
        "results": [presenters.hit(hit) for hit in outcome.result.hits],
        "facets": facets,
        "chips": chips,
        "clear_url": _url(params, **{name: None for name in FACET_PARAMS}),
        "sort": parsed.query.sort,
        "total": outcome.result.total,
        "page_number": page,  # not "page": that is the Wagtail page of a listing
        "num_pages": num_pages,
        "previous_url": _url(params, page=str(page - 1)) if page > 1 else None,
        "next_url": _url(params, page=str(page + 1)) if page < num_pages else None,
        "last_url": _url(params, page=str(num_pages)) if page > num_pages else None,
        "suggestion_url": _url(params, q=outcome.suggestion, exact=None) if outcome.suggestion else None,
        # Results shown for a correction: a link to the query as typed, never corrected.
        "original_url": _url(params, exact="1") if outcome.corrected else None,
        "focus_areas": FocusArea.objects.originals(),
        "params": params,
    }


def listing_context(request: HttpRequest, kind: str) -> dict:
    """The results of a centre or case-study listing page: the search page's filters, chips,
    sort and pagination for one kind of document, newest first. Unknown filter values give
    `listing_errors` (the page answers 400, as the API does)."""
    parsed = parse(request.GET, kinds=(kind,), default_sort="newest")
    if parsed.errors:
        return {"listing_errors": parsed.errors, "kind": kind, "clear_url": "?"}
    outcome = service.search(parsed.query, correct_spelling=bool(parsed.query.text), show_correction=not parsed.exact)
    return results_context(request, parsed, outcome)


def newest(kind: str, count: int) -> SearchResult:
    """The `count` newest documents of `kind`, with the total and the facet counts."""
    return service.search(SearchQuery(kinds=(kind,), sort="newest", page_size=count), correct_spelling=False).result


def hit_cards(result: SearchResult) -> list[dict]:
    """A result's hits as the result cards show them."""
    return [presenters.hit(hit) for hit in result.hits]


def province_labels() -> dict[str, str]:
    return presenters.labels("province")


def _pages_in_order(page_ids: list[int]) -> list[CaseStudyPage]:
    """The live, public pages of these ids (Thai originals, as indexed) in the given order, as
    the language being shown has them: on /en/ their English copies, so titles and links are
    English (a constant number of queries)."""
    if not page_ids:
        return []
    pages = CaseStudyPage.objects.live().public().prefetch_related(Prefetch("focus_areas", FocusArea.objects.all()))
    if content_language() == settings.LANGUAGE_CODE:
        by_id = {page.pk: page for page in pages.filter(pk__in=page_ids)}
    else:
        keys = dict(CaseStudyPage.objects.filter(pk__in=page_ids).values_list("pk", "translation_key"))
        by_key = {page.translation_key: page for page in in_active_language(pages.filter(translation_key__in=keys.values()))}
        by_id = {pk: by_key[key] for pk, key in keys.items() if key in by_key}
    return [by_id[page_id] for page_id in page_ids if page_id in by_id]


def _original_id(page: CaseStudyPage) -> int:
    """The Thai original's id: the index holds originals only, so an English copy is
    compared (and left out of its own related list) as its original."""
    if page.alias_of_id:
        return page.alias_of_id
    if page.locale_id and locale_code(page.locale_id) != settings.LANGUAGE_CODE:
        original = originals(CaseStudyPage.objects.filter(translation_key=page.translation_key)).values_list("pk", flat=True).first()
        return original or page.pk
    return page.pk


def related_case_studies(page: CaseStudyPage, centre_type: str | None = None, limit: int = RELATED_LIMIT) -> list[CaseStudyPage]:
    """Up to `limit` live case studies most like `page`, best first, as the engine or else
    the database ranks them; the pages themselves are read from the database (the truth)
    in a constant number of queries."""
    # A few spare ids, in case the index still lists a page that is no longer live.
    likeness = dataclasses.replace(Likeness.of(page, centre_type), page_id=_original_id(page))
    ranking = service.related_ranking(likeness, limit + 2)
    return _pages_in_order(ranking)[:limit]
