"""OpenAPI 3.1 description of the open-data endpoints (the /api/v2/ read API and the search
exports), served at /api/schema/open-data.json beside the search API's /api/schema/search.json.
The response shapes here are checked against the real responses by schemathesis
(tests/open_data/test_openapi.py)."""

from django.http import HttpRequest, JsonResponse
from django.utils.translation import override
from django.views.decorators.http import require_GET

from learning_centres.models import CentreType, FocusArea, Province
from search.contract import MAX_QUERY_LENGTH
from search.openapi import ERROR, FACETS, _facet_parameter
from search.params import SORTS
from thai.dates import BUDDHIST_ERA_OFFSET

from .api import API_SEARCH_MAX_HITS
from .columns import CASE_STUDY_COLUMNS, COLUMN_NAMES
from .exports import EXPORT_MAX_ROWS

NULLABLE_STRING = {"type": ["string", "null"]}
NAMED = {
    "type": "object",
    "required": ["slug", "name_th", "name_en"],
    "properties": {"slug": {"type": "string"}, "name_th": {"type": "string"}, "name_en": {"type": "string"}},
}
PROVINCE = {
    "type": ["object", "null"],
    "required": ["code", "name_th", "name_en", "region"],
    "properties": {"code": {"type": "string"}, "name_th": {"type": "string"}, "name_en": {"type": "string"}, "region": {"type": "string"}},
}
RENDITION = {
    "type": "object",
    "required": ["url", "width", "height"],
    "properties": {"url": {"type": "string"}, "width": {"type": "integer"}, "height": {"type": "integer"}},
}
IMAGE = {
    "type": "object",
    "required": ["title", "caption", "original_url", "thumbnail", "large"],
    "properties": {
        "title": {"type": "string"},
        "caption": {"type": "string"},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
        "original_url": {"type": "string"},
        "thumbnail": RENDITION,
        "large": RENDITION,
    },
}
CENTRE = {
    "type": ["object", "null"],
    "required": ["id", "title", "centre_type"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "centre_type": {"type": "string", "enum": ["elderly_care", "child_development"]},
        "centre_type_name_th": {"type": "string"},
        "centre_type_name_en": {"type": "string"},
        "url": NULLABLE_STRING,
    },
}
LAO = {
    "type": ["object", "null"],
    "required": ["name_th", "lao_type"],
    "properties": {
        "code": NULLABLE_STRING,
        "name_th": {"type": "string"},
        "name_en": {"type": "string"},
        "lao_type": {"type": "string"},
        "lao_type_name_th": {"type": "string"},
        "lao_type_name_en": {"type": "string"},
    },
}
PAGE_META = {
    "type": "object",
    "required": ["type", "detail_url"],
    "properties": {
        "type": {"type": "string", "enum": ["learning_centres.CaseStudyPage", "learning_centres.LearningCentrePage"]},
        "detail_url": {"type": "string"},
        "html_url": NULLABLE_STRING,
        "slug": {"type": "string"},
        "first_published_at": NULLABLE_STRING,
    },
}
PAGE = {
    "type": "object",
    "required": ["id", "meta", "title"],
    "description": "A case study or a centre. Case studies add summary, year, sections, focus_areas, keywords, "
    "target_groups, funding_sources, budget_baht, images, documents, indicators, follow_ups and usage; centres add centre_type, "
    "description, district, address, contact_name, contact_position, contact_phone, visiting_capacity, year_established, "
    "profile and usage.",
    "properties": {
        "id": {"type": "integer"},
        "meta": PAGE_META,
        "title": {"type": "string"},
        "summary": {"type": "string"},
        "year": {
            "type": "object",
            "required": ["ce", "be"],
            "properties": {
                "ce": {"type": "integer"},
                "be": {"type": "integer", "description": f"Buddhist era (CE + {BUDDHIST_ERA_OFFSET})"},
            },
        },
        "sections": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["name", "heading_th", "heading_en", "html"],
                "properties": {
                    "name": {"type": "string"},
                    "heading_th": {"type": "string"},
                    "heading_en": {"type": "string"},
                    "html": {"type": "string"},
                },
            },
        },
        "focus_areas": {"type": "array", "items": NAMED},
        "keywords": {"type": "array", "items": {"type": "string"}},
        "target_groups": {"type": "array", "items": NAMED},
        "funding_sources": {"type": "array", "items": NAMED},
        "budget_baht": {"type": ["string", "null"], "description": "Decimal, two places"},
        "centre": CENTRE,
        "lao": LAO,
        "province": PROVINCE,
        "images": {"type": "array", "items": IMAGE},
        "documents": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["title", "url"],
                "properties": {"title": {"type": "string"}, "url": {"type": "string"}, "file_extension": {"type": "string"}},
            },
        },
        "usage": {
            "type": "object",
            "description": "Counted on the server without cookies or personal data, bots excluded, on the Thai original "
            "(Thai and English readers together): views, downloads of the page's documents (case studies) and "
            "visit requests (centres).",
            "additionalProperties": {
                "type": "object",
                "required": ["last_30_days", "total"],
                "properties": {"last_30_days": {"type": "integer", "minimum": 0}, "total": {"type": "integer", "minimum": 0}},
            },
        },
    },
}
FOCUS_AREA = {
    "type": "object",
    "required": ["id", "meta", "slug", "name_th", "name_en"],
    "properties": {
        "id": {"type": "integer"},
        "meta": {"type": "object"},
        "slug": {"type": "string"},
        "name_th": {"type": "string"},
        "name_en": {"type": "string"},
        "description": {"type": "string"},
    },
}
WAGTAIL_ERROR = {"type": "object", "required": ["message"], "properties": {"message": {"type": "string"}}}


def _listing(item: dict) -> dict:
    return {
        "type": "object",
        "required": ["meta", "items"],
        "properties": {
            "meta": {"type": "object", "required": ["total_count"], "properties": {"total_count": {"type": "integer", "minimum": 0}}},
            "items": {"type": "array", "items": item},
        },
    }


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _filter(name: str, description: str, allowed: list[str]) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": description + " Comma-separated values combine with OR; different filters with AND. An unknown value is a 400.",
        "schema": {"type": "array", "items": {"type": "string", "enum": allowed}, "maxItems": 20},
        "style": "form",
        "explode": False,
    }


def _page_filters() -> list[dict]:
    return [
        _filter("area", "Focus-area slug (case studies only).", sorted(FocusArea.objects.originals().values_list("slug", flat=True))),
        _filter("centre_type", "elderly_care or child_development.", list(CentreType.values)),
        _filter("province", "Two-digit DOPA province code.", sorted(Province.objects.values_list("code", flat=True))),
    ]


PAGING = [
    {"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 20}},
    {"name": "offset", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 0, "maximum": 10000}},
]
ID = {"name": "id", "in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": 2147483647}}


def _export_parameters() -> list[dict]:
    return [
        {"name": "q", "in": "query", "required": False, "description": "Search text, as on /search/.", "schema": {"type": "string"}},
        *[_facet_parameter(name) for name in FACETS],
        {"name": "sort", "in": "query", "required": False, "schema": {"type": "string", "enum": list(SORTS)}},
        {
            "name": "page",
            "in": "query",
            "required": False,
            "description": "Accepted for symmetry with /search/ and checked, but an export always has every result.",
            "schema": {"type": "integer", "minimum": 1, "maximum": 1000},
        },
    ]


def _export_record() -> dict:
    with override("en"):  # the column guide is written for editors in Thai; the API speaks English
        properties = {column.name: {"description": str(column.description)} for column in CASE_STUDY_COLUMNS}
    return {"type": "object", "required": list(COLUMN_NAMES), "properties": properties}


def schema(request: HttpRequest | None = None) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "LAO knowledge portal open data",
            "version": "1.0.0",
            "description": "Read API (Wagtail API v2) for case studies, centres and the eight focus areas, and exports of any "
            "search. Column meanings: docs/open-data.md.",
        },
        "paths": {
            "/api/v2/pages/": {
                "get": {
                    "operationId": "listPages",
                    "summary": "Case studies and learning centres",
                    "parameters": [
                        {
                            "name": "type",
                            "in": "query",
                            "required": False,
                            "schema": {"type": "string", "enum": ["learning_centres.CaseStudyPage", "learning_centres.LearningCentrePage"]},
                        },
                        *_page_filters(),
                        {
                            "name": "search",
                            "in": "query",
                            "required": False,
                            "description": (
                                "Search text, answered by the portal's own search (as on /search/: Thai word cuts, synonyms, "
                                f"every part must match); the best {API_SEARCH_MAX_HITS} matches in rank order unless `order` is given."
                            ),
                            "schema": {"type": "string", "maxLength": MAX_QUERY_LENGTH},
                        },
                        {
                            "name": "fields",
                            "in": "query",
                            "required": False,
                            "description": "Wagtail's field selection; `*` gives every field in a listing.",
                            "schema": {"type": "string", "enum": ["*"]},
                        },
                        *PAGING,
                    ],
                    "responses": {
                        "200": _json(_listing(PAGE), "Pages"),
                        "400": _json(WAGTAIL_ERROR, "Unknown filter, value or parameter"),
                    },
                }
            },
            "/api/v2/pages/{id}/": {
                "get": {
                    "operationId": "getPage",
                    "summary": "One case study or centre, with every field",
                    "parameters": [ID],
                    "responses": {"200": _json(PAGE, "The page"), "404": _json(WAGTAIL_ERROR, "No such published case study or centre")},
                }
            },
            "/api/v2/focus-areas/": {
                "get": {
                    "operationId": "listFocusAreas",
                    "summary": "The eight basic areas",
                    "parameters": PAGING,
                    "responses": {"200": _json(_listing(FOCUS_AREA), "Focus areas"), "400": _json(WAGTAIL_ERROR, "Bad parameter")},
                }
            },
            "/api/v2/focus-areas/{id}/": {
                "get": {
                    "operationId": "getFocusArea",
                    "parameters": [ID],
                    "responses": {"200": _json(FOCUS_AREA, "A focus area"), "404": _json(WAGTAIL_ERROR, "No such focus area")},
                }
            },
            "/search/export.csv": {
                "get": {
                    "operationId": "exportCsv",
                    "summary": f"Every result of a search (at most {EXPORT_MAX_ROWS:,}) as CSV, UTF-8 with a BOM, one row per case study",
                    "parameters": _export_parameters(),
                    "responses": {
                        "200": {
                            "description": "Columns: " + ", ".join(COLUMN_NAMES),
                            "content": {"text/csv": {"schema": {"type": "string"}}},
                        },
                        "400": _json(ERROR, "Invalid search parameters"),
                        "429": _json(ERROR, "Too many exports from this client (60 per 10 minutes)"),
                    },
                }
            },
            "/search/export.json": {
                "get": {
                    "operationId": "exportJson",
                    "summary": f"Every result of a search (at most {EXPORT_MAX_ROWS:,}) as JSON records with the CSV's columns",
                    "parameters": _export_parameters(),
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "required": ["columns", "results"],
                                "properties": {
                                    "columns": {"type": "array", "items": {"type": "string"}},
                                    "results": {"type": "array", "items": _export_record()},
                                },
                            },
                            "Records",
                        ),
                        "400": _json(ERROR, "Invalid search parameters"),
                        "429": _json(ERROR, "Too many exports from this client (60 per 10 minutes)"),
                    },
                }
            },
        },
    }


@require_GET
def schema_view(request: HttpRequest):
    return JsonResponse(schema(request), json_dumps_params={"ensure_ascii": False})
