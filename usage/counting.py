"""Counting a hit: one atomic upsert (INSERT … ON CONFLICT DO UPDATE, like portal.ratelimit),
so concurrent workers never lose a count. A page view resolves the URL to its page inside
the same statement (INSERT … SELECT), so a view costs one short statement and nothing else.
"""

from __future__ import annotations

import threading

from crawlerdetect import CrawlerDetect

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.utils import timezone

from wagtail.models import Locale, Site

from learning_centres.models import CaseStudyPage, LearningCentrePage

from .models import DailyCount, Kind

_detectors = threading.local()  # CrawlerDetect keeps the last match on the instance: one per thread


def is_bot(request: HttpRequest) -> bool:
    """Crawlers, link previewers and scripts (crawlerdetect's list), a missing user agent,
    and the browser's own prefetching (not a person reading)."""
    agent = request.META.get("HTTP_USER_AGENT", "")
    if not agent or request.META.get("HTTP_SEC_PURPOSE", "").startswith("prefetch") or request.META.get("HTTP_PURPOSE") == "prefetch":
        return True
    detector = getattr(_detectors, "value", None)
    if detector is None:
        detector = _detectors.value = CrawlerDetect()
    return detector.isCrawler(agent)


def _names() -> tuple[str, str, str, str, str]:
    return tuple(map(connection.ops.quote_name, (DailyCount._meta.db_table, "day", "kind", "object_id", "query"))) + (
        connection.ops.quote_name("count"),
    )  # type: ignore[return-value]


def _upsert_suffix() -> str:
    table, day, kind, object_id, query, count = _names()
    return f" ON CONFLICT ({day}, {kind}, {object_id}, {query}) DO UPDATE SET {count} = {table}.{count} + 1"  # nosec B608 - quoted names of our own table


def count(kind: str, object_id: int, query: str = "") -> None:
    table, day, kind_column, object_column, query_column, count_column = _names()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({day}, {kind_column}, {object_column}, {query_column}, {count_column}) VALUES (%s, %s, %s, %s, 1)"  # noqa: S608  # nosec B608 - quoted names of our own table
            + _upsert_suffix(),
            [timezone.localdate(), kind, object_id, query[:100]],
        )


def _page_facts(language: str) -> tuple[str, int, int, int] | None:
    """The site root's url_path in this language, the Thai locale's id and the two page
    types' ids; cached (they change when the site is set up, not while it runs)."""
    key = f"usage:facts:{language}"
    facts = cache.get(key)
    if facts is None:
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        if site is None:
            return None
        root = site.root_page
        if language != root.locale.language_code:
            root = root.get_translations().filter(locale__language_code=language).first() or root
        thai = Locale.objects.filter(language_code="th").values_list("pk", flat=True).first() or root.locale_id
        types = ContentType.objects.get_for_models(CaseStudyPage, LearningCentrePage)
        facts = (root.url_path, thai, types[CaseStudyPage].pk, types[LearningCentrePage].pk)
        cache.set(key, facts, 300)
    return facts


def count_page_view(path: str, language: str) -> None:
    """Count a view of the case study or centre at `path` (without the /en prefix) against
    its Thai original; any other page counts nothing."""
    facts = _page_facts(language)
    if facts is None:
        return
    root_path, thai_locale, case_type, centre_type = facts
    url_path = root_path.rstrip("/") + path
    slug = path.rstrip("/").rpartition("/")[2]
    if not slug:
        return
    table, day, kind, object_id, query, count_column = _names()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({day}, {kind}, {object_id}, {query}, {count_column}) "  # noqa: S608  # nosec B608 - quoted names of our own table
            "SELECT %s, CASE WHEN p.content_type_id = %s THEN %s ELSE %s END, original.id, '', 1 "
            "FROM wagtailcore_page p JOIN wagtailcore_page original "
            "ON original.translation_key = p.translation_key AND original.locale_id = %s "
            # url_path has no index; slug has: the page is found by its slug, then checked by path.
            "WHERE p.slug = %s AND p.url_path = %s AND p.live AND p.content_type_id IN (%s, %s)" + _upsert_suffix(),
            [timezone.localdate(), case_type, Kind.CASE_STUDY, Kind.CENTRE, thai_locale, slug, url_path, case_type, centre_type],
        )
