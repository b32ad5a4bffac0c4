"""Search from the database when there is no engine, or it does not answer.

Same contract as the engine (search.contract: SearchQuery in, SearchResult with Hit objects
shaped like the engine's out), the same normaliser and segmenter (thai.text), and the same
query semantics (search.backends.database.plan). Filters combine with OR within a facet and
AND across facets, and each facet is counted with the other facets' filters only
(multi-select facets). The SQL of each dialect is in .sqlite and .postgres; the rows are
kept in sync by .sync.
"""

from __future__ import annotations

import datetime
import json
import time
from collections import Counter
from dataclasses import dataclass

from search.contract import FACET_SIZE, MAX_RESULT_WINDOW, Hit, SearchQuery, SearchResult
from search.fields import FACET_FIELDS, LIST_FIELDS
from search.models import FallbackDocument

from . import postgres, sqlite
from .highlight import highlights
from .plan import plan as make_plan
from .schema import FACETS, SOURCE_FIELDS, is_sqlite


@dataclass(slots=True)
class _Match:
    doc_id: str
    score: float
    # As the database returns it (text on SQLite, datetime on PostgreSQL): comparable
    # within one database, and unpublished (None) sorts last.
    published: tuple
    values: dict[str, tuple[str, ...]]


def _match(row: tuple) -> _Match:
    # Runs once per matching row, so kept plain: list facets arrive as JSON text (or
    # already decoded), their items are strings by construction.
    doc_id, published, *facets, score = row
    values = {}
    for name, raw in zip(FACET_FIELDS, facets, strict=True):
        if raw is None:
            values[name] = ()
        elif name in LIST_FIELDS:
            values[name] = tuple(json.loads(raw) if isinstance(raw, str) else raw)
        else:
            values[name] = (raw if isinstance(raw, str) else str(raw),)
    return _Match(doc_id=doc_id, score=float(score or 0.0), published=(published is not None, published), values=values)


def _level(match: _Match) -> int:
    """The evidence level as a number (none sorts last, as on the engine)."""
    values = match.values.get("evidence_level") or ()
    return int(values[0]) if values else 0


def search(query: SearchQuery) -> SearchResult:
    """Answer `query` from the database, shaped exactly like the engine's answer."""
    started = time.perf_counter()
    plan = make_plan(query.text)
    kinds = tuple(dict.fromkeys(query.kinds))
    if plan.impossible or not kinds:
        rows = []
    elif is_sqlite():
        rows = sqlite.fetch(plan, kinds)
    else:
        rows = postgres.fetch(plan, kinds)
    filters = {name: frozenset(map(str, values)) for name, values in query.filters.items() if values and name in FACET_FIELDS}
    # One pass for hits and facets: a match that passes every filter counts in every
    # facet; one that fails a single facet's filter still counts in that facet (each facet
    # is counted with the other facets' filters only); more failures count nowhere.
    selected: list[_Match] = []
    counts: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    for match in map(_match, rows):
        failed = [name for name, wanted in filters.items() if wanted.isdisjoint(match.values[name])]
        if not failed:
            selected.append(match)
            for name, counter in counts.items():
                counter.update(match.values[name])
        elif len(failed) == 1 and failed[0] in counts:
            counts[failed[0]].update(match.values[failed[0]])
    # Stable sorts: ties keep the doc_id order, so pages never overlap.
    selected.sort(key=lambda match: match.doc_id)
    if query.sort == "newest":
        selected.sort(key=lambda match: (match.published, match.score), reverse=True)
    elif query.sort == "evidence":
        selected.sort(key=lambda match: (_level(match), match.published, match.score), reverse=True)
    else:
        selected.sort(key=lambda match: (match.score, match.published), reverse=True)
    start = max(query.offset, 0)
    page = selected[start : min(start + max(query.page_size, 0), MAX_RESULT_WINDOW)]
    documents = FallbackDocument.objects.in_bulk([match.doc_id for match in page])
    sequences = [phrase for chunk in plan.required for phrase in chunk.fine]
    hits = [_hit(documents[match.doc_id], match.score, sequences) for match in page if match.doc_id in documents]
    facets = {name: sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:FACET_SIZE] for name, counter in counts.items()}
    return SearchResult(total=len(selected), hits=hits, facets=facets, took_ms=round((time.perf_counter() - started) * 1000))


def _iso(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _hit(document: FallbackDocument, score: float, sequences: list[tuple[str, ...]]) -> Hit:
    source = {name: getattr(document, name) for name in SOURCE_FIELDS}
    source["published_at"] = _iso(document.published_at)
    source["updated_at"] = _iso(document.updated_at)
    return Hit(
        id=document.doc_id,
        page_id=document.page_id,
        kind=document.kind,
        score=score,
        source=source,
        highlight=highlights(document, sequences),
    )
