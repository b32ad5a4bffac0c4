"""The page editor fills a new page's slug with the readable Latin one as the editor types a
Thai title (static/js/admin-readable-slug.js), and never replaces a slug the editor typed."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.browser


def test_typing_a_thai_title_fills_the_latin_slug_and_a_typed_slug_stays(page, portal_url):
    page.goto(portal_url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.goto(portal_url + "/admin/pages/")
    home = page.locator("a[href^='/admin/pages/']", has_text="คลังความรู้ อปท.").first.get_attribute("href")
    home_id = re.search(r"/admin/pages/(\d+)/", home).group(1)
    page.goto(f"{portal_url}/admin/pages/add/home/standardpage/{home_id}/")
    page.fill("#id_title", "ศูนย์พัฒนาเด็กเล็ก")
    expect(page.locator("#id_slug")).to_have_value("child-development-centre", timeout=10_000)
    tabs = page.get_by_role("tab")
    for n in range(tabs.count()):  # the slug field is on the promote tab, whatever its name
        tabs.nth(n).click()
        if page.locator("#id_slug").is_visible():
            break
    page.fill("#id_slug", "my-own")
    tabs.first.click()
    page.fill("#id_title", "ผู้สูงอายุ")
    page.wait_for_timeout(1000)
    assert page.locator("#id_slug").input_value() == "my-own"
