from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel

from .fields import BY_NAME, COUNTED_FACETS, FieldType


class PendingIndexUpdate(models.Model):
    """The durable outbox between the database and the search index.

    An editor's publish/unpublish/move/delete (or a change of a view restriction) writes a
    row in the same transaction as the change; a delivery claims due rows, reindexes those
    pages from the database and deletes the rows. When the engine is down the row stays,
    with a growing delay before the next attempt, so nothing is lost. One row per page:
    later changes coalesce into it. `version` comes from IndexChange, so it only grows;
    it is sent as the engine's external version, so an older request never overwrites a
    newer one. A page whose document keeps failing is set aside (`failed_at`) after
    settings.SEARCH_OUTBOX_MAX_ATTEMPTS, until the next change to it.
    """

    page_id = models.IntegerField(unique=True)
    reason = models.CharField(max_length=64)
    version = models.PositiveBigIntegerField(default=1)
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now, db_index=True)
    last_error = models.TextField(blank=True)
    enqueued_at = models.DateTimeField(default=timezone.now, help_text="When the latest change was recorded.")
    # A worker's lease on the row while it delivers (claimed with SKIP LOCKED on PostgreSQL).
    claimed_until = models.DateTimeField(null=True, blank=True)
    failed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("รายการรอปรับปรุงดัชนีค้นหา")
        verbose_name_plural = _("รายการรอปรับปรุงดัชนีค้นหา")

    def __str__(self) -> str:
        return f"page {self.page_id} ({self.reason}, {self.attempts} attempts)"


class IndexChange(models.Model):
    """A counter that only grows, on every database (a PostgreSQL sequence; SQLite's
    AUTOINCREMENT never reuses an id): each recorded change takes the next id as the
    version of its outbox rows. The rows themselves are deleted at once."""

    id = models.BigAutoField(primary_key=True)

    def __str__(self) -> str:
        return str(self.pk)


class SearchSynonym(models.Model):
    """Words a search should treat as the same (an abbreviation and its long form, Thai
    and English). Applied to the index on the next rebuild."""

    terms = models.CharField(
        _("คำที่มีความหมายเดียวกัน"),
        max_length=500,
        help_text=_("คั่นด้วยจุลภาค เช่น อบต., องค์การบริหารส่วนตำบล — มีผลเมื่อสร้างดัชนีค้นหาใหม่"),
    )

    panels = [FieldPanel("terms")]

    class Meta:
        verbose_name = _("คำพ้องความหมาย")
        verbose_name_plural = _("คำพ้องความหมาย")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    def term_list(self) -> list[str]:
        return [term.strip() for term in self.terms.split(",") if term.strip()]


class SearchQueryDay(models.Model):
    """How often one normalised query was searched on one day, and how often the query alone
    found nothing: one counter row per query per day, written by one upsert (search.analytics)."""

    query_string = models.CharField(_("คำค้น"), max_length=100)
    day = models.DateField(_("วันที่"))
    searches = models.PositiveIntegerField(_("จำนวนครั้ง"), default=0)
    found_nothing = models.PositiveIntegerField(_("ไม่พบผลลัพธ์"), default=0)

    class Meta:
        verbose_name = _("สถิติคำค้นรายวัน")
        constraints = [models.UniqueConstraint(fields=["query_string", "day"], name="one_counter_per_query_per_day")]
        indexes = [models.Index(fields=["day"], name="search_query_day_day")]

    def __str__(self) -> str:
        return f"{self.query_string} ({self.day})"


class SpellingWord(models.Model):
    """The "did you mean" vocabulary, precomputed from the fallback table's words with their
    frequency (search.spelling): rebuilt with the index and by `manage.py build_spelling_vocabulary`,
    never in a request."""

    word = models.CharField(max_length=100, primary_key=True)
    frequency = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("คำในพจนานุกรมแนะนำคำสะกด")

    def __str__(self) -> str:
        return self.word


def facet_columns() -> dict[str, models.Field]:
    """The database backend's column of each counted facet (search.fields): a list of values
    as JSON, a number as an integer, a keyword as a short text; empty allowed."""
    columns: dict[str, models.Field] = {}
    for name in COUNTED_FACETS:
        field = BY_NAME[name]
        if field.many:
            columns[name] = models.JSONField(default=list, blank=True)
        elif field.type == FieldType.INTEGER:
            columns[name] = models.IntegerField(null=True, blank=True)
        else:
            columns[name] = models.CharField(max_length=64, null=True, blank=True)
    return columns


class FallbackDocument(models.Model):
    """One searchable document as the database backend stores it (search.backends.database): the
    same fields as the engine's document, plus the segmented words it matches on. Derived
    from the pages and kept equal to them by search.backends.database.sync.update_fallback(); never edit
    it by hand (`manage.py rebuild_fallback_index` refills it). On SQLite a full-text table
    (portal_search_fallbackfts) mirrors the *_words columns; on PostgreSQL generated
    tsvector columns with GIN indexes do (migration 0005)."""

    # Short columns first: a search reads them for every match, and SQLite would otherwise
    # walk past the long texts stored before them in each row.
    doc_id = models.CharField(max_length=64, primary_key=True)
    kind = models.CharField(max_length=16, db_index=True)
    # A page is one kind of document, so the page id also keys the SQLite full-text rows.
    page_id = models.IntegerField(unique=True)
    # One column per counted facet of search.fields (adding a facet there adds it here; then
    # write its migration).
    locals().update(facet_columns())
    centre_id = models.IntegerField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(null=True, blank=True)
    url = models.TextField(blank=True)
    centre_title = models.TextField(blank=True)
    # Display texts as the index stores them: as written, a WORD_MARK between words.
    title = models.TextField()
    summary = models.TextField(blank=True)
    # Search-as-you-type: "\n" before each tail of the title from a word start on, in
    # normalised letters and digits only.
    suggest_text = models.TextField(blank=True)
    body = models.TextField(blank=True)
    # Matching texts: normalised words joined by spaces (the title and topics, for weighting; all
    # searched fields; the same cut finer, so that a word inside a compound is found).
    title_words = models.TextField(blank=True)
    words = models.TextField(blank=True)
    fine_words = models.TextField(blank=True)

    class Meta:
        verbose_name = _("เอกสารค้นหาสำรอง")
        verbose_name_plural = _("เอกสารค้นหาสำรอง")

    def __str__(self) -> str:
        return self.doc_id


class SegmentedText(models.Model):
    """Segment once: a text cut into words by thai.text.mark_words(), keyed by a digest of
    the segmenter's version and the text (search.segmentation). Written when a page is
    published or its text changes; a rebuild, a mapping change or a move to another engine
    re-uses it, so only changed text is segmented again. Derived data: deleting rows only
    costs the next rebuild time."""

    digest = models.CharField(max_length=64, primary_key=True)
    marked = models.TextField()

    class Meta:
        verbose_name = _("ข้อความที่ตัดคำแล้ว")
        verbose_name_plural = _("ข้อความที่ตัดคำแล้ว")

    def __str__(self) -> str:
        return self.digest
