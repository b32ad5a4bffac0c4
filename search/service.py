"""The one entry point views, the API and exports use: engine first, database fallback
when there is no engine or it does not answer. Callers never know which one answered,
except for a quiet notice."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from .engine import EngineUnavailable, get_engine
from .query import SearchQuery, SearchResult, run

logger = logging.getLogger(__name__)


@dataclass
class SearchOutcome:
    result: SearchResult
    backend: str  # "engine" or "fallback"
    suggestion: str | None = None
    notices: list[str] = field(default_factory=list)

    @property
    def from_fallback(self) -> bool:
        return self.backend == "fallback"


def search(query: SearchQuery, *, correct_spelling: bool = True) -> SearchOutcome:
    engine = get_engine()
    outcome: SearchOutcome | None = None
    if engine is not None:
        try:
            outcome = SearchOutcome(result=run(engine, query), backend="engine")
        except EngineUnavailable as error:
            logger.warning("Search engine unavailable, answering from the database: %s", error)
    if outcome is None:
        from . import fallback

        outcome = SearchOutcome(result=fallback.search(query), backend="fallback")
    if correct_spelling and query.text.strip() and outcome.result.total < 3:
        from .spelling import suggest_correction

        outcome.suggestion = suggest_correction(query.text)
    return outcome


def suggest(prefix: str, limit: int = 8):
    """Search-as-you-type suggestions (case studies, centres, focus areas, provinces)."""
    from . import fallback

    engine = get_engine()
    if engine is not None:
        try:
            from .query import suggest as engine_suggest

            return engine_suggest(engine, prefix, limit)
        except EngineUnavailable as error:
            logger.warning("Search engine unavailable for suggestions: %s", error)
    return fallback.suggest(prefix, limit)
