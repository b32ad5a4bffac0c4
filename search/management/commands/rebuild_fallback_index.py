import time

from django.core.management.base import BaseCommand

from search.fallback import rebuild_fallback


class Command(BaseCommand):
    help = "Refill the database fallback search table from every searchable page (no engine needed)."

    def handle(self, *args, verbosity: int, **options):
        started = time.perf_counter()
        count = rebuild_fallback()
        if verbosity >= 1:
            seconds = time.perf_counter() - started
            self.stdout.write(self.style.SUCCESS(f"Fallback search table rebuilt: {count} documents in {seconds:.1f} s."))
