"""What a load balancer and an operator need to know, as plain numbers and no secrets.

Not django-health-check: its report is one pass/fail string per check and any warning turns
the whole answer into an error, while this portal must stay in service when the search engine
is down (the database answers searches) and must report figures (outbox backlog and age,
worker heartbeats) for monitoring.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import DatabaseError, connection
from django.db.models import Min
from django.utils import timezone

from portal.heartbeats import SCHEDULE, SEARCH_OUTBOX, TASKS, last_beats
from search.backends.engine.client import get_engine
from search.models import PendingIndexUpdate
from search.service import engine_breaker

# Beyond these, the portal still serves but an operator should look ("degraded").
OUTBOX_MAX_AGE = datetime.timedelta(minutes=10)
HEARTBEAT_MAX_AGE = datetime.timedelta(minutes=5)
WORKERS = (SEARCH_OUTBOX, TASKS, SCHEDULE)
ENGINE_PING_TIMEOUT = 1.0


def database() -> dict[str, Any]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return {"ok": False, "error": type(error).__name__}
    return {"ok": True}


def search_engine() -> dict[str, Any]:
    engine = get_engine()
    if engine is None:
        return {"configured": False, "ok": True}
    circuit = engine_breaker().current_state
    reachable = circuit != "open" and engine.ping(request_timeout=ENGINE_PING_TIMEOUT)
    return {"configured": True, "ok": bool(reachable), "circuit": circuit}


def _seconds_since(moment: datetime.datetime | None, now: datetime.datetime) -> float | None:
    return None if moment is None else round((now - moment).total_seconds(), 1)


def outbox(now: datetime.datetime) -> dict[str, Any]:
    summary = PendingIndexUpdate.objects.aggregate(oldest=Min("enqueued_at"))
    age = _seconds_since(summary["oldest"], now)
    pending = PendingIndexUpdate.objects.count()
    return {"pending": pending, "oldest_seconds": age, "ok": age is None or age <= OUTBOX_MAX_AGE.total_seconds()}


def workers(now: datetime.datetime) -> dict[str, Any]:
    beats = last_beats()
    report = {}
    for name in WORKERS:
        age = _seconds_since(beats.get(name), now)
        report[name] = {"last_seen_seconds": age, "ok": age is not None and age <= HEARTBEAT_MAX_AGE.total_seconds()}
    return report


def readiness() -> tuple[dict[str, Any], bool]:
    """The report, and whether this instance should receive traffic (only the database decides:
    without the engine or the workers, visitors are still served)."""
    now = timezone.now()
    report: dict[str, Any] = {"database": database()}
    if not report["database"]["ok"]:
        return {"status": "unavailable", **report}, False
    report |= {"search_engine": search_engine(), "outbox": outbox(now), "workers": workers(now)}
    parts = [report["search_engine"], report["outbox"], *report["workers"].values()]
    return {"status": "ok" if all(part["ok"] for part in parts) else "degraded", **report}, True
