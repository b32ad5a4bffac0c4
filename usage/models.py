"""Usage figures without tracking: one counter row per thing per day, nothing about who.
No address, no cookie, no user agent is stored (README: "Usage figures")."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CASE_STUDY = "case_study", _("เปิดอ่านกรณีศึกษา")
    CENTRE = "centre", _("เปิดหน้าศูนย์")
    DOWNLOAD = "download", _("ดาวน์โหลดเอกสาร")
    CLICK = "click", _("คลิกผลการค้นหา")
    VISIT_REQUEST = "visit_request", _("คำขอศึกษาดูงาน")


class DailyCount(models.Model):
    day = models.DateField(_("วันที่"))
    kind = models.CharField(_("ประเภท"), max_length=16, choices=Kind.choices)
    # The Thai original's page id (case study, centre), the document id (download), or the
    # page a search result led to (click).
    object_id = models.IntegerField()
    query = models.CharField(_("คำค้น"), max_length=100, blank=True, default="")  # clicks only
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("สถิติการใช้งานรายวัน")
        verbose_name_plural = _("สถิติการใช้งานรายวัน")
        constraints = [models.UniqueConstraint(fields=["day", "kind", "object_id", "query"], name="usage_one_row_per_thing_per_day")]
        indexes = [models.Index(fields=["kind", "day"])]

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.object_id} {self.count}"
