"""Fast loading of a generated corpus into a benchmark database.

The editorial path (add_child, save_revision().publish(), the outbox, the fallback row of each
page) costs tens of milliseconds per page, far too slow for 100,000 case studies. Here pages
are written with bulk inserts that still give valid Wagtail pages: treebeard paths, depth,
numchild and url_path are computed as Wagtail would, each page gets a translation key and the
default locale, and is live with a first/last publication date. Search tables are filled
afterwards, and timed, by the portal's own code (search.backends.database.sync.rebuild_fallback,
search.indexing.rebuild) and Wagtail's update_index.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from taggit.models import Tag
from wagtail.models import Locale, Page

from home.demo import ensure_site_structure
from learning_centres.models import (
    CaseStudyIndicator,
    CaseStudyPage,
    CaseStudyTag,
    FocusArea,
    FundingSource,
    LearningCentrePage,
    LocalAdministrativeOrganisation,
    TargetGroup,
)

from .corpus import Corpus

BATCH = 1000
EPOCH = datetime.datetime(2015, 1, 1, 9, 0, tzinfo=datetime.UTC)
_BASE_FIELDS = [f for f in Page._meta.local_concrete_fields if not f.primary_key]


def _paragraphs(text: str) -> str:
    return f"<p>{text}</p>"


def _insert_pages(parent: Page, pages: Sequence[Page], published: Sequence[datetime.datetime]) -> None:
    """Insert `pages` (all of one specific type) as the last children of `parent`."""
    if not pages:
        return
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    locale_id = parent.locale_id or Locale.get_default().pk
    first_step = parent.numchild + 1
    for offset, (page, when) in enumerate(zip(pages, published, strict=True)):
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, first_step + offset)
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = locale_id
        page.translation_key = uuid.uuid4()
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = page.last_published_at = when
        page.numchild = 0
    for start in range(0, len(pages), BATCH):
        chunk = pages[start : start + BATCH]
        # Multi-table inheritance: the wagtailcore_page rows first, then the specific rows.
        bases = Page.objects.bulk_create([Page(**{f.attname: getattr(page, f.attname) for f in _BASE_FIELDS}) for page in chunk])
        for page, base in zip(chunk, bases, strict=True):
            page.id = page.page_ptr_id = base.pk
        model._base_manager._insert(chunk, fields=model._meta.local_concrete_fields, using="default")
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    parent.numchild += len(pages)


@transaction.atomic
def load(corpus: Corpus) -> dict[str, int]:
    """Write the corpus's centres and case studies; returns what was created."""
    _home, centre_index, _cases = ensure_site_structure()
    laos = LocalAdministrativeOrganisation.objects.bulk_create(
        [
            LocalAdministrativeOrganisation(
                name_th=spec.lao_name, lao_type=spec.lao_type, province_id=spec.province, district_id=spec.district
            )
            for spec in corpus.centres
        ]
    )
    centres = [
        LearningCentrePage(
            title=spec.title,
            slug=spec.slug,
            centre_type=spec.centre_type,
            lao_id=lao.pk,
            province_id=spec.province,
            district_id=spec.district,
            description=_paragraphs(spec.description),
            visiting_capacity=30,
        )
        for spec, lao in zip(corpus.centres, laos, strict=True)
    ]
    _insert_pages(centre_index, centres, [EPOCH] * len(centres))

    by_centre: dict[int, list[int]] = {}
    for number, case in enumerate(corpus.case_studies):
        by_centre.setdefault(case.centre, []).append(number)
    pages: list[CaseStudyPage | None] = [None] * len(corpus.case_studies)
    for centre_number, numbers in by_centre.items():
        specs = [corpus.case_studies[number] for number in numbers]
        children = [
            CaseStudyPage(
                title=spec.title,
                slug=spec.slug,
                summary=spec.summary,
                year=spec.year,
                budget_baht=100_000,
                **{name: _paragraphs(text) for (name, _th, _en), text in zip(CaseStudyPage.SECTIONS, spec.sections, strict=True)},
            )
            for spec in specs
        ]
        _insert_pages(centres[centre_number], children, [EPOCH + datetime.timedelta(days=spec.published_day) for spec in specs])
        for number, page in zip(numbers, children, strict=True):
            pages[number] = page

    areas = dict(FocusArea.objects.originals().values_list("slug", "pk"))
    groups = dict(TargetGroup.objects.originals().values_list("slug", "pk"))
    funds = dict(FundingSource.objects.originals().values_list("slug", "pk"))
    tags = {}
    for spec in corpus.case_studies:
        for name in spec.keywords:
            if name not in tags:
                tags[name] = Tag.objects.get_or_create(name=name, defaults={"slug": f"kw-{len(tags) + 1}"})[0].pk
    through = {
        "focus_areas": (CaseStudyPage.focus_areas.through, "focusarea_id", areas),
        "target_groups": (CaseStudyPage.target_groups.through, "targetgroup_id", groups),
        "funding_sources": (CaseStudyPage.funding_sources.through, "fundingsource_id", funds),
    }
    for attribute, (model, column, ids) in through.items():
        model.objects.bulk_create(
            [
                model(casestudypage_id=page.pk, **{column: ids[slug]})
                for spec, page in zip(corpus.case_studies, pages, strict=True)
                for slug in getattr(spec, attribute)
            ],
            batch_size=BATCH,
        )
    CaseStudyTag.objects.bulk_create(
        [
            CaseStudyTag(content_object_id=page.pk, tag_id=tags[name])
            for spec, page in zip(corpus.case_studies, pages, strict=True)
            for name in spec.keywords
        ],
        batch_size=BATCH,
    )
    CaseStudyIndicator.objects.bulk_create(
        [
            CaseStudyIndicator(page_id=page.pk, label=label, baseline=baseline, result=result, sort_order=order)
            for spec, page in zip(corpus.case_studies, pages, strict=True)
            for order, (label, baseline, result) in enumerate(spec.indicators)
        ],
        batch_size=BATCH,
    )
    return {"centres": len(centres), "case_studies": len(pages)}
