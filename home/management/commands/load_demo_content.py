from django.core.management.base import BaseCommand

from home.demo import load_demo_content


class Command(BaseCommand):
    help = "Load the demo centres and case studies (idempotent: adds only what is missing)."

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=None, help="Load only the first N case studies.")

    def handle(self, *args, limit=None, **options):
        report = load_demo_content(limit=limit)
        self.stdout.write(self.style.SUCCESS(f"Demo content loaded. Created {report}."))
