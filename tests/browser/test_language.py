"""A visitor switches the portal to English and back with the link in the header."""

import re

import pytest

pytestmark = pytest.mark.browser


def test_the_switcher_moves_between_thai_and_english(page, portal_url):
    page.goto(portal_url + "/centres/")
    assert page.locator("html").get_attribute("lang") == "th"
    switch = page.locator("[data-language-switch]")
    assert switch.get_attribute("hreflang") == "en" and switch.get_attribute("lang") == "en"

    switch.click()
    page.wait_for_url(re.compile(r"/en/centres/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Learning centres"
    assert page.get_by_role("navigation", name="Main menu").get_by_role("link", name="Case studies").is_visible()

    page.locator(".card-title a").first.click()  # a centre: Thai content in the English interface
    page.wait_for_url(re.compile(r"/en/centres/[\w-]+/$"))
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").get_attribute("lang") == "th"

    page.locator("[data-language-switch]").click()
    page.wait_for_url(re.compile(r"127\.0\.0\.1:\d+/centres/[\w-]+/$"))
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.get_by_role("navigation", name="เมนูหลัก").is_visible()
