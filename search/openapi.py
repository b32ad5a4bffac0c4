"""OpenAPI 3.1 description of the public search API, served at /api/schema/search.json."""

from django.http import HttpRequest

from .params import SORTS, allowed_values

# Buddhist-era years 2443–2643, or the CE years 1900–2100 (thai.dates: FIRST_YEAR, LAST_YEAR);
# Thai digits and a "พ.ศ."/"ค.ศ." prefix also work.
YEAR_PATTERN = r"^(?:19[0-9]{2}|20[0-9]{2}|2100|244[3-9]|24[5-9][0-9]|25[0-9]{2}|26[0-3][0-9]|264[0-3])$"
FACETS = ("area", "centre_type", "region", "province", "lao_type", "year", "keyword", "documents")


def _facet_parameter(name: str) -> dict:
    descriptions = {
        "area": "Focus area slug (one of the eight basic areas), e.g. community-health-care.",
        "centre_type": "elderly_care or child_development.",
        "region": "north, northeast, central, east, west or south.",
        "province": "Two-digit DOPA province code, e.g. 50 for Chiang Mai.",
        "lao_type": "pao, city_municipality, town_municipality, subdistrict_municipality, sao, bangkok or pattaya.",
        "year": "Year the practice started, Buddhist era (2567); CE years and Thai digits are converted.",
        "keyword": "A free keyword of the case study.",
        "evidence": "Evidence level 1–5 (1 idea … 5 adopted by other LAOs); case studies only.",
        "documents": "yes: only case studies that attach a document (a report, a budget, minutes).",
    }
    # The values the API accepts (search.params), so a schema-valid request is never a 400.
    allowed = allowed_values(name)
    if allowed is not None:
        item = {"type": "string", "enum": sorted(allowed)}
    elif name == "year":
        item = {"type": "string", "pattern": YEAR_PATTERN}
    else:
        item = {"type": "string", "maxLength": 100}
    return {
        "name": name,
        "in": "query",
        "required": False,
        "description": descriptions[name] + " Repeat to combine values with OR; different parameters combine with AND.",
        "schema": {"type": "array", "items": item, "maxItems": 20},
        "style": "form",
        "explode": True,
    }


ERROR = {
    "type": "object",
    "required": ["error", "details"],
    "properties": {"error": {"type": "string"}, "details": {"type": "array", "items": {"type": "string"}}},
}
FACET_VALUE = {
    "type": "object",
    "required": ["value", "label", "count"],
    "properties": {"value": {"type": "string"}, "label": {"type": "string"}, "count": {"type": "integer", "minimum": 0}},
}
RESULT = {
    "type": "object",
    "required": ["id", "title", "url", "summary", "highlight", "centre", "province", "areas", "year"],
    "properties": {
        "id": {"type": "integer"},
        "kind": {"type": "string", "enum": ["case_study", "centre"]},
        "title": {"type": "string"},
        "url": {"type": "string"},
        "summary": {"type": "string"},
        "highlight": {"type": "string", "description": "HTML: text escaped, matches wrapped in <mark>."},
        "centre": {"type": ["string", "null"]},
        "province": {"type": ["string", "null"]},
        "areas": {"type": "array", "items": {"type": "object", "properties": {"slug": {"type": "string"}, "label": {"type": "string"}}}},
        "year": {"type": ["integer", "null"], "description": "Buddhist era"},
        "language": {"type": "string", "enum": ["th", "en"], "description": "The language of title, summary and highlight."},
        "matched_in": {
            "type": "array",
            "description": "Where the query's words occur in the case's attached documents.",
            "items": {
                "type": "object",
                "required": ["document", "page", "highlight"],
                "properties": {
                    "document": {"type": "string", "description": "The file's name."},
                    "title": {"type": "string"},
                    "url": {"type": "string", "description": "The document's download address."},
                    "page": {"type": ["integer", "null"], "description": "Page number (PDF), else null."},
                    "highlight": {"type": "string", "description": "HTML: text escaped, matches wrapped in <mark>."},
                },
            },
        },
    },
}


def schema(request: HttpRequest | None = None) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "LAO knowledge portal search API",
            "version": "1.0.0",
            "description": "Cross-LAO search of case studies in Thai and English. "
            "Answers come from the search engine, or from the database when the engine is unavailable (`source`).",
        },
        "paths": {
            "/api/search/": {
                "get": {
                    "operationId": "searchCaseStudies",
                    "summary": "Search case studies with facets, highlights and a spelling suggestion",
                    "parameters": [
                        {
                            "name": "q",
                            "in": "query",
                            "required": False,
                            "description": 'Search text (Thai or English; cut at 200 characters). "Quoted phrases" and -exclusions work.',
                            "schema": {"type": "string"},
                        },
                        *[_facet_parameter(name) for name in FACETS],
                        {"name": "sort", "in": "query", "required": False, "schema": {"type": "string", "enum": list(SORTS)}},
                        {
                            "name": "lang",
                            "in": "query",
                            "required": False,
                            "description": "`en`: English labels, and each result's English translation where one exists; Thai by default",
                            "schema": {"type": "string", "enum": ["th", "en"]},
                        },
                        {"name": "page", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
                        {
                            "name": "exact",
                            "in": "query",
                            "required": False,
                            "description": "`1`: results for `q` as typed, even when it finds nothing and a correction would",
                            "schema": {"type": "string", "enum": ["1"]},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "Results",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["count", "page", "num_pages", "results", "facets", "suggestion"],
                                        "properties": {
                                            "count": {"type": "integer", "minimum": 0},
                                            "page": {"type": "integer"},
                                            "num_pages": {"type": "integer"},
                                            "results": {"type": "array", "items": RESULT},
                                            "facets": {"type": "object", "additionalProperties": {"type": "array", "items": FACET_VALUE}},
                                            "suggestion": {
                                                "type": ["string", "null"],
                                                "description": "“Did you mean” query, when one helps",
                                            },
                                            "corrected": {
                                                "type": "boolean",
                                                "description": "True: `q` found nothing and `results` are those of `suggestion`",
                                            },
                                            "promoted": {"type": "array", "items": {"type": "object"}},
                                            "source": {"type": "string", "enum": ["engine", "fallback"]},
                                        },
                                    }
                                }
                            },
                        },
                        "400": {
                            "description": "Invalid parameter (unknown facet value, sort or page)",
                            "content": {"application/json": {"schema": ERROR}},
                        },
                    },
                }
            },
            "/api/search/suggest/": {
                "get": {
                    "operationId": "suggest",
                    "summary": "Search-as-you-type suggestions: case studies, centres, focus areas, provinces",
                    "parameters": [
                        {"name": "q", "in": "query", "required": False, "schema": {"type": "string"}},
                        {
                            "name": "lang",
                            "in": "query",
                            "required": False,
                            "description": "Language of the page addresses returned (`en`: under /en/); Thai by default",
                            "schema": {"type": "string", "enum": ["th", "en"]},
                        },
                    ],
                    "responses": {
                        "200": {
                            "description": "Suggestions",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "required": ["suggestions"],
                                        "properties": {
                                            "suggestions": {
                                                "type": "array",
                                                "items": {
                                                    "type": "object",
                                                    "required": ["label", "url", "kind", "kind_label"],
                                                    "properties": {
                                                        "label": {"type": "string"},
                                                        "url": {"type": "string"},
                                                        "kind": {
                                                            "type": "string",
                                                            "enum": ["case_study", "centre", "focus_area", "province"],
                                                        },
                                                        "kind_label": {"type": "string", "description": "The kind, in the page's language"},
                                                    },
                                                },
                                            }
                                        },
                                    }
                                }
                            },
                        }
                    },
                }
            },
        },
    }
