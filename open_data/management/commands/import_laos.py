"""python manage.py import_laos FILE [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError

from open_data.importing.laos import import_laos


class Command(BaseCommand):
    help = (
        "Import or update the LAO registry from a CSV (code, name, name_en, type, province, district), checked against "
        "the provinces and districts; any invalid row means nothing is written. See docs/open-data.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check the file and print the report; write nothing")

    def handle(self, *args, file, dry_run, **options):
        report = import_laos(file, dry_run=dry_run)
        for line in report.lines()[:-1]:
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
