"""A centre's visiting rules: group size, notice, blackout periods and visits per month.

The public form and the admin's status changes ask the same functions, so a centre can
never approve a visit its own rules would refuse (notice excepted: the centre may agree
to a short-notice visit).
"""

from __future__ import annotations

import datetime

from django.db.models import DateField
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.locales import english_active
from thai.dates import english_date, thai_date

from .models import BOOKED_STATUSES, MAX_GROUP_SIZE, VisitPolicy, VisitRequest

LATEST_BOOKING_DAYS = 366


def _date(day: datetime.date) -> str:
    """A date in the words of the visitor's language (the messages reach the public form)."""
    return english_date(day) if english_active() else thai_date(day)


def policy_for(centre) -> VisitPolicy:
    """The centre's policy, or the defaults (unsaved) when nobody has set one."""
    try:
        return centre.visit_policy
    except VisitPolicy.DoesNotExist:
        return VisitPolicy(centre=centre)


def today() -> datetime.date:
    return timezone.localdate()


def earliest_date(policy: VisitPolicy) -> datetime.date:
    return today() + datetime.timedelta(days=max(policy.min_notice_days, 1))


def group_size_problem(policy: VisitPolicy, size: int) -> str | None:
    limit = policy.group_size_limit or MAX_GROUP_SIZE
    if size > limit:
        return _("ศูนย์รับผู้ศึกษาดูงานได้ครั้งละไม่เกิน %(limit)s คน กรุณาลดจำนวนหรือแบ่งเป็นหลายคณะ") % {"limit": limit}
    return None


def blackout_problem(policy: VisitPolicy, day: datetime.date) -> str | None:
    if policy.pk is None:
        return None
    for period in policy.blackout_periods.all():
        if period.start_date <= day <= period.end_date:
            reason = f" ({period.reason})" if period.reason else ""
            return _("ศูนย์งดรับศึกษาดูงานระหว่าง %(start)s ถึง %(end)s%(reason)s กรุณาเลือกวันอื่น") % {
                "start": _date(period.start_date),
                "end": _date(period.end_date),
                "reason": reason,
            }
    return None


def booked_in_month(centre, day: datetime.date, exclude: VisitRequest | None = None) -> int:
    visits = VisitRequest.objects.filter(centre=centre, status__in=BOOKED_STATUSES).annotate(
        day=Coalesce("scheduled_date", "preferred_date", output_field=DateField())
    )
    if exclude is not None and exclude.pk:
        visits = visits.exclude(pk=exclude.pk)
    return visits.filter(day__year=day.year, day__month=day.month).count()


def monthly_problem(policy: VisitPolicy, day: datetime.date, exclude: VisitRequest | None = None) -> str | None:
    limit = policy.max_visits_per_month
    if limit and booked_in_month(policy.centre, day, exclude) >= limit:
        return _("ศูนย์รับคณะศึกษาดูงานในเดือนนี้ครบ %(limit)s คณะแล้ว กรุณาเลือกเดือนอื่น") % {"limit": limit}
    return None


def calendar_problem(policy: VisitPolicy, day: datetime.date, exclude: VisitRequest | None = None) -> str | None:
    """Why the centre cannot host on `day` (blackout or a full month), or None."""
    return blackout_problem(policy, day) or monthly_problem(policy, day, exclude)


def requested_date_problem(policy: VisitPolicy, day: datetime.date) -> str | None:
    """Why a visitor may not ask for `day`, or None."""
    first = earliest_date(policy)
    if day < today():
        return _("วันที่นี้ผ่านมาแล้ว กรุณาเลือกวันในอนาคต")
    if day < first:
        return _("ศูนย์ขอให้แจ้งล่วงหน้าอย่างน้อย %(days)s วัน กรุณาเลือกตั้งแต่ %(first)s เป็นต้นไป") % {
            "days": policy.min_notice_days,
            "first": _date(first),
        }
    if day > today() + datetime.timedelta(days=LATEST_BOOKING_DAYS):
        return _("รับคำขอล่วงหน้าได้ไม่เกิน 1 ปี")
    return calendar_problem(policy, day)
