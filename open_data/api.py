"""The read API at /api/v2/ (Wagtail API v2): case studies and centres on the pages
endpoint, and the eight focus areas. See docs/open-data.md.

The pages endpoint serves only these two page types, with their useful fields defined here
(not on the models), and three validated filters: `area`, `centre_type`, `province`.
https://docs.wagtail.org/en/stable/advanced_topics/api/v2/configuration.html
"""

from __future__ import annotations

from rest_framework.fields import Field
from rest_framework.filters import BaseFilterBackend

from django.conf import settings
from django.db.models import Case, IntegerField, Q, Value, When

from wagtail.api import APIField
from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import BaseSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Page

from learning_centres.models import CaseStudyDocument, CaseStudyPage, CentreType, EvidenceLevel, FocusArea, LearningCentrePage, Province
from learning_centres.models.evidence import EVIDENCE_LEVEL_NAMES_EN
from learning_centres.models.pages import CENTRE_TYPE_NAMES_EN, with_centre
from learning_centres.models.profiles import CHILD_FIELDS, ELDERLY_FIELDS
from learning_centres.models.registry import LAO_TYPE_NAMES_EN, LAOType
from search import service
from search.contract import MAX_QUERY_LENGTH, SearchQuery
from search.documents import CASE_STUDY, CENTRE
from thai.dates import to_buddhist_year
from thai.numbers import parse_whole_number
from usage.dashboard import figures as usage_figures
from usage.models import Kind as UsageKind

THUMBNAIL_SPEC = "fill-480x320"
LARGE_SPEC = "max-1200x1200"
MAX_FILTER_VALUES = 20
API_SEARCH_MAX_HITS = 500  # `search` pages through the best matches only (docs/open-data.md)


def _province(province) -> dict | None:
    if province is None:
        return None
    return {"code": province.code, "name_th": province.name_th, "name_en": province.name_en, "region": province.region}


def _rendition(image, spec: str) -> dict:
    rendition = image.get_rendition(spec)
    return {"url": rendition.url, "width": rendition.width, "height": rendition.height}


class _WholeObjectField(Field):
    """A read-only field computed from the whole page (source="*")."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)


class SectionsField(_WholeObjectField):
    def to_representation(self, page):
        return [
            {"name": name, "heading_th": th, "heading_en": en, "html": getattr(page, name)}
            for name, th, en in CaseStudyPage.SECTIONS
            if getattr(page, name)
        ]


class FocusAreasField(_WholeObjectField):
    def to_representation(self, page):
        return [{"slug": area.slug, "name_th": area.name_th, "name_en": area.name_en} for area in page.focus_areas.all()]


class SlugNamesField(Field):
    def to_representation(self, manager):
        return [{"slug": term.slug, "name_th": term.name_th, "name_en": term.name_en} for term in manager.all()]


class KeywordsField(Field):
    def to_representation(self, manager):
        return sorted(tag.name for tag in manager.all())


class YearField(_WholeObjectField):
    def to_representation(self, page):
        return {"ce": page.year, "be": to_buddhist_year(page.year)}


def _centre_of(page) -> LearningCentrePage | None:
    if isinstance(page, LearningCentrePage):
        return page
    parent = page.get_parent()
    return parent.specific if parent and isinstance(parent.specific, LearningCentrePage) else None


class CentreField(_WholeObjectField):
    def to_representation(self, page):
        centre = _centre_of(page)
        if centre is None:
            return None
        return {
            "id": centre.pk,
            "title": centre.title,
            "centre_type": centre.centre_type,
            "centre_type_name_th": CentreType(centre.centre_type).label,
            "centre_type_name_en": CENTRE_TYPE_NAMES_EN[CentreType(centre.centre_type)],
            "url": centre.url,
        }


class LAOField(_WholeObjectField):
    def to_representation(self, page):
        centre = _centre_of(page)
        lao = centre.lao if centre else None
        if lao is None:
            return None
        return {
            "code": lao.code,
            "name_th": lao.name_th,
            "name_en": lao.name_en,
            "lao_type": lao.lao_type,
            "lao_type_name_th": LAOType(lao.lao_type).label,
            "lao_type_name_en": LAO_TYPE_NAMES_EN[LAOType(lao.lao_type)],
        }


class ProvinceField(_WholeObjectField):
    def to_representation(self, page):
        centre = _centre_of(page)
        return _province(centre.province) if centre else None


class DistrictField(_WholeObjectField):
    def to_representation(self, page):
        centre = _centre_of(page)
        district = centre.district if centre else None
        return {"code": district.code, "name_th": district.name_th, "name_en": district.name_en} if district else None


class ImagesField(Field):
    def to_representation(self, items):
        return [
            {
                "title": item.image.title,
                "caption": item.caption,
                "width": item.image.width,
                "height": item.image.height,
                "original_url": item.image.file.url,
                "thumbnail": _rendition(item.image, THUMBNAIL_SPEC),
                "large": _rendition(item.image, LARGE_SPEC),
            }
            for item in items.select_related("image")
        ]


class DocumentsField(Field):
    def to_representation(self, items):
        return [
            {"title": item.title or item.document.title, "url": item.document.url, "file_extension": item.document.file_extension}
            for item in items.select_related("document")
        ]


class IndicatorsField(Field):
    def to_representation(self, items):
        return [{"label": item.label, "baseline": item.baseline, "result": item.result} for item in items.all()]


class EvidenceLevelField(_WholeObjectField):
    def to_representation(self, page):
        level = EvidenceLevel(page.evidence_level)
        return {"level": level.value, "name_th": level.label, "name_en": EVIDENCE_LEVEL_NAMES_EN[level]}


class AdoptedByField(_WholeObjectField):
    def to_representation(self, page):
        return [
            {"lao": adoption["lao"].name_th, "lao_code": adoption["lao"].code, "reported_on": adoption["date"].isoformat()}
            for adoption in page.adoptions()
        ]


class ReadingsField(Field):
    def to_representation(self, items):
        return [
            {"indicator": item.indicator, "date": item.date.isoformat(), "value": str(item.value), "unit": item.unit, "source": item.source}
            for item in sorted(items.all(), key=lambda item: (item.indicator, item.date))
        ]


class ProfileField(_WholeObjectField):
    """The centre's profile: the fields of its own type only, and its coordinates."""

    def to_representation(self, page):
        own = ELDERLY_FIELDS if page.centre_type == CentreType.ELDERLY_CARE else CHILD_FIELDS
        profile = {name: getattr(page, name) for name in (*own, "staff_count", "volunteer_count")}
        profile["opening_days"] = [int(day) for day in page.opening_days.split(",") if day]
        profile["coordinates"] = {"lat": float(page.latitude), "lon": float(page.longitude)} if page.has_coordinates else None
        return profile


class UsageField(_WholeObjectField):
    """How often the page was read (its documents downloaded, for a centre its visits
    requested): the usage app's daily counters, bots excluded, over 30 days and in total.
    Counted on the Thai original, so /en/ and Thai readers add up."""

    def to_representation(self, page):
        original_id = page.alias_of_id or page.pk
        if page.alias_of_id is None and page.locale.language_code != settings.LANGUAGE_CODE:  # an editor's translation
            thai = Page.objects.filter(translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE)
            original_id = thai.values_list("pk", flat=True).first() or page.pk
        if isinstance(page, CaseStudyPage):
            documents = CaseStudyDocument.objects.filter(page_id=original_id).values_list("document_id", flat=True)
            return usage_figures(UsageKind.CASE_STUDY, original_id, list(documents))
        return usage_figures(UsageKind.CENTRE, original_id)


class FollowUpsField(Field):
    def to_representation(self, items):
        return [{"date": item.date.isoformat(), "title": item.title, "text": item.text} for item in items.order_by("date")]


COMMON_FIELDS = [APIField("centre", CentreField()), APIField("lao", LAOField()), APIField("province", ProvinceField())]
API_FIELDS = {
    CaseStudyPage: [
        APIField("summary"),
        APIField("year", YearField()),
        APIField("sections", SectionsField()),
        APIField("focus_areas", FocusAreasField()),
        APIField("keywords", KeywordsField()),
        APIField("target_groups", SlugNamesField()),
        APIField("funding_sources", SlugNamesField()),
        APIField("budget_baht"),
        APIField("evidence_level", EvidenceLevelField()),
        APIField("adopted_by", AdoptedByField()),
        *COMMON_FIELDS,
        APIField("images", ImagesField(source="gallery_images")),
        APIField("documents", DocumentsField()),
        APIField("indicators", IndicatorsField()),
        APIField("readings", ReadingsField()),
        APIField("follow_ups", FollowUpsField()),
        APIField("usage", UsageField()),
    ],
    LearningCentrePage: [
        APIField("centre_type"),
        APIField("description"),
        *COMMON_FIELDS,
        APIField("district", DistrictField()),
        APIField("address"),
        APIField("contact_name"),
        APIField("contact_position"),
        APIField("contact_phone"),
        APIField("visiting_capacity"),
        APIField("year_established"),
        APIField("profile", ProfileField()),
        APIField("images", ImagesField(source="gallery_images")),
        APIField("usage", UsageField()),
    ],
}
LISTING_FIELDS = {
    CaseStudyPage: ["summary", "year", "evidence_level", "focus_areas", "centre", "province"],
    LearningCentrePage: ["centre_type", "lao", "province"],
}


def _values(request, name: str) -> list[str]:
    """Repeated (`area=a&area=b`) or comma-separated (`area=a,b`) values."""
    values = [part.strip() for raw in request.GET.getlist(name) for part in raw.split(",") if part.strip()]
    if len(values) > MAX_FILTER_VALUES:
        raise BadRequestError(f"{name}: at most {MAX_FILTER_VALUES} values")
    return values


def _check(name: str, values: list[str], allowed: set[str]) -> None:
    unknown = [value for value in values if value not in allowed]
    if unknown:
        shown = ", ".join(f"'{value[:50]}'" for value in unknown)
        raise BadRequestError(f"{name}: unknown value {shown}; allowed: {', '.join(sorted(allowed))}")


class PortalFilter(BaseFilterBackend):
    """`area` (focus-area slugs: only case studies), `centre_type` and `province` (DOPA code):
    centres, and case studies through their centre. Values of one filter combine with OR,
    different filters with AND. Unknown values are a 400, never an empty answer."""

    def filter_queryset(self, request, queryset, view):
        areas = _values(request, "area")
        centre_types = _values(request, "centre_type")
        provinces = _values(request, "province")
        _check("area", areas, set(FocusArea.objects.originals().values_list("slug", flat=True)))
        _check("centre_type", centre_types, set(CentreType.values))
        _check("province", provinces, set(Province.objects.values_list("code", flat=True)))
        if not (areas or centre_types or provinces):
            return queryset
        centre_lookups = {}
        if centre_types:
            centre_lookups["centre_type__in"] = centre_types
        if provinces:
            centre_lookups["province__in"] = provinces
        case_studies = CaseStudyPage.objects.all()
        if areas:
            case_studies = case_studies.filter(focus_areas__slug__in=areas)
        if centre_lookups:
            case_studies = with_centre(case_studies, **centre_lookups)
        matching = Q(pk__in=case_studies.values("pk"))
        if not areas:
            matching |= Q(pk__in=LearningCentrePage.objects.filter(**centre_lookups).values("pk"))
        return queryset.filter(matching)


class _FindByWholeNumberId:
    """`find/?id=` as a 400 unless the id is a whole number (Wagtail passes any text to the
    database, which raises: a 500)."""

    def find_object(self, queryset, request):
        if "id" in request.GET and parse_whole_number(request.GET["id"]) is None:
            raise BadRequestError("id: must be a whole number")
        return super().find_object(queryset, request)


class PortalSearchFilter(BaseFilterBackend):
    """`search` through the portal's own search (search.service: the engine, else the
    database fallback, with Thai segmentation and synonyms), never Wagtail's search backend,
    which scans the database (seconds to minutes a request at 10,000 case studies). The
    listing keeps the API's usual shape: the best API_SEARCH_MAX_HITS hits, in rank order
    unless `order` is given, after the other filters. `search_operator` is always `and`:
    every part of a query must match, as on /search/."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        text = request.GET["search"]
        if len(text) > MAX_QUERY_LENGTH:
            raise BadRequestError(f"search: at most {MAX_QUERY_LENGTH} characters")
        if request.GET.get("search_operator", "and") != "and":
            raise BadRequestError("search_operator: only 'and' (every part of the query must match)")
        if not text.strip():
            return queryset
        query = SearchQuery(text=text, kinds=(CASE_STUDY, CENTRE), page_size=API_SEARCH_MAX_HITS, ranking_only=True)
        hits = service.search(query, correct_spelling=False).result.hits
        ranked = [hit.page_id for hit in hits]
        queryset = queryset.filter(pk__in=ranked)
        if "order" in request.GET:
            return queryset
        rank = Case(*(When(pk=pk, then=Value(position)) for position, pk in enumerate(ranked)), output_field=IntegerField())
        return queryset.order_by(rank) if ranked else queryset


class CaseStudiesAndCentresAPIViewSet(_FindByWholeNumberId, PagesAPIViewSet):
    # Wagtail's SearchFilter (last: it must see the other filters) replaced by the portal's.
    filter_backends = [PortalFilter, *(PortalSearchFilter if each is SearchFilter else each for each in PagesAPIViewSet.filter_backends)]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(["area", "centre_type", "province"])

    def get_base_queryset(self):
        return super().get_base_queryset().type(CaseStudyPage, LearningCentrePage)

    @classmethod
    def get_body_fields(cls, model):
        return cls._convert_api_fields(cls.body_fields + API_FIELDS.get(model, []))

    @classmethod
    def get_listing_default_fields(cls, model):
        return super().get_listing_default_fields(model) + LISTING_FIELDS.get(model, [])


class FocusAreasAPIViewSet(_FindByWholeNumberId, BaseAPIViewSet):
    base_serializer_class = BaseSerializer
    model = FocusArea
    name = "focus-areas"
    body_fields = [*BaseAPIViewSet.body_fields, "slug", "name_th", "name_en", "description"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "slug", "name_th", "name_en"]

    def get_queryset(self):
        return FocusArea.objects.originals().order_by("sort_order", "slug")


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", CaseStudiesAndCentresAPIViewSet)
api_router.register_endpoint("focus-areas", FocusAreasAPIViewSet)
