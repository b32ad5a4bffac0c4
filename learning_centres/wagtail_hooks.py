"""Admin: the LAO registry and vocabularies as snippets, and a filterable flat list of
case studies (https://docs.wagtail.org/en/stable/extending/admin_views.html)."""

from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.viewsets.pages import PageListingViewSet
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
    menu_label = _("๘ ด้านพื้นฐาน")


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
