"""Costly public endpoints are limited per client address (or IPv6 /64): the search page,
the search and suggestion APIs, the Wagtail pages API and the API schemas. Exports have a
tighter limit of their own (open_data/exports.py); forms and logins count elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from .ratelimit import Limit, client_address, hit

SEARCH_PAGE = re.compile(r"^/(?:en/)?search/$")


def _limit(request: HttpRequest) -> Limit | None:
    per_minute = int(getattr(settings, "PUBLIC_RATE_LIMIT_PER_MINUTE", 0))
    if per_minute <= 0:
        return None
    if request.path_info.startswith("/api/"):
        return Limit(scope="public-api", count=per_minute, seconds=60)
    if SEARCH_PAGE.match(request.path_info):
        return Limit(scope="search-page", count=per_minute, seconds=60)
    return None


class PublicRateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = _limit(request)
        if limit is not None and not hit(limit, client_address(request)):
            return self.refuse(request, limit)
        return self.get_response(request)

    @staticmethod
    def refuse(request: HttpRequest, limit: Limit) -> HttpResponse:
        if limit.scope == "public-api":
            response: HttpResponse = JsonResponse(
                {"error": "Too many requests; slow down and try again in a minute.", "details": []}, status=429
            )
        else:
            response = render(request, "portal/too_many_requests.html", status=429)
        response["Retry-After"] = str(limit.seconds)
        return response
