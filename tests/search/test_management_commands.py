"""The search worker command delivers what editors queued, and keeps running as a worker."""

import io
import logging
import os
import signal
import threading

import pytest

from django.core.management import call_command

from portal.heartbeats import SEARCH_OUTBOX
from portal.models import WorkerHeartbeat
from search.backends.engine.query import run
from search.contract import SearchQuery
from search.management.commands import process_search_queue
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


class Watch(io.StringIO):
    """The command's output, with an event set when a line containing `text` is written."""

    def __init__(self, text: str):
        super().__init__()
        self.text, self.seen = text, threading.Event()

    def write(self, value: str) -> int:
        if self.text in value:
            self.seen.set()
        return super().write(value)


class ErrorSeen(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []
        self.seen = threading.Event()

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)
        self.seen.set()


def test_the_worker_loop_survives_an_error_logs_it_and_stops_cleanly_on_sigterm(search_engine, centre, settings, monkeypatch):
    # The loop checks its connection on every round, which would end the test's transaction.
    monkeypatch.setattr(process_search_queue, "close_old_connections", lambda: None)
    centre.save_revision().publish()
    assert PendingIndexUpdate.objects.exists()
    configured = settings.SEARCH_ENGINE
    settings.SEARCH_ENGINE = "no-such-engine"  # a real error in every delivery until it is fixed
    errors = ErrorSeen()
    logging.getLogger("search.indexing").addHandler(errors)
    out = Watch("delivered 1")

    def operator():
        try:
            if errors.seen.wait(30):  # the loop logged the error
                settings.SEARCH_ENGINE = configured  # the operator fixes the configuration
                out.seen.wait(30)  # the loop went on to deliver
        finally:
            if not returned.is_set():  # as systemd or honcho stops it (and never a hung test)
                os.kill(os.getpid(), signal.SIGTERM)

    returned = threading.Event()
    helper = threading.Thread(target=operator)
    helper.start()
    try:
        call_command("process_search_queue", loop=True, interval=0.05, stdout=out)
    finally:
        returned.set()
        logging.getLogger("search.indexing").removeHandler(errors)
        helper.join(5)
    assert "delivered 1" in out.getvalue() and "stopped" in out.getvalue()
    assert not PendingIndexUpdate.objects.exists()
    assert errors.records[0].exc_info and "no-such-engine" in str(errors.records[0].exc_info[1])
    assert WorkerHeartbeat.objects.filter(name=SEARCH_OUTBOX).exists()  # /health/ready/ sees it went round
