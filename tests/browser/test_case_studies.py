"""A visitor's walk through case studies in a real browser, and how a case study page
behaves on a desktop, a phone and paper."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def open_a_case_study(page, portal_url: str) -> str:
    page.goto(portal_url + "/case-studies/")
    page.locator(".card-title a").first.click()
    page.locator("article.case-study").wait_for()
    return page.url


def test_home_to_an_area_to_a_case_study_to_a_related_one(page, portal_url):
    page.goto(portal_url + "/")
    assert page.locator("h1").inner_text() == "คลังความรู้ อปท."
    screenshot(page, "walk-1-home.png")

    area = page.locator("a[href*='area=']").first
    area_name = area.inner_text().strip()
    area.click()
    page.wait_for_url(re.compile(r"area="))
    assert page.locator(".card-title a").count() >= 1
    screenshot(page, "walk-2-area.png")

    page.locator(".card-title a").first.click()
    page.locator("article.case-study").wait_for()
    first_title = page.locator("h1").inner_text()
    assert area_name in page.locator(".facts").inner_text()
    assert page.locator("nav.toc a").count() >= 1
    screenshot(page, "walk-3-case-study.png")

    related = page.locator("#related .card-title a")
    assert related.count() >= 1, "a demo case study has related case studies"
    related_title = related.first.inner_text().strip()
    related.first.click()
    page.locator("article.case-study").wait_for()
    assert page.locator("h1").inner_text() == related_title != first_title
    screenshot(page, "walk-4-related-case-study.png")


def test_focus_areas_and_keywords_lead_to_filtered_search(page, portal_url):
    open_a_case_study(page, portal_url)
    area = page.locator(".facts a[href^='/search/?area=']").first
    name = area.inner_text().strip()
    area.click()
    page.wait_for_url(re.compile(r"/search/\?area="))
    assert page.locator(".chips").get_by_text(name).count() == 1


def test_the_section_list_stays_in_view_on_a_desktop(page, portal_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_a_case_study(page, portal_url)
    toc = page.locator("nav.toc")
    # Halfway down the sections, far below where the list starts.
    page.evaluate("() => { const body = document.querySelector('.case-body'); scrollTo(0, body.offsetTop + body.offsetHeight / 2); }")
    assert page.evaluate("window.scrollY") > 1000
    box = toc.bounding_box()
    assert 0 <= box["y"] < 100, "the in-page navigation scrolled away"
    assert box["width"] < 400  # a column beside the text


def test_the_section_list_is_one_compact_line_on_a_phone(phone, portal_url):
    open_a_case_study(phone, portal_url)
    toc = phone.locator("nav.toc")
    assert toc.bounding_box()["height"] < 120
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the phone"
    link = phone.locator("nav.toc a").last
    target = link.get_attribute("href")
    link.click()
    assert phone.evaluate("location.hash") == target
    screenshot(phone, "case-study-phone.png")


def test_pictures_have_sizes_and_alt_text_and_load_lazily_below_the_fold(page, portal_url):
    open_a_case_study(page, portal_url)
    pictures = page.locator("article.case-study img")
    assert pictures.count() >= 1
    for index in range(pictures.count()):
        picture = pictures.nth(index)
        assert picture.get_attribute("alt")
        assert picture.get_attribute("width") and picture.get_attribute("height")
        assert picture.get_attribute("srcset") and picture.get_attribute("sizes")
    assert page.locator(".lead-image img").get_attribute("loading") is None
    assert all(loading == "lazy" for loading in page.locator(".gallery img").evaluate_all("imgs => imgs.map(i => i.loading)"))


def test_printing_leaves_out_the_site_chrome(page, portal_url):
    open_a_case_study(page, portal_url)
    page.emulate_media(media="print")
    for chrome in (".site-header", ".site-footer", "nav.toc"):
        assert not page.locator(chrome).is_visible(), f"{chrome} is printed"
    assert page.locator(".case-section").first.is_visible()
    screenshot(page, "case-study-print.png")
