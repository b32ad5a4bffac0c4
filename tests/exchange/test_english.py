"""The exchange in English: the same forms under /en/, with English labels and messages; an
English centre page links to them; a request made in English is answered in English.
The Thai pages keep their unprefixed addresses and their Thai text."""

import pytest

from django.core import mail
from django.urls import reverse
from django.utils import translation

from exchange import services
from exchange.models import VisitRequest, VisitStatus

from .conftest import in_days, make_request

pytestmark = pytest.mark.django_db


def english(name: str, *args) -> str:
    with translation.override("en"):
        return reverse(name, args=args)


def test_the_thai_addresses_stay_unprefixed_and_english_ones_live_under_en(centre):
    assert reverse("exchange:request", args=[centre.pk]) == f"/visits/request/{centre.pk}/"
    assert english("exchange:request", centre.pk) == f"/en/visits/request/{centre.pk}/"
    assert english("exchange:contact", centre.pk) == f"/en/contact/{centre.pk}/"


def test_the_english_form_has_english_labels(client, centre, policy):
    response = client.get(english("exchange:request", centre.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert "Contact person" in html
    assert "Purpose of the study visit" in html
    assert "ชื่อผู้ประสานงาน" not in html


def test_the_thai_form_is_unchanged(client, centre, policy):
    html = client.get(reverse("exchange:request", args=[centre.pk])).content.decode()
    assert "ชื่อผู้ประสานงาน" in html
    assert "วัตถุประสงค์ของการศึกษาดูงาน" in html
    assert "Purpose of the study visit" not in html


def test_an_invalid_english_form_explains_the_mistakes_in_english(client, centre, policy, form_data):
    data = {**form_data, "contact_name": "", "email": "not-an-address", "group_size": "999", "preferred_date": in_days(1).isoformat()}
    response = client.post(english("exchange:request", centre.pk), data)
    errors = response.context["form"].errors
    assert response.status_code == 400
    assert errors["contact_name"] == ["Please enter the contact person’s name"]
    assert errors["email"] == ["Invalid email address, e.g. name@example.go.th"]
    assert errors["group_size"] == ["There can be no more than 500 visitors"]
    # The centre's rules speak English too, dates included.
    (notice,) = errors["preferred_date"]
    assert notice.startswith("The centre asks for at least 7 days’ notice.")
    assert "พ.ศ." not in notice
    assert not VisitRequest.objects.exists()


def test_the_thai_form_still_explains_the_mistakes_in_thai(client, centre, policy, form_data):
    response = client.post(reverse("exchange:request", args=[centre.pk]), {**form_data, "contact_name": ""})
    assert response.context["form"].errors["contact_name"] == ["กรุณากรอกชื่อผู้ประสานงาน"]


def test_an_english_centre_page_links_to_the_english_forms_of_the_thai_centre(client, site_tree):
    centre = site_tree["centre"]
    html = client.get(f"/en/centres/{centre.slug}/").content.decode()
    # The English page is an alias with its own id; requests belong to the Thai original.
    assert f'href="/en/visits/request/{centre.pk}/"' in html
    assert f'href="/en/contact/{centre.pk}/"' in html


def test_organisation_suggestions_answer_in_both_languages(client, db):
    for path in (reverse("exchange:organisations"), english("exchange:organisations")):
        response = client.get(path, {"q": "x"})
        assert response.status_code == 200
        assert response.json() == {"options": []}


def test_a_request_made_in_english_is_answered_in_english(client, centre, form_data, committed):
    with committed():
        response = client.post(english("exchange:request", centre.pk), form_data)
    visit = VisitRequest.objects.get()
    assert response["Location"] == english("exchange:submitted", visit.token)
    assert visit.language == "en"
    to_requester, to_centre = mail.outbox
    assert to_requester.subject == f"Study visit request to {centre.title} received"
    assert english("exchange:status", visit.token) in to_requester.body
    assert to_centre.subject.startswith("คำขอศึกษาดูงานใหม่จาก")  # the centre's own notification stays Thai


def test_the_centres_answer_reaches_an_english_requester_in_english(rf, centre, editor, committed):
    visit = make_request(centre, language="en")
    with committed():
        services.change_status(visit, VisitStatus.APPROVED, "", editor, rf.get("/admin/"))
    (email,) = mail.outbox
    assert email.subject == f"{centre.title} has accepted your study visit"
    assert english("exchange:status", visit.token) in email.body


def test_a_request_made_in_thai_is_answered_in_thai(client, centre, form_data, committed):
    with committed():
        client.post(reverse("exchange:request", args=[centre.pk]), form_data)
    visit = VisitRequest.objects.get()
    assert visit.language == "th"
    assert "ได้รับคำขอศึกษาดูงาน" in mail.outbox[0].subject
    assert f"/visits/{visit.token}/" in mail.outbox[0].body and "/en/" not in mail.outbox[0].body


@pytest.mark.parametrize("path", ["visits/request/{centre}/", "contact/{centre}/", "visits/privacy/"])
def test_the_language_switch_on_exchange_pages_leads_to_the_same_form_in_the_other_language(client, site_tree, policy, path):
    path = path.format(centre=site_tree["centre"].pk)
    thai = client.get(f"/{path}").content.decode()
    assert f'href="/en/{path}" hreflang="en"' in thai
    english_page = client.get(f"/en/{path}").content.decode()
    assert f'href="/{path}" hreflang="th"' in english_page
    assert '<html lang="en"' in english_page
