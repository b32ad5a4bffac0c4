"""Keeping the database backend's rows equal to what is searchable.

update_fallback() is called by search.indexing.enqueue(), the single point every editorial
signal goes through, in the editor's transaction; rebuild_fallback() (the
`rebuild_fallback_index` command) refills everything; after `migrate`, a table that does not
hold exactly the searchable documents (e.g. a database older than this table) is rebuilt
(fill_after_migrate, connected by search.apps).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable, Sequence

from django.db import DEFAULT_DB_ALIAS, connection, transaction

from search.documents import all_documents, documents_for_pages, expected_documents
from search.english import stemmed
from search.fields import ENGLISH_TEXT_FIELDS, LIGHT_TEXT_FIELDS, LIST_FIELDS, TEXT_FIELDS
from search.models import FallbackDocument
from thai.compounds import fine_words_of, words_of
from thai.text import mark_words, match_form

from . import sqlite
from .schema import FACETS, chunks, is_sqlite, placeholders, table
from .suggest import suggest_keys

logger = logging.getLogger(__name__)

BATCH_SIZE = 200


def _timestamp(value) -> datetime.datetime | None:
    if value is None or isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.fromisoformat(str(value))


def _row(doc_id: str, doc: dict) -> FallbackDocument:
    # Documents hold text as written; the fallback matches its normalised words.
    words = words_of(match_form(" ".join(doc.get(name) or "" for name in TEXT_FIELDS if name not in LIGHT_TEXT_FIELDS)))
    # Attachments' words are matched among the finer words only, so they rank below the page's own.
    light = words_of(match_form(" ".join(doc.get(name) or "" for name in LIGHT_TEXT_FIELDS)))
    # English text once more, stemmed, so that a stemmed query phrase finds it (search.english).
    words += stemmed(words_of(match_form(" ".join(doc.get(name) or "" for name in ENGLISH_TEXT_FIELDS))))
    keys = suggest_keys(doc["title"])
    if doc.get("kind") == "centre" and doc.get("lao"):
        keys += suggest_keys(mark_words(doc["lao"]))
    return FallbackDocument(
        doc_id=doc_id,
        kind=doc["kind"],
        page_id=doc["page_id"],
        url=doc.get("url") or "",
        title=doc.get("title") or "",
        summary=doc.get("summary") or "",
        body=doc.get("body") or "",
        # The heavily weighted column: the title, and the names of the case's areas, target
        # groups, funding sources and centre type (like the engine's boosted `topics`).
        title_words=" ".join(words_of(match_form(f"{doc.get('title') or ''} {doc.get('topics') or ''}"))),
        words=" ".join(words),
        fine_words=" ".join(fine_words_of(words) + fine_words_of(light)),
        suggest_text="".join(f"\n{key}" for key in dict.fromkeys(keys)),
        **{name: list(doc.get(name) or []) if name in LIST_FIELDS else doc.get(name) for name in FACETS},
        centre_id=doc.get("centre_id"),
        centre_title=doc.get("centre_title") or "",
        published_at=_timestamp(doc.get("published_at")),
        updated_at=_timestamp(doc.get("updated_at")),
    )


def _delete(page_ids: Sequence[int] | None) -> None:
    """Remove the rows (and SQLite full-text rows) of these pages, or all of them. In SQL,
    not QuerySet.delete(): the app's catch-all post_delete receiver would make Django load
    every row, long texts included, before deleting it."""
    with connection.cursor() as cursor:
        if page_ids is None:
            cursor.execute(f"DELETE FROM {table()}")  # noqa: S608  # nosec B608
        else:
            for chunk in chunks(page_ids):
                cursor.execute(f"DELETE FROM {table()} WHERE page_id IN ({placeholders(len(chunk))})", list(chunk))  # noqa: S608  # nosec B608
    if is_sqlite():
        sqlite.delete_full_text(page_ids)


def _write(rows: list[FallbackDocument]) -> None:
    FallbackDocument.objects.bulk_create(rows)
    if is_sqlite() and rows:
        sqlite.write_full_text(rows)


def update_fallback(page_ids: Iterable[int]) -> None:
    """Make the fallback's rows for these pages equal to what is searchable now: rows of
    pages that are no longer searchable go, the others are rewritten."""
    page_ids = sorted(set(page_ids))
    if not page_ids:
        return
    to_index, _to_delete = documents_for_pages(page_ids)
    rows = [_row(doc_id, doc) for doc_id, doc in to_index.items()]
    with transaction.atomic():
        # A page is at most one document, so the page ids cover both kinds and _to_delete.
        _delete(page_ids)
        _write(rows)


def rebuild_fallback(workers: int = 1) -> int:
    """Empty the fallback and refill it from every searchable page, a batch at a time.
    One transaction: searches see the old rows until the new ones are complete. Documents
    are built by `workers` processes (see all_documents)."""
    count = 0
    with transaction.atomic():
        _delete(None)
        batch: list[FallbackDocument] = []
        for doc_id, doc in all_documents(workers=workers):
            batch.append(_row(doc_id, doc))
            if len(batch) >= BATCH_SIZE:
                _write(batch)
                count += len(batch)
                batch = []
        _write(batch)
        count += len(batch)
    return count


def fill_after_migrate(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """A database that had pages before this table existed (or was changed by code that
    skipped the signals) gets its fallback filled by the next `migrate`."""
    if getattr(sender, "label", None) != "portal_search" or using != DEFAULT_DB_ALIAS:
        return
    if FallbackDocument._meta.db_table not in connection.introspection.table_names():
        return  # migrated backwards
    if set(FallbackDocument.objects.values_list("doc_id", flat=True)) != set(expected_documents()):
        count = rebuild_fallback()
        logger.info("Rebuilt the fallback search table: %s documents", count)
