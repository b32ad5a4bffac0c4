"""Searching in a real browser: suggestions as you type, facets, a phone screen."""

import re
from pathlib import Path
from urllib.parse import quote

import pytest

from .conftest import assert_the_engine_answered

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_typing_thai_shows_suggestions_and_choosing_one_opens_it(page, portal_url):
    page.goto(portal_url + "/search/")
    box = page.get_by_role("combobox", name="คำค้น")
    box.press_sequentially("ถุงนิท", delay=40)
    listbox = page.get_by_role("listbox")
    listbox.wait_for(state="visible")
    option = page.get_by_role("option").filter(has_text="ถุงนิทานหมุนเวียน")
    assert option.count() == 1
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == "search-suggestion-0"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"storybag"))
    assert "ถุงนิทาน" in page.locator("h1").inner_text()


def test_escape_closes_the_suggestions(page, portal_url):
    page.goto(portal_url + "/search/")
    box = page.get_by_role("combobox", name="คำค้น")
    box.press_sequentially("น้ำท", delay=40)
    page.get_by_role("listbox").wait_for(state="visible")
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"


def test_clicking_facets_narrows_the_results(page, portal_url):
    page.goto(portal_url + "/search/?q=" + quote("เด็ก"))
    before = int(re.search(r"\d+", page.locator("#result-count").inner_text()).group())
    page.locator("input[name=province][value='90']").check()
    page.wait_for_url(re.compile(r"province=90"))
    after = int(re.search(r"\d+", page.locator("#result-count").inner_text()).group())
    assert 0 < after < before
    assert_the_engine_answered(page)
    assert page.locator(".chips").get_by_text("สงขลา").count() == 1
    page.locator(".chips a", has_text="สงขลา").click()
    page.wait_for_url(lambda url: "province" not in url)


def test_search_works_on_a_phone(phone, portal_url):
    phone.goto(portal_url + "/search/?q=" + quote("น้ำท่วม"))
    assert phone.locator(".result").count() >= 1
    assert_the_engine_answered(phone)
    overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"page is {overflow}px wider than the phone"
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "search-phone.png"), full_page=True)
