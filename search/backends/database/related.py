"""Case studies related to one case study, as the database ranks them: shared focus areas
weigh most, then shared keywords, then the same centre type (search.contract's boosts).
search.service picks this or the engine's ranking; search.listing shows the pages."""

from __future__ import annotations

import json
from collections.abc import Sequence

from search.contract import AREA_BOOST, CENTRE_TYPE_BOOST, KEYWORD_BOOST, Likeness
from search.documents import CASE_STUDY
from search.models import FallbackDocument


def ranking(likeness: Likeness, limit: int) -> list[int]:
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
