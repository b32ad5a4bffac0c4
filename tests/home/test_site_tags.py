"""The site's chrome on every page: a search box in the header, the menu marking the current
section, breadcrumbs with their BreadcrumbList, and the footer's links."""

import json
import re

import pytest

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
    for url in (links["เกี่ยวกับโครงการ"], links["นโยบายความเป็นส่วนตัว"], links["CSV"], links["API"], links["RSS"]):
        assert client.get(url).status_code == 200, url
    settings.PORTAL_CONTACT_EMAIL = "contact@example.org"
    assert footer_links(html_of(client, site_tree["case_study"].url))["ติดต่อเรา"] == "mailto:contact@example.org"


def test_the_footer_offers_e_mail_alerts_beside_the_feeds(client, site_tree):
    assert footer_links(html_of(client, "/"))["รับทางอีเมล"] == "/alerts/new/"
    assert footer_links(html_of(client, "/en/"))["by e-mail"] == "/en/alerts/new/"


def test_gallery_pictures_get_distinct_alt_texts():
    from types import SimpleNamespace

    from home.templatetags.site_tags import with_distinct_alts

    gallery = [SimpleNamespace(alt_text=alt) for alt in ("กิจกรรม", "ผู้สูงอายุออกกำลังกาย", "กิจกรรม")]
    assert [entry["alt"] for entry in with_distinct_alts(gallery)] == [
        "กิจกรรม (ภาพที่ 1 จาก 3)",
        "ผู้สูงอายุออกกำลังกาย",
        "กิจกรรม (ภาพที่ 3 จาก 3)",
    ]


def test_gallery_pictures_open_their_larger_version(client, site_tree):
    import wagtail_factories

    from learning_centres.models import CaseStudyImage

    case_study = site_tree["case_study"]
    images = [wagtail_factories.ImageFactory(title="กิจกรรม", file__width=1600, file__height=1000) for _ in range(3)]
    case_study.gallery_images = [CaseStudyImage(image=image) for image in images]
    case_study.save_revision().publish()
    html = html_of(client, case_study.url)
    gallery = re.search(r'<ul class="gallery".*?</ul>', html, re.S).group(0)
    links = re.findall(r'<a href="([^"]+)" class="enlarge" data-enlarge><img[^>]*alt="([^"]+)"', gallery)
    assert [alt for _href, alt in links] == ["กิจกรรม (ภาพที่ 2 จาก 3)", "กิจกรรม (ภาพที่ 3 จาก 3)"]
    assert [href for href, _alt in links] == [image.get_rendition("fill-960x640").url for image in images[1:]]


def test_a_case_study_offers_sharing_copying_and_printing(client, site_tree):
    case_study = site_tree["case_study"]
    html = html_of(client, case_study.url)
    actions = re.search(r'<ul class="page-actions".*?</ul>', html, re.S).group(0)
    address = "http%3A%2F%2Ftestserver" + case_study.url.replace("/", "%2F")
    assert f'href="https://social-plugins.line.me/lineit/share?url={address}"' in actions
    assert f'href="https://www.facebook.com/sharer/sharer.php?u={address}"' in actions
    assert f'data-copy-link="http://testserver{case_study.url}"' in actions
    assert "data-print" in actions
    # Nothing from those sites is loaded with the page: plain links, no SDK.
    assert "facebook.net" not in html and "line-scdn" not in html


def test_listings_offer_an_alert_for_their_own_filters_beside_the_feeds(client, site_tree):
    html = html_of(client, "/case-studies/?area=community-health-care")
    assert 'href="/alerts/new/?area=community-health-care"' in html
