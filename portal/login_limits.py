"""Password guessing is cut off on every form that checks a password: the admin login,
Wagtail's own login for private pages (/_util/login/, in both languages) and the page
passwords (/_util/authenticate_with_password/…).

A failed attempt is a POST answered by the form again (200); a success redirects. A login
name that failed too often, or an address that tried too many, is refused with 429 until
the window ends, even with the right password, so guessing gains nothing. Offices share an
address behind NAT, so the per-address limit is higher than the per-name one.

Not django-axes: it applies one failure limit to every lockout parameter, and these two
limits differ; and it does not cover page passwords, which never call authenticate().
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .ratelimit import Limit, client_address, hit, is_limited, reset

PER_USERNAME = Limit(scope="login-username", count=5, seconds=15 * 60)
PER_ADDRESS = Limit(scope="login-address", count=20, seconds=15 * 60)
PAGE_PASSWORD_PER_ADDRESS = Limit(scope="page-password-address", count=10, seconds=15 * 60)
PAGE_PASSWORD_PER_PAGE = Limit(scope="page-password-restriction", count=50, seconds=15 * 60)

LOGIN_VIEWS = frozenset({"wagtailadmin_login", "wagtailcore_login"})
PAGE_PASSWORD_VIEW = "wagtailcore_authenticate_with_password"  # noqa: S105 - a URL name


def _username(request: HttpRequest) -> str:
    return (request.POST.get("username") or "").strip().casefold()


def _limits(request: HttpRequest) -> list[tuple[Limit, str]]:
    """The counters a POST to this view is checked against, with their keys."""
    match = request.resolver_match
    if match is None or request.method != "POST":
        return []
    if match.url_name in LOGIN_VIEWS:
        return [(PER_USERNAME, _username(request)), (PER_ADDRESS, client_address(request))]
    if match.url_name == PAGE_PASSWORD_VIEW:
        restriction = str(match.kwargs.get("page_view_restriction_id", ""))
        return [(PAGE_PASSWORD_PER_ADDRESS, client_address(request)), (PAGE_PASSWORD_PER_PAGE, restriction)]
    return []


def too_many_attempts(request: HttpRequest, retry_after: int) -> HttpResponse:
    message = _("เข้าสู่ระบบผิดหลายครั้งเกินไป กรุณารอ 15 นาทีแล้วลองใหม่")
    response = render(request, "portal/too_many_attempts.html", {"message": message}, status=429)
    response["Retry-After"] = str(retry_after)
    return response


class LoginRateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        limits = _limits(request)
        if limits and response.status_code == 200:  # the form came back: a failed attempt
            for limit, key in limits:
                hit(limit, key)
        elif limits and response.status_code in (301, 302, 303) and limits[0][0] is PER_USERNAME:
            reset(PER_USERNAME, _username(request))
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> HttpResponse | None:
        for limit, key in _limits(request):
            if is_limited(limit, key):
                return too_many_attempts(request, limit.seconds)
        return None
