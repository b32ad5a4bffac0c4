"""Case studies related to one case study, ranked by similarity, through the search layer.

One entry point (related_case_studies) with one implementation per backend, like
search.service: the engine ranks by text similarity (a more_like_this query on the
segmented text) plus boosts for shared focus areas and keywords; the database fallback
ranks by shared focus areas, keywords and centre type. Either way the pages shown are read
from the database (the truth) in a constant number of queries, whatever the number shown.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Prefetch

from learning_centres.models import CaseStudyPage, FocusArea

from .documents import CASE_STUDY, document_id
from .engine import EngineUnavailable, SearchEngine, get_engine
from .models import FallbackDocument

logger = logging.getLogger(__name__)

DEFAULT_LIMIT = 3
# The text fields compared (as search.mapping names them) and the boosts of shared tags.
SIMILAR_TEXT_FIELDS = ("title", "summary", "body", "keywords_text")
AREA_BOOST, KEYWORD_BOOST, CENTRE_TYPE_BOOST = 3.0, 2.0, 1.0


@dataclass(frozen=True)
class Likeness:
    """What a case study is compared by: its index id and the tags it shares with others."""

    page_id: int
    focus_areas: tuple[str, ...]
    keywords: tuple[str, ...]
    centre_type: str | None

    @classmethod
    def of(cls, page: CaseStudyPage, centre_type: str | None) -> Likeness:
        # .all() reads what the page view has prefetched, so this costs no query there.
        return cls(
            page_id=page.pk,
            focus_areas=tuple(area.slug for area in page.focus_areas.all()),
            keywords=tuple(tag.name for tag in page.keywords.all()),
            centre_type=centre_type,
        )


def engine_body(likeness: Likeness, limit: int) -> dict:
    """A bool query: similar text (more_like_this on the document already in the index) or
    shared focus areas/keywords, each adding to the score; never the case itself."""
    should: list[dict] = [
        {
            "more_like_this": {
                "fields": list(SIMILAR_TEXT_FIELDS),
                "like": [{"_id": document_id(CASE_STUDY, likeness.page_id)}],
                # Small corpora: a word used once, in two documents, is already a signal.
                "min_term_freq": 1,
                "min_doc_freq": 2,
                "max_query_terms": 40,
                "minimum_should_match": "10%",
            }
        }
    ]
    if likeness.focus_areas:
        should += [{"term": {"focus_areas": {"value": slug, "boost": AREA_BOOST}}} for slug in likeness.focus_areas]
    if likeness.keywords:
        should += [{"term": {"keywords": {"value": name, "boost": KEYWORD_BOOST}}} for name in likeness.keywords]
    similar = {
        "bool": {
            "should": should,
            "minimum_should_match": 1,
            "filter": [{"term": {"kind": CASE_STUDY}}],
            "must_not": [{"ids": {"values": [document_id(CASE_STUDY, likeness.page_id)]}}],
        }
    }
    # The same centre type adds a little to a case that is similar, never makes one similar.
    boost_type = [{"term": {"centre_type": {"value": likeness.centre_type, "boost": CENTRE_TYPE_BOOST}}}] if likeness.centre_type else []
    query = {"bool": {"must": [similar], "should": boost_type}}
    return {"query": query, "size": limit, "_source": ["page_id"], "track_total_hits": False}


def engine_ranking(engine: SearchEngine, likeness: Likeness, limit: int) -> list[int]:
    response = engine.search(engine_body(likeness, limit))
    return [hit["_source"]["page_id"] for hit in response["hits"]["hits"]]


def fallback_ranking(likeness: Likeness, limit: int) -> list[int]:
    """Shared focus areas weigh most, then shared keywords, then the same centre type; a
    case must share an area or a keyword. Ties go to the newest. One query: the fallback
    table's short columns of every case study, scored here."""
    areas, keywords = set(likeness.focus_areas), set(likeness.keywords)
    if not areas and not keywords:
        return []
    rows = (
        FallbackDocument.objects.filter(kind=CASE_STUDY)
        .exclude(page_id=likeness.page_id)
        .values_list("page_id", "focus_areas", "keywords", "centre_type", "published_at")
    )
    scored = []
    for page_id, row_areas, row_keywords, centre_type, published_at in rows:
        shared_areas = len(areas.intersection(_as_list(row_areas)))
        shared_keywords = len(keywords.intersection(_as_list(row_keywords)))
        if not shared_areas and not shared_keywords:
            continue
        score = AREA_BOOST * shared_areas + KEYWORD_BOOST * shared_keywords
        if likeness.centre_type and centre_type == likeness.centre_type:
            score += CENTRE_TYPE_BOOST
        scored.append((score, published_at is not None, published_at, -page_id, page_id))
    scored.sort(reverse=True)
    return [item[-1] for item in scored[:limit]]


def _as_list(value) -> Sequence[str]:
    # JSON columns arrive decoded from the ORM, but be lenient with text.
    return json.loads(value) if isinstance(value, str) else (value or ())


def _pages_in_order(page_ids: list[int]) -> list[CaseStudyPage]:
    """The live, public pages of these ids in the given order (two queries in all)."""
    if not page_ids:
        return []
    pages = CaseStudyPage.objects.live().public().filter(pk__in=page_ids).prefetch_related(Prefetch("focus_areas", FocusArea.objects.all()))
    by_id = {page.pk: page for page in pages}
    return [by_id[page_id] for page_id in page_ids if page_id in by_id]


def related_case_studies(page: CaseStudyPage, centre_type: str | None = None, limit: int = DEFAULT_LIMIT) -> list[CaseStudyPage]:
    """Up to `limit` live case studies most like `page`, best first; the engine's ranking
    when there is an engine that answers, the database's otherwise."""
    likeness = Likeness.of(page, centre_type)
    engine = get_engine()
    ranking: list[int] | None = None
    # A few spare ids, in case the index still lists a page that is no longer live.
    wanted = limit + 2
    if engine is not None:
        try:
            ranking = engine_ranking(engine, likeness, wanted)
        except EngineUnavailable as error:
            logger.warning("Search engine unavailable for related case studies, using the database: %s", error)
    if ranking is None:
        ranking = fallback_ranking(likeness, wanted)
    return _pages_in_order(ranking)[:limit]
