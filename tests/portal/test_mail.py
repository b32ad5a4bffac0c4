"""Mail leaves through the task worker, retried with a growing delay, and no typed text can add
a header. A real SMTP server (aiosmtpd, tests/conftest.py) receives it; the visitor's side is
in tests/exchange/test_mail_delivery.py."""

from email import message_from_bytes, policy

import pytest

from portal.mail import queue_mail, retry_delay
from tests.conftest import run_task_worker

pytestmark = pytest.mark.django_db


def test_a_line_break_typed_into_a_subject_cannot_add_a_header(smtp_server):
    inbox = smtp_server()
    queue_mail("คำขอจากนายสมชาย\r\nBcc: someone@example.org", "สวัสดี\n", ["centre@example.go.th"])
    run_task_worker()
    (envelope,) = inbox.envelopes
    message = message_from_bytes(envelope.content, policy=policy.default)
    assert envelope.rcpt_tos == ["centre@example.go.th"]
    assert message["Bcc"] is None
    assert message["Subject"].strip() == "คำขอจากนายสมชาย Bcc: someone@example.org"  # kept as text, on one line


def test_the_retry_delay_doubles_and_is_capped(settings):
    settings.MAIL_RETRY_SECONDS = 30
    assert [retry_delay(attempt).total_seconds() for attempt in (1, 2, 3)] == [30, 60, 120]
    assert retry_delay(20).total_seconds() == 3600
