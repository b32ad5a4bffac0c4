"""The search worker command delivers what editors queued."""

import io

import pytest

from django.core.management import call_command

from search.backends.engine.query import run
from search.contract import SearchQuery
from search.models import PendingIndexUpdate
from tests.search.corpus import publish_case

pytestmark = pytest.mark.django_db


def test_process_search_queue_delivers_the_outbox_and_reports_it(search_engine, centre):
    centre.save_revision().publish()
    page = publish_case(centre, "ธนาคารขยะชุมชน", "ชุมชนคัดแยกขยะขายเข้ากองทุน")
    # on_commit never fires inside a test's transaction: the publish is still queued.
    assert PendingIndexUpdate.objects.filter(page_id=page.pk).exists()

    queued = PendingIndexUpdate.objects.count()  # the centre and its case study

    out = io.StringIO()
    call_command("process_search_queue", stdout=out)

    assert out.getvalue().strip() == f"delivered {queued}, failed 0, waiting 0, set aside 0"
    assert not PendingIndexUpdate.objects.exists()
    search_engine.refresh()
    hits = run(search_engine, SearchQuery(text="ธนาคารขยะ")).hits
    assert [hit.page_id for hit in hits] == [page.pk]
