"""The search page and the search API. Both read parameters through search.params and ask
search.service; neither talks to the engine."""

from __future__ import annotations

from dataclasses import replace

from django.conf import settings
from django.http import HttpRequest, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wagtail.contrib.search_promotions.models import Query

from portal.locales import localized_url
from thai.text import normalise

from . import analytics, presenters, service
from .listing import page_count, results_context
from .openapi import schema
from .params import MAX_PAGE, ParsedParams, parse, without_nul

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


def _record(request: HttpRequest, parsed: ParsedParams, total: int) -> None:
    """Count a search the visitor started from the query box, once (search.analytics): not
    again when a filter, the sort or the page changes, which do not send the box's flag."""
    if request.GET.get(analytics.SEARCH_FLAG) != "1" or parsed.query.page != 1:
        return
    query = analytics.reportable_query(parsed.query.text)
    if query is None:
        return
    found_nothing = total == 0
    if found_nothing and parsed.query.filters:
        # "Found nothing" is about the query: did the filters empty the result, or the words?
        alone = replace(parsed.query, filters={}, page=1, page_size=1)
        found_nothing = service.search(alone, correct_spelling=False).result.total == 0
    analytics.record_search(query, found_nothing=found_nothing)


@require_GET
def search_page(request: HttpRequest):
    parsed = parse(request.GET)
    outcome = service.search(parsed.query, show_correction=not parsed.exact)
    _record(request, parsed, 0 if outcome.corrected else outcome.result.total)
    context = results_context(request, parsed, outcome)
    context.update(promotions=_promotions(parsed), notices=_page_notices(parsed))
    response = render(request, "pages/search.html", context)
    # Which backend answered is for operators and the browser tests, never shown to visitors.
    response["Server-Timing"] = f'search;desc="{outcome.backend}"'
    return response


def _page_notices(parsed: ParsedParams) -> list[str]:
    notices = []
    if parsed.truncated:
        notices.append(_("คำค้นยาวเกินไป จึงใช้เพียง 200 ตัวอักษรแรก"))
    if parsed.errors:
        notices.append(_("ละเว้นตัวกรองที่ไม่รู้จัก: ") + "; ".join(parsed.errors))
    return notices


def _error(message: str, details: list[str], status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message, "details": details}, status=status, json_dumps_params={"ensure_ascii": False})


@require_GET
def api_search(request: HttpRequest):
    parsed = parse(request.GET)
    if parsed.errors:
        return _error("Invalid search parameters.", parsed.errors)
    # lang=en: English labels, and each result's English translation where an editor wrote one.
    language = request.GET.get("lang") if request.GET.get("lang") in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    with translation.override(language):
        return _api_search(parsed)


def _api_search(parsed: ParsedParams) -> JsonResponse:
    outcome = service.search(parsed.query, show_correction=not parsed.exact)  # an API call is not a visitor's search: not counted
    payload = {
        "count": outcome.result.total,
        "page": parsed.query.page,
        "num_pages": page_count(outcome.result.total, parsed.query.page_size),
        "results": [{key: value for key, value in presenters.hit(hit).items() if key not in PAGE_ONLY_KEYS} for hit in outcome.result.hits],
        "facets": {
            name: [{key: value[key] for key in ("value", "label", "count")} for value in values]
            for name, values in presenters.facets(outcome, parsed.query.filters).items()
        },
        "suggestion": outcome.suggestion,
        # True: the query found nothing and `results` are the suggestion's (exact=1: never).
        "corrected": outcome.corrected,
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
    with translation.override(language):
        kinds = presenters.suggestion_kinds()
    return JsonResponse(
        {
            "suggestions": [
                {"label": item.label, "url": localized_url(item.url, language), "kind": item.kind, "kind_label": kinds.get(item.kind, "")}
                for item in suggestions
            ]
        },
        json_dumps_params={"ensure_ascii": False},
    )


@require_GET
def openapi_schema(request: HttpRequest):
    return JsonResponse(schema(request), json_dumps_params={"ensure_ascii": False})


__all__ = ["api_search", "api_suggest", "openapi_schema", "search_page", "MAX_PAGE"]
