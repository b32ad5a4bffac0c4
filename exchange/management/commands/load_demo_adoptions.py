"""Add the demo LAOs' adoption reports to the demo cases at the "adopted" evidence level."""

from django.core.management.base import BaseCommand

from exchange.demo import load_demo_adoptions


class Command(BaseCommand):
    help = "Create demo visit feedback reporting adoption for demo cases at evidence level 5 (idempotent)."

    def handle(self, *args, **options):
        self.stdout.write(f"Created {load_demo_adoptions()} demo adoption reports.")
