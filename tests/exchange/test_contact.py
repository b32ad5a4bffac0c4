"""Writing to a centre: the message reaches the centre's private address, which the site
never shows."""

import pytest

from django.core import mail
from django.urls import reverse

from exchange.models import ContactMessage

pytestmark = pytest.mark.django_db

VALID = {"name": "สมชาย ใจดี", "email": "somchai@example.go.th", "message": "อยากสอบถามเรื่องการศึกษาดูงานครับ", "consent": "on"}


def url(centre) -> str:
    return reverse("exchange:contact", args=[centre.pk])


def test_a_message_is_emailed_to_the_centre_with_the_sender_as_reply_to(client, centre, committed):
    with committed():
        response = client.post(url(centre), VALID)
    assert response.status_code == 302
    [email] = mail.outbox
    assert email.to == ["centre@example.go.th"]
    assert email.reply_to == ["somchai@example.go.th"]
    assert "อยากสอบถามเรื่องการศึกษาดูงานครับ" in email.body
    assert ContactMessage.objects.get().name == "สมชาย ใจดี"


def test_without_a_centre_address_the_centres_contributors_get_it(client, centre, contributor, committed):
    centre.contact_email = ""
    centre.save_revision().publish()
    with committed():
        client.post(url(centre), VALID)
    assert mail.outbox[0].to == ["somsri@example.go.th"]


def test_no_address_is_rendered_on_the_form_or_the_centre_page(client, centre):
    for page in (client.get(url(centre)), client.get(centre.url)):
        assert "centre@example.go.th" not in page.content.decode()
        assert "mailto:" not in page.content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "กรุณากรอกชื่อ"),
        ("email", "", "กรุณากรอกอีเมล"),
        ("email", "somchai", "รูปแบบอีเมลไม่ถูกต้อง เช่น name@example.go.th"),
        ("message", "", "กรุณากรอกข้อความ"),
        ("message", "สวัสดี", "ข้อความสั้นเกินไป (อย่างน้อย 10 ตัวอักษร)"),
        ("message", "ก" * 3001, "ข้อความยาวเกิน 3,000 ตัวอักษร"),
        ("consent", "", "กรุณาให้ความยินยอมก่อนส่งข้อความ"),
    ],
)
def test_invalid_input_gets_a_thai_message(client, centre, field, value, message):
    response = client.post(url(centre), {**VALID, field: value})
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [message]
    assert not ContactMessage.objects.exists() and mail.outbox == []


def test_the_honeypot_and_the_rate_limit_stop_spam(client, centre, settings):
    settings.EXCHANGE_FORM_RATE_LIMIT = 2
    assert client.post(url(centre), {**VALID, "website": "x"}).status_code == 400
    assert client.post(url(centre), {**VALID, "email": ""}).status_code == 400  # neither counts
    assert [client.post(url(centre), VALID).status_code for _ in range(3)] == [302, 302, 429]
    assert ContactMessage.objects.count() == 2
