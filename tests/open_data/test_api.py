"""The read API at /api/v2/: case studies and centres with their useful fields, the focus
areas, and validated filters by area, centre type and province."""

import io

import pytest
import wagtail_factories
from PIL import Image as PILImage

from django.core.files.images import ImageFile

from wagtail.images import get_image_model

from learning_centres.models import CaseStudyDocument, CaseStudyImage, Province
from tests.learning_centres.factories import CaseStudyPageFactory, LAOFactory, LearningCentrePageFactory

pytestmark = pytest.mark.django_db
CASES = "learning_centres.CaseStudyPage"


@pytest.fixture
def corpus(centre_index, home_page):
    elderly = LearningCentrePageFactory(parent=centre_index, title="ศูนย์ผู้สูงอายุเชียงใหม่", district_id="5001")
    child = LearningCentrePageFactory(
        parent=centre_index, title="ศูนย์เด็กขอนแก่น", centre_type="child_development", lao=LAOFactory(province=Province.objects.get(code="40"))
    )
    care = CaseStudyPageFactory(parent=elderly, title="ธนาคารเวลา", year=2020, focus_areas=["community-health-care"], budget_baht="5000")
    care.keywords.add("อาสาสมัคร")
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 600), (10, 120, 90)).save(buffer, format="JPEG")
    image = get_image_model().objects.create(title="เยี่ยมบ้าน", file=ImageFile(buffer, name="visit.jpg"))
    care.gallery_images = [CaseStudyImage(image=image, caption="อาสาสมัครเยี่ยมบ้าน")]
    care.save()
    kids = CaseStudyPageFactory(parent=child, title="อาหารกลางวัน", focus_areas=["child-youth-learning"])
    for page in (elderly, child, care, kids):
        page.save_revision().publish()
    return {"elderly": elderly, "child": child, "care": care, "kids": kids}


def titles(client, **params) -> set[str]:
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


def test_pages_are_only_case_studies_and_centres(client, corpus):
    assert titles(client) == {"ศูนย์ผู้สูงอายุเชียงใหม่", "ศูนย์เด็กขอนแก่น", "ธนาคารเวลา", "อาหารกลางวัน"}
    assert client.get(f"/api/v2/pages/{corpus['care'].get_parent().get_parent().pk}/").status_code == 404  # the directory page


def test_filters_by_area_centre_type_and_province(client, corpus):
    assert titles(client, area="community-health-care") == {"ธนาคารเวลา"}
    assert titles(client, centre_type="child_development") == {"ศูนย์เด็กขอนแก่น", "อาหารกลางวัน"}
    assert titles(client, province="50") == {"ศูนย์ผู้สูงอายุเชียงใหม่", "ธนาคารเวลา"}
    assert titles(client, type=CASES, province="40") == {"อาหารกลางวัน"}
    assert titles(client, area="community-health-care,child-youth-learning") == {"ธนาคารเวลา", "อาหารกลางวัน"}
    assert titles(client, area="community-health-care", province="40") == set()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"area": "no-such-area"}, "area: unknown value 'no-such-area'"),
        ({"centre_type": "hospital"}, "centre_type: unknown value 'hospital'"),
        ({"province": "99"}, "province: unknown value '99'"),
        ({"colour": "red"}, "query parameter is not an operation or a recognised field: colour"),
    ],
)
def test_bad_filter_values_are_a_400_with_a_message(client, corpus, params, message):
    response = client.get("/api/v2/pages/", params)
    assert response.status_code == 400
    assert response.json()["message"].startswith(message)


def test_a_case_study_has_its_useful_fields(client, corpus):
    data = client.get(f"/api/v2/pages/{corpus['care'].pk}/").json()
    assert data["meta"]["type"] == CASES
    assert data["year"] == {"ce": 2020, "be": 2563}
    assert data["focus_areas"] == [
        {"slug": "community-health-care", "name_th": "ด้านการดูแลสุขภาพโดยชุมชน", "name_en": "Community health care"}
    ]
    assert data["keywords"] == ["อาสาสมัคร"]
    assert data["sections"][0]["name"] == "context_and_problem" and data["sections"][0]["heading_th"] == "บริบทและสภาพปัญหา"
    assert data["centre"]["title"] == "ศูนย์ผู้สูงอายุเชียงใหม่" and data["centre"]["centre_type"] == "elderly_care"
    assert data["province"]["code"] == "50" and data["province"]["name_th"] == "เชียงใหม่"
    assert data["lao"]["lao_type"] == "sao"
    assert data["budget_baht"] == "5000.00"
    [image] = data["images"]
    assert image["caption"] == "อาสาสมัครเยี่ยมบ้าน"
    assert (image["thumbnail"]["width"], image["thumbnail"]["height"]) == (480, 320)
    assert image["large"]["url"].endswith(".jpg")
    assert data["documents"] == []


def test_the_listing_of_case_studies_carries_summary_areas_and_place(client, corpus):
    items = client.get("/api/v2/pages/", {"type": CASES, "area": "child-youth-learning"}).json()["items"]
    [kids] = items
    assert kids["province"]["code"] == "40" and kids["focus_areas"][0]["slug"] == "child-youth-learning"
    assert kids["summary"] and kids["year"]["be"] == 2566


def test_a_centre_has_its_lao_and_place(client, corpus):
    data = client.get(f"/api/v2/pages/{corpus['elderly'].pk}/").json()
    assert data["district"] == {"code": "5001", "name_th": "เมืองเชียงใหม่", "name_en": data["district"]["name_en"]}
    assert data["lao"]["name_th"] == corpus["elderly"].lao.name_th
    assert "contact_email" not in data  # kept for staff only


def test_drafts_are_not_served(client, corpus):
    corpus["kids"].unpublish()
    assert "อาหารกลางวัน" not in titles(client)


def test_focus_areas_endpoint(client, db):
    items = client.get("/api/v2/focus-areas/").json()["items"]
    assert len(items) == 8
    assert items[0]["slug"] == "participatory-management" and items[0]["name_th"] == "ด้านการบริหารจัดการท้องถิ่นแบบมีส่วนร่วม"


@pytest.fixture(params=["engine", "fallback"])
def searchable(request, settings, corpus):
    """The corpus, searched through the portal's search: the real engine, then the fallback."""
    if request.param == "engine":
        request.getfixturevalue("search_engine")  # builds the index from the corpus
    else:
        settings.SEARCH_URL = ""
    return corpus


def test_search_goes_through_the_portals_search_in_rank_order(client, searchable, monkeypatch):
    from wagtail.api.v2 import filters

    def refuse(*args, **kwargs):
        raise AssertionError("Wagtail's search backend was asked")

    monkeypatch.setattr(filters, "get_search_backend", refuse)  # a spy: what Wagtail's own SearchFilter calls
    response = client.get("/api/v2/pages/", {"search": "ธนาคารเวลา"})
    assert response.status_code == 200, response.content
    assert [item["title"] for item in response.json()["items"]][:1] == ["ธนาคารเวลา"]
    assert titles(client, search="ศูนย์เด็กขอนแก่น") >= {"ศูนย์เด็กขอนแก่น"}
    assert titles(client, search="ธนาคารเวลา", type=CASES, province="40") == set()  # the other filters still apply
    assert titles(client, search="ไม่มีคำนี้ในคลังเลย") == set()


def test_a_search_too_long_or_with_another_operator_is_a_400(client, corpus):
    from search.contract import MAX_QUERY_LENGTH

    response = client.get("/api/v2/pages/", {"search": "ก" * (MAX_QUERY_LENGTH + 1)})
    assert response.status_code == 400 and str(MAX_QUERY_LENGTH) in response.json()["message"]
    assert client.get("/api/v2/pages/", {"search": "ธนาคาร", "search_operator": "or"}).status_code == 400


CHROME = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36"


def test_a_page_carries_its_usage_figures_counted_without_bots(client, corpus, django_assert_max_num_queries):
    import datetime

    from django.utils import timezone

    from usage.models import DailyCount, Kind

    care, elderly = corpus["care"], corpus["elderly"]
    for agent in (CHROME, CHROME, "Googlebot/2.1 (+http://www.google.com/bot.html)"):
        assert client.get(care.url, HTTP_USER_AGENT=agent).status_code == 200
    long_ago = timezone.localdate() - datetime.timedelta(days=40)
    DailyCount.objects.create(day=long_ago, kind=Kind.CASE_STUDY, object_id=care.pk, count=5)
    DailyCount.objects.create(day=long_ago, kind=Kind.CENTRE, object_id=care.pk, count=99)  # another kind: not the case's views
    DailyCount.objects.create(day=timezone.localdate(), kind=Kind.VISIT_REQUEST, object_id=elderly.pk, count=2)
    document = wagtail_factories.DocumentFactory()
    CaseStudyDocument.objects.create(page=care, document=document, title="รายงาน")
    DailyCount.objects.create(day=long_ago, kind=Kind.DOWNLOAD, object_id=document.pk, count=4)
    DailyCount.objects.create(day=long_ago, kind=Kind.DOWNLOAD, object_id=document.pk + 1000, count=9)  # another document

    data = client.get(f"/api/v2/pages/{care.pk}/").json()
    assert data["usage"] == {"views": {"last_30_days": 2, "total": 7}, "downloads": {"last_30_days": 0, "total": 4}}
    centre = client.get(f"/api/v2/pages/{elderly.pk}/").json()
    assert centre["usage"] == {"views": {"last_30_days": 0, "total": 0}, "visit_requests": {"last_30_days": 2, "total": 2}}
    listing = client.get("/api/v2/pages/", {"type": CASES}).json()["items"]
    assert all("usage" not in item for item in listing)  # the detail only: no query per listed item
