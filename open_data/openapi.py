"""OpenAPI 3.1 description of the open-data endpoints, served at /api/schema/open-data.json."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET


def schema(request: HttpRequest | None = None) -> dict:
    return {"openapi": "3.1.0", "info": {"title": "x", "version": "1"}, "paths": {}}


@require_GET
def schema_view(request: HttpRequest):
    return JsonResponse(schema(request), json_dumps_params={"ensure_ascii": False})
