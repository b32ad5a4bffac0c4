"""The figures the dashboard, its CSV and the case study's admin header show: sums of the
daily counters over a period, limited to what the user may see (editors: everything; a
centre's contributors: their own centres and case studies)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone

from wagtail.permission_policies.pages import PagePermissionPolicy

from learning_centres.models import CaseStudyPage, LearningCentrePage
from search.models import SearchQueryDay

from .models import DailyCount, Kind

DAYS = 30


@dataclass
class Scope:
    """Which centres' figures a user sees: None is every centre (editors)."""

    centre_paths: list[str] | None

    def case_studies(self):
        pages = CaseStudyPage.objects.filter(locale__language_code="th")
        if self.centre_paths is None:
            return pages
        if not self.centre_paths:
            return pages.none()
        condition = Q()
        for path in self.centre_paths:
            condition |= Q(path__startswith=path)
        return pages.filter(condition)


def scope_for(user) -> Scope:
    if user.has_perm("wagtailsearchpromotions.change_searchpromotion"):  # editors (learning_centres.roles)
        return Scope(None)
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change", "publish"])
    paths = list(LearningCentrePage.objects.filter(pk__in=editable.values("pk"), locale__language_code="th").values_list("path", flat=True))
    return Scope(paths)


def since(days: int = DAYS) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days - 1)


def counts_by_page(kind: str, page_ids, days: int = DAYS) -> dict[int, int]:
    rows = (
        DailyCount.objects.filter(kind=kind, day__gte=since(days), object_id__in=page_ids).values("object_id").annotate(total=Sum("count"))
    )
    return {row["object_id"]: row["total"] for row in rows}


def top_cases(scope: Scope, limit: int | None = 20, days: int = DAYS) -> list[dict]:
    cases = {page.pk: page for page in scope.case_studies().prefetch_related("focus_areas")}
    views = counts_by_page(Kind.CASE_STUDY, list(cases), days)
    clicks = counts_by_page(Kind.CLICK, list(cases), days)
    rows = [
        {"page": cases[pk], "title": cases[pk].title, "views": views.get(pk, 0), "clicks": clicks.get(pk, 0)}
        for pk in cases
        if views.get(pk) or clicks.get(pk)
    ]
    rows.sort(key=lambda row: (-row["views"], -row["clicks"], row["title"]))
    return rows[:limit] if limit else rows


def by_area_and_province(rows: list[dict]) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    areas: dict[str, int] = {}
    provinces: dict[str, int] = {}
    for row in rows:
        page = row["page"]
        for area in page.focus_areas.all():
            areas[area.name] = areas.get(area.name, 0) + row["views"]
        centre = page.get_parent().specific
        province = getattr(getattr(centre, "province", None), "name_th", None)
        if province:
            provinces[province] = provinces.get(province, 0) + row["views"]
    ordered = lambda counts: sorted(counts.items(), key=lambda item: (-item[1], item[0]))  # noqa: E731
    return ordered(areas), ordered(provinces)


def trend(scope: Scope, days: int = DAYS) -> list[tuple[datetime.date, int]]:
    """Case-study views per day, every day of the period (zero included)."""
    counts = DailyCount.objects.filter(kind=Kind.CASE_STUDY, day__gte=since(days))
    if scope.centre_paths is not None:
        counts = counts.filter(object_id__in=scope.case_studies().values("pk"))
    totals = dict(counts.values("day").annotate(total=Sum("count")).values_list("day", "total"))
    return [(day, totals.get(day, 0)) for day in (since(days) + datetime.timedelta(days=n) for n in range(days))]


def zero_click_queries(limit: int = 20, days: int = DAYS) -> list[tuple[str, int]]:
    """Queries searched in the period whose results nobody followed."""
    clicked = DailyCount.objects.filter(kind=Kind.CLICK, day__gte=since(days), query=OuterRef("query_string"))
    rows = (
        SearchQueryDay.objects.filter(day__gte=since(days))
        .annotate(clicked=Exists(clicked))
        .filter(clicked=False)
        .values("query_string")
        .annotate(total=Sum("searches"))
        .order_by("-total", "query_string")[:limit]
    )
    return [(row["query_string"], row["total"]) for row in rows]
