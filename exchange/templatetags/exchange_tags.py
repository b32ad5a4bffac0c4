"""Template helpers of the exchange: Buddhist-era dates and the centre page's visit box."""

import datetime

from django import template
from django.db.models import Avg, Count, Sum
from django.utils import timezone

from ..fields import format_thai_date
from ..models import VisitFeedback, VisitRequest, VisitStatus
from ..rules import policy_for, today

register = template.Library()


@register.filter
def thai_date(value) -> str:
    """15 มีนาคม พ.ศ. 2569 (a datetime is shown as its local date)."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    if not isinstance(value, datetime.date):
        return ""
    return format_thai_date(value)


@register.simple_tag
def upcoming_blackouts(policy):
    if policy.pk is None:
        return []
    return [period for period in policy.blackout_periods.all() if period.end_date >= today()]


@register.simple_tag
def visit_entry(centre) -> dict:
    """What the centre page shows: the request button, visits hosted, approved feedback."""
    completed = VisitRequest.objects.filter(centre=centre, status=VisitStatus.COMPLETED)
    figures = completed.aggregate(visits=Count("pk"), visitors=Sum("group_size"))
    feedback = VisitFeedback.objects.filter(request__centre=centre, approved=True)
    return {
        "policy": policy_for(centre),
        "visits_hosted": figures["visits"],
        "visitors_hosted": figures["visitors"] or 0,
        "average_rating": feedback.aggregate(value=Avg("rating"))["value"],
        "feedback": list(feedback.select_related("request").order_by("-created_at")[:5]),
    }
