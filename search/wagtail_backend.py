"""Wagtail's search backend for the admin and `/api/v2/?search=`: pages through the portal.

Wagtail's database backend took 11–334 s for one editor's page search at 10,000 case studies
and finds Thai words only where the author typed a space. Here a page search asks the
portal's search service (the engine, or its database fallback: Thai segmentation, synonyms,
the same recall as the public search) for live case studies and centres, and adds pages
whose title or draft title contains every term (drafts, fixed pages and English pages, which
the portal's index does not hold; a substring finds a Thai word inside unspaced text).
Everything else (images, documents, snippets, users) stays on Wagtail's database backend.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from modelsearch.backends import database
from modelsearch.backends.base import BaseSearchResults
from modelsearch.query import And, Or, Phrase, PlainText

from django.db.models import Q, QuerySet

from wagtail.models import Page

from .contract import MAX_QUERY_LENGTH, SearchQuery
from .service import search as portal_search

PORTAL_HITS = 200  # the portal's best hits, ranked first
TITLE_MATCHES = 1000  # at most this many pages found by their title


@dataclass
class _PageQuery:
    """What BaseSearchResults expects of a query compiler, and the ranked ids, found once."""

    queryset: QuerySet
    text: str
    operator: str
    order_by_relevance: bool
    ranked: list[int] | None = field(default=None)

    def ids(self) -> list[int]:
        if self.ranked is None:
            self.ranked = self._rank()
        return self.ranked

    def _rank(self) -> list[int]:
        query = SearchQuery(text=self.text, kinds=("case_study", "centre"), page_size=PORTAL_HITS, ranking_only=True)
        outcome = portal_search(query, correct_spelling=False)
        from_portal = [hit.page_id for hit in outcome.result.hits]
        terms = self.text.split()
        matches = [Q(title__icontains=term) | Q(draft_title__icontains=term) for term in terms]
        combined = Q()
        for match in matches:
            combined = (combined | match) if self.operator == "or" else (combined & match)
        in_scope = self.queryset.order_by()
        by_title = list(in_scope.filter(combined).values_list("pk", flat=True)[:TITLE_MATCHES])
        allowed = set(in_scope.filter(pk__in=from_portal).values_list("pk", flat=True))
        if not self.order_by_relevance:
            wanted = allowed | set(by_title)
            return [pk for pk in self.queryset.values_list("pk", flat=True) if pk in wanted] if wanted else []
        ranked = [pk for pk in from_portal if pk in allowed]
        seen = set(ranked)
        return ranked + [pk for pk in by_title if pk not in seen]


class PageSearchResults(BaseSearchResults):
    def _do_search(self):
        ids = self.query_compiler.ids()[self.start : self.stop]
        pages = self.query_compiler.queryset.filter(pk__in=ids).in_bulk(ids) if ids else {}
        results = [pages[pk] for pk in ids if pk in pages]
        if self._score_field:
            for rank, page in enumerate(results):
                setattr(page, self._score_field, float(len(ids) - rank))
        return results

    def _do_count(self):
        return max(0, len(self.query_compiler.ids()[self.start : self.stop]))


def _text_of(query, operator: str | None) -> tuple[str | None, str | None]:
    """The words of a parsed query (plain text, phrases, and/or of them), or None."""
    if isinstance(query, PlainText):
        return query.query_string, query.operator
    if isinstance(query, Phrase):
        return query.query_string, operator
    if isinstance(query, And | Or):
        parts = [_text_of(part, operator)[0] for part in query.subqueries]
        if all(parts):
            return " ".join(parts), "and" if isinstance(query, And) else "or"
    return None, None


class _PortalPages:
    """Page searches answered through the portal; pages are therefore not written into
    Wagtail's own index (a fifth of an import's time went there), other models are."""

    def add(self, obj):
        if not isinstance(obj, Page):
            super().add(obj)

    def add_bulk(self, model, obj_list):
        if not issubclass(model, Page):
            super().add_bulk(model, obj_list)

    def _pages(self, query, model_or_queryset, operator, order_by_relevance):
        queryset = model_or_queryset if isinstance(model_or_queryset, QuerySet) else model_or_queryset.objects.all()
        if not issubclass(queryset.model, Page):
            return None
        if not isinstance(query, str):
            # The admin parses its box into query objects (filters such as live:yes taken out).
            query, operator = _text_of(query, operator)
            if query is None:
                return None  # an empty box (MATCH_ALL): Wagtail lists the pages without an index
        text = " ".join(query.split())[:MAX_QUERY_LENGTH]
        if not text:
            return None
        return PageSearchResults(self, _PageQuery(queryset, text, (operator or "and").lower(), order_by_relevance))

    def search(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        found = self._pages(query, model_or_queryset, operator, order_by_relevance)
        return found if found is not None else super().search(query, model_or_queryset, fields, operator, order_by_relevance)

    def autocomplete(self, query, model_or_queryset, fields=None, operator=None, order_by_relevance=True):
        found = self._pages(query, model_or_queryset, operator, order_by_relevance)
        return found if found is not None else super().autocomplete(query, model_or_queryset, fields, operator, order_by_relevance)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    """Wagtail's database backend for this database, with page searches through the portal."""
    inner = database.SearchBackend(params)
    backend_class = type(f"PortalPages{type(inner).__name__}", (_PortalPages, type(inner)), {})
    return backend_class(params)
