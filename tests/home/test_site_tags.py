"""The site's chrome on every page: a search box in the header, the menu marking the current
section, breadcrumbs with their BreadcrumbList, and the footer's links."""

import json
import re

import pytest

from django.urls import path as url_path

pytestmark = pytest.mark.django_db


def html_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def menu_currents(html: str) -> dict[str, str]:
    """{href: aria-current} for the main menu's links."""
    menu = re.search(r'<ul class="nav">(.*?)</ul>', html, re.S).group(1)
    return {href: current for href, current in re.findall(r'<a href="([^"]+)"(?: aria-current="([^"]+)")?>', menu)}


def json_ld(html: str, kind: str) -> dict:
    for body in re.findall(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S):
        data = json.loads(body)
        if data.get("@type") == kind:
            return data
    raise AssertionError(f"no {kind} JSON-LD")


def test_every_page_has_a_search_box_in_its_header(client, site_tree):
    pages = ["/", site_tree["centre"].url, site_tree["case_study"].url, "/about/", "/search/?q=x", "/case-studies/", "/en/"]
    for url in pages:
        header = re.search(r'<header class="site-header">.*?</header>', html_of(client, url), re.S).group(0)
        form = re.search(r'<form class="header-search" action="([^"]+)"[^>]*role="search"', header)
        assert form, url
        assert form.group(1) == ("/en/search/" if url.startswith("/en/") else "/search/")
        assert 'name="q"' in header


def test_the_home_page_has_a_search_box_of_its_own(client, site_tree):
    main = re.search(r"<main.*?</main>", html_of(client, "/"), re.S).group(0)
    assert re.search(r'<form class="home-search" action="/search/"', main)
    assert 'id="search-q" name="q"' in main


@pytest.mark.parametrize(
    ("page", "current"),
    [
        ("/", {}),
        ("/centres/", {"/centres/": "page"}),
        ("centre", {"/centres/": "true"}),
        ("/case-studies/", {"/case-studies/": "page"}),
        # A case study sits under its centre in the page tree; readers reach it as a case study.
        ("case_study", {"/case-studies/": "true"}),
        ("/search/?q=x", {"/search/": "page"}),
        ("/about/", {"/about/": "page"}),
    ],
)
def test_the_menu_marks_the_current_section(client, site_tree, page, current):
    url = site_tree[page].url if page in site_tree else page
    currents = menu_currents(html_of(client, url))
    assert set(currents) == {"/centres/", "/case-studies/", "/search/", "/about/"}
    assert {href: value for href, value in currents.items() if value} == current


def test_case_study_breadcrumbs_lead_home_through_its_centre(client, site_tree):
    centre, case_study = site_tree["centre"], site_tree["case_study"]
    html = html_of(client, case_study.url)
    trail = re.search(r'<nav class="breadcrumbs"[^>]*>(.*?)</nav>', html, re.S).group(1)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', trail) == [("/", "หน้าแรก"), ("/centres/", "ศูนย์เรียนรู้"), (centre.url, centre.title)]
    assert f'<span aria-current="page">{case_study.title}</span>' in trail
    data = json_ld(html, "BreadcrumbList")
    items = data["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3, 4]
    assert [item["item"] for item in items] == [f"http://testserver{url}" for url in ("/", "/centres/", centre.url, case_study.url)]
    assert items[-1]["name"] == case_study.title


def test_centre_breadcrumbs_and_none_on_the_home_page(client, site_tree):
    html = html_of(client, site_tree["centre"].url)
    assert json_ld(html, "BreadcrumbList")["itemListElement"][1]["name"] == "ศูนย์เรียนรู้"
    assert 'class="breadcrumbs"' not in html_of(client, "/")


def test_english_breadcrumbs_stay_in_english(client, site_tree):
    html = html_of(client, "/en" + site_tree["case_study"].url)
    trail = re.search(r'<nav class="breadcrumbs"[^>]*>(.*?)</nav>', html, re.S).group(1)
    assert [href for href, _title in re.findall(r'<a href="([^"]+)">([^<]+)</a>', trail)][:2] == ["/en/", "/en/centres/"]
    assert ">Home page<" in trail


def footer_links(html: str) -> dict[str, str]:
    footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)
    return {text.strip(): href for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', footer)}


def test_the_footer_links_about_contact_privacy_open_data_and_feeds(client, site_tree, settings):
    links = footer_links(html_of(client, "/"))
    assert links["เกี่ยวกับโครงการ"] == "/about/"
    assert links["ติดต่อเรา"] == "/about/"  # no public address configured
    assert links["นโยบายความเป็นส่วนตัว"] == "/visits/privacy/"
    assert links["CSV"] == "/search/export.csv" and links["API"] == "/api/schema/open-data.json"
    assert links["RSS"] == "/feeds/case-studies.rss" and links["Atom"] == "/feeds/case-studies.atom"
    assert "รับทางอีเมล" not in links  # no alerts pages yet
    for url in (links["เกี่ยวกับโครงการ"], links["นโยบายความเป็นส่วนตัว"], links["CSV"], links["API"], links["RSS"]):
        assert client.get(url).status_code == 200, url
    settings.PORTAL_CONTACT_EMAIL = "contact@example.org"
    assert footer_links(html_of(client, site_tree["case_study"].url))["ติดต่อเรา"] == "mailto:contact@example.org"


def alerts_page(request):
    from django.http import HttpResponse

    return HttpResponse("alerts")


def test_the_footer_offers_e_mail_alerts_once_their_pages_exist(client, site_tree, settings):
    import portal.urls

    urls = type("urls", (), {"urlpatterns": [url_path("alerts/", alerts_page, name="alerts"), *portal.urls.urlpatterns]})
    settings.ROOT_URLCONF = urls
    assert footer_links(html_of(client, "/"))["รับทางอีเมล"] == "/alerts/"
