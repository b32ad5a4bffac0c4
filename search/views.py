"""The search page and the search API. Both read parameters through search.params and ask
search.service; neither talks to the engine."""

from __future__ import annotations

import math
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.contrib.search_promotions.models import Query

from learning_centres.models import FocusArea
from portal.locales import localized_url

from . import presenters, service
from .params import FACET_PARAMS, MAX_PAGE, ParsedParams, parse, without_nul
from .query import MAX_RESULT_WINDOW
from .text import normalise

# What presenters.hit() gives the pages but the API (and its OpenAPI schema) does not carry.
PAGE_ONLY_KEYS = {"title_html", "centre_type"}


def _promotions(parsed: ParsedParams) -> list[dict]:
    """Editors' pinned results for this query (Wagtail search promotions), on page one."""
    text = normalise(parsed.query.text)
    if not text or parsed.query.page != 1:
        return []
    query = Query.objects.filter(query_string=text).first()
    if query is None:
        return []
    promoted = []
    for pick in query.editors_picks.select_related("page").order_by("sort_order"):
        if pick.page_id and pick.page.live:
            promoted.append({"title": pick.page.title, "url": localized_url(pick.page.url), "description": pick.description})
        elif pick.external_link_url:
            promoted.append(
                {"title": pick.external_link_text or pick.external_link_url, "url": pick.external_link_url, "description": pick.description}
            )
    return promoted


def _record(parsed: ParsedParams, total: int) -> None:
    """Count the query for the editors' reports (most frequent; and those that found nothing)."""
    text = normalise(parsed.query.text)
    if not text or parsed.query.page != 1:
        return
    Query.get(text).add_hit()
    if total == 0:
        from .analytics import record_zero_result

        record_zero_result(text)


def _num_pages(total: int, page_size: int) -> int:
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
    params = {key: request.GET.getlist(key) for key in ("q", "sort", *FACET_PARAMS)}
    facets = presenters.facets(outcome, parsed.query.filters)
    chips = [
        {"label": value["label"], "remove_url": _url(params, **{name: [v for v in params.get(name, []) if v != value["value"]]})}
        for name, values in facets.items()
        for value in values
        if value["selected"]
    ]
    num_pages = _num_pages(outcome.result.total, parsed.query.page_size)
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
        "suggestion_url": _url(params, q=outcome.suggestion) if outcome.suggestion else None,
        "focus_areas": FocusArea.objects.originals(),
        "params": params,
    }


@require_GET
def search_page(request: HttpRequest):
    parsed = parse(request.GET)
    outcome = service.search(parsed.query)
    _record(parsed, outcome.result.total)
    context = results_context(request, parsed, outcome)
    context.update(promotions=_promotions(parsed), notices=_page_notices(parsed, outcome))
    return render(request, "pages/search.html", context)


def _page_notices(parsed: ParsedParams, outcome) -> list[str]:
    notices = []
    if parsed.truncated:
        notices.append(_("คำค้นยาวเกินไป จึงใช้เพียง 200 ตัวอักษรแรก"))
    if parsed.errors:
        notices.append(_("ละเว้นตัวกรองที่ไม่รู้จัก: ") + "; ".join(parsed.errors))
    if outcome.from_fallback:
        notices.append(_("ผลการค้นหานี้มาจากระบบสำรอง อาจเรียงลำดับต่างจากปกติเล็กน้อย"))
    return notices


def _error(message: str, details: list[str], status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message, "details": details}, status=status, json_dumps_params={"ensure_ascii": False})


@require_GET
def api_search(request: HttpRequest):
    parsed = parse(request.GET)
    if parsed.errors:
        return _error("Invalid search parameters.", parsed.errors)
    outcome = service.search(parsed.query)
    _record(parsed, outcome.result.total)
    payload = {
        "count": outcome.result.total,
        "page": parsed.query.page,
        "num_pages": _num_pages(outcome.result.total, parsed.query.page_size),
        "results": [{key: value for key, value in presenters.hit(hit).items() if key not in PAGE_ONLY_KEYS} for hit in outcome.result.hits],
        "facets": {
            name: [{key: value[key] for key in ("value", "label", "count")} for value in values]
            for name, values in presenters.facets(outcome, parsed.query.filters).items()
        },
        "suggestion": outcome.suggestion,
        "promoted": _promotions(parsed),
        "source": outcome.backend,
    }
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False})


@require_GET
def api_suggest(request: HttpRequest):
    prefix = without_nul(request.GET.get("q") or "")[:100]
    if not prefix.strip():
        return JsonResponse({"suggestions": []})
    suggestions = service.suggest(prefix, limit=8)
    # The API is unprefixed (Thai); the English search page asks for English page addresses.
    language = request.GET.get("lang") if request.GET.get("lang") in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    return JsonResponse(
        {"suggestions": [{"label": s.label, "url": localized_url(s.url, language), "kind": s.kind} for s in suggestions]},
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def openapi_schema(request: HttpRequest):
    from .openapi import schema

    return JsonResponse(schema(request), json_dumps_params={"ensure_ascii": False})


__all__ = ["api_search", "api_suggest", "openapi_schema", "results_context", "search_page", "MAX_PAGE"]
