"""The page cache for anonymous visitors: Django's two cache middlewares, keyed per request
by the generations of `pagecache.generations` so that a publish can purge precisely.

In MIDDLEWARE, `UpdatePageCacheMiddleware` sits below the security headers (each hit gets its
own CSP nonce) and above the session and CSRF middlewares (so it sees the cookies they set
and refuses to store those responses); `FetchFromPageCacheMiddleware` sits right after
`LocaleMiddleware`. A hit returns from there: middleware listed below it never runs for a
hit, so a middleware that must see every page view (counting) goes above it.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.cache import FetchFromCacheMiddleware, UpdateCacheMiddleware
from django.utils.cache import patch_vary_headers

from portal.security import csp_nonce

from . import generations

HEADER = "X-Page-Cache"
_prefix: ContextVar[str] = ContextVar("page_cache_prefix", default="")


def is_cacheable_request(request: HttpRequest) -> bool:
    """Anonymous GET/HEAD outside the excluded paths. Anyone with a session cookie (editors,
    previews, a visitor who signed in) always gets a fresh page."""
    if settings.PAGE_CACHE_SECONDS <= 0 or request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "Authorization" in request.headers:
        return False
    path = request.path_info
    for prefix in settings.PAGE_CACHE_EXCLUDE:
        if path.startswith(prefix) or path.startswith("/en" + prefix):
            return False
    return True


class _PrefixPerRequest:
    """Django's middlewares read `self.key_prefix`; here it is the current request's."""

    @property
    def key_prefix(self) -> str:
        return _prefix.get()

    @key_prefix.setter
    def key_prefix(self, value: str) -> None:
        pass  # set per request, from the generations

    @property
    def cache_alias(self) -> str:
        return settings.PAGE_CACHE_ALIAS

    @cache_alias.setter
    def cache_alias(self, value: str) -> None:
        pass


class FetchFromPageCacheMiddleware(_PrefixPerRequest, FetchFromCacheMiddleware):
    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        if not is_cacheable_request(request):
            request._cache_update_cache = False
            return None
        request._page_cache_prefix = generations.key_prefix(request.path)
        token = _prefix.set(request._page_cache_prefix)
        try:
            response = super().process_request(request)
        finally:
            _prefix.reset(token)
        if response is not None:
            _for_client(response)
            old_nonce = getattr(response, "page_cache_nonce", None)
            if old_nonce:  # this copy's own nonce, which the CSP header will name
                response.content = response.content.replace(old_nonce.encode(), csp_nonce(request).encode())
            response[HEADER] = "hit"
        return response


class UpdatePageCacheMiddleware(_PrefixPerRequest, UpdateCacheMiddleware):
    @property
    def cache_timeout(self) -> int:
        return settings.PAGE_CACHE_SECONDS

    @cache_timeout.setter
    def cache_timeout(self, value: int) -> None:
        pass

    def _should_update_cache(self, request: HttpRequest, response: HttpResponse) -> bool:
        # Never a response that sets a cookie (a CSRF token for a form, a session).
        return bool(getattr(request, "_cache_update_cache", False) and getattr(request, "_page_cache_prefix", "") and not response.cookies)

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if not self._should_update_cache(request, response):
            return response
        # Unprefixed URLs are always Thai and /en/ always English (portal/urls.py), so the
        # Vary: Accept-Language that LocaleMiddleware adds would only split the cache.
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip() and v.strip().lower() != "accept-language"]
        if "Vary" in response:
            del response["Vary"]
            if vary:
                patch_vary_headers(response, vary)
        response.page_cache_client_headers = {name: response.get(name) for name in ("Cache-Control", "Expires")}
        response.page_cache_nonce = getattr(request, "_csp_nonce", None)
        token = _prefix.set(request._page_cache_prefix)
        try:
            response = super().process_response(request, response)
        finally:
            _prefix.reset(token)
        _for_client(response)
        response[HEADER] = "miss"
        return response


def _for_client(response: HttpResponse) -> None:
    """Browsers and proxies get the view's own caching headers, not the page cache's
    lifetime: a purge cannot reach a copy kept in a browser."""
    original = getattr(response, "page_cache_client_headers", None)
    if original is None:
        return
    response.headers.pop("Age", None)
    for name, value in original.items():
        if value is None:
            response.headers.pop(name, None)
        else:
            response[name] = value
