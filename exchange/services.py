"""What happens to a visit request: submitted, answered by the centre, withdrawn or
deleted by the requester, rated afterwards. Each step that concerns the requester emails them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation

from . import emails
from .models import ContactMessage, VisitFeedback, VisitRequest, VisitStatus, VisitStatusChange


def status_url(visit: VisitRequest, request: HttpRequest) -> str:
    """The requester's private link, in the language they asked in (also from the admin)."""
    with translation.override(visit.language):
        return request.build_absolute_uri(reverse("exchange:status", args=[visit.token]))


def admin_url(visit: VisitRequest, request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("visit_requests:inspect", args=[visit.pk]))


@transaction.atomic
def submit_request(data: dict, centre, request: HttpRequest) -> VisitRequest:
    topics = data.pop("topics", [])
    language = translation.get_language() or settings.LANGUAGE_CODE
    visit = VisitRequest.objects.create(centre=centre, consent_at=timezone.now(), language=language, **data)
    visit.topics.set(topics)
    context = {"visit": visit, "centre": centre, "status_url": status_url(visit, request)}
    transaction.on_commit(lambda: emails.send("request_received", [visit.email], context, language=visit.language))
    transaction.on_commit(
        lambda: emails.send("request_for_centre", emails.centre_recipients(centre), {**context, "admin_url": admin_url(visit, request)})
    )
    return visit


@transaction.atomic
def change_status(
    visit: VisitRequest, to_status: str, message: str, user, request: HttpRequest, visit_date: datetime.date | None = None
) -> VisitStatusChange:
    """The centre answers: approve, propose another date, decline, or mark the visit done.
    Callers validate the transition and the date (see forms.StatusChangeForm)."""
    change = VisitStatusChange.objects.create(
        request=visit, from_status=visit.status, to_status=to_status, message=message, changed_by=user, visit_date=visit_date
    )
    visit.status = to_status
    if visit_date:
        visit.scheduled_date = visit_date
    elif to_status == VisitStatus.APPROVED and not visit.scheduled_date:
        visit.scheduled_date = visit.preferred_date
    visit.save()
    context = {"visit": visit, "centre": visit.centre, "change": change, "status_url": status_url(visit, request)}
    transaction.on_commit(lambda: emails.send(f"status_{to_status}", [visit.email], context, language=visit.language))
    return change


@transaction.atomic
def withdraw(visit: VisitRequest, request: HttpRequest) -> None:
    VisitStatusChange.objects.create(request=visit, from_status=visit.status, to_status=VisitStatus.WITHDRAWN)
    visit.status = VisitStatus.WITHDRAWN
    visit.save()
    context = {"visit": visit, "centre": visit.centre, "admin_url": admin_url(visit, request)}
    transaction.on_commit(lambda: emails.send("withdrawn_for_centre", emails.centre_recipients(visit.centre), context))


@transaction.atomic
def delete_personal_data(visit: VisitRequest) -> None:
    """The requester deletes their request. A visit that took place stays as an anonymous
    row so the centre's "visits hosted" figures do not change; anything else goes entirely."""
    if visit.status == VisitStatus.COMPLETED:
        visit.anonymise()
    else:
        visit.delete()


@transaction.atomic
def leave_feedback(visit: VisitRequest, rating: int, comment: str, adopted: Iterable = ()) -> VisitFeedback:
    feedback = VisitFeedback.objects.create(request=visit, rating=rating, comment=comment)
    feedback.adopted_case_studies.set(adopted)
    return feedback


@transaction.atomic
def send_contact_message(centre, name: str, email: str, message: str) -> ContactMessage:
    stored = ContactMessage.objects.create(centre=centre, name=name, email=email, message=message)
    context = {"centre": centre, "name": name, "email": email, "message": message}
    transaction.on_commit(lambda: emails.send("contact_for_centre", emails.centre_recipients(centre), context, reply_to=[email]))
    return stored
