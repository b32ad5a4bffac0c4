"""/search/export.csv and /search/export.json: the results of any search, every page of
them, with the same parameters as /search/ (search.params) answered by the same service
(engine first, database fallback). Rows are streamed, so a large export never sits in memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import replace

from django.http import HttpRequest, JsonResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from portal import ratelimit
from portal.spreadsheets import safe_row
from search import service
from search.contract import MAX_RESULT_WINDOW, SearchQuery
from search.params import parse

from .columns import COLUMN_NAMES
from .records import records

# An export is capped at the engine's result window; narrow the search for more.
EXPORT_MAX_ROWS = MAX_RESULT_WINDOW
SEARCH_BATCH = 500
# An export runs the whole search and reads every page: a client gets 60 per 10 minutes.
EXPORT_LIMIT = ratelimit.Limit(scope="search-export", count=60, seconds=600)
UTF8_BOM = "\ufeff"  # spreadsheet software reads the file as UTF-8 only with it


def matching_page_ids(query: SearchQuery, limit: int = EXPORT_MAX_ROWS) -> Iterator[int]:
    """Page ids of every result of `query`, in result order, batch by batch (the query's
    own page is ignored: an export has them all)."""
    yielded = 0
    page = 1
    while yielded < limit:
        outcome = service.search(replace(query, page=page, page_size=SEARCH_BATCH), correct_spelling=False)
        hits = outcome.result.hits
        for hit in hits[: limit - yielded]:
            yield hit.page_id
        yielded += len(hits)
        # Hits the database no longer shows were dropped from the batch: they still count
        # towards telling a full batch from the last one.
        if len(hits) + outcome.result.dropped < SEARCH_BATCH or yielded >= outcome.result.total:
            return
        page += 1


class _Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, value: str) -> str:
        return value


def _csv_lines(request: HttpRequest, query: SearchQuery) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield UTF8_BOM + writer.writerow(COLUMN_NAMES)
    for row in records(matching_page_ids(query), request):
        yield writer.writerow(safe_row([row[name] for name in COLUMN_NAMES]))


def _json_chunks(request: HttpRequest, query: SearchQuery) -> Iterator[str]:
    yield '{"columns": ' + json.dumps(COLUMN_NAMES) + ', "results": ['
    for number, row in enumerate(records(matching_page_ids(query), request)):
        yield ("," if number else "") + "\n" + json.dumps(row, ensure_ascii=False)
    yield "\n]}\n"


def _refusal(request: HttpRequest) -> JsonResponse | None:
    """A 400 for bad parameters, a 429 past the rate limit, or None to go ahead."""
    parsed = parse(request.GET)
    if parsed.errors:
        return _bad_request(parsed.errors)
    if not ratelimit.hit(EXPORT_LIMIT, ratelimit.client_address(request)):
        return JsonResponse({"error": "Too many exports; try again in a few minutes.", "details": []}, status=429)
    return None


def _bad_request(errors: list[str]) -> JsonResponse:
    return JsonResponse({"error": "Invalid search parameters.", "details": errors}, status=400, json_dumps_params={"ensure_ascii": False})


def _download(request: HttpRequest, chunks, content_type: str, filename: str):
    """The search's every result as a streamed file (`chunks` writes them), unless refused."""
    if refusal := _refusal(request):
        return refusal
    response = StreamingHttpResponse(chunks(request, parse(request.GET).query), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def export_csv(request: HttpRequest):
    return _download(request, _csv_lines, "text/csv; charset=utf-8", "case-studies.csv")


@require_GET
def export_json(request: HttpRequest):
    return _download(request, _json_chunks, "application/json; charset=utf-8", "case-studies.json")
