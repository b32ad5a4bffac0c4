"""Template helpers of the exchange: Buddhist-era dates and the centre page's visit box."""

import datetime

from django import template
from django.db.models import Avg, Count, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from learning_centres.models import LearningCentrePage
from thai import dates

from ..models import VisitFeedback, VisitPolicy, VisitStatus
from ..rules import today

register = template.Library()


@register.filter
def thai_date(value) -> str:
    """15 มีนาคม พ.ศ. 2569 (a datetime is shown as its local date)."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    if not isinstance(value, datetime.date):
        return ""
    return dates.thai_date(value)


@register.simple_tag
def upcoming_blackouts(policy):
    if policy.pk is None:
        return []
    return [period for period in policy.blackout_periods.all() if period.end_date >= today()]


@register.simple_tag
def visit_entry(centre) -> dict:
    """What the centre page shows: the request button, visits hosted, approved feedback.
    One query for the figures (the page's query budget is tested), one more for feedback."""
    completed = Q(visit_requests__status=VisitStatus.COMPLETED)
    figures = (
        LearningCentrePage.objects.filter(pk=centre.pk)
        .annotate(
            visits=Count("visit_requests", filter=completed),
            visitors=Sum("visit_requests__group_size", filter=completed),
            rating=Avg("visit_requests__feedback__rating", filter=Q(visit_requests__feedback__approved=True)),
            accepting=Subquery(VisitPolicy.objects.filter(centre=OuterRef("pk")).values("accepting_requests")[:1]),
        )
        .values("visits", "visitors", "rating", "accepting")
        .first()
    ) or {"visits": 0, "visitors": 0, "rating": None, "accepting": None}
    feedback = []
    if figures["rating"] is not None:
        feedback = list(
            VisitFeedback.objects.filter(request__centre=centre, approved=True).select_related("request").order_by("-created_at")[:5]
        )
    return {
        "accepting_requests": figures["accepting"] is not False,  # no policy yet: open
        "visits_hosted": figures["visits"],
        "visitors_hosted": figures["visitors"] or 0,
        "average_rating": figures["rating"],
        "feedback": feedback,
    }
