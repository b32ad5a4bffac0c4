"""Admin: the usage dashboard (editors: everything; a centre's contributors: their own
centre), its CSV export, and each case study's figures in its editor's header."""

from __future__ import annotations

import csv

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button

from learning_centres.models import CaseStudyPage
from portal.spreadsheets import safe_cell

from . import dashboard
from .models import Kind


def _may_see(user) -> bool:
    scope = dashboard.scope_for(user)
    return scope.centre_paths is None or bool(scope.centre_paths)


def usage_dashboard(request):
    if not _may_see(request.user):
        return permission_denied(request)
    scope = dashboard.scope_for(request.user)
    rows = dashboard.top_cases(scope)
    areas, provinces = dashboard.by_area_and_province(dashboard.top_cases(scope, limit=None))
    trend = dashboard.trend(scope)
    context = {
        "days": dashboard.DAYS,
        "rows": rows,
        "areas": areas[:10],
        "provinces": provinces[:10],
        "trend": trend,
        "trend_max": max([total for _day, total in trend] or [0]) or 1,
        "zero_click": dashboard.zero_click_queries() if scope.centre_paths is None else [],
        "everything": scope.centre_paths is None,
    }
    return render(request, "usage/admin/dashboard.html", context)


def usage_csv(request):
    if not _may_see(request.user):
        return permission_denied(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="usage.csv"'
    response.write("\ufeff")  # Excel reads UTF-8 Thai only with the byte order mark
    writer = csv.writer(response)
    writer.writerow([_("กรณีศึกษา"), _("เปิดอ่าน (%(days)s วัน)") % {"days": dashboard.DAYS}, _("คลิกจากผลการค้นหา")])
    for row in dashboard.top_cases(dashboard.scope_for(request.user), limit=None):
        writer.writerow([safe_cell(row["title"]), row["views"], row["clicks"]])
    return response


@hooks.register("register_admin_urls")
def register_usage_urls():
    return [
        path("reports/usage/", usage_dashboard, name="usage_dashboard"),
        path("reports/usage/usage.csv", usage_csv, name="usage_csv"),
    ]


class UsageMenuItem(MenuItem):
    def is_shown(self, request):
        return _may_see(request.user)


@hooks.register("register_reports_menu_item")
def register_usage_menu_item():
    return UsageMenuItem(gettext_lazy("สถิติการใช้งาน"), reverse("usage_dashboard"), name="usage", icon_name="view", order=905)


@hooks.register("register_page_header_buttons")
def case_study_views(page, user, view_name=None, next_url=None):
    """The case study's reads over the dashboard's period, in its editor's header."""
    if not isinstance(page.specific_deferred, CaseStudyPage):
        return
    original = page.get_translations(inclusive=True).filter(locale__language_code="th").first() or page
    views = dashboard.counts_by_page(Kind.CASE_STUDY, [original.pk]).get(original.pk, 0)
    label = _("เปิดอ่าน %(n)s ครั้งใน %(days)s วัน") % {"n": f"{views:,}", "days": dashboard.DAYS}
    yield Button(label, reverse("usage_dashboard"), icon_name="view", priority=90)
