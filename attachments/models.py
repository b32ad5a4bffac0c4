from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentText(models.Model):
    """The text of one Wagtail document, read by the task worker (attachments.tasks): one
    string per page of a PDF (per sheet of a spreadsheet; one for a DOCX, ODT or text file).
    `file_hash` is the SHA-256 of the file the text was read from, so an unchanged file is
    never read again (a rebuild of the search index only reads `pages`); a changed file is.
    Derived data: deleting a row only costs reading that file again."""

    class Status(models.TextChoices):
        PENDING = "pending", _("รออ่านข้อความ")
        DONE = "done", _("อ่านข้อความแล้ว")
        FAILED = "failed", _("อ่านข้อความไม่ได้")
        UNSUPPORTED = "unsupported", _("ไม่รองรับชนิดไฟล์นี้")

    document = models.OneToOneField("wagtaildocs.Document", on_delete=models.CASCADE, related_name="extracted_text")
    file_hash = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    error = models.CharField(max_length=32, blank=True)  # a code of attachments.extract; see error_message()
    detail = models.TextField(blank=True)  # the technical detail, for whoever fixes the file
    kind = models.CharField(max_length=8, blank=True)  # pdf, docx, xlsx, odt, ods, txt
    pages = models.JSONField(default=list, blank=True)
    ocr_pages = models.JSONField(default=list, blank=True)  # 1-based numbers of pages read by OCR
    truncated = models.BooleanField(default=False)
    # Segment once: the pages' text (up to INDEXED_CHARS) cut into words by thai.text.mark_words
    # in the worker, so neither publishing nor a rebuild ever segments a document; re-cut
    # when thai.text.segmenter_version() changes (attachments.reading.marked_text).
    marked = models.TextField(blank=True)
    marked_version = models.CharField(max_length=100, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    extracted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ข้อความในเอกสารแนบ")
        verbose_name_plural = _("ข้อความในเอกสารแนบ")

    def __str__(self) -> str:
        return f"{self.document_id}: {self.status}"

    @property
    def paged(self) -> bool:
        """Page numbers mean something to a reader (a PDF), not for a sheet or a DOCX."""
        return self.kind == "pdf"

    def error_message(self) -> str:
        from .reading import error_message  # the messages live beside the limits they name

        return error_message(self.error, self.detail) if self.error else ""

    def text(self) -> str:
        return "\n".join(self.pages or [])
