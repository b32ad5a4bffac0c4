"""The outbox (search.indexing): a page whose document cannot be built holds up nothing
else, is retried with a growing delay and set aside after SEARCH_OUTBOX_MAX_ATTEMPTS with
its error (shown to editors), and is tried again when it changes; rows are leased to one
worker at a time; and an older request can never overwrite a newer one in the engine."""

import datetime
import io
import socket

import pytest

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from search import documents
from search.backends.engine.client import EngineConfig, OpenSearchEngine
from search.documents import document_id, documents_for_pages
from search.indexing import claim_due, deliver_due, enqueue, send
from search.models import PendingIndexUpdate
from tests.learning_centres.factories import CaseStudyPageFactory

from .conftest import index_now

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


def searchable(engine) -> set[str]:
    engine.refresh()
    return set(engine.indexed_ids())


@pytest.fixture
def broken_page(monkeypatch):
    """Make one page's document fail to build, as bad data in it would (a fault the suite
    cannot cause through the page model, which validates what editors type)."""
    broken: set[int] = set()
    real = documents.case_study_source

    def failing(page, centre, related):
        if page.pk in broken:
            raise ValueError(f"ข้อมูลเสียในหน้า {page.pk}")
        return real(page, centre, related)

    monkeypatch.setattr(documents, "case_study_source", failing)
    return broken


def make_due() -> None:
    PendingIndexUpdate.objects.update(next_attempt_at=timezone.now())  # skip the backoff wait


def test_a_page_that_fails_to_build_is_isolated_and_the_rest_is_delivered(search_engine, centre, broken_page):
    good, bad = CaseStudyPageFactory(parent=centre, title="ดี"), CaseStudyPageFactory(parent=centre, title="เสีย")
    good.save_revision().publish()
    bad.save_revision().publish()
    broken_page.add(bad.pk)

    report = deliver_due(engine=search_engine)

    assert (report.delivered, report.failed, report.set_aside) == (1, 1, 0)
    assert searchable(search_engine) == {document_id("case_study", good.pk)}
    row = PendingIndexUpdate.objects.get()
    assert (row.page_id, row.attempts, row.failed_at) == (bad.pk, 1, None)
    assert f"ValueError: ข้อมูลเสียในหน้า {bad.pk}" in row.last_error
    assert row.next_attempt_at > timezone.now()  # backing off
    assert deliver_due(engine=search_engine).failed == 0  # not due again yet
    make_due()
    assert deliver_due(engine=search_engine).failed == 1
    assert PendingIndexUpdate.objects.get().attempts == 2


def test_a_page_that_keeps_failing_is_set_aside_shown_to_editors_and_retried_when_it_changes(
    search_engine, centre, broken_page, settings, admin_client
):
    settings.SEARCH_OUTBOX_MAX_ATTEMPTS = 3
    bad = CaseStudyPageFactory(parent=centre, title="หน้าที่สร้างเอกสารไม่ได้")
    bad.save_revision().publish()
    broken_page.add(bad.pk)
    for _attempt in range(3):
        make_due()
        report = deliver_due(engine=search_engine)
    assert report.set_aside == 1
    row = PendingIndexUpdate.objects.get()
    assert row.attempts == 3 and row.failed_at is not None

    make_due()
    assert deliver_due(engine=search_engine).failed == 0  # set aside: no longer tried
    report_page = admin_client.get(reverse("search_index_failures")).content.decode()
    assert "หน้าที่สร้างเอกสารไม่ได้" in report_page and f"ข้อมูลเสียในหน้า {bad.pk}" in report_page
    out = io.StringIO()
    call_command("process_search_queue", stdout=out)
    assert "set aside 1" in out.getvalue() and f"page {bad.pk}: ValueError" in out.getvalue()
    out = io.StringIO()
    call_command("reconcile_search_index", stdout=out)
    assert "set aside after repeated failures" in out.getvalue()

    broken_page.clear()  # an editor fixes the page
    bad.save_revision().publish()
    row = PendingIndexUpdate.objects.get()
    assert (row.attempts, row.failed_at, row.last_error) == (0, None, "")
    index_now(search_engine)
    assert searchable(search_engine) == {document_id("case_study", bad.pk)}


def test_an_engine_outage_delays_pages_but_never_sets_them_aside(settings, centre):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.SEARCH_URL = f"http://127.0.0.1:{port}"
    settings.SEARCH_OUTBOX_MAX_ATTEMPTS = 1
    page = CaseStudyPageFactory(parent=centre)
    page.save_revision().publish()
    engine = OpenSearchEngine(EngineConfig(settings.SEARCH_URL, "opensearch", "test-down"))
    report = deliver_due(engine=engine)
    assert (report.failed, report.set_aside) == (1, 0)
    row = PendingIndexUpdate.objects.get()
    assert row.attempts == 1 and row.failed_at is None and row.last_error


def test_claimed_rows_are_leased_to_one_worker(search_engine, centre):
    pages = [CaseStudyPageFactory(parent=centre) for _ in range(3)]
    enqueue([page.pk for page in pages], "publish")
    first = claim_due(2)
    second = claim_due(10)
    assert len(first) == 2 and len(second) == 1
    assert {row.page_id for row in first} | {row.page_id for row in second} == {page.pk for page in pages}
    assert claim_due(10) == []  # all leased
    later = timezone.now() + datetime.timedelta(hours=1)
    assert len(claim_due(10, now=later)) == 3  # a worker that died: its lease runs out
    enqueue([pages[0].pk], "publish")  # a newer change is due at once, whatever the lease
    assert [row.page_id for row in claim_due(10)] == [pages[0].pk]


def test_an_older_update_arriving_after_a_newer_removal_loses(search_engine, centre):
    page = CaseStudyPageFactory(parent=centre)
    page.save_revision().publish()
    old_version = PendingIndexUpdate.objects.get(page_id=page.pk).version
    old_documents, _gone = documents_for_pages([page.pk])  # what a slow worker built while it was live
    index_now(search_engine)

    page.unpublish()
    index_now(search_engine)
    doc_id = document_id("case_study", page.pk)
    assert doc_id not in searchable(search_engine)

    # The slow worker's request finally arrives: the engine keeps the newer removal.
    assert send(search_engine, {page.pk: old_version}, old_documents, set()) == {}
    assert doc_id not in searchable(search_engine)


def test_an_older_removal_arriving_after_a_newer_update_loses(search_engine, centre):
    page = CaseStudyPageFactory(parent=centre)
    page.save_revision().publish()
    index_now(search_engine)
    page.unpublish()
    old_version = PendingIndexUpdate.objects.get(page_id=page.pk).version
    page.save_revision().publish()
    index_now(search_engine)

    assert send(search_engine, {page.pk: old_version}, {}, {document_id("case_study", page.pk)}) == {}
    assert document_id("case_study", page.pk) in searchable(search_engine)
