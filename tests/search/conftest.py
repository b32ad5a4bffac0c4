"""Search tests run against a real engine: the one SEARCH_URL/SEARCH_ENGINE name when the
suite starts (`make test` starts a local OpenSearch node and sets them). Without one the
engine tests are skipped and say so — except in CI, where that is a failure."""

import os
import uuid

import pytest

from search import service
from search.backends.engine import client as engine_module
from search.indexing import deliver_due, rebuild

from .corpus import backend_corpus  # noqa: F401 - a fixture for every search test

ENGINE_URL = os.environ.get("SEARCH_URL", "")
ENGINE_KIND = os.environ.get("SEARCH_ENGINE", "opensearch")


def skip_locally_fail_in_ci(message: str) -> None:
    """A missing engine is a visible skip on a developer's machine and a failure in CI."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _engine_only(what, on_engine, on_database):
    """search.service's choice without its way out: a test that runs against the engine must
    fail when the engine fails, not pass because the database answered instead."""
    engine = engine_module.get_engine()
    assert engine is not None, f"{what}: a test that runs against the engine has no engine configured"
    return on_engine(engine), service.ENGINE


@pytest.fixture
def search_engine(request, settings, db, monkeypatch):
    if not ENGINE_URL:
        skip_locally_fail_in_ci("No search engine: set SEARCH_URL (make test starts a local OpenSearch node).")
    settings.SEARCH_URL = ENGINE_URL
    settings.SEARCH_ENGINE = ENGINE_KIND
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:10]}"
    engine = engine_module.get_engine()
    rebuild(engine)
    if not request.node.get_closest_marker("database_may_answer"):
        monkeypatch.setattr(service, "engine_else_database", _engine_only)
    yield engine
    for name in engine.versioned_indices():
        engine.delete_index(name)


def index_now(engine) -> None:
    """Deliver the outbox (on_commit never fires inside a test transaction) and refresh."""
    report = deliver_due(engine=engine)
    assert report.failed == 0, report.errors
    engine.refresh()
