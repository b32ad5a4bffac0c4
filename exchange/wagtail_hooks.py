"""Admin: study-visit requests (list with filters, detail with the centre's answer, CSV
export for editors), feedback awaiting approval, and each centre's visiting rules.
https://docs.wagtail.org/en/stable/extending/generic_views.html"""

import django_filters

from django.core.exceptions import PermissionDenied
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from learning_centres.models import LearningCentrePage
from portal.spreadsheets import SafeSpreadsheetExportMixin

from . import services
from .forms import StatusChangeForm
from .models import VisitFeedback, VisitPolicy, VisitRequest, VisitStatus
from .permissions import CentreScopedPermissionPolicy, is_editor, own_centre_ids

# Nobody adds or deletes requests in the admin: they come from the public form and leave
# through withdrawal or the retention command. "export" is the editors' CSV download.
visit_request_policy = CentreScopedPermissionPolicy(VisitRequest, "centre", ("view", "change", "export"), ("view", "change"))
feedback_policy = CentreScopedPermissionPolicy(VisitFeedback, "request__centre", ("view", "change"), ("view", "change"))
visit_policy_policy = CentreScopedPermissionPolicy(VisitPolicy, "centre", ("view", "change"), ("view", "change"))
register_permission_policy(VisitRequest, visit_request_policy)
register_permission_policy(VisitFeedback, feedback_policy)
register_permission_policy(VisitPolicy, visit_policy_policy)


class ScopedQuerysetMixin:
    """Lists and object views show only the rows the user's centre(s) may see."""

    def scoped_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(self.request.user, ["view", "change"])


class ScopedObjectMixin(ScopedQuerysetMixin):
    """A view of one row finds it only among the rows the user may see: another centre's
    row is a 404 (as if it did not exist), in every view of the viewset, so that its history,
    usage or deletion page cannot show it either."""

    def get_object(self, *args, **kwargs):
        found = super().get_object(*args, **kwargs)
        if not self.scoped_queryset().filter(pk=found.pk).exists():
            raise Http404
        return found


class ScopedIndexView(ScopedQuerysetMixin, generic.IndexView):
    def get_base_queryset(self):
        return self.scoped_queryset()


class ScopedEditView(ScopedObjectMixin, generic.EditView):
    pass


class ScopedHistoryView(ScopedObjectMixin, HistoryView):
    pass


class ScopedUsageView(ScopedObjectMixin, UsageView):
    pass


class ScopedDeleteView(ScopedObjectMixin, generic.DeleteView):
    pass


class ScopedInspectView(ScopedObjectMixin, generic.InspectView):
    pass


class ScopedViewSet(ModelViewSet):
    """Every per-row view of the exchange's viewsets is scoped to the user's centre(s)."""

    edit_view_class = ScopedEditView
    history_view_class = ScopedHistoryView
    usage_view_class = ScopedUsageView
    delete_view_class = ScopedDeleteView
    inspect_view_class = ScopedInspectView
    copy_view_enabled = False


class VisitRequestFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(label=_("สถานะ"), choices=VisitStatus.choices, empty_label=_("ทุกสถานะ"))
    centre = django_filters.ModelChoiceFilter(label=_("ศูนย์เรียนรู้"), queryset=LearningCentrePage.objects.order_by("title"))
    preferred_date = django_filters.DateFromToRangeFilter(label=_("วันที่ต้องการ"), widget=DateRangePickerWidget)
    created_at = django_filters.DateFromToRangeFilter(label=_("วันที่ส่งคำขอ"), widget=DateRangePickerWidget)

    class Meta:
        model = VisitRequest
        fields = ["status", "centre", "preferred_date", "created_at"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request is not None and not is_editor(request.user):
            self.filters["centre"].queryset = LearningCentrePage.objects.filter(pk__in=own_centre_ids(request.user)).order_by("title")


class VisitRequestIndexView(SafeSpreadsheetExportMixin, ScopedIndexView):
    def as_spreadsheet(self, queryset, spreadsheet_format):
        if not self.permission_policy.user_has_permission(self.request.user, "export"):
            raise PermissionDenied
        response = super().as_spreadsheet(queryset, spreadsheet_format)
        if isinstance(response, StreamingHttpResponse):
            # A byte-order mark makes Excel read the file as UTF-8, so Thai shows as Thai.
            response.streaming_content = _with_bom(response.streaming_content)
            response["Content-Type"] = "text/csv; charset=utf-8"
        return response

    @cached_property
    def show_export_buttons(self):
        return self.permission_policy.user_has_permission(self.request.user, "export")


def _with_bom(chunks):
    yield "\ufeff".encode()
    yield from chunks


class VisitRequestDetailView(ScopedQuerysetMixin, generic.InspectView):
    """The request in full, its history, and the centre's answer (status + message)."""

    template_name = "exchange/admin/visit_request_detail.html"

    def get_object(self, queryset=None):
        from django.shortcuts import get_object_or_404

        return get_object_or_404(self.scoped_queryset(), pk=self.pk)

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return StatusChangeForm(data, visit=self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["changes"] = self.object.changes.select_related("changed_by")
        context["can_answer"] = bool(self.object.allowed_transitions) and self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", self.object
        )
        feedback = VisitFeedback.objects.filter(request=self.object).first()
        context["feedback"] = feedback
        return context

    def post(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission_for_instance(request.user, "change", self.object):
            raise PermissionDenied
        form = self.get_form()
        if form.is_valid():
            data = form.cleaned_data
            services.change_status(self.object, data["status"], data["message"], request.user, request, data.get("visit_date"))
            from django.contrib import messages

            label = VisitStatus(data["status"]).label
            messages.success(request, gettext("บันทึกสถานะ “%(status)s” และส่งอีเมลถึงผู้ขอแล้ว") % {"status": label})
            return redirect(reverse("visit_requests:inspect", args=[self.object.pk]))
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AnswerInDetailView(ScopedEditView):
    """Requests are answered from their detail page, never edited field by field."""

    def get(self, request, *args, **kwargs):
        return redirect(reverse("visit_requests:inspect", args=[self.get_object().pk]))

    post = get


# What a requester wrote, in the order editors read it: the detail page and the export.
REQUEST_FIELDS = (
    "centre",
    "organisation",
    "lao",
    "contact_name",
    "email",
    "phone",
    "group_size",
    "preferred_date",
    "alternative_date",
    "scheduled_date",
    "purpose",
)


class VisitRequestViewSet(ScopedViewSet):
    model = VisitRequest
    name = "visit_requests"
    icon = "date"
    menu_label = _("คำขอศึกษาดูงาน")
    permission_policy = visit_request_policy
    index_view_class = VisitRequestIndexView
    edit_view_class = AnswerInDetailView
    inspect_view_class = VisitRequestDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["status"]
    filterset_class = VisitRequestFilterSet
    list_display = ["organisation", "centre", "group_size", "preferred_date", "status", "created_at"]
    list_export = ["pk", *REQUEST_FIELDS, "topic_names", "status_label", "created_at"]
    export_headings = {"pk": _("เลขที่"), "topic_names": _("ประเด็นที่สนใจ"), "status_label": _("สถานะ")}
    export_filename = "visit-requests"
    inspect_view_fields = [*REQUEST_FIELDS, "topics", "status", "created_at"]


class FeedbackViewSet(ScopedViewSet):
    model = VisitFeedback
    name = "visit_feedback"
    icon = "pick"
    menu_label = _("ความเห็นหลังศึกษาดูงาน")
    permission_policy = feedback_policy
    index_view_class = ScopedIndexView
    edit_view_class = ScopedEditView
    copy_view_enabled = False
    list_display = ["request", "rating", "approved", "created_at"]
    list_filter = ["approved", "rating"]


class PolicyIndexView(ScopedIndexView):
    def get_base_queryset(self):
        # Every centre the user may see has a policy row to edit (defaults until changed).
        centres = LearningCentrePage.objects.filter(visit_policy__isnull=True)
        if not is_editor(self.request.user):
            centres = centres.filter(pk__in=own_centre_ids(self.request.user))
        VisitPolicy.objects.bulk_create([VisitPolicy(centre=centre) for centre in centres], ignore_conflicts=True)
        return super().get_base_queryset().select_related("centre")


class VisitPolicyViewSet(ScopedViewSet):
    model = VisitPolicy
    name = "visit_policies"
    icon = "cog"
    menu_label = _("เงื่อนไขการรับศึกษาดูงาน")
    permission_policy = visit_policy_policy
    index_view_class = PolicyIndexView
    edit_view_class = ScopedEditView
    copy_view_enabled = False
    list_display = ["centre", "accepting_requests", "max_group_size", "max_visits_per_month", "min_notice_days"]


class ExchangeGroup(ViewSetGroup):
    items = (VisitRequestViewSet, FeedbackViewSet, VisitPolicyViewSet)
    menu_icon = "date"
    menu_label = _("ศึกษาดูงาน")
    menu_name = "exchange"
    menu_order = 160


@hooks.register("register_admin_viewset")
def register_exchange_viewsets():
    return ExchangeGroup()
