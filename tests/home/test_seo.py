"""What crawlers and link previews read: sitemap, robots.txt, canonical URL and OpenGraph tags."""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
import wagtail_factories

from learning_centres.models import CaseStudyImage
from tests.learning_centres.factories import CaseStudyPageFactory

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def parse_xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - the portal's own output, not untrusted input


class HeadParser(HTMLParser):
    """Collects the <meta>, <link> and <script> elements of <head>."""

    def __init__(self):
        super().__init__()
        self.in_head = False
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict] = []
        self.scripts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif self.in_head and tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content"))
        elif self.in_head and tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self.scripts.append(attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def head_of(response) -> HeadParser:
    assert response.status_code == 200
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def canonical_of(head: HeadParser) -> str:
    (link,) = [link for link in head.links if link.get("rel") == "canonical"]
    return link["href"]


@pytest.fixture
def published_case(centre):
    page = CaseStudyPageFactory(parent=centre, title="ธนาคารเวลาดูแลผู้สูงอายุ", summary="สมาชิกสะสมชั่วโมงการดูแลไว้ใช้ยามต้องการ")
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.mark.django_db
class TestSitemap:
    def test_lists_published_pages_with_lastmod_and_not_drafts(self, client, published_case, centre):
        draft = CaseStudyPageFactory(parent=centre, title="ฉบับร่าง", slug="draft-case", live=False)
        response = client.get("/sitemap.xml")
        assert response.status_code == 200
        root = parse_xml(response.content)
        entries = {url.findtext("sm:loc", namespaces=SITEMAP_NS): url for url in root.findall("sm:url", SITEMAP_NS)}
        assert published_case.full_url in entries
        assert entries[published_case.full_url].findtext("sm:lastmod", namespaces=SITEMAP_NS)
        assert not any(loc.endswith("/draft-case/") for loc in entries)
        assert draft.full_url not in entries
        assert all(loc.startswith("http") for loc in entries)

    def test_leaves_out_pages_behind_a_password(self, client, published_case):
        from wagtail.models import PageViewRestriction

        PageViewRestriction.objects.create(page=published_case, restriction_type="password", password="secret")
        root = parse_xml(client.get("/sitemap.xml").content)
        locations = [loc.text for loc in root.iterfind("sm:url/sm:loc", SITEMAP_NS)]
        assert published_case.full_url not in locations


@pytest.mark.django_db
class TestRobots:
    def test_allows_all_but_admin_and_api_and_names_the_sitemap(self, client, home_page):
        response = client.get("/robots.txt")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/plain")
        lines = response.content.decode().splitlines()
        assert "User-agent: *" in lines
        assert "Disallow: /admin/" in lines
        assert "Disallow: /api/" in lines
        assert "Disallow: /" not in lines
        assert "Sitemap: http://testserver/sitemap.xml" in lines

    def test_sitemap_url_follows_the_request_host(self, client, home_page):
        response = client.get("/robots.txt", HTTP_HOST="portal.example.org", secure=True)
        assert "Sitemap: https://portal.example.org/sitemap.xml" in response.content.decode()


@pytest.mark.django_db
class TestHead:
    def test_case_study_has_canonical_and_opengraph_tags(self, client, published_case):
        head = head_of(client.get(published_case.url, {"utm_source": "line"}))
        # The Site record still has Wagtail's placeholder host: the request's host is the real one.
        assert published_case.full_url.startswith("http://localhost/")
        assert canonical_of(head) == "http://testserver" + published_case.url
        assert head.meta["og:url"] == ["http://testserver" + published_case.url]
        assert head.meta["og:title"] == ["ธนาคารเวลาดูแลผู้สูงอายุ"]
        assert head.meta["og:description"] == ["สมาชิกสะสมชั่วโมงการดูแลไว้ใช้ยามต้องการ"]
        assert head.meta["og:type"] == ["article"]
        assert head.meta["og:locale"] == ["th_TH"]
        assert "og:image" not in head.meta  # no pictures yet

    def test_search_description_wins_over_the_summary(self, client, published_case):
        published_case.search_description = "คำอธิบายสำหรับเครื่องมือค้นหา"
        published_case.save_revision().publish()
        head = head_of(client.get(published_case.url))
        assert head.meta["og:description"] == ["คำอธิบายสำหรับเครื่องมือค้นหา"]

    def test_og_image_is_an_absolute_1200x630_rendition_of_the_first_picture(self, client, published_case):
        first = wagtail_factories.ImageFactory(title="ภาพแรก", file__width=1600, file__height=1000)
        second = wagtail_factories.ImageFactory(title="ภาพที่สอง")
        published_case.gallery_images = [CaseStudyImage(image=first), CaseStudyImage(image=second)]
        published_case.save_revision().publish()
        head = head_of(client.get(published_case.url))
        (image_url,) = head.meta["og:image"]
        rendition = first.get_rendition("fill-1200x630")
        assert image_url == f"http://testserver{rendition.url}"
        assert head.meta["og:image:width"] == ["1200"] and head.meta["og:image:height"] == ["630"]

    def test_centre_page_is_a_website_with_its_canonical_url(self, client, centre):
        centre.save_revision().publish()
        head = head_of(client.get(centre.url))
        assert canonical_of(head) == "http://testserver" + centre.url
        assert head.meta["og:type"] == ["website"]

    def test_pages_outside_wagtail_drop_tracking_parameters_from_the_canonical_url(self, client, home_page):
        # The "not found" page is rendered by Django, not by a Wagtail page.
        response = client.get("/no-such-page/", {"q": "ผู้สูงอายุ", "utm_source": "line", "utm_medium": "chat", "fbclid": "abc"})
        assert response.status_code == 404
        parser = HeadParser()
        parser.feed(response.content.decode())
        canonical = canonical_of(parser)
        assert canonical.startswith("http://testserver/no-such-page/?")
        assert "q=" in canonical
        assert "utm_" not in canonical and "fbclid" not in canonical
        assert parser.meta["og:url"] == [canonical]
        assert parser.meta["og:type"] == ["website"]

    @pytest.mark.parametrize(
        ("url", "canonical"),
        [
            ("https://example.org/search/?q=a&utm_source=x&UTM_Campaign=y&gclid=z#top", "https://example.org/search/?q=a"),
            (
                "https://example.org/case-studies/?area=community-welfare&page=2",
                "https://example.org/case-studies/?area=community-welfare&page=2",
            ),
            ("https://example.org/?fbclid=1", "https://example.org/"),
        ],
    )
    def test_tracking_parameters_are_recognised(self, url, canonical):
        from learning_centres.templatetags.seo_tags import without_tracking_params

        assert without_tracking_params(url) == canonical

    def test_a_configured_site_host_name_wins_over_the_request_host(self, client, published_case):
        from wagtail.models import Site

        site = Site.objects.get(is_default_site=True)
        site.hostname, site.port = "portal.example.org", 443
        site.save()
        # Reached through a proxy under another name: the configured name is the canonical one.
        head = head_of(client.get(published_case.url, HTTP_HOST="192.0.2.10"))
        assert canonical_of(head) == "https://portal.example.org" + published_case.url
        assert head.meta["og:url"] == ["https://portal.example.org" + published_case.url]

    def test_the_description_is_the_summary_without_a_search_description(self, client, published_case):
        head = head_of(client.get(published_case.url))
        assert published_case.search_description == ""
        assert head.meta["description"] == ["สมาชิกสะสมชั่วโมงการดูแลไว้ใช้ยามต้องการ"]

    def test_the_home_page_title_names_the_portal_once(self, client, home_page, published_case):
        html = client.get("/").content.decode()
        assert re.search(r"<title>(.*?)</title>", html).group(1) == "คลังความรู้ อปท."
        html = client.get(published_case.url).content.decode()
        assert re.search(r"<title>(.*?)</title>", html).group(1) == "ธนาคารเวลาดูแลผู้สูงอายุ · คลังความรู้ อปท."

    def test_every_page_has_a_favicon_that_is_served(self, client, home_page):
        head = head_of(client.get("/"))
        icons = {link["type"]: link["href"] for link in head.links if link.get("rel") == "icon"}
        assert set(icons) == {"image/svg+xml", "image/png"}
        from django.contrib.staticfiles import finders

        for href in icons.values():
            assert finders.find(href.removeprefix("/static/")), href

    def test_feeds_are_announced(self, client, home_page):
        head = head_of(client.get("/"))
        types = {link.get("type"): link.get("href") for link in head.links if link.get("rel") == "alternate"}
        assert types["application/rss+xml"] == "/feeds/case-studies.rss"
        assert types["application/atom+xml"] == "/feeds/case-studies.atom"

    def test_no_inline_script_except_json_ld(self, client, published_case, centre, home_page):
        """A strict Content-Security-Policy is coming: only data blocks may be inline."""
        for url in ("/", centre.url, published_case.url):
            response = client.get(url)
            html = response.content.decode()
            parser = head_of(response)
            for script in parser.scripts:
                assert script.get("src") or script.get("type") == "application/ld+json", (url, script)
            assert len(re.findall(r"<script\b", html)) == len(parser.scripts)
