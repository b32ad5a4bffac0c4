"""A visitor's request never depends on SMTP: it succeeds while the mail server is down, and
the mails to the requester and the centre arrive once it is back (a real aiosmtpd server)."""

import time

import pytest

from django.urls import reverse

from exchange.models import VisitRequest
from portal.mail import retry_delay
from tests.conftest import run_task_worker

pytestmark = pytest.mark.django_db


def test_a_visit_request_succeeds_while_smtp_is_down_and_its_mails_arrive_when_it_is_back(
    client, centre, form_data, committed, smtp_server
):
    with committed():
        response = client.post(reverse("exchange:request", args=[centre.pk]), form_data)
    assert response.status_code == 302
    assert VisitRequest.objects.count() == 1
    run_task_worker()  # SMTP is down: both deliveries fail and are queued again
    inbox = smtp_server()
    assert inbox.envelopes == []
    time.sleep(retry_delay(1).total_seconds() + 0.2)
    run_task_worker()
    assert sorted(envelope.rcpt_tos[0] for envelope in inbox.envelopes) == ["centre@example.go.th", "somying@example.go.th"]
