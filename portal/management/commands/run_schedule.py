"""Run the portal's periodic jobs (settings.SCHEDULE): scheduled publishing, the PDPA
retention job, pruning old task results.

A loop rather than cron: `make serve` runs every background process under one supervisor
(honcho), and this one process keeps the layout of the systemd timers of a real server
(docs/deployment.md): one entry per job, an interval, and the same manage.py command. Each
job runs in its own try/except, so a failure is logged and never stops the others or the
loop. Without --loop every job runs once (its first run is always due).
"""

import io
import logging
import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

logger = logging.getLogger(__name__)


def run_job(name: str, command: list[str]) -> bool:
    """Run one job's management command; log its output, or its traceback if it fails."""
    output = io.StringIO()
    try:
        call_command(*command, stdout=output, stderr=output)
    except Exception:
        logger.exception("Scheduled job %s failed", name)
        return False
    logger.info("Scheduled job %s ran: %s", name, output.getvalue().strip())
    return True


class Command(BaseCommand):
    help = "Run the due jobs of settings.SCHEDULE; --loop keeps running as the scheduler process."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep running, starting each job when its interval has passed")
        parser.add_argument("--tick", type=float, default=1.0, help="seconds between checks for due jobs")

    def handle(self, *args, loop: bool, tick: float, **options):
        schedule: dict[str, dict[str, Any]] = getattr(settings, "SCHEDULE", {})
        if not schedule:
            raise CommandError("settings.SCHEDULE names no job (portal.settings.production defines it).")
        due = dict.fromkeys(schedule, 0.0)  # monotonic time at which each job is next due
        while True:
            for name, job in schedule.items():
                if time.monotonic() >= due[name]:
                    run_job(name, job["command"])
                    due[name] = time.monotonic() + job["every"]
            if not loop:
                return
            # As after each request: a connection broken (database restarted) or past
            # CONN_MAX_AGE is not carried into the next job.
            close_old_connections()
            time.sleep(tick)
