"""Remind contributors of case studies that have had no follow-up for OUTCOME_REMINDER_MONTHS."""

from django.core.management.base import BaseCommand

from learning_centres.reminders import send_due_reminders


class Command(BaseCommand):
    help = "E-mail each quiet case study's contributors once per quiet period (settings.OUTCOME_REMINDER_MONTHS, default 12)."

    def handle(self, *args, **options):
        self.stdout.write(f"Queued follow-up reminders for {send_due_reminders()} case studies.")
