"""axe-core finds no WCAG 2.1 A/AA violation on any page type, on a desktop and a phone."""

from urllib.parse import quote

import pytest

from .axe import assert_no_axe_violations

pytestmark = pytest.mark.browser

DEVICES = ["page", "phone"]  # the browser fixtures: a desktop window and a phone


def first_link(page, portal_url: str, listing: str, selector: str) -> str:
    page.goto(portal_url + listing)
    return page.locator(selector).first.get_attribute("href")


@pytest.fixture(scope="module")
def urls(browser, portal_url) -> dict[str, str]:
    """One URL of each page type, found the way a visitor finds them."""
    context = browser.new_context()
    page = context.new_page()
    centre = first_link(page, portal_url, "/centres/", ".card-title a")
    case_study = first_link(page, portal_url, "/case-studies/", ".card-title a")
    visit_request = first_link(page, portal_url, centre, ".visit-actions a.button:not(.secondary)")
    contact = first_link(page, portal_url, centre, ".visit-actions a.secondary")
    context.close()
    return {
        "home": "/",
        "centre index": "/centres/",
        "centre": centre,
        "case-study index": "/case-studies/",
        "case study": case_study,
        "search with results": "/search/?q=" + quote("ผู้สูงอายุ"),
        "search without results": "/search/?q=" + quote("ไม่มีคำนี้ในคลังความรู้เลยแน่นอน"),
        "standard page": "/about/",
        "visit request form": visit_request,
        "contact form": contact,
        "e-mail alert form": "/alerts/new/?q=" + quote("ผู้สูงอายุ"),
        "English home": "/en/",
        "English case study (Thai content)": "/en" + case_study,
        "centres near a province": "/centres-near/?province=51",  # the demo's Lamphun centre has coordinates
    }


@pytest.mark.parametrize("device", DEVICES)
@pytest.mark.parametrize(
    "kind",
    [
        "home",
        "centre index",
        "centre",
        "case-study index",
        "case study",
        "search with results",
        "search without results",
        "standard page",
        "visit request form",
        "contact form",
        "e-mail alert form",
        "English home",
        "English case study (Thai content)",
        "centres near a province",
    ],
)
def test_page_type_has_no_axe_violations(request, urls, portal_url, device, kind):
    page = request.getfixturevalue(device)
    response = page.goto(portal_url + urls[kind])
    assert response.status == 200
    assert_no_axe_violations(page)


@pytest.mark.parametrize("device", DEVICES)
def test_not_found_page_has_no_axe_violations(request, portal_url, device):
    page = request.getfixturevalue(device)
    # The test server runs with DEBUG, where a missing page gets Django's debug page;
    # this development URL renders the 404 page visitors get in production.
    response = page.goto(portal_url + "/_errors/404/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "ไม่พบหน้านี้"
    assert_no_axe_violations(page)


def test_the_check_reports_what_axe_finds(page, portal_url):
    """The helper is not a formality: a picture without alt text and an unlabelled input fail it."""
    page.goto(portal_url + "/about/")
    page.evaluate(
        """() => {
        const main = document.querySelector('main');
        main.insertAdjacentHTML('beforeend', '<img src="/static/no-such.png"><input type="text">');
    }"""
    )
    with pytest.raises(AssertionError) as failure:
        assert_no_axe_violations(page)
    assert "image-alt" in str(failure.value) and "label" in str(failure.value)
