"""Reading and checking the public search parameters, shared by the page, the API and
the exports. Field names are never taken from the visitor: each parameter maps to a fixed
index field, and each value is checked against what exists."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import QueryDict
from django.urls import reverse
from django.utils.http import urlencode

from learning_centres.models import CentreType, EvidenceLevel, FocusArea, LAOType, Province, Region
from thai.dates import NotAYear, is_plausible_year, parse_year, to_buddhist_year
from thai.numbers import parse_whole_number

from .contract import MAX_QUERY_LENGTH, MAX_RESULT_WINDOW, PAGE_SIZE, SearchQuery

# public parameter → index field
FACET_PARAMS = {
    "area": "focus_areas",
    "centre_type": "centre_type",
    "region": "region",
    "province": "province",
    "lao_type": "lao_type",
    "year": "year_be",
    "keyword": "keywords",
    "evidence": "evidence_level",
    "documents": "has_documents",  # documents=yes: cases that attach a document
}
FIELD_PARAMS = {index_field: param for param, index_field in FACET_PARAMS.items()}
SORTS = ("relevance", "newest", "evidence")  # evidence: strongest evidence level first, then newest
MAX_VALUES_PER_FACET = 20
MAX_PAGE = MAX_RESULT_WINDOW // PAGE_SIZE


def filter_url(param: str, value: str) -> str:
    """The search page filtered by one value of one facet (e.g. ?area=community-welfare),
    for links from pages to "everything else tagged like this"."""
    if param not in FACET_PARAMS:
        raise ValueError(f"{param!r} is not a search filter; use one of {', '.join(FACET_PARAMS)}")
    return f"{reverse('search_page')}?{urlencode({param: value})}"


@dataclass
class ParsedParams:
    query: SearchQuery
    errors: list[str] = field(default_factory=list)
    truncated: bool = False
    exact: bool = False  # ?exact=1: the query as typed, never replaced by a spelling correction

    @property
    def filters(self) -> dict[str, tuple[str, ...]]:
        return {FIELD_PARAMS[name]: values for name, values in self.query.filters.items()}


def allowed_values(param: str) -> set[str] | None:
    """The values a facet parameter accepts (None: any short text, e.g. keywords)."""
    if param == "area":
        return set(FocusArea.objects.originals().values_list("slug", flat=True))
    if param == "centre_type":
        return set(CentreType.values)
    if param == "region":
        return set(Region.values)
    if param == "province":
        return set(Province.objects.values_list("code", flat=True))
    if param == "lao_type":
        return set(LAOType.values)
    if param == "evidence":
        return {str(value) for value in EvidenceLevel.values}
    if param == "documents":
        return {"yes"}
    return None


def _year_value(raw: str) -> str | None:
    """A year as the index holds it (Buddhist era), typed as parse_year reads it."""
    try:
        year = parse_year(raw)
    except NotAYear:
        return None
    return str(to_buddhist_year(year)) if is_plausible_year(year) else None


def without_nul(value: str) -> str:
    """NUL never means anything in a query, and PostgreSQL refuses it in any string."""
    return value.replace("\x00", "")


def parse(params: QueryDict, *, kinds: tuple[str, ...] = ("case_study",), default_sort: str = "relevance") -> ParsedParams:
    """Read the visitor's parameters; `kinds` and `default_sort` are the page's own (the
    centre directory lists centres; the listings show the newest first)."""
    errors: list[str] = []
    text = without_nul(params.get("q", "") or "")
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]

    filters: dict[str, tuple[str, ...]] = {}
    for param, index_field in FACET_PARAMS.items():
        raw_values = [without_nul(value).strip() for value in params.getlist(param) if without_nul(value).strip()]
        if not raw_values:
            continue
        if len(raw_values) > MAX_VALUES_PER_FACET:
            errors.append(f"{param}: at most {MAX_VALUES_PER_FACET} values")
            raw_values = raw_values[:MAX_VALUES_PER_FACET]
        allowed = allowed_values(param)
        accepted = []
        for raw in raw_values:
            value = _year_value(raw) if param == "year" else raw[:100]
            if value is None or (allowed is not None and value not in allowed):
                errors.append(f"{param}: unknown value “{raw[:50]}”")
            else:
                accepted.append(value)
        if accepted:
            filters[index_field] = tuple(dict.fromkeys(accepted))

    sort = params.get("sort") or default_sort
    if sort not in SORTS:
        errors.append(f"sort: must be one of {', '.join(SORTS)}")
        sort = "relevance"

    page = parse_whole_number(params.get("page") or "1")
    if page is None or not 1 <= page <= MAX_PAGE:
        errors.append(f"page: must be a whole number from 1 to {MAX_PAGE}")
        page = 1

    query = SearchQuery(text=text, filters=filters, kinds=kinds, sort=sort, page=page)
    return ParsedParams(query=query, errors=errors, truncated=truncated, exact=params.get("exact") == "1")
