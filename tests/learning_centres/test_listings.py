"""The centre directory (/centres/) and the case-study listing (/case-studies/) are answered
by the search layer — the engine when configured, the database otherwise — with the search
page's filters, chips, sort and pagination, shareable URLs, and feeds of what they list."""

# ruff: noqa: F811 - pytest passes imported fixtures to the tests as arguments of the same name

import re

import pytest

from learning_centres.models import CaseStudyIndexPage

# Fixtures shared with the search tests: the real engine, and the corpus on each backend.
from tests.search.conftest import search_engine  # noqa: F401
from tests.search.corpus import backend_corpus  # noqa: F401

from .factories import CaseStudyPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def listing(home_page):
    return home_page.add_child(instance=CaseStudyIndexPage(title="กรณีศึกษา", slug="case-studies"))


@pytest.fixture
def corpus(backend_corpus, listing):
    return backend_corpus


def titles(html: str) -> list[str]:
    found = re.findall(r'<h2 class="card-title"[^>]*><a href="[^"]+"[^>]*>(.*?)</a></h2>', html)
    return [re.sub(r"</?mark>", "", title) for title in found]  # a matched word is highlighted


def get(client, url: str, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, response.content.decode()[:2000]
    return response.content.decode()


def test_lists_every_case_study_newest_first(client, corpus, listing):
    html = get(client, listing.url)
    assert "พบ 4 กรณีศึกษา" in html
    assert titles(html)[0] == "แปลงผักปลอดสารของเด็กเล็ก"
    assert '<option value="newest" selected>' in html


def test_the_listing_keeps_its_own_title_and_counts_its_pages(client, corpus, listing):
    html = get(client, listing.url)
    heading = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert re.sub(r"<[^>]+>", "", heading) == "กรณีศึกษา"  # the Wagtail page, not the result page number
    assert "<title>กรณีศึกษา" in html
    assert 'placeholder="ค้นหาในกรณีศึกษา"' in html  # the search box says what this listing searches


def test_the_centre_directory_says_what_its_search_box_finds(client, centre_index):
    centre_index.save_revision().publish()
    assert 'placeholder="ค้นหาศูนย์เรียนรู้ ชื่อ อปท. หรือจังหวัด"' in get(client, centre_index.url)


def test_filters_by_area_and_centre_type_like_the_search_page(client, corpus, listing):
    html = get(client, listing.url, area="community-health-care")
    assert sorted(titles(html)) == ["ธนาคารเวลาดูแลกัน", "เยี่ยมบ้านผู้สูงอายุติดเตียง"]
    html = get(client, listing.url, centre_type="child_development", area=["disaster-management", "community-health-care"])
    assert titles(html) == ["ซ้อมอพยพน้ำท่วมในศูนย์พัฒนาเด็กเล็ก"]
    assert 'aria-label="ลบตัวกรอง ศูนย์พัฒนาเด็กเล็กต้นแบบ"' in html
    assert 'name="province" value="90"' in html  # facets to narrow further


def test_filters_by_province_and_text(client, corpus, listing):
    assert sorted(titles(get(client, listing.url, province="50"))) == ["ธนาคารเวลาดูแลกัน", "เยี่ยมบ้านผู้สูงอายุติดเตียง"]
    assert titles(get(client, listing.url, q="น้ำท่วม")) == ["ซ้อมอพยพน้ำท่วมในศูนย์พัฒนาเด็กเล็ก"]


def test_chips_remove_one_filter_and_keep_the_rest(client, corpus, listing):
    html = get(client, listing.url, area="community-health-care", province="50")
    assert 'href="?area=community-health-care"' in html  # the province chip's link


def test_feed_links_carry_the_listing_filters(client, corpus, listing):
    html = get(client, listing.url, area="community-health-care", centre_type="elderly_care", province="50", lao_type="sao")
    assert 'href="/feeds/case-studies.rss?area=community-health-care&amp;centre_type=elderly_care&amp;province=50"' in html
    assert 'href="/feeds/case-studies.atom?area=community-health-care&amp;centre_type=elderly_care&amp;province=50"' in html
    assert 'href="/feeds/case-studies.rss"' in get(client, listing.url)


@pytest.mark.parametrize(
    "params",
    [{"area": "no-such-area"}, {"centre_type": "museum"}, {"province": "99"}, {"year": "abcd"}, {"sort": "random"}, {"page": "0"}],
)
def test_unknown_parameters_answer_400_with_the_reason(client, corpus, listing, params):
    response = client.get(listing.url, params)
    assert response.status_code == 400
    html = response.content.decode()
    assert "ตัวกรองไม่ถูกต้อง" in html and next(iter(params)) in html


def test_paginates_ten_to_a_page_with_shareable_links(client, corpus, listing, centre):
    centre.save_revision().publish()
    for i in range(8):
        CaseStudyPageFactory(parent=centre, title=f"กรณีเพิ่ม {i}").save_revision().publish()
    if corpus["backend"] == "engine":
        from search.backends.engine.client import get_engine
        from tests.search.conftest import index_now

        index_now(get_engine())
    html = get(client, listing.url)
    assert "พบ 12 กรณีศึกษา" in html and len(titles(html)) == 10
    assert 'href="?page=2" rel="next"' in html
    second = get(client, listing.url, page="2")
    assert len(titles(second)) == 2 and 'href="?page=1" rel="prev"' in second


def test_the_centre_directory_lists_centres_with_their_facets(client, corpus, centre_index):
    html = get(client, centre_index.url)
    assert "พบ 2 ศูนย์เรียนรู้" in html
    assert sorted(titles(html)) == ["ศูนย์พัฒนาเด็กเล็กต้นแบบหาดใหญ่", "ศูนย์เรียนรู้ผู้สูงอายุแม่ริม"]
    html = get(client, centre_index.url, centre_type="elderly_care")
    assert titles(html) == ["ศูนย์เรียนรู้ผู้สูงอายุแม่ริม"]
    assert "ศูนย์เรียนรู้ด้านการดูแลผู้สูงอายุ · จ.เชียงใหม่" in html
    assert titles(get(client, centre_index.url, region="south")) == ["ศูนย์พัฒนาเด็กเล็กต้นแบบหาดใหญ่"]
    assert 'href="/feeds/case-studies.rss?centre_type=elderly_care"' in html


def test_the_centre_directory_refuses_an_unknown_centre_type(client, corpus, centre_index):
    assert client.get(centre_index.url, {"centre_type": "hospital"}).status_code == 400
