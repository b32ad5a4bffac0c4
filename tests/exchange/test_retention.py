"""`anonymise_visit_requests` erases personal data after the retention period and keeps
the figures."""

import datetime

import pytest

from django.core.management import call_command
from django.utils import timezone

from exchange.models import ContactMessage, VisitRequest, VisitStatus, VisitStatusChange
from exchange.templatetags.exchange_tags import visit_entry

from .conftest import make_request

pytestmark = pytest.mark.django_db


def age(model, pk, days: int, field: str = "updated_at") -> None:
    model.objects.filter(pk=pk).update(**{field: timezone.now() - datetime.timedelta(days=days)})


def test_expired_requests_and_messages_are_anonymised_and_the_figures_stay(centre, settings):
    settings.EXCHANGE_RETENTION_DAYS = 30
    old = make_request(centre, status=VisitStatus.COMPLETED, group_size=12)
    VisitStatusChange.objects.create(request=old, from_status="approved", to_status="completed", message="ถึงคุณสมหญิง")
    recent = make_request(centre, status=VisitStatus.COMPLETED, group_size=8)
    age(VisitRequest, old.pk, 31)
    old_message = ContactMessage.objects.create(centre=centre, name="สมชาย", email="a@example.org", message="สวัสดีครับ")
    new_message = ContactMessage.objects.create(centre=centre, name="สมศรี", email="b@example.org", message="สวัสดีค่ะ")
    age(ContactMessage, old_message.pk, 31, "created_at")
    before = visit_entry(centre)
    old_token = old.token

    call_command("anonymise_visit_requests", stdout=open("/dev/null", "w"))  # noqa: SIM115

    old.refresh_from_db()
    assert (old.contact_name, old.email, old.phone, old.purpose) == ("—", "", "", "")
    assert old.token != old_token and old.anonymised_at
    assert old.changes.get().message == ""
    recent.refresh_from_db()
    assert recent.email == "somying@example.go.th" and recent.anonymised_at is None
    old_message.refresh_from_db()
    new_message.refresh_from_db()
    assert (old_message.name, old_message.email, old_message.message) == ("—", "", "")
    assert new_message.email == "b@example.org"
    after = visit_entry(centre)
    assert (after["visits_hosted"], after["visitors_hosted"]) == (before["visits_hosted"], before["visitors_hosted"]) == (2, 20)
    assert VisitRequest.objects.count() == 2


def test_a_dry_run_changes_nothing(centre, capsys):
    visit = make_request(centre)
    age(VisitRequest, visit.pk, 4000)
    call_command("anonymise_visit_requests", "--dry-run")
    assert "Would anonymise 1 visit requests" in capsys.readouterr().out
    visit.refresh_from_db()
    assert visit.anonymised_at is None


def test_running_twice_does_not_touch_anonymised_rows_again(centre, capsys):
    visit = make_request(centre)
    age(VisitRequest, visit.pk, 4000)
    call_command("anonymise_visit_requests", "--days", "10")
    call_command("anonymise_visit_requests", "--days", "10")
    assert capsys.readouterr().out.splitlines()[-1].startswith("Anonymised 0 visit requests")
