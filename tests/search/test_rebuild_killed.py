"""A rebuild killed for real (SIGKILL, no clean-up code runs) leaves the old index serving;
running it again succeeds and removes the half-built index."""

import os
import signal
import subprocess
import time
import uuid

import pytest

from search.backends.engine import client as engine_module
from search.backends.engine.query import run
from search.contract import SearchQuery
from tests.deployed_site import ROOT, Site

from .conftest import ENGINE_KIND, ENGINE_URL, skip_locally_fail_in_ci

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_with_index(tmp_path, settings):
    if not ENGINE_URL:
        skip_locally_fail_in_ci("No search engine: set SEARCH_URL (make test starts a local OpenSearch node).")
    prefix = f"killed-{uuid.uuid4().hex[:8]}"
    site = Site(tmp_path, f"portal_killed_{os.getpid()}", SEARCH_URL=ENGINE_URL, SEARCH_ENGINE=ENGINE_KIND, SEARCH_INDEX_PREFIX=prefix)
    site.install(demo_limit=12)
    site.manage("rebuild_search_index")
    settings.SEARCH_URL, settings.SEARCH_ENGINE, settings.SEARCH_INDEX_PREFIX = ENGINE_URL, ENGINE_KIND, prefix
    engine = engine_module.get_engine()
    yield site, engine
    for name in engine.versioned_indices():
        engine.delete_index(name)
    site.drop()


def test_a_rebuild_killed_midway_leaves_the_old_index_serving_and_a_rerun_succeeds(site_with_index):
    site, engine = site_with_index
    serving = engine.alias_targets()
    expected = run(engine, SearchQuery(text="ผู้สูงอายุ")).total
    assert expected > 0

    # One document per bulk request, so the rebuild is still filling its index when killed.
    rebuild = subprocess.Popen(site.command("rebuild_search_index", "--chunk-size", "1"), env=site.env, cwd=ROOT)
    deadline = time.monotonic() + 120
    half_built = None
    while half_built is None:
        assert rebuild.poll() is None, "the rebuild ended before it could be killed"
        assert time.monotonic() < deadline
        new = set(engine.versioned_indices()) - set(serving)
        if new:
            name = new.pop()
            engine.refresh(name)
            if engine.client.count(index=name)["count"] > 0:
                half_built = name
        time.sleep(0.05)
    os.kill(rebuild.pid, signal.SIGKILL)
    rebuild.wait()
    assert rebuild.returncode == -signal.SIGKILL

    assert engine.alias_targets() == serving  # the alias never moved
    assert run(engine, SearchQuery(text="ผู้สูงอายุ")).total == expected  # and it still answers
    assert half_built in engine.versioned_indices()  # SIGKILL: nothing cleaned up

    rerun = site.manage("rebuild_search_index")
    assert "Indexed" in rerun.stdout
    assert engine.alias_targets() != serving
    assert engine.versioned_indices() == engine.alias_targets()  # the half-built index is gone too
    assert run(engine, SearchQuery(text="ผู้สูงอายุ")).total == expected
