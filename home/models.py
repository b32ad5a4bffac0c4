from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page


class HomePage(Page):
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

    def get_context(self, request, *args, **kwargs):
        from learning_centres.models import CaseStudyPage, CentreType, FocusArea, LearningCentrePage
        from learning_centres.models.pages import centre_type_choices
        from portal.locales import in_active_language, originals

        context = super().get_context(request, *args, **kwargs)
        live = CaseStudyPage.objects.live().public()
        # Listed from this language's tree (links stay in the language); counted once, from the originals.
        context["latest_case_studies"] = in_active_language(live).order_by("-first_published_at").prefetch_related("focus_areas")[:6]
        context["focus_areas"] = FocusArea.objects.annotate(
            live_count=models.Count("case_studies", filter=models.Q(case_studies__in=originals(live)))
        )
        context["centre_counts"] = {
            value: originals(LearningCentrePage.objects.live()).filter(centre_type=value).count() for value in CentreType.values
        }
        context["centre_types"] = centre_type_choices()
        return context


class StandardPage(Page):
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
