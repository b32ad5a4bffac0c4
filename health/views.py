"""Liveness (the process answers) and readiness (it can serve: database reachable, with the
engine, outbox and workers reported), as JSON for load balancers and monitoring."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import checks


@never_cache
@require_GET
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def ready(request: HttpRequest) -> JsonResponse:
    report, serving = checks.readiness()
    return JsonResponse(report, status=200 if serving else 503)
