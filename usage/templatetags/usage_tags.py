"""`{% most_read_this_month %}`: the home page's "อ่านมากที่สุดเดือนนี้" block."""

from django import template
from django.db.models import Sum
from django.utils import timezone, translation

from learning_centres.models import CaseStudyPage

from ..models import DailyCount, Kind

register = template.Library()
MOST_READ = 5


def most_read(limit: int = MOST_READ) -> list[tuple[CaseStudyPage, int]]:
    """This month's most read case studies, in the visitor's language where translated."""
    first_day = timezone.localdate().replace(day=1)
    rows = list(
        DailyCount.objects.filter(kind=Kind.CASE_STUDY, day__gte=first_day)
        .values("object_id")
        .annotate(views=Sum("count"))
        .order_by("-views", "object_id")[: limit * 2]
    )
    views = {row["object_id"]: row["views"] for row in rows}
    pages = {page.pk: page for page in CaseStudyPage.objects.live().public().filter(pk__in=views)}
    language = translation.get_language() or "th"
    result = []
    for object_id in views:
        page = pages.get(object_id)
        if page is None:
            continue
        if language != "th":
            page = page.get_translations().live().filter(locale__language_code=language).specific().first() or page
        result.append((page, views[object_id]))
    return result[:limit]


@register.inclusion_tag("usage/most_read.html")
def most_read_this_month() -> dict:
    return {"items": most_read()}
