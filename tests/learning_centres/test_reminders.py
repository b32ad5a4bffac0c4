"""Follow-up reminders: a case with no follow-up for OUTCOME_REMINDER_MONTHS e-mails its
centre's contributors once per quiet period, through the task queue and a real SMTP server."""

import datetime
import email
import io

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from learning_centres.models import CaseStudyFollowUp, FollowUpReminder
from learning_centres.reminders import months_before, send_due_reminders
from learning_centres.roles import add_contributor
from tests.conftest import run_task_worker
from tests.learning_centres.factories import CaseStudyPageFactory, LearningCentrePageFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 5)


@pytest.fixture
def quiet_case(centre_index):
    centre = LearningCentrePageFactory(parent=centre_index, contact_email="centre@example.go.th")
    centre.save_revision().publish()
    add_contributor(get_user_model().objects.create_user("somsri", email="somsri@example.go.th", password="pw"), centre)
    case = CaseStudyPageFactory(parent=centre, title="ธนาคารเวลา")
    case.follow_ups = [CaseStudyFollowUp(date=datetime.date(2025, 11, 1), title="ยังดำเนินการ", text="สมาชิกเพิ่มเป็น 80 คน")]
    case.save_revision().publish()
    case.first_published_at = timezone.make_aware(datetime.datetime(2024, 3, 1))
    case.save(update_fields=["first_published_at"])
    return case


def test_a_quiet_case_reminds_its_contributors_once_by_mail(quiet_case, smtp_server):
    inbox = smtp_server()
    assert send_due_reminders(TODAY) == 1
    assert send_due_reminders(TODAY) == 0  # the same quiet period: not again
    run_task_worker()
    [envelope] = inbox.envelopes
    assert envelope.rcpt_tos == ["somsri@example.go.th"]  # the contributors, not the public contact
    message = email.message_from_bytes(envelope.content, policy=email.policy.default)
    body = message.get_body().get_content()
    assert "ธนาคารเวลา" in str(message["Subject"])
    assert "1 พฤศจิกายน พ.ศ. 2568" in body and f"/admin/pages/{quiet_case.pk}/edit/" in body
    assert FollowUpReminder.objects.get().quiet_since == datetime.date(2025, 11, 1)


def test_a_recent_follow_up_means_no_reminder_and_a_new_period_can_be_reminded_again(quiet_case, settings):
    settings.OUTCOME_REMINDER_MONTHS = 18
    assert send_due_reminders(TODAY) == 0  # 13 months is under 18
    settings.OUTCOME_REMINDER_MONTHS = 12
    assert send_due_reminders(TODAY) == 1
    CaseStudyFollowUp.objects.create(page=quiet_case, date=datetime.date(2026, 11, 1), title="ติดตาม", text="ยังดำเนินการ")
    assert send_due_reminders(TODAY) == 0  # the new follow-up is a month old
    assert send_due_reminders(datetime.date(2027, 11, 2)) == 1  # its period is quiet in turn


def test_the_scheduled_command_runs_it(quiet_case, settings):
    settings.OUTCOME_REMINDER_MONTHS = 1
    call_command("send_follow_up_reminders", stdout=io.StringIO())
    assert FollowUpReminder.objects.count() == 1


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [((2026, 12, 5), 12, (2025, 12, 5)), ((2026, 3, 31), 1, (2026, 2, 28)), ((2026, 1, 15), 13, (2024, 12, 15))],
)
def test_months_before(day, months, expected):
    assert months_before(datetime.date(*day), months) == datetime.date(*expected)
