"""With the search node really stopped, editors keep working and nothing is lost."""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from learning_centres.models import CaseStudyPage
from search.documents import document_id
from search.indexing import reconcile
from search.models import PendingIndexUpdate
from tests.learning_centres.test_editorial_roles import case_study_form

from .conftest import index_now, skip_locally_fail_in_ci

# Run alone (tools/run-tests): while the node is down, no other test can use it.
pytestmark = [pytest.mark.django_db, pytest.mark.stops_search_node, pytest.mark.both_databases, pytest.mark.database_may_answer]
ROOT = Path(__file__).resolve().parents[2]
NODE_HOME = os.environ.get("SEARCH_NODE_HOME", "")


class Node:
    """The local node `make test` started (tools/search_node.py), stopped and started for real."""

    def __init__(self, url: str, home: str):
        self.port, self.home = str(urlsplit(url).port), home

    def _run(self, action: str, *extra: str) -> None:
        subprocess.run(
            [sys.executable, str(ROOT / "tools" / "search_node.py"), action, "--home", self.home, *extra], check=True, capture_output=True
        )

    def stop(self) -> None:
        self._run("stop")

    def start(self) -> None:
        self._run("start", "--port", self.port)


@pytest.fixture
def node(search_engine, settings):
    if not NODE_HOME:
        skip_locally_fail_in_ci("SEARCH_NODE_HOME is not set: this test stops and restarts the local node (make test sets it).")
    node = Node(settings.SEARCH_URL, NODE_HOME)
    yield node
    node.start()  # whatever happened, leave a running node for the tests that follow


def test_publishing_while_the_node_is_down_succeeds_and_is_delivered_after_restart(
    node, search_engine, centre, admin_client, django_capture_on_commit_callbacks
):
    centre.save_revision().publish()
    index_now(search_engine)
    node.stop()
    assert not search_engine.ping()

    # An editor creates and publishes a case study through the admin.
    url = reverse("wagtailadmin_pages:add", args=["learning_centres", "casestudypage", centre.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url, case_study_form("เผยแพร่ตอนดัชนีล่ม", slug="while-down", **{"action-publish": "1"}))
    assert response.status_code == 302
    page = CaseStudyPage.objects.get(slug="while-down", alias_of__isnull=True)  # not its English alias
    assert page.live

    pending = PendingIndexUpdate.objects.get(page_id=page.pk)
    assert pending.attempts == 1 and pending.last_error
    assert pending.next_attempt_at > timezone.now()  # backing off, not hammering

    call_command("process_search_queue", verbosity=0)  # still down: still waiting
    assert PendingIndexUpdate.objects.filter(page_id=page.pk).exists()

    node.start()
    PendingIndexUpdate.objects.update(next_attempt_at=timezone.now())  # skip the backoff wait
    call_command("process_search_queue", verbosity=0)
    assert not PendingIndexUpdate.objects.exists()
    search_engine.refresh()
    assert document_id("case_study", page.pk) in search_engine.indexed_ids()
    assert reconcile(search_engine).total == 0


def test_visitors_keep_getting_results_while_the_node_is_down(node, search_engine, client, centre_index, settings):
    from search.indexing import rebuild

    from .corpus import build_corpus

    build_corpus(centre_index)
    rebuild(search_engine)
    page_url, api_url = reverse("search_page"), reverse("search:api")
    before = client.get(api_url, {"q": "ผู้สูงอายุ"}).json()
    assert before["source"] == "engine" and before["count"] > 0

    node.stop()
    assert not search_engine.ping()
    during = client.get(api_url, {"q": "ผู้สูงอายุ"})
    assert during.status_code == 200
    assert during.json()["source"] == "fallback"
    assert {r["id"] for r in during.json()["results"]} == {r["id"] for r in before["results"]}
    page = client.get(page_url, {"q": "ผู้สูงอายุ", "area": "community-health-care"})
    assert page.status_code == 200
    assert "ระบบสำรอง" not in page.content.decode()  # which backend answered is not the visitor's concern
    suggestions = client.get(reverse("search:suggest"), {"q": "ผู้สูง"})
    assert suggestions.status_code == 200 and suggestions.json()["suggestions"]

    node.start()
    time.sleep(settings.SEARCH_BREAKER_RESET_SECONDS + 0.1)  # the circuit opened while it was down
    after = client.get(api_url, {"q": "ผู้สูงอายุ"}).json()
    assert after["source"] == "engine" and after["count"] == before["count"]
