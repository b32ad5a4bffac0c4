"""A real browser opens the portal and the admin."""

import re
from pathlib import Path

import pytest

from .conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_home_page_leads_to_a_case_study(page, portal_url):
    page.goto(portal_url + "/")
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.locator("h1").inner_text() == "คลังความรู้ อปท."
    page.locator("[data-areas] a").first.click()
    page.wait_for_url(re.compile(r"/search/\?area="))
    page.locator(".card-title a").first.click()
    assert "พ.ศ." in page.locator(".facts").inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "smoke-case-study.png"), full_page=True)


def test_admin_login_in_thai(page, portal_url):
    page.goto(portal_url + "/admin/")
    page.wait_for_url(re.compile(r"/admin/login/"))
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    assert page.locator("html").get_attribute("lang") == "th"
    assert page.get_by_role("link", name="กรณีศึกษา").count() >= 1
