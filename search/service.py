"""The one place that picks a backend: the engine first, the database when there is no
engine or it does not answer. Views, the API, exports, listings and related case studies
all come through here, so callers never know which one answered, except for a quiet notice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import TypeVar

from pybreaker import CircuitBreaker, CircuitBreakerError

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.dispatch import receiver

from thai.names import ABBREVIATIONS
from thai.text import normalise

from .attachments import add_document_matches
from .backends.database import query as database_query
from .backends.database import related as database_related
from .backends.database import suggest as database_suggest
from .backends.engine import query as engine_query
from .backends.engine import related as engine_related
from .backends.engine.client import EngineUnavailable, SearchEngine, get_engine
from .contract import SUGGEST_LIMIT, Likeness, SearchQuery, SearchResult, Suggestion, suggest_prefix
from .spelling import suggest_correction
from .translations import add_english_versions
from .visibility import visible_page_ids

logger = logging.getLogger(__name__)
Answer = TypeVar("Answer")
ENGINE, DATABASE = "engine", "fallback"


def engine_else_database(what: str, on_engine: Callable[[SearchEngine], Answer], on_database: Callable[[], Answer]) -> tuple[Answer, str]:
    """`on_engine`'s answer when an engine is configured and answers, else `on_database`'s;
    with the name of the backend that answered. An engine that fails is logged (once per
    request) and the database answers instead."""
    engine = get_engine()
    request = _this_request.get()
    if engine is not None and not (request and request.engine_failed):
        try:
            return engine_breaker().call(on_engine, engine), ENGINE
        except CircuitBreakerError:
            logger.warning("Search engine circuit open, the database answers %s", what)
        except EngineUnavailable as error:
            logger.warning("Search engine unavailable for %s, answering from the database: %s", what, error)
        if request:
            request.engine_failed = True
    return on_database(), DATABASE


@dataclass
class _RequestState:
    engine_failed: bool = False


# While a request is served: a page that searches twice (the home page, a listing) waits for a
# failing engine once, not once per search. Outside requests (workers, commands): None.
_this_request: ContextVar[_RequestState | None] = ContextVar("search_request_state", default=None)


@receiver(request_started)
def _request_started(**kwargs) -> None:
    _this_request.set(_RequestState())


@receiver(request_finished)
def _request_finished(**kwargs) -> None:
    _this_request.set(None)


def _not_an_engine_failure(error: BaseException) -> bool:
    return not isinstance(error, EngineUnavailable)


@lru_cache(maxsize=2)
def _breaker(failures: int, reset_seconds: float) -> CircuitBreaker:
    return CircuitBreaker(fail_max=failures, reset_timeout=reset_seconds, exclude=[_not_an_engine_failure], name="search-engine")


def engine_breaker() -> CircuitBreaker:
    """One breaker per process: after a few engine failures in a row, pages stop waiting for
    an engine that does not answer, and try it again after a while (pybreaker)."""
    return _breaker(settings.SEARCH_BREAKER_FAILURES, settings.SEARCH_BREAKER_RESET_SECONDS)


@dataclass
class SearchOutcome:
    result: SearchResult
    backend: str  # "engine" or "fallback"
    suggestion: str | None = None
    notices: list[str] = field(default_factory=list)
    # The query found nothing and `result` is the suggestion's instead ("showing results
    # for …"); the visitor may still ask for the original query (ParsedParams.exact).
    corrected: bool = False

    @property
    def from_fallback(self) -> bool:
        return self.backend == DATABASE


def only_visible(result: SearchResult) -> SearchResult:
    """The result without hits the database no longer shows (unpublished or made private
    since the backend last heard of it), in one query. `total` loses the hits dropped from
    this page only, and facet counts are left as the backend counted them: both are
    approximations while the backend lags behind, exact again once the outbox is delivered
    (dropping is rare and brief, and counting the whole result against the database on
    every search would cost what the index is there to save)."""
    visible = visible_page_ids(hit.page_id for hit in result.hits)
    kept = [hit for hit in result.hits if hit.page_id in visible]
    dropped = len(result.hits) - len(kept)
    if not dropped:
        return result
    return replace(result, hits=kept, total=max(result.total - dropped, len(kept)), dropped=dropped)


def search(query: SearchQuery, *, correct_spelling: bool = True, show_correction: bool = True) -> SearchOutcome:
    """The query's outcome, with a spelling suggestion when it finds little. When it finds
    nothing and the suggestion finds something (and show_correction), the suggestion's
    results instead, marked `corrected`: whichever backend answers."""
    result, backend = engine_else_database("a search", lambda engine: engine_query.run(engine, query), lambda: database_query.search(query))
    result = only_visible(result)
    add_document_matches(result.hits, query.text)
    add_english_versions(result.hits)
    outcome = SearchOutcome(result=result, backend=backend)
    if correct_spelling and query.text.strip() and outcome.result.total < 3:
        outcome.suggestion = suggest_correction(query.text)
    if show_correction and outcome.suggestion and outcome.result.total == 0:
        instead = search(replace(query, text=outcome.suggestion), correct_spelling=False)
        if instead.result.total:
            return replace(instead, suggestion=outcome.suggestion, corrected=True)
    return outcome


def _engine_suggestions(engine: SearchEngine, prefix: str, limit: int) -> list[Suggestion]:
    titles = engine_query.suggest(engine, prefix, limit)
    # Focus areas and provinces come from the database either way (the engine indexes pages).
    taxonomy = database_suggest.suggest(suggest_prefix(prefix), limit, documents=False)
    return (taxonomy[:3] + titles)[:limit]


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    """{normalised abbreviation: its full Thai name} from thai.names (the project's synonym data)."""
    return {normalise(abbreviation.short): abbreviation.full for abbreviation in ABBREVIATIONS}


def suggest(prefix: str, limit: int = SUGGEST_LIMIT) -> list[Suggestion]:
    """Search-as-you-type suggestions (case studies, centres, focus areas, provinces). An
    abbreviation typed whole (ศพด, อบต.) is also read as its full name (ศูนย์พัฒนาเด็กเล็ก…),
    whose suggestions follow the prefix's own."""

    def both(on: Callable[[str], list[Suggestion]]) -> list[Suggestion]:
        found = on(prefix)
        full = _abbreviations().get(normalise(prefix))
        if full and len(found) < limit:
            seen = {(item.url, item.kind) for item in found}
            found += [item for item in on(full) if (item.url, item.kind) not in seen]
        return found[:limit]

    suggestions, _backend = engine_else_database(
        "suggestions",
        lambda engine: both(lambda text: _engine_suggestions(engine, text, limit)),
        lambda: both(lambda text: database_suggest.suggest(text, limit)),
    )
    visible = visible_page_ids(suggestion.page_id for suggestion in suggestions if suggestion.page_id is not None)
    return [suggestion for suggestion in suggestions if suggestion.page_id is None or suggestion.page_id in visible]


def related_ranking(likeness: Likeness, limit: int) -> list[int]:
    """Page ids of the case studies most like `likeness`, best first."""
    ranking, _backend = engine_else_database(
        "related case studies",
        lambda engine: engine_related.ranking(engine, likeness, limit),
        lambda: database_related.ranking(likeness, limit),
    )
    return ranking
