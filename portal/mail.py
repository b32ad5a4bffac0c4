"""Outgoing e-mail leaves through the task worker, never inside a visitor's request.

`queue_mail` stores the message as a task (django-tasks; `manage.py db_worker` delivers it in
production, at once in development and tests). A delivery that fails (SMTP down, refused,
timed out after EMAIL_TIMEOUT) is queued again later with a growing delay, up to
MAIL_MAX_ATTEMPTS. django-tasks has no retries of its own; re-enqueueing with `run_after`
is the few lines it takes.
"""

from __future__ import annotations

import datetime
import logging
import smtplib

from django_tasks import task

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils import timezone

logger = logging.getLogger(__name__)


def single_line(text: str) -> str:
    """A header value on one line: a CR or LF typed into a name can never start a header."""
    return " ".join(text.split())


def retry_delay(attempt: int) -> datetime.timedelta:
    """The wait after failed attempt number `attempt`: the base, doubled each time, at most an hour."""
    base = float(getattr(settings, "MAIL_RETRY_SECONDS", 30))
    return datetime.timedelta(seconds=min(base * 2 ** (attempt - 1), 3600))


def queue_mail(subject: str, body: str, to: list[str], reply_to: list[str] | None = None, headers: dict[str, str] | None = None) -> None:
    """`headers`: extra headers, e.g. List-Unsubscribe (alerts), each value on one line."""
    recipients = [address for address in to if address]
    if recipients:
        extra = {name: single_line(value) for name, value in (headers or {}).items()}
        deliver_mail.enqueue(single_line(subject), body, recipients, list(reply_to or []), 1, extra)


@task()
def deliver_mail(subject: str, body: str, to: list[str], reply_to: list[str], attempt: int, headers: dict[str, str] | None = None) -> None:
    message = EmailMessage(subject=single_line(subject), body=body, to=to, reply_to=reply_to or None, headers=headers or None)
    try:
        message.send()
    except (smtplib.SMTPException, OSError) as error:
        if attempt >= int(getattr(settings, "MAIL_MAX_ATTEMPTS", 8)) or not deliver_mail.get_backend().supports_defer:
            logger.error("mail to %d recipient(s) failed for good after %d attempt(s): %s", len(to), attempt, error)
            raise
        delay = retry_delay(attempt)
        deliver_mail.using(run_after=timezone.now() + delay).enqueue(subject, body, to, reply_to, attempt + 1, headers)
        logger.warning("mail delivery attempt %d failed (%s); retrying in %s", attempt, error, delay)
