"""What visitors see on centre and case-study pages."""

import datetime

import pytest

from learning_centres.models import CaseStudyFollowUp, CaseStudyIndexPage, CaseStudyIndicator

from .factories import CaseStudyPageFactory


@pytest.fixture
def published_case(centre):
    page = CaseStudyPageFactory(parent=centre, title="เยี่ยมบ้านผู้สูงอายุติดเตียง", year=2023, results="<p>ผู้ป่วยติดเตียงลดลง</p>")
    page.indicators = [CaseStudyIndicator(label="ผู้สูงอายุติดเตียง", baseline="40 คน", result="22 คน")]
    page.follow_ups = [CaseStudyFollowUp(date=datetime.date(2025, 3, 1), title="ขยายผลไปสามตำบล", text="อบต. ข้างเคียงนำไปใช้")]
    page.save_revision().publish()
    return page


@pytest.mark.django_db
class TestCaseStudyPage:
    def test_shows_the_year_in_buddhist_era(self, client, published_case):
        html = client.get(published_case.url).content.decode()
        assert "พ.ศ. 2566" in html
        assert "2023" not in html.split("<main", 1)[1].split("</main>")[0].replace('datetime="2025', "")

    def test_shows_sections_with_in_page_navigation(self, client, published_case):
        html = client.get(published_case.url).content.decode()
        assert 'href="#context_and_problem"' in html and 'id="context_and_problem"' in html
        assert "บริบทและสภาพปัญหา" in html and "ผลการดำเนินงาน" in html
        assert 'href="#objectives"' not in html  # empty sections are left out

    def test_shows_indicators_and_the_follow_up_timeline(self, client, published_case):
        html = client.get(published_case.url).content.decode()
        assert "40 คน" in html and "22 คน" in html
        assert "ขยายผลไปสามตำบล" in html and "1/3/2568" in html

    def test_links_focus_areas_and_centre(self, client, published_case, centre):
        html = client.get(published_case.url).content.decode()
        assert "/case-studies/?area=community-health-care" in html
        assert centre.url in html

    def test_english_visitors_get_english_headings(self, client, home_page, published_case):
        from portal.locales import mirror_page_tree

        mirror_page_tree(home_page)
        html = client.get("/en" + published_case.url).content.decode()
        assert "Context and problem" in html
        assert 'lang="en"' in html


@pytest.mark.django_db
class TestCentrePage:
    def test_lists_only_live_case_studies(self, client, centre, published_case):
        draft = CaseStudyPageFactory(parent=centre, title="ฉบับร่างยังไม่เผยแพร่", live=False)
        html = client.get(centre.url).content.decode()
        assert published_case.title in html
        assert draft.title not in html

    def test_never_publishes_the_contact_email(self, client, centre):
        centre.contact_email = "coordinator@example.org"
        centre.contact_name = "นางสมศรี ใจดี"
        centre.save_revision().publish()
        html = client.get(centre.url).content.decode()
        assert "นางสมศรี ใจดี" in html
        assert "coordinator@example.org" not in html


@pytest.mark.django_db
def test_case_study_listing_filters_by_area(client, home_page, centre):
    listing = home_page.add_child(instance=CaseStudyIndexPage(title="กรณีศึกษา", slug="case-studies"))
    CaseStudyPageFactory(parent=centre, title="แปลงผักปลอดสาร", focus_areas=["sustainable-agriculture"])
    CaseStudyPageFactory(parent=centre, title="กองทุนสวัสดิการ", focus_areas=["community-welfare"])
    html = client.get(listing.url, {"area": "sustainable-agriculture"}).content.decode()
    assert "แปลงผักปลอดสาร" in html and "กองทุนสวัสดิการ" not in html
