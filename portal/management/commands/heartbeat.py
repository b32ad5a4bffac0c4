"""Show /health/ready/ that the scheduler runs, and ask the task worker to show it runs too
(settings.SCHEDULE runs this every minute)."""

from django.core.management.base import BaseCommand

from portal.heartbeats import SCHEDULE, beat
from portal.tasks import task_worker_heartbeat


class Command(BaseCommand):
    help = "Record the scheduler's heartbeat and queue the task worker's."

    def handle(self, *args, **options):
        beat(SCHEDULE)
        task_worker_heartbeat.enqueue()
