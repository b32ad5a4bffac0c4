"""Emails of the exchange, queued for the task worker (portal/mail.py), so a visitor's request
never waits for SMTP or fails with it. Templates: templates/exchange/email/<name>.txt, whose
first line is the subject."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import translation

from learning_centres.roles import EDITORS
from portal.mail import queue_mail


def send(name: str, to: list[str], context: dict, reply_to: list[str] | None = None, language: str = "th") -> None:
    """The centre's notifications are Thai; a requester's are in the language they asked in."""
    if not any(to):
        return
    with translation.override(language):
        subject, _, body = render_to_string(f"exchange/email/{name}.txt", context).strip().partition("\n")
    queue_mail(subject, body.strip() + "\n", to, reply_to=reply_to)


def centre_recipients(centre) -> list[str]:
    """The centre's private contact address; else its contributors; else the editors.
    (None of these addresses is ever shown on the site.)"""
    if centre.contact_email:
        return [centre.contact_email]
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    access = getattr(centre, "access", None)
    contributors = list(users.filter(groups=access.group).values_list("email", flat=True)) if access else []
    return contributors or list(users.filter(groups__name=EDITORS).values_list("email", flat=True))
