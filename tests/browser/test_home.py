"""The home page in a real browser: the province map and the eight areas lead to results,
by mouse and by keyboard, on a desktop and on a phone."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
COUNT = re.compile(r"(\d+) กรณีศึกษา")


def result_count(page) -> int:
    return int(re.search(r"\d+", page.locator("#result-count").inner_text()).group())


def a_province_with_case_studies(page):
    """The map link of the province with the most case studies, and its count."""
    links = page.locator("a.map-province")
    assert links.count() == 77
    labels = [(links.nth(i), links.nth(i).get_attribute("aria-label")) for i in range(links.count())]
    link, label = max(labels, key=lambda item: int(COUNT.search(item[1]).group(1)))
    count = int(COUNT.search(label).group(1))
    assert count > 0, "the demo content has case studies somewhere"
    return link, label, count


def test_clicking_a_province_on_the_map_shows_its_case_studies(page, portal_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(portal_url + "/")
    link, label, count = a_province_with_case_studies(page)
    province = label.split(":")[0].removeprefix("จังหวัด")
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator(".province-map").screenshot(path=str(ARTIFACTS / "home-map-desktop.png"))
    page.screenshot(path=str(ARTIFACTS / "home-desktop.png"), full_page=True)
    link.click()
    page.wait_for_url(re.compile(r"/search/\?province=\d\d$"))
    assert result_count(page) == count
    assert page.locator(".chips").get_by_text(province).count() == 1


def test_the_map_is_reachable_by_keyboard(page, portal_url):
    page.goto(portal_url + "/")
    link, label, count = a_province_with_case_studies(page)
    link.focus()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == label
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?province=\d\d$"))
    assert result_count(page) == count


def test_an_area_on_the_home_page_leads_to_its_results(page, portal_url):
    page.goto(portal_url + "/")
    entries = page.locator("[data-areas] li")
    assert entries.count() == 8
    entry = next(entries.nth(i) for i in range(8) if int(re.search(r"\d+", entries.nth(i).locator(".count").inner_text()).group()) > 0)
    name = entry.locator("a").inner_text()
    count = int(re.search(r"\d+", entry.locator(".count").inner_text()).group())
    entry.locator("a").click()
    page.wait_for_url(re.compile(r"/search/\?area="))
    assert result_count(page) == count
    assert page.locator(".chips").get_by_text(name).count() == 1


def test_the_home_page_and_its_map_work_on_a_phone(phone, portal_url):
    phone.goto(portal_url + "/")
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the phone"
    box = phone.locator(".province-map-svg").bounding_box()
    assert box["width"] > 300  # the map uses the phone's width
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "home-phone.png"), full_page=True)
    phone.locator(".map-table summary").click()
    assert phone.locator(".map-table tbody tr").count() == 77
    link, _label, count = a_province_with_case_studies(phone)
    link.click()  # Playwright's emulated tap does not follow SVG links; Chromium's mouse click does
    phone.wait_for_url(re.compile(r"/search/\?province=\d\d$"))
    assert result_count(phone) == count


def test_listings_filter_like_the_search_page(page, portal_url):
    page.goto(portal_url + "/case-studies/")
    assert result_count(page) > 0
    label = page.locator("label", has=page.locator("input[name=area]")).first
    value = label.locator("input").get_attribute("value")
    expected = int(re.search(r"\((\d+)\)", label.inner_text()).group(1))
    label.locator("input").check()
    page.wait_for_url(re.compile(rf"/case-studies/\?.*area={value}"))
    assert result_count(page) == expected
    page.goto(portal_url + "/centres/?centre_type=child_development")
    metas = page.locator(".result .card-meta").all_inner_texts()
    assert metas and all("ศูนย์พัฒนาเด็กเล็กต้นแบบ" in text for text in metas)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "centres-desktop.png"), full_page=True)
