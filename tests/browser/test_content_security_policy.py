"""In a real browser, the portal's pages and the admin run under their Content-Security-Policy
without a single violation: nothing inline, nothing from another host."""

import re

import pytest

from .conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.browser

# Recorded from the first script the page runs (Playwright's init scripts are not subject to CSP).
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + (event.sourceFile || ""));
});
"""


def watch(page) -> list[str]:
    problems: list[str] = []
    page.add_init_script(LISTEN)
    page.on("console", lambda message: problems.append(message.text) if "Content Security Policy" in message.text else None)
    return problems


def violations(page, console: list[str]) -> list[str]:
    return page.evaluate("window.__cspViolations") + console


def test_public_pages_report_no_violations(page, portal_url):
    console = watch(page)
    page.goto(portal_url + "/")
    links = [page.locator(".grid.four a").first.get_attribute("href"), "/centres/", "/case-studies/"]
    found = []
    for link in links:
        page.goto(portal_url + link)
        found += violations(page, console)
    page.locator(".card-title a").first.click()  # a case study, with its JSON-LD
    page.wait_for_load_state()
    assert page.locator('script[type="application/ld+json"]').count() == 2  # the case study and its breadcrumbs
    found += violations(page, console)
    page.goto(portal_url + "/search/?q=ผู้สูงอายุ")
    page.fill("#search-q", "ผู้สูง")  # search.js fetches suggestions (connect-src 'self')
    page.wait_for_selector("#search-suggestions li", timeout=10_000)
    found += violations(page, console)
    assert found == []


def test_the_admin_works_under_its_policy(page, portal_url):
    console = watch(page)
    page.goto(portal_url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    page.get_by_role("link", name="กรณีศึกษา").first.click()  # the admin's list of every case study
    page.wait_for_load_state()
    href = page.locator("a[href*='/edit/']").first.get_attribute("href")
    page.goto(portal_url + href)
    page.wait_for_selector("#id_title")
    assert page.locator("#id_title").input_value()
    page.screenshot(path="test-artifacts/admin-edit-under-csp.png")
    assert violations(page, console) == []
