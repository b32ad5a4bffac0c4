"""Admin: how many people follow each saved search. Editors see counts only; the addresses
are personal data, shown to administrators (superusers) alone."""

from django.db.models import Count, OuterRef, Q
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

from .models import Subscription


def is_editor(user) -> bool:
    return user.has_perm("wagtailsearchpromotions.change_searchpromotion")


class AlertCountsReport(ReportView):
    page_title = _("การแจ้งเตือนทางอีเมล")
    header_icon = "mail"
    index_url_name = "alert_counts"
    index_results_url_name = "alert_counts_results"
    paginate_by = 50
    columns = [
        Column("label", label=_("การค้นหา")),
        NumberColumn("confirmed", label=_("ผู้รับที่ยืนยันแล้ว")),
        NumberColumn("unconfirmed", label=_("รอยืนยัน")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not is_editor(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            Subscription.objects.values("query_key")
            .annotate(
                confirmed=Count("pk", filter=Q(confirmed_at__isnull=False)), unconfirmed=Count("pk", filter=Q(confirmed_at__isnull=True))
            )
            .annotate(label=Subscription.objects.filter(query_key=OuterRef("query_key")).order_by("created_at").values("label")[:1])
            .order_by("-confirmed", "label")
        )


class AlertAddressesReport(ReportView):
    page_title = _("ผู้รับการแจ้งเตือน (ผู้ดูแลระบบเท่านั้น)")
    header_icon = "mail"
    index_url_name = "alert_addresses"
    index_results_url_name = "alert_addresses_results"
    paginate_by = 100
    columns = [
        Column("email", label=_("อีเมล")),
        Column("label", label=_("การค้นหา")),
        Column("get_frequency_display", label=_("ความถี่")),
        Column("confirmed_at", label=_("ยืนยันเมื่อ")),
    ]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return Subscription.objects.order_by("email", "created_at")


@hooks.register("register_reports_menu_item")
def register_alert_counts_report():
    return MenuItem(_("การแจ้งเตือนทางอีเมล"), reverse("alert_counts"), name="alert-counts", icon_name="mail", order=910)


class AddressesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_superuser


@hooks.register("register_reports_menu_item")
def register_alert_addresses_report():
    return AddressesMenuItem(
        _("ผู้รับการแจ้งเตือน (ผู้ดูแลระบบเท่านั้น)"), reverse("alert_addresses"), name="alert-addresses", icon_name="mail", order=911
    )


@hooks.register("register_admin_urls")
def register_alert_report_urls():
    return [
        path("reports/alerts/", AlertCountsReport.as_view(), name="alert_counts"),
        path("reports/alerts/results/", AlertCountsReport.as_view(results_only=True), name="alert_counts_results"),
        path("reports/alert-addresses/", AlertAddressesReport.as_view(), name="alert_addresses"),
        path("reports/alert-addresses/results/", AlertAddressesReport.as_view(results_only=True), name="alert_addresses_results"),
    ]
