"""Counts what visitors do, on the server, for every response including those served from
the full-page cache: it must sit ABOVE any cache middleware in settings.MIDDLEWARE (first,
or right after RequestLogMiddleware), so cached pages pass through it too.

What counts: a 200 GET of a case study or centre page, a document download (200 or the
redirect to the file), a visit request sent (the form's 302). Bots never count
(usage.counting.is_bot). Nothing about the visitor is read beyond the user agent, which is
not stored. A database error while counting is logged and the page is served all the same.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse

from . import counting
from .models import Kind

logger = logging.getLogger(__name__)

DOCUMENT = re.compile(r"^/documents/(\d{1,9})/")
VISIT_REQUEST = re.compile(r"^/(?:en/)?visits/request/(\d{1,9})/$")
NOT_PAGES = (
    "/admin/",
    "/api/",
    "/static/",
    "/media/",
    "/documents/",
    "/search/",
    "/en/search/",
    "/feeds/",
    "/health/",
    "/alerts/",
    "/en/alerts/",
    "/visits/",
    "/en/visits/",
    "/contact/",
    "/en/contact/",
    "/usage/",
    "/sitemap.xml",
    "/robots.txt",
    "/favicon",
)


class UsageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Counted when the server closes the response, after the last byte went out (as
        # Django closes file handles): the visitor never waits for the counter's statement.
        response._resource_closers.append(lambda: record_safely(request, response))
        return response


def record_safely(request: HttpRequest, response: HttpResponse) -> None:
    try:
        record(request, response)
    except DatabaseError:
        logger.exception("usage: a hit could not be counted")


def record(request: HttpRequest, response: HttpResponse) -> None:
    path = request.path_info
    if request.method == "GET":
        if document := DOCUMENT.match(path):
            if response.status_code in (200, 302) and not counting.is_bot(request):
                counting.count(Kind.DOWNLOAD, int(document.group(1)))
            return
        if response.status_code != 200 or path.startswith(NOT_PAGES) or not response.get("Content-Type", "").startswith("text/html"):
            return
        if not counting.is_bot(request):
            language, rest = ("en", path[3:]) if path.startswith("/en/") else ("th", path)
            counting.count_page_view(rest, language)
    elif request.method == "POST" and response.status_code == 302 and (visit := VISIT_REQUEST.match(path)):
        if not counting.is_bot(request):
            counting.count(Kind.VISIT_REQUEST, int(visit.group(1)))
