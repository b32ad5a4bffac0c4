"""Admin: the LAO registry and vocabularies as snippets, and a filterable flat list of
case studies (https://docs.wagtail.org/en/stable/extending/admin_views.html)."""

from django.db.models import Q
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import permissions
from .admin_filters import CaseStudyFilterSet
from .models import CaseStudyPage, FocusArea, FundingSource, LocalAdministrativeOrganisation, TargetGroup

permissions.register()


class CaseStudyListingViewSet(PageListingViewSet):
    model = CaseStudyPage
    icon = "doc-full"
    menu_label = _("กรณีศึกษา")
    menu_order = 150
    add_to_admin_menu = True
    filterset_class = CaseStudyFilterSet
    name = "case_studies"


@hooks.register("register_admin_viewset")
def register_case_study_listing():
    return CaseStudyListingViewSet()


@hooks.register("construct_page_chooser_queryset")
def choose_only_editable_or_public_pages(pages, request):
    """The page chooser (links, page fields) offers the pages the user may edit, and every
    live page without a view restriction (anyone can see those, so linking to them leaks
    nothing): a contributor never sees the titles of another centre's drafts. Editors may
    edit every page, so they see them all. docs/decisions.md, "Admin isolation"."""
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(request.user, ["change", "publish"])
    return pages.filter(Q(pk__in=editable.values("pk")) | Q(pk__in=Page.objects.live().public().values("pk")))


@hooks.register("construct_reports_menu")
def page_types_report_for_editors(request, menu_items):
    """The page-types usage report is an editor's (learning_centres/admin_reports.py)."""
    if not PagePermissionPolicy().user_has_permission(request.user, "publish"):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


class LAOViewSet(SnippetViewSet):
    model = LocalAdministrativeOrganisation
    icon = "site"
    menu_label = _("อปท.")
    list_display = ["name_th", "lao_type", "province", "district"]
    list_filter = ["lao_type", "province"]
    search_fields = ["name_th", "name_en"]


class VocabularyViewSet(SnippetViewSet):
    """A fixed vocabulary (taxonomy_data): listed by its label and stable slug."""

    list_display = ["label", "slug"]


class FocusAreaViewSet(VocabularyViewSet):
    model = FocusArea
    icon = "tag"
    menu_label = _("8 ด้านพื้นฐาน")


class TargetGroupViewSet(VocabularyViewSet):
    model = TargetGroup
    icon = "group"
    menu_label = _("กลุ่มเป้าหมาย")


class FundingSourceViewSet(VocabularyViewSet):
    model = FundingSource
    icon = "tag"
    menu_label = _("แหล่งงบประมาณ")


class RegistryGroup(SnippetViewSetGroup):
    items = (LAOViewSet, FocusAreaViewSet, TargetGroupViewSet, FundingSourceViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("ทะเบียนและหมวดหมู่")
    menu_name = "registry"


register_snippet(RegistryGroup)


@hooks.register("insert_editor_js")
def centre_profile_panels_by_type():
    """Hide the profile panel of the other centre type (static/js/admin-centre-profile.js)."""
    return format_html('<script src="{}" defer></script>', static("js/admin-centre-profile.js"))


@hooks.register("insert_editor_js")
def centre_coordinate_map():
    """Pick a centre's coordinates on the portal's own map (static/js/admin-coordinate-map.js)."""
    return format_html('<script src="{}" defer></script>', static("js/admin-coordinate-map.js"))


@hooks.register("register_admin_urls")
def readable_slug_urls():
    from django.urls import path

    from .slug_views import suggest_slug

    return [path("readable-slug/", suggest_slug, name="readable_slug")]


@hooks.register("insert_editor_js")
def readable_slug_script():
    """New pages get a readable Latin slug from their Thai title (static/js/admin-readable-slug.js)."""
    from django.urls import reverse

    return format_html(
        '<script src="{}" data-readable-slug-url="{}" defer></script>',
        static("js/admin-readable-slug.js"),
        reverse("readable_slug"),
    )
