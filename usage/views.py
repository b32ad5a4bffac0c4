import re

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from search.analytics import reportable_query

from . import counting
from .models import Kind


@csrf_exempt  # the browser's <a ping> sends no token and no cookie
@require_POST
def click(request: HttpRequest) -> HttpResponse:
    """A search result was followed: the result links carry `ping` to here, so the link itself
    stays the page's own URL (crawlable, no redirect). 204 whatever happens: a ping has no reader."""
    page = request.GET.get("page", "")
    query = reportable_query(request.GET.get("q", "")[:200]) or ""
    if re.fullmatch(r"[0-9]{1,9}", page) and not counting.is_bot(request):  # not isdigit(): "²" is a digit to it
        counting.count(Kind.CLICK, int(page), query)
    return HttpResponse(status=204)
