"""The peers: what a Wagtail team gets from Wagtail's own search, served like the portal's.

`wagtail_search_view` is the search view of Wagtail's project template (Page.search, a
Paginator of 10, title, URL and search description in a template) restricted to case
studies, on the backend named by `backend`: `default` (Wagtail's database backend, SQLite
FTS5 here) or `opensearch` (Wagtail's OpenSearch 3 backend on the portal's node). Wagtail's
search can filter only on the model's own FilterFields, so `year` (≥) is the one filter it
is given; it computes no facet counts and no highlights.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template import engines
from django.views.decorators.http import require_GET

from learning_centres.models import CaseStudyPage

BACKENDS = ("default", "opensearch")
_TEMPLATE = engines["django"].from_string(
    """<!doctype html><html lang="th"><body><h1>{{ results.paginator.count }}</h1><ol>
{% for page in results %}<li><a href="{{ page.url }}">{{ page.title }}</a><p>{{ page.summary|truncatechars:160 }}</p></li>{% endfor %}
</ol></body></html>"""
)


def _pages(request: HttpRequest):
    pages = CaseStudyPage.objects.live()
    if request.GET.get("year", "").isdigit():
        pages = pages.filter(year__gte=int(request.GET["year"]))
    return pages


@require_GET
def wagtail_search_view(request: HttpRequest) -> HttpResponse:
    backend = request.GET.get("backend")
    if backend not in BACKENDS:
        return HttpResponseBadRequest("backend must be default or opensearch")
    text = request.GET.get("q", "")[:200]
    if request.GET.get("autocomplete"):
        found = _pages(request).autocomplete(text, backend=backend)[:8]
        return JsonResponse({"suggestions": [{"label": page.title, "url": page.url} for page in found]})
    results = Paginator(_pages(request).search(text, backend=backend), 10).get_page(1)
    return HttpResponse(_TEMPLATE.render({"results": results}, request))


def found_ids(text: str, backend: str) -> set[int]:
    """Every case study the backend finds for `text` (for recall)."""
    return {page.pk for page in CaseStudyPage.objects.live().search(text, backend=backend)}
