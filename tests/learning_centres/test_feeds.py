"""RSS and Atom feeds of the newest case studies, whole and filtered."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from django.utils import timezone

from learning_centres.models import CaseStudyIndexPage, CaseStudyPage, CentreType, Province

from .factories import CaseStudyPageFactory, LAOFactory, LearningCentrePageFactory

RSS = "/feeds/case-studies.rss"
ATOM = "/feeds/case-studies.atom"
ATOM_NS = {"atom": "http://www.w3.org/2005/Atom"}


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - the portal's own output, not untrusted input


def publish(page, *, days_ago: int):
    """Publish, then back-date, so that the feed's order is known."""
    page.save_revision().publish()
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    CaseStudyPage.objects.filter(pk=page.pk).update(first_published_at=moment, last_published_at=moment)
    page.refresh_from_db()
    return page


def rss_items(response) -> list[ET.Element]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/rss+xml")
    root = parse_xml(response.content)
    assert root.tag == "rss"
    return root.findall("./channel/item")


def titles(items) -> list[str]:
    return [item.findtext("title") for item in items]


@pytest.fixture
def bangkok_centre(centre_index):
    lao = LAOFactory(province=Province.objects.get(code="10"))
    return LearningCentrePageFactory(parent=centre_index, lao=lao, centre_type=CentreType.CHILD_DEVELOPMENT)


@pytest.fixture
def three_cases(centre, bangkok_centre):
    old = publish(CaseStudyPageFactory(parent=centre, title="เก่าที่สุด", focus_areas=["community-welfare"]), days_ago=30)
    middle = publish(
        CaseStudyPageFactory(parent=bangkok_centre, title="กลาง", focus_areas=["child-youth-learning", "community-health-care"]),
        days_ago=10,
    )
    new = publish(CaseStudyPageFactory(parent=centre, title="ใหม่ล่าสุด", focus_areas=["sustainable-agriculture"]), days_ago=1)
    return old, middle, new


@pytest.mark.django_db
class TestRssFeed:
    def test_lists_the_newest_case_studies_first(self, client, three_cases):
        items = rss_items(client.get(RSS))
        assert titles(items) == ["ใหม่ล่าสุด", "กลาง", "เก่าที่สุด"]

    def test_items_carry_an_absolute_link_summary_date_and_areas(self, client, three_cases):
        _old, middle, _new = three_cases
        item = rss_items(client.get(RSS))[1]
        assert item.findtext("link") == f"http://testserver{middle.url}"
        assert item.findtext("description") == middle.summary
        assert item.findtext("pubDate")
        assert sorted(category.text for category in item.findall("category")) == sorted(
            ["ด้านการเรียนรู้ของเด็กและเยาวชน", "ด้านการดูแลสุขภาพโดยชุมชน"]
        )

    def test_summaries_are_text_not_markup(self, client, centre):
        publish(CaseStudyPageFactory(parent=centre, summary="ผู้สูงอายุ <60 ปี & ผู้ดูแล <b>"), days_ago=1)
        (item,) = rss_items(client.get(RSS))
        # The description is HTML: the summary's "<" arrives escaped, shown as text by readers.
        assert item.findtext("description") == "ผู้สูงอายุ &lt;60 ปี &amp; ผู้ดูแล &lt;b&gt;"

    def test_leaves_out_drafts(self, client, three_cases, centre):
        CaseStudyPageFactory(parent=centre, title="ฉบับร่าง", live=False)
        assert "ฉบับร่าง" not in titles(rss_items(client.get(RSS)))

    def test_holds_at_most_thirty_items(self, client, centre):
        for n in range(32):
            publish(CaseStudyPageFactory(parent=centre, title=f"กรณี {n}"), days_ago=n + 1)
        items = rss_items(client.get(RSS))
        assert len(items) == 30
        assert titles(items)[0] == "กรณี 0" and titles(items)[-1] == "กรณี 29"

    def test_is_announced_in_every_page_head(self, client, home_page):
        html = client.get("/").content.decode()
        head = html.split("</head>")[0]
        assert '<link rel="alternate" type="application/rss+xml"' in head
        assert f'href="{RSS}"' in head


@pytest.mark.django_db
class TestFeedFilters:
    def test_filters_by_area(self, client, three_cases):
        items = rss_items(client.get(RSS, {"area": "community-health-care"}))
        assert titles(items) == ["กลาง"]

    def test_repeated_areas_combine_with_or(self, client, three_cases):
        items = rss_items(client.get(RSS, {"area": ["community-welfare", "sustainable-agriculture"]}))
        assert titles(items) == ["ใหม่ล่าสุด", "เก่าที่สุด"]

    def test_a_case_in_two_chosen_areas_is_listed_once(self, client, three_cases):
        items = rss_items(client.get(RSS, {"area": ["child-youth-learning", "community-health-care"]}))
        assert titles(items) == ["กลาง"]

    def test_filters_by_province_of_the_centre(self, client, three_cases):
        assert titles(rss_items(client.get(RSS, {"province": "10"}))) == ["กลาง"]
        assert titles(rss_items(client.get(RSS, {"province": "50"}))) == ["ใหม่ล่าสุด", "เก่าที่สุด"]

    def test_filters_by_centre_type(self, client, three_cases):
        assert titles(rss_items(client.get(RSS, {"centre_type": "child_development"}))) == ["กลาง"]
        # Its older name works too.
        assert titles(rss_items(client.get(RSS, {"type": "elderly_care"}))) == ["ใหม่ล่าสุด", "เก่าที่สุด"]

    def test_different_filters_combine_with_and(self, client, three_cases):
        items = rss_items(client.get(RSS, {"province": "50", "area": ["community-welfare", "child-youth-learning"]}))
        assert titles(items) == ["เก่าที่สุด"]

    def test_filtered_feed_names_its_filter(self, client, three_cases):
        root = parse_xml(client.get(RSS, {"area": "community-welfare"}).content)
        assert "ด้านการจัดสวัสดิการสังคมโดยชุมชน" in root.findtext("./channel/title")

    @pytest.mark.parametrize(
        "params",
        [
            {"area": "no-such-area"},
            {"area": ["community-welfare", "<script>"]},
            {"province": "99"},
            {"province": "x" * 500},
            {"centre_type": "museum"},
            {"area": [f"a{n}" for n in range(50)]},
        ],
    )
    def test_unknown_values_answer_400_in_plain_text(self, client, three_cases, params):
        for url in (RSS, ATOM):
            response = client.get(url, params)
            assert response.status_code == 400
            assert response["Content-Type"].startswith("text/plain")
            assert response.content.decode().strip()

    def test_empty_values_mean_no_filter(self, client, three_cases):
        assert len(rss_items(client.get(RSS, {"area": "", "province": " "}))) == 3


@pytest.mark.django_db
class TestAtomFeed:
    def test_is_valid_atom_with_the_newest_first(self, client, three_cases):
        _old, middle, _new = three_cases
        response = client.get(ATOM, {"area": ["community-health-care", "sustainable-agriculture"]})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        root = parse_xml(response.content)
        assert root.tag == "{http://www.w3.org/2005/Atom}feed"
        entries = root.findall("atom:entry", ATOM_NS)
        assert [entry.findtext("atom:title", namespaces=ATOM_NS) for entry in entries] == ["ใหม่ล่าสุด", "กลาง"]
        link = entries[1].find("atom:link", ATOM_NS).get("href")
        assert link == f"http://testserver{middle.url}"
        assert entries[1].findtext("atom:summary", namespaces=ATOM_NS) == middle.summary
        assert entries[1].findtext("atom:published", namespaces=ATOM_NS)
        terms = {category.get("term") for category in entries[1].findall("atom:category", ATOM_NS)}
        assert "ด้านการดูแลสุขภาพโดยชุมชน" in terms


@pytest.mark.django_db
class TestListingFeedLink:
    @pytest.fixture
    def listing(self, home_page):
        return home_page.add_child(instance=CaseStudyIndexPage(title="กรณีศึกษา", slug="case-studies"))

    def test_carries_the_listing_filters(self, client, listing, three_cases):
        html = client.get(listing.url, {"area": "community-health-care", "centre_type": "child_development"}).content.decode()
        assert f'href="{RSS}?area=community-health-care&amp;centre_type=child_development"' in html
        items = rss_items(client.get(RSS, {"area": "community-health-care", "centre_type": "child_development"}))
        assert titles(items) == ["กลาง"]

    def test_the_feed_links_back_to_the_same_listing(self, client, listing, three_cases):
        root = parse_xml(client.get(RSS, {"centre_type": "child_development", "area": "community-health-care"}).content)
        assert root.findtext("./channel/link") == "http://testserver/case-studies/?area=community-health-care&centre_type=child_development"

    def test_unfiltered_listing_links_the_whole_feed(self, client, listing, three_cases):
        html = client.get(listing.url).content.decode()
        assert f'href="{RSS}"' in html

    def test_a_listing_with_an_unknown_filter_offers_no_feed_of_it(self, client, listing, three_cases):
        response = client.get(listing.url, {"area": "no-such-area"})
        assert response.status_code == 400
        assert f"{RSS}?area=no-such-area" not in response.content.decode()
