"""What a change makes stale, as paths to purge (pagecache.generations).

A case study or centre: its own URLs in every language, its centre (a case study) or its case
studies (a centre: they show its name and place), and the pages that list or count them:
home, the listings (every filter and page of them: area and province pages are listing URLs),
the feeds and the sitemap. Moves, deletions, privacy changes and pages in the menu purge the
whole site: they change URLs or every page's header, and are rare.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from wagtail.models import Page

from home.models import HomePage
from learning_centres.models import CaseStudyIndexPage, CaseStudyPage, CentreIndexPage, LearningCentrePage

from . import generations

AGGREGATE_TYPES = (HomePage, CentreIndexPage, CaseStudyIndexPage)
AGGREGATE_ROUTES = ("learning_centres:case_studies_rss", "learning_centres:case_studies_atom", "sitemap")


class _Pending(threading.local):
    """What this thread's open transaction has asked to purge, purged once it commits."""

    def __init__(self) -> None:
        self.page_ids: set[int] = set()
        self.site = False
        self.callback = None


_pending = _Pending()


def _registered(callback) -> bool:
    """Still waiting for the commit (a rollback discards the callback, and what it collected)."""
    return any(entry[1] is callback for entry in transaction.get_connection().run_on_commit)


def _flush() -> None:
    page_ids, site = _pending.page_ids, _pending.site
    _pending.page_ids, _pending.site, _pending.callback = set(), False, None
    if site:
        generations.purge_site()
    elif page_ids:
        generations.purge_paths(paths_for(related_page_ids(page_ids)))


def _after_commit(page_ids: Iterable[int] = (), site: bool = False) -> None:
    """Purge when the change is committed, once per transaction however many pages it
    changed (an import publishes thousands): a request that reads the generations before
    the commit stores what it rendered where no request looks after the purge. Outside a
    transaction (autocommit), at once."""
    if not transaction.get_connection().in_atomic_block:
        _pending.page_ids, _pending.site = set(page_ids), site
        _flush()
        return
    if _pending.callback is None or not _registered(_pending.callback):
        _pending.page_ids, _pending.site = set(), False
        _pending.callback = lambda: _flush()
        transaction.on_commit(_pending.callback, robust=True)
    _pending.page_ids.update(page_ids)
    _pending.site |= site


def page_paths(pages: Iterable[Page]) -> set[str]:
    paths = set()
    for page in pages:
        parts = page.get_url_parts()
        if parts is not None:
            paths.add(parts[2])
    return paths


def related_page_ids(page_ids: Iterable[int]) -> set[int]:
    """The pages themselves, the centre of each case study, the case studies of each centre."""
    ids = set(page_ids)
    related = set(ids)
    centre_paths = CaseStudyPage.objects.filter(pk__in=ids).values_list("path", flat=True)
    parents = {path[: -Page.steplen] for path in centre_paths}
    related.update(Page.objects.filter(path__in=parents).values_list("pk", flat=True))
    for centre in LearningCentrePage.objects.filter(pk__in=ids).only("path", "depth"):
        related.update(CaseStudyPage.objects.descendant_of(centre).values_list("pk", flat=True))
    return related


def paths_for(page_ids: Iterable[int]) -> set[str]:
    """The URLs (in every language, aliases included) of these pages and of every aggregate."""
    ids = set(page_ids)
    keys = Page.objects.filter(pk__in=ids).values_list("translation_key", flat=True)
    pages = Page.objects.filter(Q(pk__in=ids) | Q(translation_key__in=keys) | Q(alias_of__in=ids))
    aggregates = Page.objects.type(*AGGREGATE_TYPES)
    paths = page_paths([*pages.select_related("locale"), *aggregates.select_related("locale")])
    for route in AGGREGATE_ROUTES:
        try:
            paths.add(reverse(route))
        except NoReverseMatch:
            pass
    return paths


def purge_pages(page_ids: Iterable[int]) -> None:
    """Purge these pages, their related pages and every aggregate (after the commit)."""
    _after_commit(page_ids=page_ids)


def purge_site() -> None:
    """Purge every page (after the commit)."""
    _after_commit(site=True)
