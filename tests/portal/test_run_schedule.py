"""manage.py run_schedule: the periodic jobs of settings.SCHEDULE, each in its own try/except."""

import datetime
import logging

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone

from home.models import StandardPage

SCHEDULE = {
    "broken": {"command": ["no_such_command"], "every": 60},
    "publish_scheduled": {"command": ["publish_scheduled"], "every": 60},
}


@pytest.fixture
def due_page(home_page):
    """A page approved for publication at a go-live time that has now passed."""
    page = home_page.add_child(instance=StandardPage(title="ประกาศ", slug="notice", live=False))
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    revision = page.save_revision()
    revision.publish()  # scheduled, not live
    # Time passes: the go-live time is now a minute ago.
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    page.refresh_from_db()
    assert not page.live
    return page


@override_settings(SCHEDULE=SCHEDULE)
def test_a_failing_job_is_logged_and_the_next_job_still_runs(due_page, caplog):
    with caplog.at_level(logging.INFO, logger="portal.management.commands.run_schedule"):
        call_command("run_schedule")

    due_page.refresh_from_db()
    assert due_page.live
    failure = next(record for record in caplog.records if record.levelno == logging.ERROR)
    assert failure.getMessage() == "Scheduled job broken failed" and failure.exc_info
    assert any(record.getMessage().startswith("Scheduled job publish_scheduled ran") for record in caplog.records)


@override_settings(SCHEDULE={})
def test_without_a_schedule_it_refuses_to_start(db):
    with pytest.raises(CommandError, match="SCHEDULE"):
        call_command("run_schedule")
