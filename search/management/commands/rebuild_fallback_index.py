import time

from django.core.management.base import BaseCommand

from search.backends.database.sync import rebuild_fallback
from search.indexing import rebuild_workers
from search.spelling import build_vocabulary


class Command(BaseCommand):
    help = "Refill the database fallback search table from every searchable page (no engine needed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Processes building documents (Thai segmentation); default SEARCH_REBUILD_WORKERS, else one per CPU.",
        )

    def handle(self, *args, workers: int | None, verbosity: int, **options):
        started = time.perf_counter()
        count = rebuild_fallback(workers=workers or rebuild_workers())
        words = build_vocabulary()  # "did you mean" reads the words of the table just rebuilt
        if verbosity >= 1:
            seconds = time.perf_counter() - started
            self.stdout.write(
                self.style.SUCCESS(f"Fallback search table rebuilt: {count} documents, {words} spelling words, in {seconds:.1f} s.")
            )
