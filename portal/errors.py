"""Error responses that must work when the database does not.

Django converts any exception into a response with ``handler500``; when the cause is a
database that cannot be reached, visitors get a plain 503 page read from disk once at start-up
(no template engine, no database, no traceback) and a ``Retry-After``.
"""

from __future__ import annotations

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.views import defaults

logger = logging.getLogger(__name__)

UNAVAILABLE_PAGE = (settings.BASE_DIR / "templates" / "503.html").read_bytes()
RETRY_AFTER_SECONDS = 60


def database_unavailable() -> HttpResponse:
    response = HttpResponse(UNAVAILABLE_PAGE, status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        logger.error("Database unavailable: %s", error)
        return database_unavailable()
    return defaults.server_error(request)
