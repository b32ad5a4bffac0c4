"""Liveness and readiness for load balancers and monitoring: JSON, figures, no secrets; only a
database that does not answer takes the portal out of service."""

import datetime
import socket

import pytest

from django.utils import timezone

from portal.heartbeats import SCHEDULE, SEARCH_OUTBOX, TASKS, beat
from portal.tasks import task_worker_heartbeat
from search.models import PendingIndexUpdate

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


@pytest.fixture
def all_workers_alive():
    beat(SEARCH_OUTBOX)
    beat(SCHEDULE)
    task_worker_heartbeat.enqueue()  # the task worker records its own


def test_liveness_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live/")
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


def test_ready_and_ok_with_the_database_and_live_workers(client, all_workers_alive):
    response = client.get("/health/ready/")
    report = response.json()
    assert response.status_code == 200
    assert report["status"] == "ok"
    assert report["database"] == {"ok": True}
    assert report["search_engine"] == {"configured": False, "ok": True}
    assert report["outbox"] == {"pending": 0, "oldest_seconds": None, "ok": True}
    assert {name: worker["ok"] for name, worker in report["workers"].items()} == {SEARCH_OUTBOX: True, TASKS: True, SCHEDULE: True}


def test_a_silent_worker_makes_it_degraded_but_still_in_service(client, all_workers_alive):
    from portal.models import WorkerHeartbeat

    WorkerHeartbeat.objects.filter(name=TASKS).update(beat_at=timezone.now() - datetime.timedelta(minutes=6))
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["workers"][TASKS]["last_seen_seconds"] >= 360


def test_an_old_outbox_backlog_is_reported_with_its_size_and_age(client, all_workers_alive):
    old = timezone.now() - datetime.timedelta(minutes=15)
    PendingIndexUpdate.objects.create(page_id=1, reason="publish", enqueued_at=old)
    PendingIndexUpdate.objects.create(page_id=2, reason="publish")
    outbox = client.get("/health/ready/").json()["outbox"]
    assert outbox["pending"] == 2 and outbox["oldest_seconds"] >= 900 and outbox["ok"] is False


def test_an_unreachable_engine_is_degraded_not_out_of_service(client, settings, all_workers_alive):
    settings.SEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    response = client.get("/health/ready/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["search_engine"] == {"configured": True, "ok": False, "circuit": "closed"}


def test_the_report_holds_no_secrets(client, settings, all_workers_alive):
    settings.SEARCH_URL = f"http://elastic:s3cret-pass@127.0.0.1:{closed_port()}"
    body = client.get("/health/ready/").content.decode()
    assert "s3cret" not in body and "127.0.0.1" not in body and settings.SECRET_KEY not in body
