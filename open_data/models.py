"""One row per import started from the admin: who, when, which file, how far it got, and its
report, kept so that an editor can come back to it after the background task has run."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .importing.report import ImportReport


class ImportRun(models.Model):
    class Kind(models.TextChoices):
        CASE_STUDIES = "case_studies", _("กรณีศึกษา")
        LAOS = "laos", _("ทะเบียน อปท.")

    class Status(models.TextChoices):
        QUEUED = "queued", _("รอคิว")
        RUNNING = "running", _("กำลังนำเข้า")
        SUCCEEDED = "succeeded", _("สำเร็จ")
        FAILED = "failed", _("มีข้อผิดพลาด")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("ผู้นำเข้า"))
    created_at = models.DateTimeField(_("เริ่มเมื่อ"), auto_now_add=True)
    finished_at = models.DateTimeField(_("เสร็จเมื่อ"), null=True, blank=True)
    file_name = models.CharField(_("ชื่อไฟล์"), max_length=255)
    kind = models.CharField(_("ข้อมูลที่นำเข้า"), max_length=20, choices=Kind.choices)
    dry_run = models.BooleanField(_("ตรวจอย่างเดียว"), default=False)
    publish = models.BooleanField(_("เผยแพร่ทันที"), default=False)
    status = models.CharField(_("สถานะ"), max_length=20, choices=Status.choices, default=Status.QUEUED)
    stored_file = models.CharField(max_length=500, blank=True, editable=False)  # emptied once read
    summary = models.TextField(_("สรุป"), blank=True)
    report = models.JSONField(_("รายงาน"), default=dict, blank=True)  # notices, errors (row, column, message), counts

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("การนำเข้าข้อมูล")
        verbose_name_plural = _("การนำเข้าข้อมูล")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.SUCCEEDED, self.Status.FAILED)

    def keep_report(self, report: ImportReport) -> None:
        self.summary = report.summary()
        self.report = {
            "notices": list(report.notices),
            "errors": [{"row": error.row, "column": error.column, "message": error.message} for error in report.errors],
            "error_count": report.error_count,
            "rows": report.rows,
            "counts": dict(report.counts),
            "written": report.written,
        }
        self.status = self.Status.SUCCEEDED if report.ok else self.Status.FAILED
