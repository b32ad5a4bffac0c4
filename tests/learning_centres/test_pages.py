"""What visitors see on centre and case-study pages."""

import datetime
import re

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
        assert "ขยายผลไปสามตำบล" in html and "1 มีนาคม พ.ศ. 2568" in html

    def test_links_focus_areas_and_centre(self, client, published_case, centre):
        html = client.get(published_case.url).content.decode()
        assert "/search/?area=community-health-care" in html
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
    centre.save_revision().publish()
    CaseStudyPageFactory(parent=centre, title="แปลงผักปลอดสาร", focus_areas=["sustainable-agriculture"]).save_revision().publish()
    CaseStudyPageFactory(parent=centre, title="กองทุนสวัสดิการ", focus_areas=["community-welfare"]).save_revision().publish()
    html = client.get(listing.url, {"area": "sustainable-agriculture"}).content.decode()
    assert "แปลงผักปลอดสาร" in html and "กองทุนสวัสดิการ" not in html


@pytest.mark.django_db
class TestCaseStudyMedia:
    def test_gallery_pictures_are_responsive_sized_described_and_lazy_below_the_fold(self, client, centre):
        import wagtail_factories

        from learning_centres.models import CaseStudyImage

        page = CaseStudyPageFactory(parent=centre)
        pictures = [wagtail_factories.ImageFactory(title=f"ภาพ {n}", file__width=1200, file__height=800) for n in range(3)]
        pictures[1].description = "อาสาสมัครวัดความดันผู้สูงอายุที่บ้าน"
        pictures[1].save()
        page.gallery_images = [CaseStudyImage(image=picture, caption=f"คำบรรยาย {n}") for n, picture in enumerate(pictures)]
        page.save_revision().publish()
        html = client.get(page.url).content.decode()
        lead, gallery = html.split('class="lead-image"', 1)[1].split("</figure>", 1)[0], html.split('class="gallery"', 1)[1]
        assert "srcset=" in lead and "sizes=" in lead and 'width="' in lead and 'height="' in lead
        assert 'loading="lazy"' not in lead  # the first picture is above the fold
        assert gallery.count('loading="lazy"') == 2 and gallery.count("srcset=") == 2
        assert 'alt="อาสาสมัครวัดความดันผู้สูงอายุที่บ้าน"' in gallery  # the image's own description
        assert 'alt="คำบรรยาย 2"' in gallery  # else its caption
        assert "<figcaption>คำบรรยาย 1</figcaption>" in gallery

    def test_downloads_show_file_type_and_size_in_thai(self, client, centre):
        import wagtail_factories

        from learning_centres.models import CaseStudyDocument

        page = CaseStudyPageFactory(parent=centre)
        document = wagtail_factories.DocumentFactory(title="คู่มือ", file__filename="manual.pdf", file__data=b"%" * (300 * 1024))
        page.documents = [CaseStudyDocument(document=document, title="คู่มืออาสาสมัคร")]
        page.save_revision().publish()
        html = client.get(page.url).content.decode()
        assert "คู่มืออาสาสมัคร" in html
        assert "(PDF, 300 กิโลไบต์)" in html

    def test_keywords_link_to_the_search_filtered_by_them(self, client, centre):
        from urllib.parse import quote

        page = CaseStudyPageFactory(parent=centre)
        page.keywords.add("ผู้สูงอายุติดเตียง")
        page.save_revision().publish()
        html = client.get(page.url).content.decode()
        assert f'href="/search/?keyword={quote("ผู้สูงอายุติดเตียง")}"' in html

    def test_related_case_studies_are_listed_without_the_case_itself(self, client, centre, published_case):
        similar = CaseStudyPageFactory(parent=centre, title="อาสาเยี่ยมบ้านตำบลข้างเคียง")
        similar.save_revision().publish()
        other = CaseStudyPageFactory(parent=centre, title="แปลงผักปลอดสาร", focus_areas=["sustainable-agriculture"])
        other.save_revision().publish()
        html = client.get(published_case.url).content.decode()
        related = re.sub(r"<(?!/?a[ >])[^>]+>", "", html.split('id="related"', 1)[1])  # titles wrap between words
        assert similar.title in related
        assert other.title not in related
        assert f">{published_case.title}</a>" not in related


@pytest.mark.django_db
class TestCentreProfile:
    def test_shows_location_and_contact_but_no_email(self, client, centre):
        centre.contact_name = "นางสมศรี ใจดี"
        centre.contact_phone = "053 123 456"
        centre.contact_email = "coordinator@example.org"
        centre.website = "https://www.example.go.th/elderly"
        centre.address = "หมู่ 3 ตำบลทดสอบ"
        centre.save_revision().publish()
        html = client.get(centre.url).content.decode()
        assert centre.lao.name_th in html and centre.province.name_th in html and "หมู่ 3 ตำบลทดสอบ" in html
        assert 'href="tel:053123456"' in html
        assert 'href="https://www.example.go.th/elderly"' in html
        assert "coordinator@example.org" not in html and "mailto:" not in html

    def test_has_a_place_for_the_visit_request(self, client, centre):
        centre.visiting_capacity = 40
        centre.save_revision().publish()
        html = client.get(centre.url).content.decode()
        assert 'id="visit-request"' in html
        assert "ขอศึกษาดูงาน" in html and "40" in html

    def test_lists_its_case_studies(self, client, centre, published_case):
        html = client.get(centre.url).content.decode()
        assert 'id="cases-heading"' in html and published_case.url in html


@pytest.mark.django_db
def test_pages_carry_no_inline_styles_or_scripts(client, centre, published_case):
    """A Content-Security-Policy with nonces is coming: styles and scripts live in static/."""
    import re

    for url in (published_case.url, centre.url):
        html = client.get(url).content.decode()
        assert " style=" not in html
        assert not re.search(r"<script(?![^>]*(?:\bsrc=|application/ld\+json))", html)
