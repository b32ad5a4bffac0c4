"""On a three-node cluster with one replica, losing a node (SIGKILL) during searches, editors'
publishes and a rebuild costs nothing: searches keep answering, no editor action is lost, the
rebuild completes or leaves the old index serving, and once the node is back the index has no
drift. Needs the cluster tools/run-tests starts (`tools/search_node.py start --nodes 3`):
SEARCH_CLUSTER_URL (its nodes, comma-separated) and SEARCH_CLUSTER_HOME (their homes)."""

import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from django.utils import timezone

from home.demo import load_demo_content
from learning_centres.models import CaseStudyPage
from search.backends.engine import client as engine_module
from search.backends.engine.client import EngineUnavailable
from search.backends.engine.query import run
from search.contract import SearchQuery
from search.documents import document_id
from search.indexing import deliver_due, rebuild, reconcile
from search.models import PendingIndexUpdate
from thai.text import WORD_MARK

from .conftest import skip_locally_fail_in_ci

pytestmark = [pytest.mark.django_db, pytest.mark.cluster]
ROOT = Path(__file__).resolve().parents[2]
CLUSTER_URL = os.environ.get("SEARCH_CLUSTER_URL", "")
CLUSTER_HOME = os.environ.get("SEARCH_CLUSTER_HOME", "")
CLUSTER_ENGINE = os.environ.get("SEARCH_CLUSTER_ENGINE", "opensearch")


def primary_holder(engine, index: str) -> int:
    """The pid of the node that holds the index's primary shard: losing it is the worst case
    (searches live on only if its replica is promoted). Nodes are named node-<HTTP port>
    (tools/search_node.py), and their homes node-<i> in the order of SEARCH_CLUSTER_URL."""
    shard = next(s for s in engine.client.cat.shards(index=index, format="json") if s["prirep"] == "p")
    ports = [url.rsplit(":", 1)[1] for url in CLUSTER_URL.split(",")]
    number = ports.index(shard["node"].removeprefix("node-")) + 1
    return int((Path(CLUSTER_HOME) / f"node-{number}" / "node.pid").read_text())


def wait_for_health(engine, status: str, nodes: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            health = engine.client.cluster.health()
            if health["number_of_nodes"] == nodes and health["status"] == status:
                return
        except Exception:  # noqa: BLE001, S110 - the cluster is still settling
            pass
        time.sleep(1)
    raise AssertionError(f"the cluster did not reach {status} with {nodes} nodes in {timeout:.0f} s")


@pytest.fixture
def cluster(settings):
    if not (CLUSTER_URL and CLUSTER_HOME):
        skip_locally_fail_in_ci("No cluster: set SEARCH_CLUSTER_URL and SEARCH_CLUSTER_HOME (tools/run-tests starts one).")
    settings.SEARCH_URL = CLUSTER_URL
    settings.SEARCH_ENGINE = CLUSTER_ENGINE
    settings.SEARCH_INDEX_PREFIX = f"test-cluster-{uuid.uuid4().hex[:8]}"
    settings.SEARCH_INDEX_REPLICAS = 1  # the setting under test (0 loses searches with the node)
    engine = engine_module.get_engine()
    engine.cluster_name = engine.client.cluster.health()["cluster_name"]
    yield engine
    # Whatever happened, all three nodes run again for what follows (start is idempotent).
    restart_cluster(engine.cluster_name)
    for name in engine.versioned_indices():
        engine.delete_index(name)


def restart_cluster(name: str) -> None:
    ports = [int(url.rsplit(":", 1)[1]) for url in CLUSTER_URL.split(",")]
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "search_node.py"), "start", "--nodes", str(len(ports)), "--port", str(ports[0])]
        + ["--home", CLUSTER_HOME, "--engine", CLUSTER_ENGINE, "--heap", "512m", "--cluster-name", name],
        check=True,
        capture_output=True,
    )


def test_losing_a_node_loses_no_search_no_edit_and_no_index(cluster):
    load_demo_content(limit=12)
    first = rebuild(cluster)
    wait_for_health(cluster, "green", 3)  # every shard has its replica on another node
    assert cluster.client.indices.get_settings(index=first.index)[first.index]["settings"]["index"]["number_of_replicas"] == "1"
    expected = run(cluster, SearchQuery(text="ผู้สูงอายุ")).total
    assert expected > 0

    # Visitors search all along (the service falls back to the database on EngineUnavailable).
    outcomes: dict[str, int] = {"answered": 0, "unavailable": 0}
    wrong: list[object] = []
    stop = threading.Event()

    def search_continuously() -> None:
        while not stop.is_set():
            try:
                total = run(cluster, SearchQuery(text="ผู้สูงอายุ")).total
                outcomes["answered"] += 1
                if total == 0:
                    wrong.append("no hits")
            except EngineUnavailable:
                outcomes["unavailable"] += 1
            except Exception as error:  # noqa: BLE001 - anything else would reach a visitor as an error
                wrong.append(error)

    searchers = [threading.Thread(target=search_continuously) for _ in range(3)]
    for searcher in searchers:
        searcher.start()
    try:
        # The node dies in the middle of a rebuild.
        killer = threading.Timer(1.0, os.killpg, (primary_holder(cluster, first.index), signal.SIGKILL))
        killer.start()
        try:
            report = rebuild(cluster)
            assert cluster.alias_targets() == [report.index]
        except EngineUnavailable:
            assert cluster.alias_targets() == [first.index]  # the old index still serves
        killer.join()

        # Editors publish while the node is gone.
        edited = list(CaseStudyPage.objects.live()[:4])
        for number, page in enumerate(edited):
            page.title = f"{page.title} ฉบับแก้ไข {number}"
            page.save_revision().publish()
        delivered = deliver_due(engine=cluster)
        # By now the replica has taken over: with one replica the loss is invisible to visitors.
        answered_before, unavailable_before = outcomes["answered"], outcomes["unavailable"]
        time.sleep(3)
        assert outcomes["answered"] > answered_before, "searches stopped answering without the node"
        assert outcomes["unavailable"] == unavailable_before, f"searches fell back without the node: {outcomes}"
    finally:
        stop.set()
        for searcher in searchers:
            searcher.join()
    assert not wrong, wrong[:3]

    # The node comes back; whatever the outbox kept is delivered, and nothing drifted.
    restart_cluster(cluster.cluster_name)
    wait_for_health(cluster, "green", 3)
    PendingIndexUpdate.objects.update(next_attempt_at=timezone.now())  # skip the backoff wait
    deliver_due(engine=cluster)
    assert not PendingIndexUpdate.objects.exists(), f"undelivered edits (first delivery: {delivered})"
    cluster.refresh()
    assert reconcile(cluster).total == 0
    for number, page in enumerate(edited):
        source = cluster.client.get(index=cluster.alias, id=document_id("case_study", page.pk))["_source"]
        assert f"ฉบับแก้ไข {number}" in source["title"].replace(WORD_MARK, "")
