"""Rebuilds never take search offline; reconcile finds and repairs drift."""

import threading

import pytest

from django.core.management import call_command

from home.demo import load_demo_content
from search.backends.engine.query import run
from search.contract import SearchQuery
from search.documents import document_id
from search.indexing import rebuild, reconcile

from .conftest import index_now

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_index(search_engine):
    load_demo_content(limit=12)
    rebuild(search_engine)
    return search_engine


def test_rebuild_swaps_the_alias_and_deletes_the_old_index(demo_index):
    before = demo_index.alias_targets()
    report = rebuild(demo_index)
    assert demo_index.alias_targets() == [report.index] != before
    assert demo_index.versioned_indices() == [report.index]
    assert report.documents == 12 + 14  # case studies + centres


def _index_settings(engine, name: str) -> dict:
    return engine.client.indices.get_settings(index=name)[name]["settings"]["index"]


def test_the_bulk_load_runs_without_refreshes_or_replicas_which_come_back_after(demo_index, settings):
    settings.SEARCH_INDEX_REPLICAS = 1  # a one-node cluster leaves the replica unassigned: enough to read back
    during = []

    def look(done, total):
        (name,) = set(demo_index.versioned_indices()) - set(demo_index.alias_targets())
        during.append(_index_settings(demo_index, name))

    report = rebuild(demo_index, chunk_size=5, progress=look, workers=1)
    assert during and all((shape["refresh_interval"], shape["number_of_replicas"]) == ("-1", "0") for shape in during)
    after = _index_settings(demo_index, report.index)
    assert "refresh_interval" not in after and after["number_of_replicas"] == "1"
    assert report.documents == 12 + 14


def test_searches_keep_answering_during_a_rebuild(demo_index):
    expected = run(demo_index, SearchQuery(text="ผู้สูงอายุ")).total
    assert expected > 0
    failures, answers, stop = [], [], threading.Event()
    answered = threading.Condition()

    def search_continuously():
        while not stop.is_set():
            try:
                total = run(demo_index, SearchQuery(text="ผู้สูงอายุ")).total
            except Exception as error:  # noqa: BLE001 - any failure is what we count
                failures.append(error)
                total = None
            with answered:
                answers.append(total)
                answered.notify_all()

    def more_answers(count: int) -> None:
        """Wait (on the searcher, not the clock) until it has answered `count` more times."""
        with answered:
            target = len(answers) + count
            assert answered.wait_for(lambda: len(answers) >= target, timeout=30), "the searcher stopped answering"

    worker = threading.Thread(target=search_continuously)
    worker.start()
    try:
        more_answers(3)  # while the old index serves
        # Searches go on while the new index is complete but not yet live, and after the swap.
        rebuild(demo_index, before_swap=lambda name: more_answers(3), chunk_size=5)
        more_answers(3)
    finally:
        stop.set()
        worker.join()
    assert failures == []
    assert set(answers) == {expected}


def test_an_interrupted_rebuild_leaves_the_old_index_serving(demo_index):
    serving = demo_index.alias_targets()

    def interrupt(name):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        rebuild(demo_index, before_swap=interrupt)
    assert demo_index.alias_targets() == serving
    assert demo_index.versioned_indices() == serving  # the half-built index is gone
    assert run(demo_index, SearchQuery(text="ผู้สูงอายุ")).total > 0
    rebuild(demo_index)  # and a rerun succeeds


def test_reconcile_finds_and_repairs_injected_drift(demo_index):
    from learning_centres.models import CaseStudyPage

    pages = list(CaseStudyPage.objects.live().order_by("pk")[:2])
    lost, outdated = document_id("case_study", pages[0].pk), document_id("case_study", pages[1].pk)
    index = demo_index.alias_targets()[0]
    demo_index.client.delete(index=index, id=lost, refresh=True)
    demo_index.client.update(index=index, id=outdated, body={"doc": {"content_at": "2001-01-01T00:00:00+00:00"}}, refresh=True)
    demo_index.client.index(index=index, id="case_study-999999", body={"kind": "case_study", "page_id": 999999}, refresh=True)

    drift = reconcile(demo_index)
    assert (drift.missing, drift.extra, drift.stale) == ({lost}, {"case_study-999999"}, {outdated})

    repaired = reconcile(demo_index, repair=True)
    assert repaired.repaired == 3
    assert reconcile(demo_index).total == 0


def test_reconcile_command_reports_and_repairs(demo_index, capsys, settings):
    index = demo_index.alias_targets()[0]
    demo_index.client.index(index=index, id="centre-424242", body={"kind": "centre", "page_id": 424242}, refresh=True)
    call_command("reconcile_search_index")
    assert "in index but not searchable: 1" in capsys.readouterr().out
    call_command("reconcile_search_index", "--repair")
    index_now(demo_index)
    call_command("reconcile_search_index")
    out = capsys.readouterr().out
    assert "missing from index: 0" in out and "in index but not searchable: 0" in out
