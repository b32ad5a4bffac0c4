import logging

from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page

from learning_centres import structured_data
from learning_centres.models import CaseStudyIndexPage, CentreIndexPage, CentreType, FocusArea
from learning_centres.models.pages import centre_type_label
from learning_centres.slugs import ReadableSlugMixin

from .province_map import MapNotInstalled, province_map

logger = logging.getLogger(__name__)


class HomePage(ReadableSlugMixin, Page):
    """The portal's front page: what the programme is and the ways into the content."""

    introduction = RichTextField(_("คำแนะนำ"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "learning_centres.CentreIndexPage",
        "learning_centres.CaseStudyIndexPage",
        "home.StandardPage",
    ]
    max_count = 1
    template = "pages/home_page.html"

    class Meta:
        verbose_name = _("หน้าแรก")

    LATEST_COUNT = 6

    def route(self, request, path_components):
        """The pages on the way to a URL in one query, instead of Wagtail's two per level (the
        child by slug, then its specific page): a case study is three levels down. A page
        type with a route() of its own still routes the rest of the path itself."""
        if not path_components:
            return super().route(request, path_components)
        wanted = Q()
        for level, slug in enumerate(path_components, start=1):
            wanted |= Q(depth=self.depth + level, slug=slug)
        pages = Page.objects.filter(wanted, path__startswith=self.path)
        found = {(page.depth, page.slug, page.path[: -Page.steplen]): page for page in pages}
        parent: Page = self
        for level, slug in enumerate(path_components, start=1):
            page = found.get((self.depth + level, slug, parent.path))
            if page is None:
                raise Http404
            page._cached_parent_obj = parent  # treebeard's get_parent() reads it
            remaining = path_components[level:]
            if not remaining or page.specific_class.route is not Page.route:
                specific = page.specific
                specific._cached_parent_obj = parent
                return specific.route(request, remaining)
            parent = page
        raise Http404  # not reached: the loop returns at the last component

    def get_context(self, request, *args, **kwargs):
        # Every count comes from the search layer (engine, or the database fallback), so the
        # home page shows the numbers the search page shows for the same filter.
        # Inside the method, like the page models' listings: search reads the page models, so
        # pages reach search only here, through search.listing (the one edge between them).
        from search.listing import CASE_STUDY, CENTRE, hit_cards, newest, province_labels

        context = super().get_context(request, *args, **kwargs)
        case_studies = newest(CASE_STUDY, self.LATEST_COUNT)
        centres = newest(CENTRE, 0)
        search_url = reverse("search_page")
        listings = {page.specific_class: page for page in Page.objects.child_of(self).live().type(CentreIndexPage, CaseStudyIndexPage)}
        centre_index = listings.get(CentreIndexPage)
        case_study_index = listings.get(CaseStudyIndexPage)
        centre_index_url = centre_index.get_url(request) if centre_index else search_url

        centre_counts = dict(centres.facets.get("centre_type", []))
        area_counts = dict(case_studies.facets.get("focus_areas", []))
        province_counts = dict(case_studies.facets.get("province", []))
        context.update(
            case_study_total=case_studies.total,
            centre_total=centres.total,
            case_study_index_url=case_study_index.get_url(request) if case_study_index else search_url,
            centre_types=[
                {"label": centre_type_label(value), "count": centre_counts.get(value, 0), "url": f"{centre_index_url}?centre_type={value}"}
                for value in CentreType.values
            ],
            focus_areas=[
                {"name": area.name, "count": area_counts.get(area.slug, 0), "url": f"{search_url}?area={area.slug}"}
                for area in FocusArea.objects.originals()
            ],
            latest_case_studies=hit_cards(case_studies),
        )
        try:
            context["province_map"] = province_map(
                province_counts,
                province_labels(),
                lambda code: f"{search_url}?province={code}",
            )
        except MapNotInstalled as error:
            logger.warning("No province map on the home page: %s", error)
            context["province_map"] = None  # the rest of the page still works
        return context

    def structured_data(self, request=None, *, site_name: str = "") -> dict:
        """The JSON-LD of the site itself (learning_centres.structured_data asks each page type
        it does not know for its own, so that it need not import this app)."""
        return structured_data.website(self, request, site_name=site_name)


class StandardPage(ReadableSlugMixin, Page):
    """A fixed page such as "About the programme"."""

    body = StreamField(
        [
            ("heading", blocks.CharBlock(form_classname="title", label=_("หัวข้อ"))),
            ("paragraph", blocks.RichTextBlock(label=_("ย่อหน้า"))),
            ("image", ImageBlock(label=_("ภาพ"))),
        ],
        blank=True,
        verbose_name=_("เนื้อหา"),
    )

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]
    template = "pages/standard_page.html"

    class Meta:
        verbose_name = _("หน้าทั่วไป")
