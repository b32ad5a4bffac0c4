from django.db import models
from django.utils import timezone

from wagtail.admin.panels import FieldPanel


class PendingIndexUpdate(models.Model):
    """The durable outbox between the database and the search index.

    An editor's publish/unpublish/move/delete writes a row in the same transaction as the
    change; a delivery reads due rows, reindexes those pages from the database and deletes
    the rows. When the engine is down the row stays, with a growing delay before the next
    attempt, so nothing is lost. One row per page: later changes coalesce into it.
    """

    page_id = models.IntegerField(unique=True)
    reason = models.CharField(max_length=64)
    version = models.PositiveIntegerField(default=1)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.TextField(blank=True)
    enqueued_at = models.DateTimeField(default=timezone.now, help_text="When the latest change was recorded.")

    class Meta:
        verbose_name = "รายการรอปรับปรุงดัชนีค้นหา"

    def __str__(self) -> str:
        return f"page {self.page_id} ({self.reason}, {self.attempts} attempts)"


class SearchSynonym(models.Model):
    """Words a search should treat as the same (an abbreviation and its long form, Thai
    and English). Applied to the index on the next rebuild."""

    terms = models.CharField(
        "คำที่มีความหมายเดียวกัน",
        max_length=500,
        help_text="คั่นด้วยจุลภาค เช่น อบต., องค์การบริหารส่วนตำบล — มีผลเมื่อสร้างดัชนีค้นหาใหม่",
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = "คำพ้องความหมาย"
        verbose_name_plural = "คำพ้องความหมาย"
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    def term_list(self) -> list[str]:
        return [term.strip() for term in self.terms.split(",") if term.strip()]


class ZeroResultQuery(models.Model):
    """A normalised query that found nothing, and how often (see search.analytics)."""

    query_string = models.CharField(max_length=255, unique=True)
    hits = models.PositiveIntegerField(default=1)
    first_seen = models.DateTimeField(auto_now_add=True)
    last_seen = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "คำค้นที่ไม่พบผลลัพธ์"

    def __str__(self) -> str:
        return self.query_string
