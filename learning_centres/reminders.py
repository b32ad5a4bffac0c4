"""Follow-up reminders: when a published case study has had no follow-up (or, lacking any,
no publication) for settings.OUTCOME_REMINDER_MONTHS months, its centre's contributors get
one e-mail asking how the practice is doing. Run daily by the scheduler
(`manage.py send_follow_up_reminders`, settings.SCHEDULE). One reminder per quiet period:
the FollowUpReminder row (unique per page and quiet_since) is written before the mail is
queued, in the same transaction, so a second run, or two at once, never sends it twice."""

from __future__ import annotations

import calendar
import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation

from portal.mail import queue_mail

from .models import CaseStudyPage, FollowUpReminder, LearningCentrePage

logger = logging.getLogger(__name__)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def contributors(centre: LearningCentrePage) -> list[str]:
    """The centre's contributors' addresses; else its private contact address."""
    access = getattr(centre, "access", None)
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    emails = sorted(set(users.filter(groups=access.group).values_list("email", flat=True))) if access else []
    return emails or ([centre.contact_email] if centre.contact_email else [])


def send_due_reminders(today: datetime.date | None = None) -> int:
    """Queue the reminders that are due; returns how many cases were reminded."""
    today = today or timezone.localdate()
    months = int(getattr(settings, "OUTCOME_REMINDER_MONTHS", 12))
    cutoff = months_before(today, months)
    cases = (
        CaseStudyPage.objects.live()
        .filter(first_published_at__date__lte=cutoff)
        .annotate(last_follow_up=Max("follow_ups__date"))
        .order_by("pk")
    )
    sent = 0
    for case in cases.iterator(chunk_size=500):
        quiet_since = case.last_follow_up or timezone.localtime(case.first_published_at).date()
        if quiet_since > cutoff or FollowUpReminder.objects.filter(page=case, quiet_since=quiet_since).exists():
            continue
        centre = case.get_parent().specific
        to = contributors(centre)
        if not to:
            logger.warning("case %s is due a follow-up reminder but its centre has no contributor address", case.pk)
            continue
        try:
            with transaction.atomic():
                FollowUpReminder.objects.create(page=case, quiet_since=quiet_since, recipients=len(to))
                context = {
                    "case": case,
                    "centre": centre,
                    "quiet_since": quiet_since,
                    "months": months,
                    "edit_url": f"{settings.WAGTAILADMIN_BASE_URL.rstrip('/')}/admin/pages/{case.pk}/edit/",
                }
                with translation.override("th"):
                    subject, _, body = render_to_string("learning_centres/email/follow_up_reminder.txt", context).strip().partition("\n")
                queue_mail(subject, body.strip() + "\n", to)
        except IntegrityError:
            continue  # another run reminded it a moment ago
        sent += 1
    return sent
