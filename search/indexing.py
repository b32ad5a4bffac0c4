"""Keeping the index equal to the database: the outbox, its delivery, rebuild, reconcile."""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from asgiref.local import Local
from django_tasks import task

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.dispatch import Signal
from django.utils import timezone

from .backends.database.sync import update_fallback
from .backends.engine.client import BULK_TIMEOUT, EngineUnavailable, SearchEngine, get_engine
from .backends.engine.mapping import index_body
from .documents import (
    all_documents,
    documents_for_pages,
    expected_documents,
    searchable_case_studies,
    searchable_centres,
)
from .models import IndexChange, PendingIndexUpdate
from .synonyms import synonym_rules

logger = logging.getLogger(__name__)
MAX_BACKOFF = datetime.timedelta(hours=1)


def backoff(attempts: int) -> datetime.timedelta:
    """5 s, 10 s, 20 s … capped at an hour."""
    return min(datetime.timedelta(seconds=5 * 2 ** max(attempts - 1, 0)), MAX_BACKOFF)


# --- the outbox ----------------------------------------------------------------------------


_batch = Local()  # the innermost batch() of this thread or task, if any
BATCH_LIMIT = 500  # pages a batch holds before it writes them on its own
# A worker's lease on the rows it claimed: longer than a bulk request may take.
CLAIM_LEASE = datetime.timedelta(seconds=BULK_TIMEOUT * 2)


def max_attempts() -> int:
    """Failed deliveries of one page's document before it is set aside (shown to editors)."""
    return getattr(settings, "SEARCH_OUTBOX_MAX_ATTEMPTS", 8)


# The engine's version of a document is the change's version times this: a write made
# outside the outbox (by hand, with the engine's own versioning) adds one to a document's
# version, and must not make the next change from the outbox lose against it.
ENGINE_VERSION_STEP = 1_000_000


def next_version() -> int:
    """A version larger than every one handed out before (see IndexChange)."""
    change = IndexChange.objects.create()
    IndexChange.objects.filter(pk=change.pk).delete()
    return change.pk


def enqueue(page_ids: Iterable[int], reason: str) -> None:
    """Record that these pages must be (re)indexed or removed, in the caller's transaction,
    and ask the task worker to deliver once the transaction commits (the caller never waits
    for the engine). No engine configured: nothing to deliver (a rebuild populates a newly
    configured engine). Inside `batch()`, the pages are collected and written a batch at a
    time, still in the caller's transaction."""
    current: IndexBatch | None = getattr(_batch, "value", None)
    if current is not None:
        current.add(page_ids, reason)
        return
    if _record(dict.fromkeys(page_ids, reason)):
        transaction.on_commit(schedule_delivery)


def schedule_delivery() -> None:
    """Hand delivery to the task worker (`manage.py db_worker`; tests run it inline). A
    failure to enqueue loses nothing: the rows wait for `process_search_queue --loop`."""
    try:
        deliver_index_updates.enqueue()
    except Exception:  # noqa: BLE001 - the editor's change has committed; the sweeper delivers
        logger.exception("Could not enqueue search index delivery; the sweeper will deliver it")


def _record(reasons: dict[int, str]) -> bool:
    """Fallback rows and outbox rows for these pages ({page id: latest reason}): a few
    queries however many pages. True if outbox rows were written (an engine is configured).
    A new change to a page clears its attempts and its set-aside state: it is tried again."""
    if not reasons:
        return False
    update_fallback(reasons)  # the database fallback follows in the same transaction
    if get_engine() is None:
        return False
    now = timezone.now()
    version = next_version()
    existing = set(PendingIndexUpdate.objects.filter(page_id__in=list(reasons)).values_list("page_id", flat=True))
    by_reason: dict[str, list[int]] = {}
    for page_id in existing:
        by_reason.setdefault(reasons[page_id], []).append(page_id)
    for reason, page_ids in by_reason.items():  # later changes coalesce into the page's row
        PendingIndexUpdate.objects.filter(page_id__in=page_ids).update(
            reason=reason,
            version=version,
            next_attempt_at=now,
            enqueued_at=now,
            attempts=0,
            failed_at=None,
            last_error="",
            claimed_until=None,
        )
    PendingIndexUpdate.objects.bulk_create(
        [
            PendingIndexUpdate(page_id=page_id, reason=reason, version=version, next_attempt_at=now, enqueued_at=now)
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
        transaction.on_commit(schedule_delivery)


def deliver_quietly(limit: int = 500) -> None:
    """Deliver everything due, a batch at a time, logging instead of raising."""
    try:
        while True:
            report = deliver_due(limit=limit)
            if report.delivered + report.failed < limit:
                return
    except Exception:  # noqa: BLE001 - the change has committed; the sweeper retries
        logger.exception("Search index delivery failed; the queue keeps the updates")


@task()
def deliver_index_updates() -> None:
    """The task worker's delivery (`manage.py db_worker`), enqueued after every commit that
    records index changes, so an editor's request never waits for the engine. It carries no
    arguments: the outbox rows are the state, the task only wakes a worker up."""
    deliver_quietly()


@dataclass
class DeliveryReport:
    delivered: int = 0
    failed: int = 0
    set_aside: int = 0
    errors: list[str] = field(default_factory=list)


def claim_due(limit: int, now: datetime.datetime | None = None) -> list[PendingIndexUpdate]:
    """Take a lease on up to `limit` due rows. On PostgreSQL rows another worker is claiming
    are skipped (SELECT … FOR UPDATE SKIP LOCKED), and claimed rows are invisible to other
    workers until the lease ends; SQLite has a single writer at a time, so the lease alone
    keeps two workers apart there."""
    now = now or timezone.now()
    with transaction.atomic():
        due = (
            PendingIndexUpdate.objects.select_for_update(skip_locked=True)
            .filter(next_attempt_at__lte=now, failed_at__isnull=True)
            .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
            .order_by("next_attempt_at", "pk")
        )
        rows = list(due[:limit])
        PendingIndexUpdate.objects.filter(pk__in=[row.pk for row in rows]).update(claimed_until=now + CLAIM_LEASE)
    return rows


def build_isolated(page_ids: Iterable[int]) -> tuple[dict[str, dict], set[str], dict[int, str]]:
    """documents_for_pages(), but a page whose document fails to build does not take the
    others with it: (to index, to delete, {page id: error}). The batch is built at once; only
    if that fails is each page built alone, to find the one(s) at fault."""
    page_ids = list(page_ids)
    try:
        to_index, to_delete = documents_for_pages(page_ids)
        return to_index, to_delete, {}
    except Exception:  # noqa: BLE001 - retried page by page below
        logger.warning("Building %d search documents failed; building them one by one", len(page_ids))
    to_index, to_delete, errors = {}, set(), {}
    for page_id in page_ids:
        try:
            one_index, one_delete = documents_for_pages([page_id])
        except Exception as error:  # noqa: BLE001 - any bug in one page's data isolates that page
            logger.exception("The search document of page %s could not be built", page_id)
            errors[page_id] = f"{type(error).__name__}: {error}"[:2000]
            continue
        to_index.update(one_index)
        to_delete |= one_delete
    return to_index, to_delete, errors


def _page_of(doc_id: str) -> int:
    return int(str(doc_id).rsplit("-", 1)[-1] or 0)


def send(
    engine: SearchEngine, versions: dict[int, int], to_index: dict[str, dict], to_delete: Iterable[str], index: str | None = None
) -> dict[int, str]:
    """Send index and delete requests, each with its page's version as the engine's external
    version: the engine keeps whichever request has the highest version, so an older one
    arriving late (a slow worker) loses against a newer one. Returns {page id: error} for
    the pages the engine rejected; a request that lost to a newer version is not an error."""
    target = index or engine.alias

    def versioned(doc_id: str) -> dict:
        return {"version": versions[_page_of(doc_id)] * ENGINE_VERSION_STEP, "version_type": "external"}

    actions = [
        {"_op_type": "index", "_index": target, "_id": doc_id, "_source": doc, **versioned(doc_id)} for doc_id, doc in to_index.items()
    ]
    actions += [{"_op_type": "delete", "_index": target, "_id": doc_id, **versioned(doc_id)} for doc_id in to_delete]
    if not actions:
        return {}
    _ok, item_errors = engine.bulk(actions, require_alias=index is None)
    failed: dict[int, str] = {}
    for error in item_errors:
        operation, detail = next(iter(error.items()))
        status = detail.get("status")
        if status == 409:
            continue  # the engine already holds a newer version of this document
        if operation == "delete" and status == 404:
            continue  # already gone: that is what we wanted
        failed[_page_of(detail.get("_id", ""))] = str(detail.get("error") or detail)[:2000]
    return failed


# Sent after a delivery with the ids of the pages the engine now has (or no longer has):
# what was rendered from the engine (listings, counts, related cases) can be purged.
index_delivered = Signal()


def deliver_due(limit: int = 500, engine: SearchEngine | None = None) -> DeliveryReport:
    """Claim due outbox rows, reindex their pages from the database, delete the rows that
    were delivered. A page whose document fails to build or is rejected is retried with a
    growing delay and set aside after max_attempts(); an engine that does not answer delays
    every claimed row (never sets one aside: it is not the page's fault)."""
    report = DeliveryReport()
    engine = engine or get_engine()
    if engine is None:
        return report
    rows = claim_due(limit)
    if not rows:
        return report
    versions = {row.page_id: row.version for row in rows}
    to_index, to_delete, page_errors = build_isolated(versions)
    engine_down = False
    try:
        page_errors.update(send(engine, versions, to_index, to_delete))
    except EngineUnavailable as error:
        engine_down = True
        page_errors = {page_id: str(error)[:2000] for page_id in versions}

    now = timezone.now()
    for row in rows:
        # Each update applies only if nobody recorded a newer change meanwhile (that one is due now).
        current = PendingIndexUpdate.objects.filter(pk=row.pk, version=row.version)
        if row.page_id not in page_errors:
            current.delete()
            report.delivered += 1
            continue
        attempts = row.attempts + 1
        error = page_errors[row.page_id]
        set_aside = not engine_down and attempts >= max_attempts()
        current.update(
            attempts=attempts,
            last_error=error,
            next_attempt_at=now + backoff(attempts),
            claimed_until=None,
            failed_at=now if set_aside else None,
        )
        report.failed += 1
        report.set_aside += set_aside
        report.errors.append(f"page {row.page_id}: {error}")
    delivered = [row.page_id for row in rows if row.page_id not in page_errors]
    if delivered:
        index_delivered.send_robust(sender=deliver_due, page_ids=delivered)
    return report


def set_aside_updates():
    """Outbox rows of pages whose documents kept failing: shown to editors until a new change."""
    return PendingIndexUpdate.objects.filter(failed_at__isnull=False).order_by("-failed_at")


# --- rebuild -------------------------------------------------------------------------------


@dataclass
class RebuildReport:
    index: str
    documents: int
    seconds: float
    old_indices: list[str]
    errors: list[str]
    repaired: int = 0


# Concurrent bulk requests of a rebuild: the engine analyses one while the next is built.
BULK_THREADS = 2


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
    # Every document of the new index carries this version: outbox rows recorded before it
    # are already in it (and lose if delivered late), those recorded during the build win.
    version = next_version() * ENGINE_VERSION_STEP
    name = engine.new_index_name()
    # Loaded with no replicas and no refreshes (nobody searches it before the swap), then
    # given its replicas and the default refresh interval back before the refresh.
    body = index_body(synonym_rules(), settings.SEARCH_INDEX_SHARDS, replicas=0)
    body["settings"]["refresh_interval"] = "-1"
    engine.create_index(name, body)
    try:
        total = searchable_centres().count() + searchable_case_studies().count()
        done = 0

        def actions():
            nonlocal done
            for doc_id, doc in all_documents(chunk_size=chunk_size, workers=workers):
                yield {"_op_type": "index", "_index": name, "_id": doc_id, "_source": doc, "version": version, "version_type": "external"}
                done += 1
                if progress and (done % chunk_size == 0 or done == total):
                    progress(done, total)

        indexed, errors = engine.bulk_load(actions(), chunk_size=chunk_size, threads=BULK_THREADS)
        if errors:
            raise EngineUnavailable(f"{len(errors)} documents were rejected, e.g. {errors[0]}")
        engine.put_settings(name, {"number_of_replicas": settings.SEARCH_INDEX_REPLICAS, "refresh_interval": None})
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
    """Compare the ids (and when their content last changed) in the database and the index; optionally
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
        # A page set aside stays aside until it changes: repairing would only fail again.
        page_ids -= set(set_aside_updates().values_list("page_id", flat=True))
        with transaction.atomic():
            version = next_version()
            for page_id in page_ids:
                now = timezone.now()
                PendingIndexUpdate.objects.update_or_create(
                    page_id=page_id,
                    defaults={
                        "reason": "reconcile",
                        "version": version,
                        "next_attempt_at": now,
                        "enqueued_at": now,
                        "attempts": 0,
                        "failed_at": None,
                        "claimed_until": None,
                    },
                )
        report = deliver_due(limit=len(page_ids) + 1000, engine=engine)
        engine.refresh()
        drift.repaired = report.delivered
    return drift
