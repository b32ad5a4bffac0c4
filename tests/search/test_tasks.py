"""Publishing never waits for the engine (#16): the editor's request records the change and
enqueues a task; the task worker (`manage.py db_worker`) delivers it. Shown with the
production task backend (django-tasks' database backend) and an engine that accepts
connections but never answers."""

import socket
import time

import pytest
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from django.core.management import call_command
from django.urls import reverse

from learning_centres.models import CaseStudyPage
from search.documents import document_id
from search.models import PendingIndexUpdate
from tests.learning_centres.test_editorial_roles import case_study_form

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


@pytest.fixture
def frozen_engine_url():
    """A listening socket that never answers: connections are accepted by the kernel and
    every request hangs, as with a node stopped with SIGSTOP."""
    with socket.socket() as frozen:
        frozen.bind(("127.0.0.1", 0))
        frozen.listen(64)
        yield f"http://127.0.0.1:{frozen.getsockname()[1]}"


def test_a_publish_returns_at_once_while_the_engine_hangs_and_the_worker_delivers_later(
    search_engine, settings, centre, admin_client, frozen_engine_url, django_capture_on_commit_callbacks, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    working_url, settings.SEARCH_URL = settings.SEARCH_URL, frozen_engine_url

    url = reverse("wagtailadmin_pages:add", args=["learning_centres", "casestudypage", centre.pk])
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, case_study_form("เผยแพร่ตอนดัชนีค้าง", slug="while-frozen", **{"action-publish": "1"}))
    assert time.monotonic() - started < 5  # delivering inline would wait for the engine's timeout
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(slug="while-frozen", alias_of__isnull=True)
    assert PendingIndexUpdate.objects.get(page_id=page.pk).attempts == 0  # not even tried yet
    assert DBTaskResult.objects.ready().filter(task_path="search.indexing.deliver_index_updates").count() == 1

    settings.SEARCH_URL = working_url  # the engine answers again; the worker runs
    # The worker checks its connection between tasks, which would close the test's transaction.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    call_command("db_worker", batch=True, verbosity=0)

    assert not PendingIndexUpdate.objects.exists()
    search_engine.refresh()
    assert document_id("case_study", page.pk) in search_engine.indexed_ids()
