"""Thai at the unprefixed URLs, English under /en/: the path alone decides the language
(never the browser's Accept-Language), and every page links to itself in the other language."""

import re

import pytest

from learning_centres.models import CaseStudyPage, FocusArea, LearningCentrePage
from portal.locales import localized_url

pytestmark = pytest.mark.django_db


def publish(page):
    page.save_revision().publish()
    return page


def html_lang(response) -> str:
    return re.search(r'<html lang="([\w-]+)"', response.content.decode()).group(1)


def test_thai_even_when_the_browser_prefers_english(client, home_page):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert html_lang(response) == "th"
    assert response["Content-Language"] == "th"


def test_a_language_cookie_does_not_switch_the_unprefixed_pages(client, home_page):
    client.cookies["django_language"] = "en"
    assert html_lang(client.get("/")) == "th"


def test_english_lives_under_en(client, site_tree):
    response = client.get("/en/")
    assert response.status_code == 200
    assert html_lang(response) == "en"
    assert "LAO Knowledge Portal" in response.content.decode()


@pytest.mark.parametrize(
    "path",
    ["/en/", "/en/centres/", "/en/centres/{centre}/", "/en/centres/{centre}/{case}/", "/en/case-studies/", "/en/about/", "/en/search/"],
)
def test_every_page_type_answers_in_english(client, site_tree, path):
    url = path.format(centre=site_tree["centre"].slug, case=site_tree["case_study"].slug)
    response = client.get(url)
    assert response.status_code == 200
    assert html_lang(response) == "en"


@pytest.mark.parametrize(
    "path", ["/", "/centres/", "/centres/{centre}/", "/centres/{centre}/{case}/", "/case-studies/", "/about/", "/search/"]
)
def test_the_thai_urls_keep_working(client, site_tree, path):
    url = path.format(centre=site_tree["centre"].slug, case=site_tree["case_study"].slug)
    response = client.get(url)
    assert response.status_code == 200
    assert html_lang(response) == "th"


@pytest.mark.parametrize("path", ["/en/api/search/", "/en/feeds/case-studies.rss", "/en/sitemap.xml", "/en/robots.txt", "/en/admin/"])
def test_apis_feeds_sitemap_and_admin_are_not_language_prefixed(client, site_tree, path):
    assert client.get(path).status_code == 404
    assert client.get(path.removeprefix("/en")).status_code in (200, 302)


def test_the_switcher_links_to_the_same_page_in_the_other_language(client, site_tree):
    centre, case = site_tree["centre"], site_tree["case_study"]
    thai = client.get(f"/centres/{centre.slug}/{case.slug}/").content.decode()
    link = re.search(r'<a href="([^"]+)" hreflang="en" lang="en" data-language-switch>English</a>', thai)
    assert link and link.group(1) == f"/en/centres/{centre.slug}/{case.slug}/"
    english = client.get(link.group(1)).content.decode()
    back = re.search(r'<a href="([^"]+)" hreflang="th" lang="th" data-language-switch>ภาษาไทย</a>', english)
    assert back and back.group(1) == f"/centres/{centre.slug}/{case.slug}/"


def test_the_switcher_keeps_the_search_query(client, home_page):
    html = client.get("/search/", {"q": "ผู้สูงอายุ", "area": "community-health-care"}).content.decode()
    href = re.search(r'<a href="([^"]+)" hreflang="en"', html).group(1)
    assert href.startswith("/en/search/?") and "area=community-health-care" in href


def test_each_page_names_both_language_versions(client, site_tree):
    html = client.get("/en/about/").content.decode()
    assert '<link rel="alternate" hreflang="th" href="http://testserver/about/">' in html
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/about/">' in html


def test_thai_content_in_the_english_interface_is_marked_thai(client, site_tree):
    centre, case = site_tree["centre"], site_tree["case_study"]
    html = client.get(f"/en/centres/{centre.slug}/{case.slug}/").content.decode()
    heading = re.search(r'<h1 lang="th">(.*?)</h1>', html).group(1)
    assert re.sub(r"<[^>]+>", "", heading) == case.title  # wrapped only between words (site_tags.wrap_words)
    assert "Context and problem" in html  # the interface around it is English


def test_english_listings_link_to_english_pages_and_show_each_case_study_once(client, site_tree):
    case = site_tree["case_study"]
    html = client.get("/en/case-studies/").content.decode()
    assert html.count(case.title) == 1
    assert f'href="/en/centres/{site_tree["centre"].slug}/{case.slug}/"' in html
    assert CaseStudyPage.objects.filter(translation_key=case.translation_key).count() == 2  # original and alias


def test_taxonomy_names_are_english_in_the_english_interface(client, site_tree):
    area = FocusArea.objects.originals().get(slug="community-health-care")
    english = client.get("/en/case-studies/").content.decode()
    assert "Community health care" in english
    assert area.name_th not in english
    assert area.name_th in client.get("/case-studies/").content.decode()


def test_home_page_counts_each_centre_once(client, site_tree):
    assert LearningCentrePage.objects.count() == 2  # the Thai centre and its English alias
    html = client.get("/en/").content.decode()
    assert re.search(r'Elderly-care learning centre</a> <span class="count">1 centre</span>', html)


def test_the_sitemap_lists_thai_pages_with_their_english_alternates(client, site_tree):
    xml = client.get("/sitemap.xml").content.decode()
    assert len(re.findall(r"<loc>http://[\w.]+/about/</loc>", xml)) == 1
    assert not re.search(r"<loc>http://[\w.]+/en/about/</loc>", xml)
    assert re.search(r'<xhtml:link rel="alternate" hreflang="en" href="http://[\w.]+/en/about/"/>', xml)


def test_localized_url_moves_an_address_between_languages():
    assert localized_url("/centres/a/b/", "en") == "/en/centres/a/b/"
    assert localized_url("/en/centres/a/b/?x=1", "th") == "/centres/a/b/?x=1"
    assert localized_url("/api/search/?q=a", "en") == "/api/search/?q=a"
