"""Background processes say they are alive: the search outbox worker after each round, the
task worker by running a small task the scheduler queues every minute."""

from __future__ import annotations

import datetime

from django.utils import timezone

from .models import WorkerHeartbeat

SEARCH_OUTBOX, TASKS, SCHEDULE = "search-outbox", "tasks", "schedule"


def beat(name: str) -> None:
    WorkerHeartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})


def last_beats() -> dict[str, datetime.datetime]:
    return dict(WorkerHeartbeat.objects.values_list("name", "beat_at"))
