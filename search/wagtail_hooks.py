"""Admin: search synonyms (applied on the next index rebuild) and the search reports."""

import datetime

from django.db.models import Max, Sum
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.contrib.search_promotions.models import Query
from wagtail.contrib.search_promotions.views.settings import CreateView as PromotionCreateView
from wagtail.models import Page
from wagtail.search.utils import normalise_query_string
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.spreadsheets import SafeSpreadsheetExportMixin

from .analytics import is_junk
from .indexing import set_aside_updates
from .models import SearchQueryDay, SearchSynonym
from .report_filters import QueryReportFilterSet


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = _("คำพ้องความหมาย (ค้นหา)")
    add_to_settings_menu = True
    list_display = ["terms"]
    search_fields = ["terms"]


register_snippet(SearchSynonymViewSet)


class EditorReport(SafeSpreadsheetExportMixin, ReportView):
    """Search reports for editors (anyone who may manage promoted results), not only
    superusers like Wagtail's own "Search terms" report."""

    header_icon = "search"
    paginate_by = 50

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("wagtailsearchpromotions.change_searchpromotion"):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)


REPORT_DAYS = 90  # without a date range, the reports read the last 90 days of counters


def _query_rows(since: datetime.date, until: datetime.date) -> list[dict]:
    """Each query's searches and found-nothing counts from `since` to `until`, junk left out
    (search.analytics.is_junk: rows recorded before a rule existed, or by a bot that got
    through), each with whether it already has promoted results."""
    rows = (
        SearchQueryDay.objects.filter(day__gte=since, day__lte=until)
        .values("query_string")
        .annotate(total_searches=Sum("searches"), total_found_nothing=Sum("found_nothing"), last_day=Max("day"))
    )
    return [row for row in rows if not is_junk(row["query_string"])]


def _promote_url(row: dict) -> str:
    return reverse("promote_query") + "?" + urlencode({"q": row["query_string"]})


class QueryReport(EditorReport):
    """A report of the per-day query counters over a date range (Thai dates; the last
    REPORT_DAYS days by default), each row linking to promoting a result for its query."""

    filterset_class = QueryReportFilterSet
    promote_column = TitleColumn("promote", label=_("ผลลัพธ์ที่โปรโมต"), get_url=_promote_url)

    def date_range(self) -> tuple[datetime.date, datetime.date]:
        today = timezone.localdate()
        since, until = today - datetime.timedelta(days=REPORT_DAYS - 1), today
        if self.filters and self.filters.is_valid():
            data = self.filters.form.cleaned_data
            until = data.get("until") or until
            since = data.get("since") or min(since, until - datetime.timedelta(days=REPORT_DAYS - 1))
        return since, until

    def filter_queryset(self, queryset):
        return queryset  # the range is applied before summing, in rows()

    def rows(self) -> list[dict]:
        rows = _query_rows(*self.date_range())
        promoted = set(
            Query.objects.filter(query_string__in=[row["query_string"] for row in rows], editors_picks__isnull=False).values_list(
                "query_string", flat=True
            )
        )
        for row in rows:
            row["promote"] = _("แก้ไขผลลัพธ์ที่โปรโมต") if row["query_string"] in promoted else _("โปรโมตผลลัพธ์")
        return rows


class FrequentQueriesReport(QueryReport):
    page_title = _("คำค้นยอดนิยม")
    index_url_name = "frequent_queries"
    index_results_url_name = "frequent_queries_results"
    columns = [
        Column("query_string", label=_("คำค้น")),
        NumberColumn("total_searches", label=_("จำนวนครั้ง")),
        NumberColumn("total_found_nothing", label=_("ไม่พบผลลัพธ์")),
        QueryReport.promote_column,
    ]
    list_export = ["query_string", "total_searches", "total_found_nothing"]
    export_headings = {"query_string": _("คำค้น"), "total_searches": _("จำนวนครั้ง"), "total_found_nothing": _("ไม่พบผลลัพธ์")}

    def get_queryset(self):
        return sorted(self.rows(), key=lambda row: (-row["total_searches"], row["query_string"]))


class ZeroResultQueriesReport(QueryReport):
    page_title = _("คำค้นที่ไม่พบผลลัพธ์")
    index_url_name = "zero_result_queries"
    index_results_url_name = "zero_result_queries_results"
    columns = [
        Column("query_string", label=_("คำค้น")),
        NumberColumn("total_found_nothing", label=_("จำนวนครั้ง")),
        Column("last_day", label=_("ค้นล่าสุด")),
        QueryReport.promote_column,
    ]
    list_export = ["query_string", "total_found_nothing", "last_day"]
    export_headings = {"query_string": _("คำค้น"), "total_found_nothing": _("จำนวนครั้ง"), "last_day": _("ค้นล่าสุด")}

    def get_queryset(self):
        rows = [row for row in self.rows() if row["total_found_nothing"] > 0]
        return sorted(rows, key=lambda row: (-row["total_found_nothing"], -row["last_day"].toordinal()))


class PromoteQueryView(PromotionCreateView):
    """The reports' shortcut to promoting a result for a query: Wagtail's own "promoted
    results" form with the query filled in (its create view reads nothing from the address),
    or the query's existing promotions when it has some."""

    def dispatch(self, request, *args, **kwargs):
        query = " ".join(request.GET.get("q", "").split())
        if not query or len(query) > 255:
            return HttpResponseBadRequest("q: a query of 1 to 255 characters")
        self.query_string = query
        existing = Query.objects.filter(query_string=normalise_query_string(query), editors_picks__isnull=False).first()
        if existing and request.method == "GET":
            return redirect("wagtailsearchpromotions:edit", existing.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {**super().get_initial(), "query_string": self.query_string}


class SetAsideIndexUpdatesReport(EditorReport):
    """Pages whose search document kept failing (search.indexing): they are missing from, or
    out of date in, the search engine until someone fixes the page and publishes it again."""

    page_title = _("หน้าที่ปรับปรุงดัชนีค้นหาไม่สำเร็จ")
    index_url_name = "search_index_failures"
    index_results_url_name = "search_index_failures_results"
    columns = [
        TitleColumn("page_title", label=_("หน้า"), get_url=lambda row: reverse("wagtailadmin_pages:edit", args=[row.page_id])),
        Column("reason", label=_("เหตุที่ปรับปรุง")),
        NumberColumn("attempts", label=_("จำนวนครั้งที่ลอง")),
        Column("failed_at", label=_("พักไว้เมื่อ")),
        Column("last_error", label=_("ข้อผิดพลาด")),
    ]
    list_export = ["page_id", "page_title", "reason", "attempts", "failed_at", "last_error"]

    def get_queryset(self):
        rows = list(set_aside_updates())
        titles = dict(Page.objects.filter(pk__in=[row.page_id for row in rows]).values_list("pk", "title"))
        for row in rows:
            row.page_title = titles.get(row.page_id, f"#{row.page_id}")
        return rows


@hooks.register("register_reports_menu_item")
def register_search_index_failures_report():
    return MenuItem(
        _("หน้าที่ปรับปรุงดัชนีค้นหาไม่สำเร็จ"), reverse("search_index_failures"), name="search-index-failures", icon_name="warning", order=903
    )


@hooks.register("register_reports_menu_item")
def register_frequent_queries_report():
    return MenuItem(_("คำค้นยอดนิยม"), reverse("frequent_queries"), name="frequent-queries", icon_name="search", order=901)


@hooks.register("register_reports_menu_item")
def register_zero_result_report():
    return MenuItem(_("คำค้นที่ไม่พบผลลัพธ์"), reverse("zero_result_queries"), name="zero-result-queries", icon_name="search", order=902)


@hooks.register("register_admin_urls")
def register_search_report_urls():
    return [
        path("reports/frequent-queries/", FrequentQueriesReport.as_view(), name="frequent_queries"),
        path("reports/frequent-queries/results/", FrequentQueriesReport.as_view(results_only=True), name="frequent_queries_results"),
        path("reports/zero-result-queries/", ZeroResultQueriesReport.as_view(), name="zero_result_queries"),
        path("reports/promote-query/", PromoteQueryView.as_view(), name="promote_query"),
        path("reports/search-index-failures/", SetAsideIndexUpdatesReport.as_view(), name="search_index_failures"),
        path(
            "reports/search-index-failures/results/",
            SetAsideIndexUpdatesReport.as_view(results_only=True),
            name="search_index_failures_results",
        ),
        path(
            "reports/zero-result-queries/results/",
            ZeroResultQueriesReport.as_view(results_only=True),
            name="zero_result_queries_results",
        ),
    ]
