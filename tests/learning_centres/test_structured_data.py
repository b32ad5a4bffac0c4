"""schema.org JSON-LD: case studies as Articles, centres as Organizations, safe inside <script>."""

import json
import re

import pytest

from learning_centres.models import District, Province
from learning_centres.structured_data import json_ld_script, to_json

from .factories import CaseStudyPageFactory

JSON_LD = re.compile(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', re.DOTALL)


def json_ld_of(response) -> list[dict]:
    """The page's JSON-LD, but for its breadcrumb trail (tests/home/test_site_tags.py)."""
    assert response.status_code == 200
    html = response.content.decode()
    head = html.split("</head>", 1)[0]
    blocks = JSON_LD.findall(head)
    assert len(blocks) == len(JSON_LD.findall(html)), "JSON-LD belongs in <head>"
    return [data for data in map(json.loads, blocks) if data.get("@type") != "BreadcrumbList"]


@pytest.fixture
def placed_centre(centre):
    centre.district = District.objects.filter(province_id="50").order_by("code").first()
    centre.address = "หมู่ 3 ตำบลแม่เหียะ"
    centre.save_revision().publish()
    centre.refresh_from_db()
    return centre


@pytest.fixture
def published_case(placed_centre):
    page = CaseStudyPageFactory(
        parent=placed_centre,
        title="ธนาคารเวลาดูแลผู้สูงอายุ",
        summary="สมาชิกสะสมชั่วโมงการดูแล",
        year=2021,
        focus_areas=["community-welfare", "community-health-care"],
    )
    page.keywords.add("ธนาคารเวลา", "จิตอาสา")
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.mark.django_db
class TestCaseStudyArticle:
    def test_is_an_article_with_dates_language_areas_and_keywords(self, client, published_case):
        (data,) = json_ld_of(client.get(published_case.url))
        assert data["@context"] == "https://schema.org"
        assert data["@type"] == "Article"
        assert data["headline"] == "ธนาคารเวลาดูแลผู้สูงอายุ"
        assert data["description"] == "สมาชิกสะสมชั่วโมงการดูแล"
        assert data["inLanguage"] == "th"
        assert data["url"] == "http://testserver" + published_case.url  # the request's host: the Site record still says localhost
        assert data["datePublished"].startswith(str(published_case.first_published_at.year))
        assert "dateModified" in data
        assert [thing["name"] for thing in data["about"]] == ["ด้านการจัดสวัสดิการสังคมโดยชุมชน", "ด้านการดูแลสุขภาพโดยชุมชน"]
        assert set(data["keywords"].split(", ")) == {"ธนาคารเวลา", "จิตอาสา"}
        assert data["temporalCoverage"] == "2021/.."

    def test_author_and_publisher_are_the_centre_in_its_province(self, client, published_case, placed_centre):
        (data,) = json_ld_of(client.get(published_case.url))
        for role in ("author", "publisher"):
            organisation = data[role]
            assert organisation["@type"] == "Organization"
            assert organisation["name"] == placed_centre.title
            assert organisation["address"]["addressRegion"] == Province.objects.get(code="50").name_th
            assert organisation["parentOrganization"]["name"] == placed_centre.lao.name_th

    def test_content_cannot_close_the_script_element(self, client, placed_centre):
        hostile = 'ก่อน</script><script>alert("x")</script><!-- & หลัง'
        page = CaseStudyPageFactory(parent=placed_centre, title=hostile, summary=hostile)
        page.save_revision().publish()
        html = client.get(page.url).content.decode()
        assert "</script><script>alert" not in html
        (data,) = json_ld_of(client.get(page.url))
        assert data["headline"] == hostile
        assert data["description"] == hostile


@pytest.mark.django_db
class TestCentreOrganization:
    def test_is_an_organization_with_address_and_its_lao(self, client, placed_centre):
        (data,) = json_ld_of(client.get(placed_centre.url))
        assert data["@type"] == "Organization"
        assert data["name"] == placed_centre.title
        assert data["url"] == "http://testserver" + placed_centre.url
        assert data["address"] == {
            "@type": "PostalAddress",
            "streetAddress": "หมู่ 3 ตำบลแม่เหียะ",
            "addressLocality": placed_centre.district.name_th,
            "addressRegion": Province.objects.get(code="50").name_th,
            "addressCountry": "TH",
        }
        parent = data["parentOrganization"]
        assert parent["@type"] == "GovernmentOrganization"
        assert parent["name"] == placed_centre.lao.name_th

    def test_never_publishes_the_contact_email(self, client, placed_centre):
        placed_centre.contact_email = "coordinator@example.org"
        placed_centre.save_revision().publish()
        (data,) = json_ld_of(client.get(placed_centre.url))
        assert "coordinator@example.org" not in json.dumps(data)


@pytest.mark.django_db
def test_home_page_describes_the_website_and_its_search(client, home_page):
    (data,) = json_ld_of(client.get("/"))
    assert data["@type"] == "WebSite"
    assert data["potentialAction"]["target"]["urlTemplate"].endswith("/search/?q={search_term_string}")


class TestSafeJson:
    def test_escapes_what_could_end_the_script_element(self):
        text = to_json({"a": "</script><!-- & \u2028"})
        assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
        assert "\\u003c/script\\u003e" in text
        assert json.loads(text) == {"a": "</script><!-- & \u2028"}

    def test_keeps_thai_readable(self):
        assert "ผู้สูงอายุ" in to_json({"name": "ผู้สูงอายุ"})

    def test_renders_a_json_ld_script_element(self):
        html = json_ld_script({"@type": "Thing", "name": "</script>"})
        assert html.startswith('<script type="application/ld+json">') and html.endswith("</script>")
        assert html.count("</script>") == 1

    def test_renders_nothing_without_data(self):
        assert json_ld_script(None) == ""
