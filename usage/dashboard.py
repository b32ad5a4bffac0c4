"""The figures the dashboard, its CSV, the case study's admin header and the API show: sums of the
daily counters over a period, limited to what the user may see (editors: everything; a
centre's contributors: their own centres and case studies)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, Sum
from django.db.models.functions import Coalesce
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


def figures(kind: str, object_id: int, document_ids: Sequence[int] = (), days: int = 30) -> dict[str, dict[str, int]]:
    """One page's public figures for the API: {"views"|"downloads"|"visit_requests":
    {"last_30_days": n, "total": n}} (downloads of `document_ids` for a case study, visit
    requests for a centre), in one query. `kind`
    is the page's (Kind.CASE_STUDY or Kind.CENTRE); the page is its Thai original."""
    recent = Q(day__gte=since(days))
    wanted = {"views": Q(kind=kind, object_id=object_id)}
    if kind == Kind.CASE_STUDY:
        wanted["downloads"] = Q(kind=Kind.DOWNLOAD, object_id__in=list(document_ids))
    else:
        wanted["visit_requests"] = Q(kind=Kind.VISIT_REQUEST, object_id=object_id)
    sums = {}
    for name, which in wanted.items():
        sums[f"{name}_total"] = Coalesce(Sum("count", filter=which), 0)
        sums[f"{name}_recent"] = Coalesce(Sum("count", filter=which & recent), 0)
    any_wanted = Q()
    for which in wanted.values():
        any_wanted |= which
    row = DailyCount.objects.filter(any_wanted).aggregate(**sums)
    return {name: {f"last_{days}_days": row[f"{name}_recent"], "total": row[f"{name}_total"]} for name in wanted}
