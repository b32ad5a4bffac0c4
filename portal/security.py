"""Security headers Django 5.2 does not set itself: a Content-Security-Policy with a fresh
nonce for every response, and a Permissions-Policy.

The settings mirror Django 6.0's built-in CSP (``SECURE_CSP``, a ``csp_nonce`` template
variable), so moving to it later means deleting this module. Public pages get
``SECURE_CSP``; the Wagtail admin, which still relies on inline styles, gets
``SECURE_CSP_ADMIN``. A value ``NONCE`` in a directive becomes ``'nonce-…'``.

Templates carry no inline scripts, styles or ``on…=`` handlers. Where an inline
``<script>`` is ever unavoidable, give it ``nonce="{{ csp_nonce }}"``.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.http import HttpRequest, HttpResponse

NONCE = "'nonce'"  # placeholder in SECURE_CSP values, replaced per response


def csp_nonce(request: HttpRequest) -> str:
    """The nonce of this request's response (one per request, unguessable)."""
    nonce = getattr(request, "_csp_nonce", None)
    if nonce is None:
        nonce = request._csp_nonce = secrets.token_urlsafe(18)
    return nonce


def build_policy(directives: dict[str, list[str]], nonce: str) -> str:
    parts = []
    for name, values in directives.items():
        values = [f"'nonce-{nonce}'" if value == NONCE else value for value in values]
        parts.append(" ".join([name, *values]))
    return "; ".join(parts)


def is_admin(request: HttpRequest) -> bool:
    return request.path_info.startswith(settings.SECURE_CSP_ADMIN_PREFIX)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = csp_nonce(request)
        response = self.get_response(request)
        policy = settings.SECURE_CSP_ADMIN if is_admin(request) else settings.SECURE_CSP
        # setdefault: a view may send a stricter policy of its own (Wagtail's document
        # serve view sends "default-src 'none'").
        response.headers.setdefault("Content-Security-Policy", build_policy(policy, nonce))
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def csp(request: HttpRequest) -> dict[str, str]:
    """Template context processor: ``{{ csp_nonce }}``."""
    return {"csp_nonce": csp_nonce(request)}
