"""The admin's slug suggestion: what the editor's title becomes as a readable address, for the
page editor's script (static/js/admin-readable-slug.js) to fill the slug field with."""

from django.http import HttpRequest, JsonResponse

from .slugs import readable_slug

MAX_TITLE = 255  # Page.title's length


def suggest_slug(request: HttpRequest) -> JsonResponse:
    title = request.GET.get("title", "")
    if len(title) > MAX_TITLE:
        return JsonResponse({"error": f"title longer than {MAX_TITLE} characters"}, status=400)
    return JsonResponse({"slug": readable_slug(title)})
