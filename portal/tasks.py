"""Tasks the portal's own task worker runs (`manage.py db_worker` in production)."""

from django_tasks import task

from .heartbeats import TASKS, beat


@task()
def task_worker_heartbeat() -> None:
    """Queued every minute by `run_schedule`; that it ran shows the task worker is alive."""
    beat(TASKS)
