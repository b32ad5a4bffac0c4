"""What each type of centre reports about itself (docs/centre-profiles.md): elderly-care
learning centres count older people served and caregivers trained; child development
centres count children enrolled, their age range and the DLA standard level met; both give
staff, volunteers, opening days and map coordinates. Fields of the other type stay empty
(LearningCentrePageForm refuses them; the admin hides them)."""

from __future__ import annotations

import math

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.locales import english_active

from ..profile_fields import CHILD_FIELDS, ELDERLY_FIELDS, WEEKDAYS

__all__ = ["CHILD_FIELDS", "ELDERLY_FIELDS", "WEEKDAYS"]


class DLAStandardLevel(models.IntegerChoices):
    """The Department of Local Administration's standard for child development centres."""

    BASIC = 1, "ผ่านมาตรฐานระดับพื้นฐาน"
    GOOD = 2, "ผ่านมาตรฐานระดับดี"
    EXCELLENT = 3, "ผ่านมาตรฐานระดับดีเยี่ยม"


DLA_STANDARD_NAMES_EN = {
    DLAStandardLevel.BASIC: "Meets the DLA standard: basic",
    DLAStandardLevel.GOOD: "Meets the DLA standard: good",
    DLAStandardLevel.EXCELLENT: "Meets the DLA standard: excellent",
}


def _count(label):
    return models.PositiveIntegerField(label, null=True, blank=True, validators=[MaxValueValidator(1_000_000)])


class CentreProfile(models.Model):
    older_people_served = _count(_("จำนวนผู้สูงอายุที่ได้รับบริการ (คน/ปี)"))
    caregivers_trained = _count(_("จำนวนผู้ดูแลผู้สูงอายุที่ผ่านการอบรม (คน)"))
    children_enrolled = _count(_("จำนวนเด็กที่รับเลี้ยงดู (คน)"))
    children_age_from = models.PositiveSmallIntegerField(_("อายุเด็กตั้งแต่ (ปี)"), null=True, blank=True, validators=[MaxValueValidator(6)])
    children_age_to = models.PositiveSmallIntegerField(_("อายุเด็กถึง (ปี)"), null=True, blank=True, validators=[MaxValueValidator(6)])
    dla_standard_level = models.PositiveSmallIntegerField(
        _("ระดับมาตรฐานศูนย์พัฒนาเด็กเล็ก (สถ.)"), choices=DLAStandardLevel.choices, null=True, blank=True
    )
    staff_count = _count(_("จำนวนบุคลากร (คน)"))
    volunteer_count = _count(_("จำนวนอาสาสมัคร (คน)"))
    # "1,2,3,4,5": ISO weekday numbers (Monday 1), as the form's checkboxes give them.
    opening_days = models.CharField(_("วันเปิดทำการ"), max_length=20, blank=True)
    latitude = models.DecimalField(
        _("ละติจูด"), max_digits=8, decimal_places=6, null=True, blank=True, validators=[MinValueValidator(5), MaxValueValidator(21)]
    )
    longitude = models.DecimalField(
        _("ลองจิจูด"), max_digits=9, decimal_places=6, null=True, blank=True, validators=[MinValueValidator(97), MaxValueValidator(106)]
    )

    class Meta:
        abstract = True

    @property
    def opening_day_names(self) -> list[str]:
        days = set(filter(None, self.opening_days.split(",")))
        return [en if english_active() else th for value, th, en in WEEKDAYS if value in days]

    @property
    def dla_standard_label(self) -> str:
        if not self.dla_standard_level:
            return ""
        level = DLAStandardLevel(self.dla_standard_level)
        return DLA_STANDARD_NAMES_EN[level] if english_active() else level.label

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine): plenty for ordering centres within one country,
    and the same in Python on SQLite and PostgreSQL (no GIS extension needed)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))
