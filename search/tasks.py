"""Background work of the search app, run by the django-tasks worker (`manage.py db_worker`)."""

from django_tasks import task

from .indexing import deliver_quietly


@task()
def deliver_index_updates() -> None:
    """Deliver due outbox rows. Enqueued after every commit that records index changes, so
    an editor's request never waits for the engine; `process_search_queue --loop` sweeps up
    whatever is left (retries, a task that was lost)."""
    deliver_quietly()
