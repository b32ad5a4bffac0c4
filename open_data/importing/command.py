"""What the import commands share: a file, --dry-run, and the validation report printed."""

from django.core.management.base import BaseCommand, CommandError

from .report import ImportReport


class ImportCommand(BaseCommand):
    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--dry-run", action="store_true", help="check the file and print the report; write nothing")

    def print_report(self, report: ImportReport) -> None:
        """Every line of the report, then its summary: a failure (exit status 1) when a row was invalid."""
        for line in report.lines()[:-1]:
            self.stdout.write(line)
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
