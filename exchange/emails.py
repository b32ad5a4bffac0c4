"""Emails of the exchange, through Django's email framework (console or file backend in
development, SMTP in production). Templates: templates/exchange/email/<name>.txt, whose
first line is the subject."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from learning_centres.roles import EDITORS


def send(name: str, to: list[str], context: dict, reply_to: list[str] | None = None, language: str = "th") -> None:
    """The centre's notifications are Thai; a requester's are in the language they asked in."""
    recipients = [address for address in to if address]
    if not recipients:
        return
    with translation.override(language):
        subject, _, body = render_to_string(f"exchange/email/{name}.txt", context).strip().partition("\n")
    EmailMessage(subject=subject.strip(), body=body.strip() + "\n", to=recipients, reply_to=reply_to or None).send()


def centre_recipients(centre) -> list[str]:
    """The centre's private contact address; else its contributors; else the editors.
    (None of these addresses is ever shown on the site.)"""
    if centre.contact_email:
        return [centre.contact_email]
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    access = getattr(centre, "access", None)
    contributors = list(users.filter(groups=access.group).values_list("email", flat=True)) if access else []
    return contributors or list(users.filter(groups__name=EDITORS).values_list("email", flat=True))
