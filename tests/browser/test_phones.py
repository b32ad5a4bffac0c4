"""On a phone (390×844): filters behind a button at the top of search and listings, the
study-visit action near the top of centre and case pages, and section jump links that land
below the sticky in-page navigation and mark the section being read."""

from pathlib import Path
from urllib.parse import quote

import pytest

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCREEN_HEIGHT = 844


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def first_link(page, portal_url: str, listing: str) -> str:
    page.goto(portal_url + listing)
    return page.locator(".card-title a").first.get_attribute("href")


@pytest.mark.parametrize("url", ["/search/?q=" + quote("เด็ก"), "/case-studies/", "/centres/"])
def test_a_filter_button_at_the_top_opens_the_filters(phone, portal_url, url):
    phone.goto(portal_url + url)
    button = phone.locator("[data-filter-toggle]")
    box = button.bounding_box()
    assert box is not None and box["y"] + box["height"] < SCREEN_HEIGHT, "the filter button is not on the first screen"
    facets = phone.locator("#facets")
    assert not facets.is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert facets.is_visible()
    first = facets.locator("input[type=checkbox]").first.bounding_box()
    assert first["y"] < SCREEN_HEIGHT, "the opened filters start below the first screen"
    assert_no_axe_violations(phone)
    if url.startswith("/search/"):
        screenshot(phone, "search-phone-filters-open.png")


def test_on_a_desktop_the_filters_stay_beside_the_results(page, portal_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(portal_url + "/case-studies/")
    assert not page.locator("[data-filter-toggle]").is_visible()
    assert page.locator("#facets").is_visible()


def test_the_centre_page_offers_a_study_visit_near_the_top(phone, portal_url):
    phone.goto(portal_url + first_link(phone, portal_url, "/centres/"))
    action = phone.locator(".visit-cta a").first
    assert action.bounding_box()["y"] < 900
    assert "/visits/request/" in action.get_attribute("href")
    screenshot(phone, "centre-phone.png")


def test_every_case_study_leads_to_a_visit_at_its_centre(phone, portal_url):
    phone.goto(portal_url + first_link(phone, portal_url, "/case-studies/"))
    action = phone.locator(".visit-cta a")
    assert action.bounding_box()["y"] < 900
    action.click()
    phone.wait_for_url("**#visit-request")
    assert phone.locator("#visit-request").is_visible()
    assert phone.locator("#visit-request a.button").first.get_attribute("href").startswith("/visits/request/")


def test_jump_links_land_below_the_sticky_navigation_and_mark_the_section(phone, portal_url):
    phone.goto(portal_url + first_link(phone, portal_url, "/case-studies/"))
    links = phone.locator("nav.toc a")
    assert links.count() >= 2
    link = links.nth(1)
    target = link.get_attribute("href")
    link.click()
    phone.wait_for_function("h => location.hash === h", arg=target)
    phone.wait_for_timeout(300)  # smooth scrolling, if any, and the observer's callback
    toc_bottom = phone.evaluate("document.querySelector('nav.toc').getBoundingClientRect().bottom")
    heading_top = phone.evaluate("h => document.querySelector(h + ' h2').getBoundingClientRect().top", target)
    assert heading_top >= toc_bottom - 1, f"the heading ({heading_top}px) is under the sticky navigation ({toc_bottom}px)"
    assert heading_top < 300
    assert link.get_attribute("aria-current") == "true"
    assert phone.locator("nav.toc a[aria-current]").count() == 1
