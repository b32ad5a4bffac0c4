"""The daily and weekly digests: case studies published or updated since a subscriber's last
digest that match the saved search, found through the portal's search service.

Run by `manage.py send_alert_digests` (settings.SCHEDULE, hourly); each subscription is
due once its period has passed since the end of the window its last digest covered.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db.models import Min, Q
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.models import Page

from learning_centres.models import CaseStudyPage
from portal.locales import originals
from portal.mail import queue_mail
from search import service
from search.contract import MAX_RESULT_WINDOW, SearchQuery
from search.models import PendingIndexUpdate
from search.params import parse

from .models import Frequency, Subscription
from .services import describe, link, unsubscribe_headers

logger = logging.getLogger(__name__)

PERIODS = {Frequency.DAILY: datetime.timedelta(days=1), Frequency.WEEKLY: datetime.timedelta(days=7)}
# The schedule runs hourly: a digest due a few minutes after the run is sent in this one,
# so a daily digest does not creep an hour later every day.
SLACK = datetime.timedelta(minutes=30)
SEARCH_PAGE_SIZE = 100


@dataclass(frozen=True)
class Change:
    page_id: int
    changed_at: datetime.datetime


def indexed_until(now: datetime.datetime) -> datetime.datetime:
    """Changes up to this moment are in the search index: a page still waiting in the outbox
    (search.models.PendingIndexUpdate) is not, so the window closes just before the oldest
    such change (its row's time, or the page's own publish time, which comes first), and a
    digest never passes over a case study the search could not find yet. Rows set aside as
    failed do not hold digests back."""
    pending = PendingIndexUpdate.objects.filter(failed_at__isnull=True)
    oldest_row = pending.aggregate(oldest=Min("enqueued_at"))["oldest"]
    if oldest_row is None:
        return now
    oldest_page = Page.objects.filter(pk__in=pending.values("page_id")).aggregate(oldest=Min("last_published_at"))["oldest"]
    return min(now, oldest_row, oldest_page or oldest_row) - datetime.timedelta(microseconds=1)


def due(now: datetime.datetime):
    condition = Q()
    for frequency, period in PERIODS.items():
        condition |= Q(frequency=frequency, covered_until__lte=now - period + SLACK)
    return Subscription.objects.filter(condition, confirmed_at__isnull=False).select_related("centre")


def changed_case_studies(after: datetime.datetime, until: datetime.datetime) -> list[Change]:
    pages = originals(CaseStudyPage.objects.live().public()).filter(last_published_at__gt=after, last_published_at__lte=until)
    return [Change(pk, changed) for pk, changed in pages.values_list("pk", "last_published_at")]


def matching(subscription: Subscription, candidates: set[int]) -> set[int]:
    """Which of `candidates` the saved search finds. The search has no filter by page, so
    its results are read page by page until every candidate is seen or the results end."""
    if subscription.centre_id is not None:
        centre = subscription.centre
        return set(CaseStudyPage.objects.filter(pk__in=candidates, path__startswith=centre.path).values_list("pk", flat=True))
    params = QueryDict(mutable=True)
    for key, values in subscription.query.items():
        params.setlist(key, values)
    base = parse(params).query
    found: set[int] = set()
    for page in range(1, MAX_RESULT_WINDOW // SEARCH_PAGE_SIZE + 1):
        query = SearchQuery(
            text=base.text, filters=base.filters, kinds=("case_study",), sort="newest", page=page, page_size=SEARCH_PAGE_SIZE
        )
        result = service.search(query, correct_spelling=False).result
        found |= {hit.page_id for hit in result.hits} & candidates
        if found == candidates or page * SEARCH_PAGE_SIZE >= result.total or not result.hits:
            break
    return found


def send_digests(now: datetime.datetime | None = None) -> int:
    """Send every due digest; return how many mails were queued."""
    now = now or timezone.now()
    until = indexed_until(now)
    subscriptions = list(due(now))
    if not subscriptions:
        return 0
    changes = changed_case_studies(min(s.covered_until for s in subscriptions), until)
    matches: dict[str, set[int]] = {}  # one search per distinct saved search per run
    sent = 0
    for subscription in subscriptions:
        new = {change.page_id for change in changes if change.changed_at > subscription.covered_until}
        found: set[int] = set()
        if new:
            if subscription.query_key not in matches:
                matches[subscription.query_key] = matching(subscription, {change.page_id for change in changes})
            found = new & matches[subscription.query_key]
            if found:
                send_digest(subscription, found)
                sent += 1
        Subscription.objects.filter(pk=subscription.pk).update(covered_until=until, **({"last_sent_at": now} if found else {}))
    return sent


def page_in(page: CaseStudyPage, language: str) -> CaseStudyPage:
    """The English version of a case study for an English subscriber, when there is one."""
    if language == "th":
        return page
    translated = page.get_translations().filter(locale__language_code=language, live=True).first()
    return translated.specific if translated else page


def send_digest(subscription: Subscription, page_ids: set[int]) -> None:
    pages = CaseStudyPage.objects.filter(pk__in=page_ids).order_by("-last_published_at")
    with translation.override(subscription.language):
        cases = []
        for page in pages:
            shown = page_in(page, subscription.language)
            cases.append(
                {
                    "title": shown.title,
                    "url": shown.full_url,
                    "new": page.first_published_at == page.last_published_at or page.first_published_at > subscription.covered_until,
                }
            )
        description = describe(subscription.query, subscription.centre)
        context = {
            "description": description,
            "cases": cases,
            "manage_url": link("alerts:manage", subscription),
            "unsubscribe_url": link("alerts:unsubscribe", subscription),
            "frequency": subscription.get_frequency_display(),
        }
        subject = _("กรณีศึกษาใหม่ %(count)d เรื่อง: %(search)s") % {"count": len(cases), "search": description}
        queue_mail(
            subject, render_to_string("alerts/email/digest.txt", context), [subscription.email], headers=unsubscribe_headers(subscription)
        )
    logger.info("alert digest of %d case studies queued", len(cases))
