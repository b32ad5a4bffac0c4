"""The engine backend's search and suggestions: search.contract's SearchQuery in, SearchResult out.

Visitor input only ever becomes `match`/`match_phrase` clauses on the fields search.fields names (never
`query_string`), is length-capped, and pagination is bounded by the index's result window.
"""

from __future__ import annotations

import json
from functools import lru_cache

from elasticsearch import dsl

from search.contract import (
    FACET_SIZE,
    FRAGMENT_SIZE,
    MAX_RESULT_WINDOW,
    Hit,
    QueryTerm,
    SearchQuery,
    SearchResult,
    Suggestion,
    parse_terms,
    suggest_prefix,
)
from search.fields import BY_NAME, COUNTED_FACETS, FACET_FIELDS, FIELDS, HIGHLIGHTED_FIELDS, SEARCH_FIELDS
from thai.text import WORD_MARK, segment

from .client import SearchEngine

# The long texts come back as highlights; their full copies (tens of kB a hit) would only
# slow the response and its parsing (measured in BENCHMARKS.md).
_NOT_IN_HITS = [field.name for field in FIELDS if not field.in_hit]


def chunk_query(chunk: QueryTerm) -> dsl.Query:
    """One chunk must match: as our segmented words (exact phrase scores highest, all words
    in any order next, unless the visitor quoted it) or, as a finer net, as a phrase of the
    engine's own Thai segmentation."""
    words = segment(chunk)
    if not words:
        return dsl.Q("match_none")
    should = []
    for name, boost in SEARCH_FIELDS.items():
        if BY_NAME[name].language == "en":  # analysed in English (stemmed): no Thai sub-field
            should.append(dsl.Q("match_phrase", **{name: {"query": chunk, "boost": boost * 2}}))
            if not chunk.quoted:
                should.append(dsl.Q("match", **{name: {"query": chunk, "operator": "and", "boost": boost}}))
            continue
        if " " not in words:
            # One word: its phrase is the word itself, but with the synonyms a phrase query
            # becomes span queries over every document that has any of them (the most
            # costly clause at 100,000 case studies); one match scores as both did.
            should.append(dsl.Q("match", **{name: {"query": words, "boost": boost * 3}}))
        else:
            should.append(dsl.Q("match_phrase", **{name: {"query": words, "boost": boost * 2}}))
            if not chunk.quoted:
                should.append(dsl.Q("match", **{name: {"query": words, "operator": "and", "boost": boost}}))
        should.append(dsl.Q("match_phrase", **{f"{name}.icu": {"query": chunk, "boost": boost * 0.5}}))
    return dsl.Q("bool", should=should, minimum_should_match=1)


def text_query(text: str) -> dsl.Query:
    required, excluded = parse_terms(text)
    if not required and not excluded:
        return dsl.Q("match_all")
    return dsl.Q(
        "bool",
        must=[chunk_query(chunk) for chunk in required] or [dsl.Q("match_all")],
        must_not=[chunk_query(chunk) for chunk in excluded],
    )


def filter_clauses(filters: dict[str, tuple[str, ...]], skip: str | None = None) -> list[dsl.Query]:
    """Values of one facet combine with OR, different facets with AND."""
    return [dsl.Q("terms", **{name: list(values)}) for name, values in filters.items() if values and name != skip and name in FACET_FIELDS]


def build_body(query: SearchQuery, facet_size: int = FACET_SIZE) -> dict:
    """The request body for `query`: a fresh dict each call (the caller may change it), built
    once per distinct query a process meets, since visitors ask the same things again."""
    filters = tuple(sorted((name, tuple(values)) for name, values in query.filters.items()))
    key = (query.text, filters, query.kinds, query.sort, query.page, query.page_size, query.ranking_only, facet_size)
    return json.loads(_body_json(*key))


@lru_cache(maxsize=1024)
def _body_json(text: str, filters: tuple, kinds: tuple, sort: str, page: int, page_size: int, ranking_only: bool, facet_size: int) -> str:
    query = SearchQuery(text=text, filters=dict(filters), kinds=kinds, sort=sort, page=page, page_size=page_size, ranking_only=ranking_only)
    return json.dumps(_build_body(query, facet_size))


# What a ranking-only hit carries: which page, and whether search.attachments should look
# into its documents.
_RANKING_SOURCE = ["page_id", "kind", "has_documents"]


def _build_body(query: SearchQuery, facet_size: int) -> dict:
    search = dsl.Search().query(text_query(query.text)).filter("terms", kind=list(query.kinds))
    # Filters go in post_filter so each facet can count as if its own filter were off
    # (multi-select facets); each facet's aggregation applies the other facets' filters.
    active = filter_clauses(query.filters)
    if active:
        search = search.post_filter(dsl.Q("bool", filter=active))
    for name in COUNTED_FACETS if not query.ranking_only else ():
        others = filter_clauses(query.filters, skip=name)
        bucket = search.aggs.bucket(f"{name}_filter", "filter", dsl.Q("bool", filter=others) if others else dsl.Q("match_all"))
        bucket.bucket(name, "terms", field=name, size=facet_size)
    if query.sort == "newest":
        search = search.sort({"published_at": {"order": "desc", "missing": "_last"}}, "_score")
    elif query.sort == "evidence":
        search = search.sort(
            {"evidence_level": {"order": "desc", "missing": "_last"}}, {"published_at": {"order": "desc", "missing": "_last"}}, "_score"
        )
    search = search.extra(track_total_hits=True)
    search = search[query.offset : min(query.offset + query.page_size, MAX_RESULT_WINDOW)]
    if query.ranking_only:
        return search.source(includes=_RANKING_SOURCE).to_dict()
    search = search.highlight_options(
        type="fvh", fragment_size=FRAGMENT_SIZE, number_of_fragments=2, pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html"
    )
    for name in HIGHLIGHTED_FIELDS:
        # The title whole, the others as fragments.
        search = search.highlight(name, number_of_fragments=0) if name == "title" else search.highlight(name)
    return search.source(excludes=_NOT_IN_HITS).to_dict()


def run(engine: SearchEngine, query: SearchQuery) -> SearchResult:
    response = engine.search(build_body(query))
    hits = [
        Hit(
            id=hit["_id"],
            page_id=hit["_source"]["page_id"],
            kind=hit["_source"]["kind"],
            score=hit.get("_score"),
            source=hit["_source"],
            highlight=hit.get("highlight", {}),
        )
        for hit in response["hits"]["hits"]
    ]
    facets = {
        name: [(str(bucket["key"]), bucket["doc_count"]) for bucket in response["aggregations"][f"{name}_filter"][name]["buckets"]]
        for name in FACET_FIELDS
        if f"{name}_filter" in response.get("aggregations", {})
    }
    return SearchResult(total=response["hits"]["total"]["value"], hits=hits, facets=facets, took_ms=response.get("took"))


def suggest(engine: SearchEngine, prefix: str, limit: int = 8) -> list[Suggestion]:
    """Titles of case studies and centres whose words start with `prefix` (the completion
    field holds each title from every word on). Focus areas and provinces come from the
    database (search.service adds them)."""
    prefix = suggest_prefix(prefix)
    if not prefix:
        return []
    body = {
        "size": 0,
        "_source": ["title", "url", "kind", "page_id"],
        "suggest": {"titles": {"prefix": prefix, "completion": {"field": "suggest", "size": limit, "skip_duplicates": True}}},
    }
    options = engine.search(body)["suggest"]["titles"][0]["options"]
    return [
        Suggestion(
            label=option["_source"]["title"].replace(WORD_MARK, ""),
            url=option["_source"]["url"],
            kind=option["_source"]["kind"],
            page_id=option["_source"].get("page_id"),
        )
        for option in options
    ]
