"""Outcomes over time: dated readings of a case study's indicators, and the record of
follow-up reminders sent to its contributors (learning_centres.reminders)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class IndicatorReading(Orderable):
    """One measurement of one indicator on one date. Readings name their indicator by its
    label (the page form checks it is one of the case's indicators): an inline panel cannot
    nest inside another in Wagtail, and the label is what visitors read anyway."""

    page = ParentalKey("learning_centres.CaseStudyPage", on_delete=models.CASCADE, related_name="readings")
    indicator = models.CharField(_("ตัวชี้วัด"), max_length=255, help_text=_("ชื่อตัวชี้วัดตามที่กรอกไว้ในแท็บเนื้อหากรณีศึกษา"))
    date = models.DateField(_("วันที่วัด"))
    value = models.DecimalField(
        _("ค่าที่วัดได้"), max_digits=14, decimal_places=2, validators=[MinValueValidator(-1e12), MaxValueValidator(1e12)]
    )
    unit = models.CharField(_("หน่วย"), max_length=50, blank=True)
    source = models.CharField(_("แหล่งที่มาของข้อมูล"), max_length=255, blank=True)

    panels = [
        FieldPanel("indicator"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("value"), FieldPanel("unit")]),
        FieldPanel("source"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("ผลการวัดตัวชี้วัด")
        verbose_name_plural = _("ผลการวัดตัวชี้วัด")

    def __str__(self) -> str:
        return f"{self.indicator} {self.date}: {self.value} {self.unit}".strip()


class FollowUpReminder(models.Model):
    """One reminder e-mail about one case study, so each quiet period is reminded once.
    Outside the page (like CentreAccess) so revisions never carry or roll it back."""

    page = models.ForeignKey("learning_centres.CaseStudyPage", on_delete=models.CASCADE, related_name="follow_up_reminders")
    # The latest follow-up (or publication) date the reminder was about: a new follow-up
    # starts a new period, which may be reminded again once it is old enough.
    quiet_since = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)
    recipients = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("การแจ้งเตือนให้รายงานความคืบหน้า")
        constraints = [models.UniqueConstraint(fields=["page", "quiet_since"], name="one_reminder_per_quiet_period")]

    def __str__(self) -> str:
        return f"{self.page_id} since {self.quiet_since}"
