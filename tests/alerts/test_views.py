"""The public pages and the admin report of the alerts: what a visitor may do with a private
link, what bad input gets, the rate limits, retention, and who sees addresses."""

import datetime

import pytest

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.utils import timezone

from alerts.models import Frequency, Subscription
from learning_centres.roles import EDITORS

pytestmark = pytest.mark.django_db


def make(email="somying@example.go.th", confirmed=True, **query) -> Subscription:
    now = timezone.now()
    return Subscription.objects.create(
        email=email,
        query=query or {"area": ["community-welfare"]},
        label="สวัสดิการชุมชน",
        consent_at=now,
        confirmed_at=now if confirmed else None,
        covered_until=now,
    )


def test_the_search_page_links_to_an_alert_for_the_search_it_shows(client):
    response = client.get("/search/?q=ขยะ&area=community-welfare&page=2")
    assert 'href="/alerts/new/?q=%E0%B8%82%E0%B8%A2%E0%B8%B0&amp;area=community-welfare"' in response.content.decode()


def test_the_form_describes_the_search_and_asks_for_consent(client):
    response = client.get("/alerts/new/?area=community-welfare")
    assert response.status_code == 200
    assert 'name="consent"' in response.content.decode()
    assert "no-store" in response["Cache-Control"]


def test_an_unknown_filter_or_centre_is_a_400_and_saves_nothing(client):
    assert client.get("/alerts/new/?area=nonsense").status_code == 400
    assert (
        client.post(
            "/alerts/new/", {"centre": "99999999999999999999", "email": "a@example.com", "consent": "on", "frequency": "daily"}
        ).status_code
        == 400
    )
    assert (
        client.post(
            "/alerts/new/", {"area": "community-welfare", "email": "not an address", "frequency": "daily", "consent": "on"}
        ).status_code
        == 400
    )
    assert client.post("/alerts/new/", {"area": "community-welfare", "email": "a@example.com", "frequency": "daily"}).status_code == 400
    assert not Subscription.objects.exists()


def test_one_address_gets_few_confirmation_mails_a_day(client, settings):
    settings.ALERTS_ADDRESS_LIMIT = 2
    for area in ("community-welfare", "community-health-care"):
        assert (
            client.post("/alerts/new/", {"area": area, "email": "target@example.com", "frequency": "daily", "consent": "on"}).status_code
            == 200
        )
    response = client.post("/alerts/new/", {"q": "ขยะ", "email": "Target@example.com", "frequency": "daily", "consent": "on"})
    assert response.status_code == 429
    assert Subscription.objects.count() == 2


def test_a_bad_confirmation_link_is_a_404(client):
    subscription = make(confirmed=False)
    assert client.get(f"/alerts/confirm/{subscription.token}/").status_code == 404


def test_the_manage_link_changes_the_frequency_and_deletes_everything(client):
    first = make()
    second = make(q=["ขยะ"])
    other = make(email="other@example.com")
    page = client.get(f"/alerts/manage/{first.token}/").content.decode()
    assert "“ขยะ”" in page and "other@example.com" not in page
    response = client.post(f"/alerts/manage/{first.token}/", {"subscription": second.token, "action": "frequency", "frequency": "weekly"})
    assert response.status_code == 302
    assert Subscription.objects.get(pk=second.pk).frequency == Frequency.WEEKLY
    assert client.post(f"/alerts/manage/{first.token}/", {"action": "delete_all"}).status_code == 200
    assert list(Subscription.objects.all()) == [other]


def test_the_manage_link_of_an_unconfirmed_address_shows_nothing(client):
    assert client.get(f"/alerts/manage/{make(confirmed=False).token}/").status_code == 404


def test_unconfirmed_addresses_are_deleted_after_the_retention_period(settings):
    settings.ALERTS_UNCONFIRMED_DAYS = 7
    old, recent, kept = make(confirmed=False), make(email="new@example.com", confirmed=False), make(email="kept@example.com")
    Subscription.objects.filter(pk__in=[old.pk, kept.pk]).update(created_at=timezone.now() - datetime.timedelta(days=8))
    call_command("purge_unconfirmed_alerts", stdout=open("/dev/null", "w"))
    assert set(Subscription.objects.values_list("email", flat=True)) == {recent.email, kept.email}


def test_editors_see_counts_never_addresses_and_administrators_see_both(client):
    make()
    make(email="b@example.com")
    editor = User.objects.create_user("editor", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    counts = client.get("/admin/reports/alerts/").content.decode()
    assert "สวัสดิการชุมชน" in counts and "somying@example.go.th" not in counts
    assert client.get("/admin/reports/alert-addresses/").status_code in (302, 403)
    client.force_login(User.objects.create_superuser("admin", password="pw"))
    assert "somying@example.go.th" in client.get("/admin/reports/alert-addresses/").content.decode()
