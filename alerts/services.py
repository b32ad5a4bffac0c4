"""Subscribing, confirming, unsubscribing and the links in the mails (README: "E-mail alerts")."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from learning_centres.models import LearningCentrePage
from portal.mail import queue_mail
from search import presenters
from search.params import FACET_PARAMS, parse

from .models import Subscription

CONFIRM_SALT = "alerts.confirm"


def saved_query(params: QueryDict) -> tuple[dict[str, list[str]], list[str]]:
    """The search a page shows, as the parameters worth keeping (no page, no sort), checked
    as the search page checks them; with the errors of values that do not exist."""
    parsed = parse(params)
    query: dict[str, list[str]] = {}
    if parsed.query.text.strip():
        query["q"] = [parsed.query.text.strip()]
    for param, index_field in FACET_PARAMS.items():
        if values := parsed.query.filters.get(index_field):
            query[param] = list(values)
    errors = [error for error in parsed.errors if not error.startswith(("page:", "sort:"))]
    return query, errors


def describe(query: dict[str, list[str]], centre: LearningCentrePage | None) -> str:
    """The saved search in words, in the active language."""
    parts = []
    if centre is not None:
        parts.append(_("กรณีศึกษาของ %(centre)s") % {"centre": centre.title})
    if query.get("q"):
        parts.append(f"“{query['q'][0]}”")
    for param, index_field in FACET_PARAMS.items():
        if query.get(param):
            parts.append(", ".join(presenters.label(index_field, value) for value in query[param]))
    return " · ".join(parts) or _("กรณีศึกษาทั้งหมด")


def absolute(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def link(name: str, subscription: Subscription, *, value: str | None = None) -> str:
    """A link in the subscriber's language (the page it opens speaks it too)."""
    with translation.override(subscription.language):
        return absolute(reverse(name, args=[value or subscription.token]))


def confirm_link(subscription: Subscription) -> str:
    return link("alerts:confirm", subscription, value=signing.dumps(subscription.token, salt=CONFIRM_SALT))


def token_from_confirm_link(value: str) -> str | None:
    """The subscription a confirmation link is for, while it has not expired."""
    max_age = settings.ALERTS_UNCONFIRMED_DAYS * 24 * 3600
    try:
        return signing.loads(value, salt=CONFIRM_SALT, max_age=max_age)
    except signing.BadSignature:
        return None


def unsubscribe_headers(subscription: Subscription) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail programs show an unsubscribe button that POSTs to the link."""
    return {"List-Unsubscribe": f"<{link('alerts:unsubscribe', subscription)}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


@transaction.atomic
def subscribe(email: str, query: dict[str, list[str]], centre: LearningCentrePage | None, frequency: str, language: str) -> Subscription:
    """Save the search (or find it again) and send the confirmation mail, unless the address
    already confirmed it: then nothing is sent (and the visitor is told the same thing either
    way, so the form does not reveal who subscribes to what)."""
    email = email.strip().lower()
    with translation.override(language):
        label = describe(query, centre)
    subscription, _created = Subscription.objects.get_or_create(
        email=email,
        query_key=Subscription(query=query, centre=centre).compute_key(),
        defaults={
            "query": query,
            "centre": centre,
            "frequency": frequency,
            "language": language,
            "label": label[:300],
            "consent_at": timezone.now(),
        },
    )
    if subscription.confirmed_at is None:
        subscription.frequency, subscription.language, subscription.consent_at = frequency, language, timezone.now()
        subscription.save()
        transaction.on_commit(lambda: send_confirmation(subscription))
    return subscription


def send_confirmation(subscription: Subscription) -> None:
    with translation.override(subscription.language):
        context = {
            "subscription": subscription,
            "description": describe(subscription.query, subscription.centre),
            "confirm_url": confirm_link(subscription),
            "days": settings.ALERTS_UNCONFIRMED_DAYS,
        }
        subject = _("ยืนยันการแจ้งเตือนทางอีเมล: %(search)s") % {"search": context["description"]}
        queue_mail(subject, render_to_string("alerts/email/confirm.txt", context), [subscription.email])


def confirm(subscription: Subscription) -> None:
    if subscription.confirmed_at is None:
        now = timezone.now()
        # The first digest brings what is published from now on, not the archive.
        Subscription.objects.filter(pk=subscription.pk).update(confirmed_at=now, covered_until=now)
        subscription.confirmed_at = subscription.covered_until = now


def same_address(subscription: Subscription):
    """Every confirmed search of the address a private link belongs to."""
    return Subscription.objects.filter(email=subscription.email, confirmed_at__isnull=False).select_related("centre").order_by("created_at")
