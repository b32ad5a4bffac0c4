"""Centre profiles by type: each type's fields in the admin form and on the page, never the
other type's; coordinates; and "centres near me / near a province" ordered by distance."""

import json
from decimal import Decimal

import pytest

from learning_centres.models import CentreType, LearningCentrePage, Province
from learning_centres.models.profiles import distance_km
from tests.learning_centres.factories import LAOFactory, LearningCentrePageFactory

pytestmark = pytest.mark.django_db
EMPTY_RICH_TEXT = json.dumps({"blocks": [], "entityMap": {}})  # what the admin's editor posts when empty


def form_data(centre, **changes) -> dict:
    data = {
        "title": centre.title, "slug": centre.slug, "centre_type": centre.centre_type, "lao": centre.lao_id,
        "province": centre.province_id, "district": "", "address": "", "description": EMPTY_RICH_TEXT, "contact_name": "",
        "contact_position": "", "contact_phone": "", "website": "", "contact_email": "", "visiting_capacity": "",
        "year_established": "", "staff_count": "", "volunteer_count": "", "latitude": "", "longitude": "",
        "older_people_served": "", "caregivers_trained": "", "children_enrolled": "", "children_age_from": "",
        "children_age_to": "", "dla_standard_level": "",
        "gallery_images-TOTAL_FORMS": "0", "gallery_images-INITIAL_FORMS": "0",
        "gallery_images-MIN_NUM_FORMS": "0", "gallery_images-MAX_NUM_FORMS": "1000",
    }  # fmt: skip
    data.update(changes)
    return data


def bound_form(centre, **changes):
    form_class = LearningCentrePage.get_edit_handler().get_form_class()
    return form_class(form_data(centre, **changes), instance=centre, parent_page=centre.get_parent(), for_user=None)


@pytest.fixture
def elderly(centre_index):
    return LearningCentrePageFactory(parent=centre_index, centre_type=CentreType.ELDERLY_CARE)


def test_an_elderly_centre_takes_its_own_fields_and_refuses_a_child_centres(elderly):
    form = bound_form(elderly, older_people_served="350", caregivers_trained="24", opening_days=["1", "3"])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["opening_days"] == "1,3"
    form = bound_form(elderly, children_enrolled="40")
    assert not form.is_valid()
    assert "ข้อมูลนี้ใช้กับศูนย์อีกประเภทหนึ่ง" in str(form.errors["children_enrolled"])


def test_age_range_and_coordinates_are_checked(centre_index):
    child = LearningCentrePageFactory(parent=centre_index, centre_type=CentreType.CHILD_DEVELOPMENT)
    form = bound_form(child, children_age_from="5", children_age_to="2", latitude="13.75")
    assert not form.is_valid()
    assert set(form.errors) == {"children_age_to", "longitude"}
    assert not bound_form(child, latitude="40.0", longitude="100.5").is_valid()  # outside Thailand


def test_the_page_shows_the_profile_of_its_type(client, centre_index):
    child = LearningCentrePageFactory(
        parent=centre_index, centre_type=CentreType.CHILD_DEVELOPMENT, children_enrolled=85, children_age_from=2,
        children_age_to=5, dla_standard_level=3, staff_count=9, volunteer_count=20, opening_days="1,2,3,4,5",
        latitude=Decimal("7.008"), longitude=Decimal("100.474"),
    )  # fmt: skip
    child.save_revision().publish()
    html = client.get(child.url).content.decode()
    assert "85 คน" in html and "อายุ 2–5 ปี" in html and "ผ่านมาตรฐานระดับดีเยี่ยม" in html
    assert "บุคลากร 9 คน" in html and "อาสาสมัคร 20 คน" in html and "จันทร์, อังคาร, พุธ, พฤหัสบดี, ศุกร์" in html
    assert 'href="geo:7.008000,100.474000"' in html and f"/centres-near/?centre={child.pk}" in html
    assert "ผู้สูงอายุที่ได้รับบริการ" not in html
    api = client.get(f"/api/v2/pages/{child.pk}/").json()["profile"]
    assert api["children_enrolled"] == 85 and "older_people_served" not in api
    assert api["coordinates"] == {"lat": 7.008, "lon": 100.474} and api["opening_days"] == [1, 2, 3, 4, 5]


@pytest.fixture
def located(centre_index):
    places = {"hat_yai": ("90", 7.008, 100.474), "chiang_mai": ("50", 18.79, 98.98), "bangkok": ("10", 13.75, 100.50)}
    centres = {}
    for name, (code, lat, lon) in places.items():
        lao = LAOFactory(province=Province.objects.get(code=code))
        centre = LearningCentrePageFactory(parent=centre_index, lao=lao, province=lao.province, title=f"ศูนย์ {name}",
                                           latitude=Decimal(str(lat)), longitude=Decimal(str(lon)))  # fmt: skip
        centre.save_revision().publish()
        centres[name] = centre
    LearningCentrePageFactory(parent=centre_index, title="ศูนย์ไม่มีพิกัด").save_revision().publish()
    return centres


def order(html: str, centres: dict) -> list[str]:
    return sorted((name for name in centres if f"ศูนย์ {name}" in html), key=lambda name: html.index(f"ศูนย์ {name}"))


def test_centres_near_a_point_are_ordered_by_distance(client, located):
    response = client.get("/centres-near/", {"lat": "13.36", "lon": "100.98"})  # Chonburi
    html = response.content.decode()
    assert response.status_code == 200
    assert order(html, located) == ["bangkok", "chiang_mai", "hat_yai"]
    assert "ศูนย์ไม่มีพิกัด" not in html


def test_centres_near_a_province_and_in_english(client, located):
    html = client.get("/centres-near/", {"province": "90"}).content.decode()
    assert order(html, located) == ["hat_yai", "bangkok", "chiang_mai"] and "0.0 กม." in html
    english = client.get("/en/centres-near/", {"province": "50"}).content.decode()
    assert order(english, located)[0] == "chiang_mai" and "km" in english


@pytest.mark.parametrize("params", [{"lat": "abc", "lon": "100"}, {"lat": "48.8", "lon": "2.3"}, {"province": "99"}, {"centre": "x"}])
def test_a_bad_origin_is_a_400_with_a_message(client, located, params):
    response = client.get("/centres-near/", params)
    assert response.status_code == 400
    assert 'role="alert"' in response.content.decode()


def test_distance_km():
    assert distance_km(13.75, 100.50, 18.79, 98.98) == pytest.approx(583, abs=10)  # Bangkok to Chiang Mai
