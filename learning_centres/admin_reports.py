"""Wagtail's page-types usage report names the last edited page of each type across the whole
site, drafts of every centre included; a contributor may not read another centre's draft
titles, so here it is an editor's report (the right to publish a page), mounted ahead of
Wagtail's own URL in portal/urls.py. docs/decisions.md, "Admin isolation"."""

from django.urls import path

from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView


class EditorsPageTypesUsageReportView(PageTypesUsageReportView):
    any_permission_required = ["publish"]


urlpatterns = [
    path(
        "admin/reports/page-types-usage/",
        require_admin_access(EditorsPageTypesUsageReportView.as_view()),
        name="page_types_usage_for_editors",
    ),
    path(
        "admin/reports/page-types-usage/results/",
        require_admin_access(EditorsPageTypesUsageReportView.as_view(results_only=True)),
        name="page_types_usage_results_for_editors",
    ),
]
