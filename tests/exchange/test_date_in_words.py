"""The line under a date field reads the typed date back in words, through the form's own
parser, so that what is shown is what will be saved."""

import pytest

from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "iso", "words"),
    [
        ("15/3/2570", "2027-03-15", "วันจันทร์ที่ 15 มีนาคม พ.ศ. 2570"),
        ("15032570", "2027-03-15", "วันจันทร์ที่ 15 มีนาคม พ.ศ. 2570"),
        ("๑๕/๓/๒๕๗๐", "2027-03-15", "วันจันทร์ที่ 15 มีนาคม พ.ศ. 2570"),
        ("15 มี.ค. 70", "2027-03-15", "วันจันทร์ที่ 15 มีนาคม พ.ศ. 2570"),
    ],
)
def test_a_typed_date_is_read_back_with_its_weekday(client, typed, iso, words):
    answer = client.get(reverse("exchange:date_in_words"), {"value": typed}).json()
    assert answer == {"date": iso, "words": words}


def test_english_pages_read_it_back_in_english(client):
    answer = client.get("/en" + reverse("exchange:date_in_words"), {"value": "15/3/2570"}).json()
    assert answer["words"] == "Monday 15 March 2027"


@pytest.mark.parametrize("typed", ["31/2/2570", "15/13/2570", "tomorrow", "1" * 500])
def test_what_is_not_a_date_gets_the_forms_message(client, typed):
    response = client.get(reverse("exchange:date_in_words"), {"value": typed})
    assert response.status_code == 400
    assert "วัน/เดือน/ปี พ.ศ." in response.json()["error"]
