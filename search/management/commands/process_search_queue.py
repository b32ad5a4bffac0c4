import time

from django.core.management.base import BaseCommand

from search.indexing import deliver_due
from search.models import PendingIndexUpdate


class Command(BaseCommand):
    help = "Deliver pending search index updates (retrying with backoff); --loop keeps running as a worker."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, checking every --interval seconds.")
        parser.add_argument("--interval", type=float, default=5.0)

    def handle(self, *args, loop: bool, interval: float, verbosity: int, **options):
        while True:
            report = deliver_due()
            if verbosity >= 1 and (report.delivered or report.failed or not loop):
                waiting = PendingIndexUpdate.objects.count()
                self.stdout.write(f"delivered {report.delivered}, failed {report.failed}, waiting {waiting}")
                for error in report.errors[:5]:
                    self.stdout.write(f"  {error}")
            if not loop:
                return
            time.sleep(interval)
