import sys

from django.core.management.base import BaseCommand, CommandError

from search.backends.engine.client import EngineUnavailable
from search.indexing import rebuild
from search.spelling import build_vocabulary


class Command(BaseCommand):
    help = "Build a new search index from the database, swap the alias to it atomically and delete the old one."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=500, help="Documents per bulk request (default 500).")
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help="Processes building documents (Thai segmentation); default SEARCH_REBUILD_WORKERS, else one per CPU.",
        )

    def handle(self, *args, chunk_size: int, workers: int | None, verbosity: int, **options):
        show = verbosity >= 1 and sys.stderr.isatty()

        def progress(done: int, total: int) -> None:
            if show:
                width = 30
                filled = int(width * done / max(total, 1))
                sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
                sys.stderr.flush()

        try:
            report = rebuild(chunk_size=chunk_size, progress=progress, workers=workers)
        except EngineUnavailable as error:
            raise CommandError(f"Rebuild failed; the previous index keeps serving. {error}") from error
        if show:
            sys.stderr.write("\n")
        words = build_vocabulary()  # the "did you mean" vocabulary, with the index
        if verbosity >= 1:
            rate = report.documents / max(report.seconds, 0.001)
            previous = ", ".join(report.old_indices) or "nothing"
            self.stdout.write(
                self.style.SUCCESS(
                    f"Indexed {report.documents} documents into {report.index} in {report.seconds:.1f} s "
                    f"({rate:.0f}/s); alias moved from {previous}."
                )
            )
            self.stdout.write(f"Spelling vocabulary rebuilt: {words} words.")
            if report.repaired:
                self.stdout.write(f"Caught up with {report.repaired} changes published during the rebuild.")
