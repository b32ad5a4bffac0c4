from django.core.management.base import BaseCommand

from search.spelling import build_vocabulary


class Command(BaseCommand):
    help = (
        "Precompute the “did you mean” vocabulary from the database fallback table (run it on a "
        "schedule, e.g. hourly; the index rebuild commands run it too). Searches only read it."
    )

    def handle(self, *args, verbosity: int, **options):
        count = build_vocabulary()
        if verbosity >= 1:
            self.stdout.write(self.style.SUCCESS(f"Spelling vocabulary rebuilt: {count} words."))
