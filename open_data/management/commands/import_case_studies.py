"""python manage.py import_case_studies FILE [--dry-run] [--publish]"""

from open_data.importing.case_studies import import_case_studies
from open_data.importing.command import ImportCommand
from open_data.progress import ProgressBar


class Command(ImportCommand):
    help = (
        "Import case studies from a CSV, XLSX, JSON Lines file, or a ZIP holding one of them with the pictures and "
        "documents it names. Every row is checked first; any invalid row means nothing is written. Columns: docs/open-data.md."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--publish", action="store_true", help="publish the pages (default: save them as drafts)")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, file, dry_run, publish, no_progress, verbosity, **options):
        progress = None if no_progress or verbosity < 1 else ProgressBar(self.stderr._out)
        self.print_report(import_case_studies(file, dry_run=dry_run, publish=publish, progress=progress))
