from django.core.management.base import BaseCommand, CommandError

from search.backends.engine.client import EngineUnavailable
from search.indexing import reconcile, set_aside_updates


class Command(BaseCommand):
    help = "Report differences between the database and the search index; --repair fixes them."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="Reindex or delete exactly the documents that differ.")

    def handle(self, *args, repair: bool, **options):
        try:
            drift = reconcile(repair=repair)
        except EngineUnavailable as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"missing from index: {len(drift.missing)}")
        self.stdout.write(f"in index but not searchable: {len(drift.extra)}")
        self.stdout.write(f"out of date: {len(drift.stale)}")
        for label, ids in (("missing", drift.missing), ("extra", drift.extra), ("stale", drift.stale)):
            for doc_id in sorted(ids)[:20]:
                self.stdout.write(f"  {label}: {doc_id}")
        set_aside = list(set_aside_updates()[:20])
        if set_aside:
            count = set_aside_updates().count()
            self.stdout.write(f"set aside after repeated failures (not repaired; retried when the page changes): {count}")
            for row in set_aside:
                self.stdout.write(f"  page {row.page_id}: {row.last_error.splitlines()[0] if row.last_error else ''}")
        if repair:
            self.stdout.write(self.style.SUCCESS(f"Repaired {drift.repaired} documents."))
        elif drift.total:
            self.stdout.write("Run with --repair to fix.")
