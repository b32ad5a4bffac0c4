"""Template helpers of the exchange: dates in the visitor's language (Buddhist era in Thai) and the centre page's visit box."""

import datetime

from django import template
from django.conf import settings
from django.db.models import Avg, Count, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from learning_centres.models import LearningCentrePage
from portal.locales import english_active
from thai import dates, names

from ..models import VisitFeedback, VisitPolicy, VisitStatus
from ..rules import today

register = template.Library()


@register.filter
def local_date(value) -> str:
    """15 มีนาคม พ.ศ. 2569, or 15 March 2026 under /en/ and in an English e-mail
    (a datetime is shown as its local date)."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    if not isinstance(value, datetime.date):
        return ""
    return dates.english_date(value) if english_active() else dates.thai_date(value)


@register.simple_tag
def upcoming_blackouts(policy):
    if policy.pk is None:
        return []
    return [period for period in policy.blackout_periods.all() if period.end_date >= today()]


@register.simple_tag
def visit_entry(centre) -> dict:
    """What the centre page shows: the request button, visits hosted, approved feedback.
    One query for the figures (the page's query budget is tested), one more for feedback.
    Requests belong to the Thai original: an English centre page (an alias or a translation)
    shows its figures and links to its forms (`centre_id`)."""
    completed = Q(visit_requests__status=VisitStatus.COMPLETED)
    figures = (
        LearningCentrePage.objects.filter(translation_key=centre.translation_key, locale__language_code=settings.LANGUAGE_CODE)
        .annotate(
            visits=Count("visit_requests", filter=completed),
            visitors=Sum("visit_requests__group_size", filter=completed),
            rating=Avg("visit_requests__feedback__rating", filter=Q(visit_requests__feedback__approved=True)),
            accepting=Subquery(VisitPolicy.objects.filter(centre=OuterRef("pk")).values("accepting_requests")[:1]),
        )
        .values("pk", "visits", "visitors", "rating", "accepting")
        .first()
    ) or {"pk": centre.pk, "visits": 0, "visitors": 0, "rating": None, "accepting": None}
    feedback = []
    if figures["rating"] is not None:
        feedback = list(
            VisitFeedback.objects.filter(request__centre_id=figures["pk"], approved=True)
            .select_related("request")
            .order_by("-created_at")[:5]
        )
    return {
        "centre_id": figures["pk"],
        "accepting_requests": figures["accepting"] is not False,  # no policy yet: open
        "visits_hosted": figures["visits"],
        "visitors_hosted": figures["visitors"] or 0,
        "average_rating": figures["rating"],
        "feedback": feedback,
    }


@register.filter
def addressed(name: str) -> str:
    """How a letter greets the requester: "คุณสมหญิง" or "นายสมชาย" in Thai; the name as
    written in English."""
    return " ".join(str(name).split()) if english_active() else names.courteous_name(str(name))


@register.filter
def date_in_full(value) -> str:
    """วันอาทิตย์ที่ 15 มีนาคม พ.ศ. 2569 (Sunday 15 March 2026 in English): a typed date read
    back with its weekday, so that a slip shows before the form is sent."""
    if not isinstance(value, datetime.date):
        return ""
    return dates.english_date_in_full(value) if english_active() else dates.thai_date_in_full(value)
