"""Page types: the centre directory, learning centres, and the case studies under them.

Tree: HomePage → CentreIndexPage → LearningCentrePage → CaseStudyPage,
and HomePage → CaseStudyIndexPage, which lists every case study across centres.

Over 400 lines because the four page types and their inline models (images, documents,
indicators, follow-ups) are one tree that Wagtail's migrations and parent/subpage rules tie
together; the case study's eight sections are fields (docs/decisions.md), each with a panel.
"""

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from django.utils.translation import gettext_lazy as _

from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, InlinePanel, MultiFieldPanel, ObjectList, TabbedInterface
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.locales import english_active
from thai.dates import to_buddhist_year

from ..charts import outcome_series
from ..feed_links import feed_urls
from ..forms import CaseStudyPageForm, LearningCentrePageForm
from ..slugs import ReadableSlugMixin
from .evidence import EVIDENCE_LEVEL_NEEDS, EvidenceLevel, evidence_help_text, evidence_level_label
from .profiles import ELDERLY_FIELDS, CentreProfile
from .registry import District, LocalAdministrativeOrganisation, Province
from .taxonomy import THAI_TERMS

SECTION_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class CentreType(models.TextChoices):
    ELDERLY_CARE = "elderly_care", "ศูนย์เรียนรู้ด้านการดูแลผู้สูงอายุ"
    CHILD_DEVELOPMENT = "child_development", "ศูนย์พัฒนาเด็กเล็กต้นแบบ"


CENTRE_TYPE_NAMES_EN = {
    CentreType.ELDERLY_CARE: "Elderly-care learning centre",
    CentreType.CHILD_DEVELOPMENT: "Model child development centre",
}


def centre_type_label(value: str) -> str:
    if english_active():
        return CENTRE_TYPE_NAMES_EN[CentreType(value)]
    return CentreType(value).label


def centre_type_choices() -> list[tuple[str, str]]:
    """(value, label) of each centre type, labelled in the active language."""
    return [(value, centre_type_label(value)) for value in CentreType.values]


class SearchListingMixin:
    """A listing page answered by the search layer (engine, or the database fallback), with
    the search page's filters, chips, sort and pagination, so its URLs are shareable and
    its counts are the search page's. Unknown filter values answer 400, as the API does."""

    listing_kind = ""  # a search document kind: "case_study" or "centre"
    listing_placeholder = ""  # what the search box suggests typing

    def get_context(self, request, *args, **kwargs):
        # The one edge from page models to search, imported here: search's documents import
        # these models, so a module-level import would be a cycle.
        from search.listing import listing_context

        context = super().get_context(request, *args, **kwargs)
        context.update(listing_context(request, self.listing_kind), listing_placeholder=self.listing_placeholder)
        if "listing_errors" not in context:
            context["feed_urls"] = feed_urls(context["parsed"].query.filters)
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if getattr(response, "context_data", None) and response.context_data.get("listing_errors"):
            response.status_code = 400
        return response


class CentreIndexPage(ReadableSlugMixin, SearchListingMixin, Page):
    """The directory of learning centres (/centres/)."""

    intro = RichTextField(_("คำนำ"), blank=True, features=SECTION_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["learning_centres.LearningCentrePage"]
    max_count = 1

    template = "pages/listing_page.html"
    listing_kind = "centre"
    listing_placeholder = _("ค้นหาศูนย์เรียนรู้ ชื่อ อปท. หรือจังหวัด")

    class Meta:
        verbose_name = _("หน้ารวมศูนย์เรียนรู้")


class LearningCentrePage(ReadableSlugMixin, CentreProfile, Page):
    centre_type = models.CharField(_("ประเภทศูนย์"), max_length=32, choices=CentreType.choices)
    lao = models.ForeignKey(
        LocalAdministrativeOrganisation,
        on_delete=models.PROTECT,
        related_name="centres",
        verbose_name=_("อปท. ที่ดำเนินการ"),
    )
    province = models.ForeignKey(Province, on_delete=models.PROTECT, verbose_name=_("จังหวัด"))
    district = models.ForeignKey(District, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("อำเภอ"))
    address = models.TextField(_("ที่อยู่"), blank=True)
    contact_name = models.CharField(_("ผู้ประสานงาน"), max_length=255, blank=True)
    contact_position = models.CharField(_("ตำแหน่ง"), max_length=255, blank=True)
    contact_phone = models.CharField(_("โทรศัพท์"), max_length=64, blank=True)
    website = models.URLField(_("เว็บไซต์"), blank=True)
    # Kept for staff and the exchange app; never published on the site (spam, PDPA).
    contact_email = models.EmailField(_("อีเมล (ไม่แสดงบนเว็บไซต์)"), blank=True)
    visiting_capacity = models.PositiveSmallIntegerField(
        _("จำนวนผู้ศึกษาดูงานที่รับได้ต่อครั้ง"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(2000)],
    )
    year_established = models.PositiveSmallIntegerField(
        _("ปีที่ก่อตั้ง (ค.ศ.)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    description = RichTextField(_("เกี่ยวกับศูนย์"), blank=True, features=SECTION_FEATURES)
    base_form_class = LearningCentrePageForm
    content_panels = Page.content_panels + [
        FieldPanel("centre_type"),
        FieldPanel("lao"),
        FieldRowPanel([FieldPanel("province"), FieldPanel("district")], heading=_("ที่ตั้ง")),
        FieldPanel("address"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("contact_name"),
                FieldPanel("contact_position"),
                FieldPanel("contact_phone"),
                FieldPanel("website"),
                FieldPanel("contact_email"),
            ],
            heading=_("ผู้ประสานงาน"),
        ),
        FieldRowPanel([FieldPanel("visiting_capacity"), FieldPanel("year_established")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("staff_count"), FieldPanel("volunteer_count")]),
                FieldPanel("opening_days"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                HelpPanel(template="learning_centres/admin/coordinate_map.html"),  # static/js/admin-coordinate-map.js
            ],
            heading=_("ข้อมูลศูนย์"),
        ),
        # Shown for one type only (static/js/admin-centre-profile.js); the form refuses the other's.
        MultiFieldPanel([FieldPanel(name) for name in ELDERLY_FIELDS], heading=_("ข้อมูลศูนย์ผู้สูงอายุ"), classname="profile-elderly_care"),
        MultiFieldPanel(
            [
                FieldPanel("children_enrolled"),
                FieldRowPanel([FieldPanel("children_age_from"), FieldPanel("children_age_to")]),
                FieldPanel("dla_standard_level"),
            ],
            heading=_("ข้อมูลศูนย์พัฒนาเด็กเล็ก"),
            classname="profile-child_development",
        ),
        InlinePanel("gallery_images", label=_("ภาพประกอบ")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("description"),
        index.FilterField("centre_type"),
    ]
    parent_page_types = ["learning_centres.CentreIndexPage"]
    subpage_types = ["learning_centres.CaseStudyPage"]
    template = "pages/learning_centre_page.html"

    class Meta:
        verbose_name = _("ศูนย์เรียนรู้")
        verbose_name_plural = _("ศูนย์เรียนรู้")

    @property
    def centre_type_label(self) -> str:
        return centre_type_label(self.centre_type)

    @property
    def year_established_be(self) -> int | None:
        return to_buddhist_year(self.year_established) if self.year_established else None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["case_studies"] = (
            CaseStudyPage.objects.live().public().child_of(self).prefetch_related("focus_areas").order_by("-year", "title")
        )
        if getattr(request, "is_preview", False):
            # A preview's child objects live in memory; prefetching would read the database's.
            context["gallery"] = self.gallery_images.select_related("image")
        else:
            models.prefetch_related_objects(
                [self],
                # With each image's renditions, so N pictures ({% image %}, og:image) cost no query each.
                models.Prefetch(
                    "gallery_images", queryset=LearningCentreImage.objects.select_related("image").prefetch_related("image__renditions")
                ),
            )
            context["gallery"] = self.gallery_images.all()
        return context


class GalleryImage(Orderable):
    """A picture in a page's gallery, with a caption."""

    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField(_("คำบรรยายภาพ"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        abstract = True

    @property
    def alt_text(self) -> str:
        """The image's description (Wagtail's alt-text field), else the caption, else its
        title: a picture that carries content never gets an empty alt."""
        return self.image.description or self.caption or self.image.title


class LearningCentreImage(GalleryImage):
    page = ParentalKey(LearningCentrePage, on_delete=models.CASCADE, related_name="gallery_images")


class CaseStudyTag(TaggedItemBase):
    content_object = ParentalKey("learning_centres.CaseStudyPage", on_delete=models.CASCADE, related_name="tagged_items")


def with_centre(queryset, **centre_lookups):
    """Filter case studies by fields of their parent centre, in one SQL query.

    A case study's parent path is its own path minus the last tree step, so this is a
    correlated EXISTS rather than a join (case studies store no copy of centre fields).
    """
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - CaseStudyPage.steplen)
    centres = LearningCentrePage.objects.filter(path=parent_path, **centre_lookups)
    return queryset.filter(Exists(centres))


class CaseStudyPage(ReadableSlugMixin, Page):
    # Each section, with its Thai and English heading, in reading order. Templates,
    # in-page navigation, search documents and exports all iterate this list.
    SECTIONS = (
        ("context_and_problem", "บริบทและสภาพปัญหา", "Context and problem"),
        ("objectives", "วัตถุประสงค์", "Objectives"),
        ("activities", "การดำเนินงาน", "What was done"),
        ("partners_and_participation", "ภาคีและการมีส่วนร่วม", "Partners and participation"),
        ("resources_and_funding", "ทรัพยากรและงบประมาณ", "Resources and funding"),
        ("results", "ผลการดำเนินงาน", "Results"),
        ("lessons_learned", "บทเรียนและปัจจัยความสำเร็จ", "Lessons learned and success factors"),
        ("how_to_transfer", "การนำไปปรับใช้ใน อปท. อื่น", "How another LAO can transfer it"),
    )

    summary = models.TextField(_("บทสรุป"), help_text=_("สรุปสั้น ๆ 2–3 ประโยค แสดงในผลการค้นหาและรายการ"))
    context_and_problem = RichTextField(_("บริบทและสภาพปัญหา"), blank=True, features=SECTION_FEATURES)
    objectives = RichTextField(_("วัตถุประสงค์"), blank=True, features=SECTION_FEATURES)
    activities = RichTextField(_("การดำเนินงาน"), blank=True, features=SECTION_FEATURES)
    partners_and_participation = RichTextField(_("ภาคีและการมีส่วนร่วม"), blank=True, features=SECTION_FEATURES)
    resources_and_funding = RichTextField(_("ทรัพยากรและงบประมาณ"), blank=True, features=SECTION_FEATURES)
    results = RichTextField(_("ผลการดำเนินงาน"), blank=True, features=SECTION_FEATURES)
    lessons_learned = RichTextField(_("บทเรียนและปัจจัยความสำเร็จ"), blank=True, features=SECTION_FEATURES)
    how_to_transfer = RichTextField(_("การนำไปปรับใช้ใน อปท. อื่น"), blank=True, features=SECTION_FEATURES)

    focus_areas = ParentalManyToManyField(
        "learning_centres.FocusArea", related_name="case_studies", limit_choices_to=THAI_TERMS, verbose_name=_("ด้านพื้นฐาน")
    )
    target_groups = ParentalManyToManyField(
        "learning_centres.TargetGroup",
        related_name="case_studies",
        limit_choices_to=THAI_TERMS,
        blank=True,
        verbose_name=_("กลุ่มเป้าหมาย"),
    )
    funding_sources = ParentalManyToManyField(
        "learning_centres.FundingSource",
        related_name="case_studies",
        limit_choices_to=THAI_TERMS,
        blank=True,
        verbose_name=_("แหล่งงบประมาณ"),
    )
    budget_baht = models.DecimalField(
        _("งบประมาณ (บาท)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    year = models.PositiveSmallIntegerField(
        _("ปีที่เริ่มดำเนินการ (ค.ศ.)"),
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    keywords = ClusterTaggableManager(_("คำสำคัญ"), through=CaseStudyTag, blank=True)
    evidence_level = models.PositiveSmallIntegerField(
        _("ระดับหลักฐาน"), choices=EvidenceLevel.choices, default=EvidenceLevel.PRACTISED, help_text=evidence_help_text()
    )
    # The id a partner's spreadsheet gives this case: re-importing the row updates the page
    # instead of adding a duplicate (open_data.importing). Never copied with the page.
    external_id = models.CharField(_("รหัสอ้างอิงภายนอก"), max_length=64, unique=True, null=True, blank=True, editable=False)

    base_form_class = CaseStudyPageForm
    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("year"), FieldPanel("budget_baht")]),
        FieldPanel("evidence_level"),
        FieldPanel("focus_areas", widget=forms.CheckboxSelectMultiple),
        FieldPanel("keywords"),
        FieldPanel("target_groups", widget=forms.CheckboxSelectMultiple),
        FieldPanel("funding_sources", widget=forms.CheckboxSelectMultiple),
    ]
    section_panels = [FieldPanel(name) for name, _th, _en in SECTIONS] + [
        InlinePanel("indicators", label=_("ตัวชี้วัด")),
        InlinePanel("readings", label=_("ผลการวัดตัวชี้วัดตามช่วงเวลา")),
    ]
    media_panels = [
        InlinePanel("gallery_images", label=_("ภาพประกอบ")),
        InlinePanel("documents", label=_("เอกสารดาวน์โหลด")),
    ]
    follow_up_panels = [InlinePanel("follow_ups", label=_("ความคืบหน้าหลังดำเนินการ"))]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("ข้อมูลหลัก")),
            ObjectList(section_panels, heading=_("เนื้อหากรณีศึกษา")),
            ObjectList(media_panels, heading=_("ภาพและเอกสาร")),
            ObjectList(follow_up_panels, heading=_("ความคืบหน้า")),
            ObjectList(Page.promote_panels, heading=_("การเผยแพร่")),
            ObjectList(Page.settings_panels, heading=_("ตั้งค่า")),
        ]
    )
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        *(index.SearchField(name) for name, _th, _en in SECTIONS),
        index.FilterField("year"),
    ]
    parent_page_types = ["learning_centres.LearningCentrePage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = ["external_id"]
    template = "pages/case_study_page.html"

    class Meta:
        verbose_name = _("กรณีศึกษา")
        verbose_name_plural = _("กรณีศึกษา")

    @property
    def buddhist_year(self) -> int:
        return to_buddhist_year(self.year)

    @property
    def evidence_label(self) -> str:
        return evidence_level_label(self.evidence_level)

    @property
    def evidence_needs(self) -> str:
        return str(EVIDENCE_LEVEL_NEEDS[EvidenceLevel(self.evidence_level)])

    def adoptions(self) -> list[dict]:
        """The LAOs that reported adopting this case after a study visit (exchange's visit
        feedback, once an editor approved it), earliest report first, one row per LAO."""
        if "adoption_reports" in getattr(self, "_prefetched_objects_cache", {}):  # exports prefetch them
            reports = sorted(
                (r for r in self.adoption_reports.all() if r.approved and r.request.lao_id), key=lambda report: report.created_at
            )
        else:
            reports = (
                self.adoption_reports.filter(approved=True, request__lao__isnull=False)
                .select_related("request__lao__province")
                .order_by("created_at")
            )
        seen: dict[int, dict] = {}
        for report in reports:
            seen.setdefault(report.request.lao_id, {"lao": report.request.lao, "date": report.created_at.date()})
        return list(seen.values())

    @property
    def centre(self) -> LearningCentrePage | None:
        """The parent centre with its province, district and LAO (the page names them): one
        query, remembered on this page object."""
        if not hasattr(self, "_centre"):
            parent = self.get_parent()
            if parent is None or isinstance(parent, LearningCentrePage):
                self._centre = parent
            else:
                related = LearningCentrePage.objects.select_related("province", "district", "lao").filter(pk=parent.pk).first()
                self._centre = related or parent.specific
        return self._centre

    def sections(self) -> list[dict]:
        english = english_active()
        return [
            {"name": name, "heading": en if english else th, "body": getattr(self, name)}
            for name, th, en in self.SECTIONS
            if getattr(self, name)
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["centre"] = self.centre
        if getattr(request, "is_preview", False):
            # A preview's child objects live in memory; prefetching would read the database's.
            context["gallery"] = self.gallery_images.select_related("image")
        else:
            # What the template and the <head> (OpenGraph, JSON-LD) read, one query per relation.
            models.prefetch_related_objects(
                [self],
                "focus_areas",
                "target_groups",
                "funding_sources",
                "keywords",
                "indicators",
                "readings",
                models.Prefetch("documents", queryset=CaseStudyDocument.objects.select_related("document")),
                # With each image's renditions, so N pictures ({% image %}, og:image) cost no query each.
                models.Prefetch(
                    "gallery_images", queryset=CaseStudyImage.objects.select_related("image").prefetch_related("image__renditions")
                ),
            )
            context["gallery"] = self.gallery_images.all()
            context["related_case_studies"] = self.related_case_studies(context["centre"])
        context["follow_ups"] = self.follow_ups.order_by("date")
        context["outcome_charts"] = outcome_series(self.indicators.all(), self.readings.all())
        # The adopting LAOs back the top level of the scale, and are listed with it (one query
        # on those pages only); an editor raises the level after reading the reports.
        context["adoptions"] = self.adoptions() if self.evidence_level == EvidenceLevel.ADOPTED and self.pk else []
        return context

    def related_case_studies(self, centre: LearningCentrePage | None) -> list["CaseStudyPage"]:
        """The case studies most like this one, ranked by the search layer."""
        from search.listing import related_case_studies  # lazily: search imports these models

        return related_case_studies(self, centre_type=centre.centre_type if isinstance(centre, LearningCentrePage) else None)


class CaseStudyIndicator(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="indicators")
    label = models.CharField(_("ตัวชี้วัด"), max_length=255)
    baseline = models.CharField(_("ก่อนดำเนินการ"), max_length=100, blank=True)
    result = models.CharField(_("หลังดำเนินการ"), max_length=100)

    panels = [FieldPanel("label"), FieldRowPanel([FieldPanel("baseline"), FieldPanel("result")])]


class CaseStudyImage(GalleryImage):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="gallery_images")


class CaseStudyDocument(Orderable):
    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("ชื่อเอกสาร"), max_length=255, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]


class CaseStudyFollowUp(Orderable):
    """A dated note on how the practice held up after publication ("what happened since")."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField(_("วันที่"))
    title = models.CharField(_("หัวข้อ"), max_length=255)
    text = models.TextField(_("รายละเอียด"))

    panels = [FieldPanel("date"), FieldPanel("title"), FieldPanel("text")]


class CaseStudyIndexPage(ReadableSlugMixin, SearchListingMixin, Page):
    """Every case study across centres (/case-studies/), newest first, filterable like /search/."""

    intro = RichTextField(_("คำนำ"), blank=True, features=SECTION_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    template = "pages/listing_page.html"
    listing_kind = "case_study"
    listing_placeholder = _("ค้นหาในกรณีศึกษา")

    class Meta:
        verbose_name = _("หน้ารวมกรณีศึกษา")
