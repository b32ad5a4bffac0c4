"""Keeping the index equal to the database: the outbox, its delivery, rebuild, reconcile."""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from asgiref.local import Local

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .backends.database.sync import update_fallback
from .backends.engine.client import EngineUnavailable, SearchEngine, get_engine
from .backends.engine.mapping import index_body
from .documents import (
    all_documents,
    documents_for_pages,
    expected_documents,
    searchable_case_studies,
    searchable_centres,
)
from .models import PendingIndexUpdate
from .synonyms import synonym_rules

logger = logging.getLogger(__name__)
MAX_BACKOFF = datetime.timedelta(hours=1)


def backoff(attempts: int) -> datetime.timedelta:
    """5 s, 10 s, 20 s … capped at an hour."""
    return min(datetime.timedelta(seconds=5 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


# --- the outbox ----------------------------------------------------------------------------


_batch = Local()  # the innermost batch() of this thread or task, if any
BATCH_LIMIT = 500  # pages a batch holds before it writes them on its own


def enqueue(page_ids: Iterable[int], reason: str) -> None:
    """Record that these pages must be (re)indexed or removed, in the caller's transaction,
    and try to deliver once the transaction commits. No engine configured: nothing to do
    (a rebuild populates a newly configured engine). Inside `batch()`, the pages are
    collected and written a batch at a time, still in the caller's transaction."""
    current: IndexBatch | None = getattr(_batch, "value", None)
    if current is not None:
        current.add(page_ids, reason)
        return
    _record(dict.fromkeys(page_ids, reason))
    if get_engine() is not None:
        transaction.on_commit(deliver_quietly)


def _record(reasons: dict[int, str]) -> bool:
    """Fallback rows and outbox rows for these pages ({page id: latest reason}): a few
    queries however many pages. True if outbox rows were written (an engine is configured)."""
    if not reasons:
        return False
    update_fallback(reasons)  # the database fallback follows in the same transaction
    if get_engine() is None:
        return False
    now = timezone.now()
    existing = set(PendingIndexUpdate.objects.filter(page_id__in=list(reasons)).values_list("page_id", flat=True))
    by_reason: dict[str, list[int]] = {}
    for page_id in existing:
        by_reason.setdefault(reasons[page_id], []).append(page_id)
    for reason, page_ids in by_reason.items():  # later changes coalesce into the page's row
        PendingIndexUpdate.objects.filter(page_id__in=page_ids).update(
            reason=reason, version=F("version") + 1, next_attempt_at=now, enqueued_at=now
        )
    PendingIndexUpdate.objects.bulk_create(
        [
            PendingIndexUpdate(page_id=page_id, reason=reason, next_attempt_at=now, enqueued_at=now)
            for page_id, reason in reasons.items()
            if page_id not in existing
        ]
    )
    return True


class IndexBatch:
    """Pages enqueued inside `batch()`: each page once, with its latest reason."""

    def __init__(self) -> None:
        self.pending: dict[int, str] = {}
        self.recorded = False

    def add(self, page_ids: Iterable[int], reason: str) -> None:
        for page_id in page_ids:
            self.pending.pop(page_id, None)  # keep the order of the latest change
            self.pending[page_id] = reason
        if len(self.pending) >= BATCH_LIMIT:
            self.flush()

    def flush(self) -> None:
        """Write the collected pages' fallback and outbox rows now (in the caller's transaction)."""
        pending, self.pending = self.pending, {}
        self.recorded |= _record(pending)


@contextmanager
def batch() -> Iterator[IndexBatch]:
    """Collect enqueue() calls and write them a batch at a time: for bulk work such as an
    import, where one page at a time would cost a fallback update and outbox queries per
    page. Use it inside the transaction that makes the changes, and flush() at points where
    the database is consistent (between rows); what is left is written when the block ends.
    An exception discards what was not written yet (the transaction is rolled back anyway).
    Delivery to the engine is asked for once, after the commit. A nested batch() joins the
    outer one."""
    outer: IndexBatch | None = getattr(_batch, "value", None)
    if outer is not None:
        yield outer
        return
    current = _batch.value = IndexBatch()
    try:
        yield current
        current.flush()
    finally:
        del _batch.value
    if current.recorded:
        transaction.on_commit(deliver_quietly)


def deliver_quietly() -> None:
    try:
        deliver_due()
    except Exception:  # noqa: BLE001 - the editor's action has committed; the worker retries
        logger.exception("Search index delivery failed; the queue keeps the updates")


@dataclass
class DeliveryReport:
    delivered: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


def deliver_due(limit: int = 500, engine: SearchEngine | None = None) -> DeliveryReport:
    """Reindex the pages of due outbox rows; remove the rows that were delivered."""
    report = DeliveryReport()
    engine = engine or get_engine()
    if engine is None:
        return report
    rows = list(PendingIndexUpdate.objects.filter(next_attempt_at__lte=timezone.now()).order_by("next_attempt_at")[:limit])
    if not rows:
        return report
    versions = {row.page_id: row.version for row in rows}
    failed_pages: dict[int, str] = {}
    try:
        to_index, to_delete = documents_for_pages(versions)
        actions = [{"_op_type": "index", "_index": engine.alias, "_id": doc_id, "_source": doc} for doc_id, doc in to_index.items()]
        actions += [{"_op_type": "delete", "_index": engine.alias, "_id": doc_id} for doc_id in to_delete]
        _ok, item_errors = engine.bulk(actions, require_alias=True)
        for error in item_errors:
            operation, detail = next(iter(error.items()))
            if operation == "delete" and detail.get("status") == 404:
                continue  # already gone: that is what we wanted
            page_id = int(str(detail.get("_id", "")).rsplit("-", 1)[-1] or 0)
            failed_pages[page_id] = str(detail.get("error") or detail)[:500]
    except EngineUnavailable as error:
        failed_pages = {page_id: str(error)[:500] for page_id in versions}

    now = timezone.now()
    for row in rows:
        if row.page_id in failed_pages:
            row.attempts += 1
            row.last_error = failed_pages[row.page_id]
            row.next_attempt_at = now + backoff(row.attempts)
            # Only if nobody enqueued a newer change meanwhile (that one is due now).
            PendingIndexUpdate.objects.filter(pk=row.pk, version=row.version).update(
                attempts=row.attempts, last_error=row.last_error, next_attempt_at=row.next_attempt_at
            )
            report.failed += 1
            report.errors.append(f"page {row.page_id}: {row.last_error}")
        else:
            PendingIndexUpdate.objects.filter(pk=row.pk, version=versions[row.page_id]).delete()
            report.delivered += 1
    return report


# --- rebuild -------------------------------------------------------------------------------


@dataclass
class RebuildReport:
    index: str
    documents: int
    seconds: float
    old_indices: list[str]
    errors: list[str]
    repaired: int = 0


def rebuild_workers() -> int:
    """Processes that build documents during a rebuild: settings.SEARCH_REBUILD_WORKERS,
    by default one per CPU (os.cpu_count())."""
    return max(1, getattr(settings, "SEARCH_REBUILD_WORKERS", None) or os.cpu_count() or 1)


def rebuild(
    engine: SearchEngine | None = None,
    chunk_size: int = 500,
    progress: Callable[[int, int], None] | None = None,
    before_swap: Callable[[str], None] | None = None,
    workers: int | None = None,
) -> RebuildReport:
    """Build a new versioned index from the database, then point the alias at it in one
    atomic step and delete the old one. Searches keep using the old index until the swap;
    if anything fails before it, the old index keeps serving and the new one is removed.
    Documents are built by `workers` processes (default rebuild_workers()); the bulk load
    stays in this one."""
    workers = workers or rebuild_workers()
    engine = engine or get_engine()
    if engine is None:
        raise EngineUnavailable("SEARCH_URL is not set: there is no search engine to build an index in.")
    started = timezone.now()
    name = engine.new_index_name()
    engine.create_index(name, index_body(synonym_rules(), settings.SEARCH_INDEX_SHARDS, settings.SEARCH_INDEX_REPLICAS))
    try:
        total = searchable_centres().count() + searchable_case_studies().count()
        done = 0

        def actions():
            nonlocal done
            for doc_id, doc in all_documents(chunk_size=chunk_size, workers=workers):
                yield {"_op_type": "index", "_index": name, "_id": doc_id, "_source": doc}
                done += 1
                if progress and (done % chunk_size == 0 or done == total):
                    progress(done, total)

        indexed, errors = engine.bulk(actions(), chunk_size=chunk_size)
        if errors:
            raise EngineUnavailable(f"{len(errors)} documents were rejected, e.g. {errors[0]}")
        engine.refresh(name)
        if before_swap:
            before_swap(name)
        old = engine.point_alias_at(name)
    except BaseException:
        engine.delete_index(name)
        raise
    for stale in set(engine.versioned_indices()) - {name}:
        engine.delete_index(stale)
    # The new index was read from the database after these changes were recorded.
    PendingIndexUpdate.objects.filter(enqueued_at__lt=started).delete()
    # Changes published while the new index was being filled went to the old one.
    repaired = reconcile(engine=engine, repair=True).repaired
    seconds = (timezone.now() - started).total_seconds()
    return RebuildReport(index=name, documents=indexed, seconds=seconds, old_indices=old, errors=[], repaired=repaired)


# --- reconcile -----------------------------------------------------------------------------


@dataclass
class Drift:
    missing: set[str] = field(default_factory=set)
    extra: set[str] = field(default_factory=set)
    stale: set[str] = field(default_factory=set)
    repaired: int = 0

    @property
    def total(self) -> int:
        return len(self.missing) + len(self.extra) + len(self.stale)


def _same_time(stored, expected: datetime.datetime | None) -> bool:
    if expected is None or stored is None:
        return stored is None and expected is None
    return abs(datetime.datetime.fromisoformat(str(stored)) - expected) < datetime.timedelta(milliseconds=1)


def reconcile(engine: SearchEngine | None = None, repair: bool = False) -> Drift:
    """Compare the ids (and publication times) in the database and the index; optionally
    repair the drift by reindexing or deleting exactly the pages that differ."""
    engine = engine or get_engine()
    if engine is None:
        raise EngineUnavailable("SEARCH_URL is not set: there is no index to reconcile.")
    expected = expected_documents()
    indexed = engine.indexed_ids()
    drift = Drift(
        missing=set(expected) - set(indexed),
        extra=set(indexed) - set(expected),
        stale={doc_id for doc_id in set(expected) & set(indexed) if not _same_time(indexed[doc_id], expected[doc_id])},
    )
    if repair and drift.total:
        page_ids = {int(doc_id.rsplit("-", 1)[1]) for doc_id in drift.missing | drift.extra | drift.stale}
        with transaction.atomic():
            for page_id in page_ids:
                now = timezone.now()
                PendingIndexUpdate.objects.update_or_create(
                    page_id=page_id, defaults={"reason": "reconcile", "next_attempt_at": now, "enqueued_at": now}
                )
        report = deliver_due(limit=len(page_ids) + 1000, engine=engine)
        engine.refresh()
        drift.repaired = report.delivered
    return drift
