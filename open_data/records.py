"""Case studies as flat records (one per case study), in batches that cost a fixed number
of queries: the rows of the CSV and JSON exports."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.db.models import Prefetch
from django.http import HttpRequest

from learning_centres.models import CaseStudyDocument, CaseStudyImage, CaseStudyPage, LearningCentrePage
from thai.dates import to_buddhist_year

from .columns import COLUMN_NAMES, LIST_SEPARATOR, PROFILE_FIELDS

BATCH_SIZE = 200


def centres_of(pages: Iterable[CaseStudyPage]) -> dict[str, LearningCentrePage]:
    """Each case study's centre, by the case study's parent path, in one query."""
    parent_paths = {page.path[: -CaseStudyPage.steplen] for page in pages}
    centres = LearningCentrePage.objects.filter(path__in=parent_paths).select_related("lao", "province", "district")
    return {centre.path: centre for centre in centres}


def _plain_number(value: Decimal | None) -> str:
    if value is None:
        return ""
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


def _absolute(request: HttpRequest | None, url: str | None) -> str:
    if not url:
        return ""
    return request.build_absolute_uri(url) if request is not None else url


def _json(items: list[dict]) -> str:
    """A list as one JSON cell (readable Thai, not \\u escapes); empty lists as an empty cell."""
    return json.dumps(items, ensure_ascii=False) if items else ""


def _profile(centre: LearningCentrePage | None) -> dict[str, object]:
    """The centre's profile columns: numbers as numbers, coordinates as written, empty where unknown."""
    values: dict[str, object] = {}
    for name in PROFILE_FIELDS:
        value = getattr(centre, name, None) if centre else None
        values[f"centre_{name}"] = "" if value in (None, "") else _plain_number(value) if isinstance(value, Decimal) else value
    return values


def record(page: CaseStudyPage, centre: LearningCentrePage | None, request: HttpRequest | None = None) -> dict[str, object]:
    lao = centre.lao if centre else None
    values: dict[str, object] = {
        "external_id": page.external_id or "",
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "year_be": to_buddhist_year(page.year),
        "year_ce": page.year,
        "centre": centre.title if centre else "",
        "centre_type": centre.centre_type if centre else "",
        "lao": lao.name_th if lao else "",
        "lao_type": lao.lao_type if lao else "",
        "lao_code": (lao.code or "") if lao else "",
        "province_code": centre.province_id if centre else "",
        "province": centre.province.name_th if centre else "",
        "district_code": (centre.district_id or "") if centre else "",
        "district": centre.district.name_th if centre and centre.district else "",
        **_profile(centre),
        "focus_areas": LIST_SEPARATOR.join(area.slug for area in page.focus_areas.all()),
        "keywords": LIST_SEPARATOR.join(sorted(tag.name for tag in page.keywords.all())),
        "target_groups": LIST_SEPARATOR.join(group.slug for group in page.target_groups.all()),
        "funding_sources": LIST_SEPARATOR.join(source.slug for source in page.funding_sources.all()),
        "budget_baht": _plain_number(page.budget_baht),
        "evidence_level": page.evidence_level,
        "adopted_by": LIST_SEPARATOR.join(adoption["lao"].name_th for adoption in page.adoptions()),
        **{name: getattr(page, name) for name, _th, _en in CaseStudyPage.SECTIONS},
        "indicators": _json([{"label": i.label, "baseline": i.baseline, "result": i.result} for i in page.indicators.all()]),
        "readings": _json(
            [
                {"indicator": r.indicator, "date": r.date.isoformat(), "value": str(r.value), "unit": r.unit, "source": r.source}
                for r in sorted(page.readings.all(), key=lambda r: (r.indicator, r.date))
            ]
        ),
        "follow_ups": _json([{"date": f.date.isoformat(), "title": f.title, "text": f.text} for f in page.follow_ups.all()]),
        "images": "",
        "documents": "",
        "page_id": page.pk,
        "url": _absolute(request, page.url),
        "first_published_at": page.first_published_at.isoformat() if page.first_published_at else "",
        "image_urls": LIST_SEPARATOR.join(_absolute(request, item.image.file.url) for item in page.gallery_images.all()),
        "document_urls": LIST_SEPARATOR.join(_absolute(request, item.document.url) for item in page.documents.all()),
    }
    return {name: values[name] for name in COLUMN_NAMES}


def records(page_ids: Iterable[int], request: HttpRequest | None = None) -> Iterator[dict[str, object]]:
    """Records of the live, public case studies among `page_ids`, in the given order."""
    ids = list(page_ids)
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        pages = (
            CaseStudyPage.objects.live()
            .public()
            .filter(pk__in=batch)
            .prefetch_related(
                "focus_areas",
                "keywords",
                "target_groups",
                "funding_sources",
                "indicators",
                "readings",
                "follow_ups",
                "adoption_reports__request__lao",
                Prefetch("gallery_images", queryset=CaseStudyImage.objects.select_related("image")),
                Prefetch("documents", queryset=CaseStudyDocument.objects.select_related("document")),
            )
        )
        by_id = {page.pk: page for page in pages}
        centres = centres_of(by_id.values())
        for page_id in batch:
            page = by_id.get(page_id)
            if page is not None:
                yield record(page, centres.get(page.path[: -CaseStudyPage.steplen]), request)
