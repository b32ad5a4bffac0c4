"""A node that accepts connections but never answers (frozen with SIGSTOP) costs visitors at
most a short timeout, then nothing: the circuit opens, the database answers every page and
search, and the engine is used again by itself once the node thaws (SIGCONT)."""

import os
import signal
import time
from pathlib import Path

import pytest

from django.urls import reverse

from learning_centres.models import CaseStudyPage
from search.indexing import rebuild

from .conftest import skip_locally_fail_in_ci
from .corpus import build_corpus

# Run alone (tools/run-tests): while the node is frozen, no other test can use it.
pytestmark = [pytest.mark.django_db, pytest.mark.stops_search_node, pytest.mark.database_may_answer]
NODE_HOME = os.environ.get("SEARCH_NODE_HOME", "")
PATIENCE = 2.0  # seconds a visitor may wait for any page while the node is frozen


@pytest.fixture
def frozen_node(search_engine, settings):
    if not NODE_HOME:
        skip_locally_fail_in_ci("SEARCH_NODE_HOME is not set: this test freezes the local node (make test sets it).")
    settings.SEARCH_REQUEST_TIMEOUT = 1.5  # production's
    settings.SEARCH_BREAKER_RESET_SECONDS = 3
    pid = int((Path(NODE_HOME) / "node.pid").read_text())
    frozen = []

    def freeze() -> None:
        os.kill(pid, signal.SIGSTOP)
        frozen.append(pid)

    def thaw() -> None:
        os.kill(pid, signal.SIGCONT)
        frozen.clear()

    yield freeze, thaw
    if frozen:
        thaw()


def timed_get(client, url: str, **params):
    started = time.monotonic()
    response = client.get(url, params)
    return response, time.monotonic() - started


def test_every_page_answers_quickly_while_the_node_is_frozen_and_the_engine_returns_after(
    frozen_node, search_engine, client, centre_index, settings
):
    freeze, thaw = frozen_node
    build_corpus(centre_index)
    rebuild(search_engine)
    case_study = CaseStudyPage.objects.live().descendant_of(centre_index).first()
    api = reverse("search:api")
    assert client.get(api, {"q": "ผู้สูงอายุ"}).json()["source"] == "engine"

    freeze()
    pages = {
        "home": ("/", {}),
        "centres": (centre_index.url, {}),
        "case study": (case_study.url, {}),
        "search page": (reverse("search_page"), {"q": "ผู้สูงอายุ"}),
        "search API": (api, {"q": "ผู้สูงอายุ"}),
        "suggestions": (reverse("search:suggest"), {"q": "ผู้สูง"}),
    }
    for name, (url, params) in pages.items():
        response, seconds = timed_get(client, url, **params)
        assert response.status_code == 200, name
        assert seconds < PATIENCE, f"{name} took {seconds:.1f} s with the node frozen"
    # By now the circuit is open: the frozen engine is not even asked.
    response, seconds = timed_get(client, api, q="ผู้สูงอายุ")
    assert response.json()["source"] == "fallback"
    assert seconds < 0.5, f"{seconds:.1f} s: the engine was asked again"

    thaw()
    deadline = time.monotonic() + settings.SEARCH_BREAKER_RESET_SECONDS + 10
    source = "fallback"
    while source != "engine" and time.monotonic() < deadline:
        time.sleep(0.5)
        source = client.get(api, {"q": "ผู้สูงอายุ"}).json()["source"]
    assert source == "engine", "the engine was not used again after the node thawed"
