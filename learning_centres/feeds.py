"""RSS and Atom feeds of the newest case studies, whole or filtered like a listing.

/feeds/case-studies.rss and /feeds/case-studies.atom take the same filters as the search API:
`area` (a focus-area slug), `centre_type` (also `type`, its older name) and
`province` (a DOPA province code). Repeat a parameter to combine values with OR; different
parameters combine with AND. A value that does not exist answers 400 with a plain-text
message, so a mistyped subscription fails loudly instead of silently following nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.syndication.views import Feed
from django.db.models import Exists, F, OuterRef
from django.http import HttpRequest, HttpResponseBadRequest, QueryDict
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from portal.locales import originals

from .models import CaseStudyIndexPage, CaseStudyPage, CentreType, FocusArea, LearningCentrePage, Province
from .models.pages import centre_type_label, with_centre

FEED_LENGTH = 30
MAX_VALUES_PER_PARAM = 20
MAX_VALUE_LENGTH = 100


class InvalidFeedFilter(ValueError):
    """A filter value that names nothing; the message is shown to the caller as is."""


@dataclass
class FeedFilters:
    areas: list[FocusArea] = field(default_factory=list)
    centre_types: list[str] = field(default_factory=list)
    provinces: list[Province] = field(default_factory=list)

    @classmethod
    def from_query(cls, params: QueryDict) -> FeedFilters:
        area_slugs = _values(params, "area")
        centre_types = _values(params, "centre_type") + _values(params, "type")
        province_codes = _values(params, "province")
        errors = []

        areas = list(FocusArea.objects.originals().filter(slug__in=area_slugs)) if area_slugs else []
        known_areas = {area.slug for area in areas}
        errors += [f"area: unknown value “{slug}”" for slug in area_slugs if slug not in known_areas]
        errors += [
            f"centre_type: unknown value “{value}” (use {' or '.join(CentreType.values)})"
            for value in centre_types
            if value not in CentreType.values
        ]
        provinces = list(Province.objects.filter(code__in=province_codes)) if province_codes else []
        known_provinces = {province.code for province in provinces}
        errors += [
            f"province: unknown value “{code}” (use a two-digit DOPA code)" for code in province_codes if code not in known_provinces
        ]
        if errors:
            raise InvalidFeedFilter("\n".join(errors))
        return cls(areas=areas, centre_types=list(dict.fromkeys(centre_types)), provinces=provinces)

    def __bool__(self) -> bool:
        return bool(self.areas or self.centre_types or self.provinces)

    def apply(self, case_studies):
        if self.areas:
            # EXISTS rather than a join, so a case study in two chosen areas is listed once.
            through = CaseStudyPage.focus_areas.through
            in_areas = through.objects.filter(casestudypage_id=OuterRef("pk"), focusarea__in=self.areas)
            case_studies = case_studies.filter(Exists(in_areas))
        centre_lookups = {}
        if self.centre_types:
            centre_lookups["centre_type__in"] = self.centre_types
        if self.provinces:
            centre_lookups["province__in"] = self.provinces
        if centre_lookups:
            case_studies = with_centre(case_studies, **centre_lookups)
        return case_studies

    def query_items(self) -> list[tuple[str, str]]:
        return (
            [("area", area.slug) for area in self.areas]
            + [("centre_type", value) for value in self.centre_types]
            + [("province", province.code) for province in self.provinces]
        )

    def describe(self) -> str:
        labels = [area.name for area in self.areas]
        labels += [centre_type_label(value) for value in self.centre_types]
        labels += [_("จ.%(province)s") % {"province": province.name} for province in self.provinces]
        return ", ".join(labels)


def _values(params: QueryDict, name: str) -> list[str]:
    values = [value.strip() for value in params.getlist(name) if value.strip()]
    if len(values) > MAX_VALUES_PER_PARAM:
        raise InvalidFeedFilter(f"{name}: at most {MAX_VALUES_PER_PARAM} values")
    for value in values:
        if len(value) > MAX_VALUE_LENGTH:
            raise InvalidFeedFilter(f"{name}: value too long")
    return list(dict.fromkeys(values))


@dataclass
class FeedRequest:
    """What one request asks of the feed (a Feed instance is shared between requests)."""

    request: HttpRequest
    filters: FeedFilters


class LatestCaseStudiesFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request, *args, **kwargs):
        try:
            filters = FeedFilters.from_query(request.GET)
        except InvalidFeedFilter as error:
            return HttpResponseBadRequest(f"{error}\n", content_type="text/plain; charset=utf-8")
        return super().__call__(request, *args, filters=filters, **kwargs)

    def get_object(self, request, *args, filters: FeedFilters, **kwargs) -> FeedRequest:
        return FeedRequest(request=request, filters=filters)

    def title(self, obj: FeedRequest) -> str:
        title = _("กรณีศึกษาล่าสุด") + " · " + _("คลังความรู้ อปท.")
        description = obj.filters.describe()
        return f"{title} — {description}" if description else title

    def description(self, obj: FeedRequest) -> str:
        return _("กรณีศึกษาจากศูนย์เรียนรู้ด้านการดูแลผู้สูงอายุและศูนย์พัฒนาเด็กเล็กต้นแบบทั่วประเทศ ให้ อปท. เรียนรู้และนำไปปรับใช้")

    subtitle = description

    def link(self, obj: FeedRequest) -> str:
        """The listing these items come from, with the same filters."""
        listing = originals(CaseStudyIndexPage.objects.live().public()).first()
        url = (listing.get_url(obj.request) if listing else None) or "/"
        query = QueryDict(mutable=True)
        for name, value in obj.filters.query_items():
            query.appendlist(name, value)
        return f"{url}?{query.urlencode()}" if query else url

    def feed_url(self, obj: FeedRequest) -> str:
        return obj.request.get_full_path()

    def items(self, obj: FeedRequest) -> list[CaseStudyPage]:
        case_studies = obj.filters.apply(originals(CaseStudyPage.objects.live().public()))
        items = list(
            case_studies.order_by(F("first_published_at").desc(nulls_last=True), "-pk").prefetch_related("focus_areas")[:FEED_LENGTH]
        )
        # Each item's centre (its parent page), all in one query.
        steplen = CaseStudyPage.steplen
        centres = {centre.path: centre for centre in LearningCentrePage.objects.filter(path__in={item.path[:-steplen] for item in items})}
        for item in items:
            item.feed_centre = centres.get(item.path[:-steplen])
            item.feed_link = obj.request.build_absolute_uri(item.get_url(obj.request) or "/")
        return items

    def item_title(self, item: CaseStudyPage) -> str:
        return item.title

    def item_description(self, item: CaseStudyPage) -> str:
        # Readers treat RSS descriptions and Atom summaries (type="html") as HTML; the summary
        # is plain text, so a "<" in it must reach them as text, not as markup.
        return escape(item.search_description or item.summary)

    def item_link(self, item: CaseStudyPage) -> str:
        return item.feed_link

    def item_guid(self, item: CaseStudyPage) -> str:
        return item.feed_link

    item_guid_is_permalink = True

    def item_pubdate(self, item: CaseStudyPage):
        return item.first_published_at

    def item_updateddate(self, item: CaseStudyPage):
        return item.last_published_at or item.first_published_at

    def item_categories(self, item: CaseStudyPage) -> list[str]:
        return [area.name for area in item.focus_areas.all()]

    def item_author_name(self, item: CaseStudyPage) -> str | None:
        return item.feed_centre.title if item.feed_centre else None


class LatestCaseStudiesAtomFeed(LatestCaseStudiesFeed):
    feed_type = Atom1Feed
