"""python manage.py import_laos FILE [--dry-run]"""

from open_data.importing.command import ImportCommand
from open_data.importing.laos import import_laos


class Command(ImportCommand):
    help = (
        "Import or update the LAO registry from a CSV (code, name, name_en, type, province, district), checked against "
        "the provinces and districts; any invalid row means nothing is written. See docs/open-data.md."
    )

    def handle(self, *args, file, dry_run, **options):
        self.print_report(import_laos(file, dry_run=dry_run))
