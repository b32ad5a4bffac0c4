"""Case studies related to one case study, as the engine ranks them: text similarity (a
more_like_this query on the segmented text) plus boosts for shared focus areas and keywords.
search.service picks this or the database's ranking; search.listing shows the pages."""

from __future__ import annotations

from search.contract import AREA_BOOST, CENTRE_TYPE_BOOST, KEYWORD_BOOST, Likeness
from search.documents import CASE_STUDY, document_id

from .client import SearchEngine

# The text fields compared (as search.fields names them).
SIMILAR_TEXT_FIELDS = ("title", "summary", "body", "keywords_text")


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


def ranking(engine: SearchEngine, likeness: Likeness, limit: int) -> list[int]:
    response = engine.search(engine_body(likeness, limit))
    return [hit["_source"]["page_id"] for hit in response["hits"]["hits"]]
