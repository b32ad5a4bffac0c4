from django.core.management.base import BaseCommand

from alerts.digest import send_digests


class Command(BaseCommand):
    help = "Queue the daily and weekly alert digests that are due (settings.SCHEDULE runs it hourly)."

    def handle(self, *args, **options):
        self.stdout.write(f"{send_digests()} digest(s) queued")
