"""What a visitor may see right now, asked of the database (the truth) for a page of hits.

The index and the fallback follow the database through the outbox, so for a while (an
engine outage, a backlog, a worker that is down) they may still hold a page that has been
unpublished or made private. Every result page is therefore checked against the database
in one query before it is shown.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr

from wagtail.models import Page, PageViewRestriction


def visible_page_ids(page_ids: Iterable[int]) -> set[int]:
    """The ids among `page_ids` of pages that are live and have no view restriction on
    themselves or an ancestor (a restriction's page path is a prefix of the page's path):
    one query, whatever the number of ids."""
    page_ids = set(page_ids)
    if not page_ids:
        return set()
    restricted = PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path")))
    visible = Page.objects.filter(pk__in=page_ids, live=True).exclude(Exists(restricted))
    return set(visible.values_list("pk", flat=True))
