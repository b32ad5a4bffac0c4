import logging
import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from portal.heartbeats import SEARCH_OUTBOX, beat
from search.indexing import DeliveryReport, deliver_due, set_aside_updates
from search.models import PendingIndexUpdate

logger = logging.getLogger("search.indexing")


class Command(BaseCommand):
    help = (
        "Deliver pending search index updates (retrying with backoff); --loop keeps running as the "
        "sweeper behind the task worker, surviving any error, until SIGTERM or SIGINT."
    )

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, checking every --interval seconds.")
        parser.add_argument("--interval", type=float, default=5.0)

    def handle(self, *args, loop: bool, interval: float, verbosity: int, **options):
        if not loop:
            self._report(deliver_due(), verbosity, always=True)
            return
        stop = threading.Event()
        previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            while not stop.is_set():
                try:
                    close_old_connections()  # a database restart must not end the worker
                    self._report(deliver_due(), verbosity)
                    beat(SEARCH_OUTBOX)  # /health/ready/ shows when the worker last went round
                except Exception:  # noqa: BLE001 - the worker outlives any one failure; the rows wait
                    logger.exception("Search index delivery failed; retrying in %s s", interval)
                stop.wait(interval)  # returns at once on SIGTERM
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if verbosity >= 1:
            self.stdout.write("stopped")

    def _report(self, report: DeliveryReport, verbosity: int, always: bool = False) -> None:
        if verbosity < 1 or not (always or report.delivered or report.failed):
            return
        waiting = PendingIndexUpdate.objects.filter(failed_at__isnull=True).count()
        set_aside = set_aside_updates().count()
        self.stdout.write(f"delivered {report.delivered}, failed {report.failed}, waiting {waiting}, set aside {set_aside}")
        for error in report.errors[:5]:
            self.stdout.write(f"  {error.splitlines()[0]}")
        if report.set_aside or (always and set_aside):
            self.stdout.write("  set aside after repeated failures (see the admin report; retried when the page changes):")
            for row in set_aside_updates()[:5]:
                self.stdout.write(f"  page {row.page_id}: {row.last_error.splitlines()[0] if row.last_error else ''}")
