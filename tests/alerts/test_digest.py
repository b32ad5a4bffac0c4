"""A saved search, end to end through a real SMTP server (aiosmtpd) and the task worker:
subscribe → confirm from the mail → two matching case studies and one other are published →
the digest holds exactly the two, once; its unsubscribe link works; an address that never
confirmed receives nothing but the confirmation mail."""

import datetime
import email
import re
from email import policy
from urllib.parse import urlsplit

import pytest

from django.utils import timezone

from alerts.digest import send_digests
from alerts.models import Subscription
from tests.conftest import publish, run_task_worker
from tests.learning_centres.factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db
TOMORROW = datetime.timedelta(days=1, minutes=1)


def messages(inbox):
    return [email.message_from_bytes(envelope.content, policy=policy.default) for envelope in inbox.envelopes]


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def path_of(url: str) -> str:
    return urlsplit(url).path


def link_after(text: str, marker: str) -> str:
    return re.search(re.escape(marker) + r"\s*(\S+)", text).group(1)


@pytest.fixture
def subscribe(client, django_capture_on_commit_callbacks):
    """Post the form as a visitor does; the confirmation mail is queued once the request commits."""

    def post(address="somying@example.go.th", area="community-welfare", frequency="daily", prefix=""):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(f"{prefix}/alerts/new/", {"area": area, "email": address, "frequency": frequency, "consent": "on"})

    return post


@pytest.fixture
def inbox(smtp_server):
    return smtp_server()


def confirmed(client, subscribe, inbox) -> Subscription:
    assert subscribe().status_code == 200
    run_task_worker()
    (mail,) = messages(inbox)
    confirm_url = re.search(r"https?://\S+/alerts/confirm/\S+/", body(mail)).group(0)
    assert client.get(path_of(confirm_url)).status_code == 200  # a page with a button: scanners do not confirm
    assert Subscription.objects.get().confirmed_at is None
    assert client.post(path_of(confirm_url)).status_code == 302
    inbox.envelopes.clear()
    return Subscription.objects.get()


def test_a_confirmed_alert_receives_exactly_the_new_matching_case_studies_once(client, subscribe, centre, inbox):
    subscription = confirmed(client, subscribe, inbox)
    assert subscription.confirmed_at is not None
    first = publish(CaseStudyPageFactory(parent=centre, title="ธนาคารขยะสร้างสวัสดิการ", focus_areas=["community-welfare"]))
    second = publish(CaseStudyPageFactory(parent=centre, title="กองทุนสวัสดิการชุมชน", focus_areas=["community-welfare"]))
    other = publish(CaseStudyPageFactory(parent=centre, title="เยี่ยมบ้านผู้ป่วยติดเตียง"))

    assert send_digests(timezone.now() + TOMORROW) == 1
    run_task_worker()
    (mail,) = messages(inbox)
    text = body(mail)
    assert mail["To"] == "somying@example.go.th"
    assert first.title in text and second.title in text
    assert other.title not in text
    assert text.count(first.title) == 1

    inbox.envelopes.clear()
    assert send_digests(timezone.now() + 2 * TOMORROW) == 0  # nothing new since: nothing sent
    run_task_worker()
    assert inbox.envelopes == []


def test_every_digest_has_one_click_unsubscribe_headers_and_a_working_link(client, subscribe, centre, inbox):
    confirmed(client, subscribe, inbox)
    publish(CaseStudyPageFactory(parent=centre, focus_areas=["community-welfare"]))
    send_digests(timezone.now() + TOMORROW)
    run_task_worker()
    (mail,) = messages(inbox)
    header_url = str(mail["List-Unsubscribe"]).strip().strip("<>")
    assert mail["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link_after(body(mail), "ยกเลิกการแจ้งเตือนนี้:") == header_url
    # What a mail program does for its unsubscribe button (RFC 8058): a POST, no cookie, no CSRF token.
    client.handler.enforce_csrf_checks = True
    response = client.post(path_of(header_url), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.exists()


def test_an_address_that_never_confirmed_receives_nothing_but_the_confirmation(client, subscribe, centre, inbox):
    assert subscribe().status_code == 200
    run_task_worker()
    assert len(inbox.envelopes) == 1  # the confirmation
    inbox.envelopes.clear()
    publish(CaseStudyPageFactory(parent=centre, focus_areas=["community-welfare"]))
    assert send_digests(timezone.now() + TOMORROW) == 0
    assert send_digests(timezone.now() + 8 * TOMORROW) == 0
    run_task_worker()
    assert inbox.envelopes == []


def test_an_english_subscriber_gets_english_mails(client, subscribe, centre, inbox):
    assert subscribe(prefix="/en").status_code == 200
    run_task_worker()
    (mail,) = messages(inbox)
    assert "Confirm" in mail["Subject"]
    assert "/en/alerts/confirm/" in body(mail)
