"""The Thai web font is self-hosted: Sarabun from npm's @fontsource/sarabun, copied into
static/fonts/ by `make fonts` (tools/copy_fonts.py), declared in static/css/fonts.css and
preloaded by templates/base.html (the faces every page uses). No page sends a visitor to another host."""

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import FileSystemStorage

STATIC_DIR = Path(settings.STATICFILES_DIRS[0])
FONTS_CSS = STATIC_DIR / "css" / "fonts.css"
FONTS_CSS_URL = "/static/css/fonts.css"
THAI_BLOCK = range(0x0E00, 0x0E7F + 1)
NOT_BUILT = "static/fonts/ is built by `make install` (or `make fonts`): npm ci, then tools/copy_fonts.py"


class Tags(HTMLParser):
    """Every start tag with its attributes, in document order."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Tags()
    parser.feed(html)
    parser.close()
    return parser.tags


def head_links(html: str) -> list[dict[str, str | None]]:
    return [attrs for tag, attrs in parse(html.split("</head>")[0]) if tag == "link"]


def font_faces(css: str) -> list[dict[str, str]]:
    """The descriptors of each @font-face rule (comments removed)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    faces = []
    for body in re.findall(r"@font-face\s*{([^}]*)}", css):
        descriptors = {}
        for declaration in body.split(";"):
            name, _, value = declaration.partition(":")
            if value.strip():
                descriptors[name.strip().lower()] = value.strip()
        faces.append(descriptors)
    return faces


def src_urls(src: str) -> list[str]:
    return [url for _, url in re.findall(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", src)]


def code_points(unicode_range: str) -> set[int]:
    points: set[int] = set()
    for token in unicode_range.split(","):
        token = token.strip().upper().removeprefix("U+")
        if "?" in token:
            first, last = token.replace("?", "0"), token.replace("?", "F")
        else:
            first, _, last = token.partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def static_path(url: str) -> Path:
    """The file under static/ that a /static/… URL names."""
    assert url.startswith(settings.STATIC_URL), url
    return STATIC_DIR / url.removeprefix(settings.STATIC_URL)


@pytest.fixture(scope="module")
def faces():
    faces = font_faces(FONTS_CSS.read_text(encoding="utf-8"))
    assert faces, "static/css/fonts.css declares no @font-face"
    return faces


@pytest.fixture(scope="module")
def font_urls(faces):
    """Each @font-face src, resolved against fonts.css's own URL as a browser does."""
    return [urljoin(FONTS_CSS_URL, url) for face in faces for url in src_urls(face["src"])]


@pytest.fixture
def home_html(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    return response.content.decode()


def test_home_page_links_fonts_css_before_portal_css_and_preloads_woff2_files(home_html):
    links = head_links(home_html)
    stylesheets = [link["href"] for link in links if link.get("rel") == "stylesheet"]
    assert FONTS_CSS_URL in stylesheets
    assert stylesheets.index(FONTS_CSS_URL) < stylesheets.index("/static/css/portal.css")

    preloads = [link for link in links if link.get("rel") == "preload"]
    assert preloads
    for preload in preloads:
        assert preload["href"].startswith("/static/fonts/sarabun/") and preload["href"].endswith(".woff2")
        assert preload["as"] == "font" and preload["type"] == "font/woff2"
        # A font preload without crossorigin is fetched twice by the browser.
        assert "crossorigin" in preload


def test_the_preloaded_files_are_the_faces_every_page_uses(home_html, faces):
    """Thai regular and bold (text and headings) and Latin regular (spaces, digits, full stops)."""
    preloaded = [link["href"] for link in head_links(home_html) if link.get("rel") == "preload"]
    by_url = {urljoin(FONTS_CSS_URL, src_urls(face["src"])[0]): face for face in faces}
    assert set(preloaded) <= set(by_url), "a preload that no @font-face uses is a wasted download"
    thai = {by_url[url]["font-weight"] for url in preloaded if set(THAI_BLOCK) <= code_points(by_url[url]["unicode-range"])}
    latin = {by_url[url]["font-weight"] for url in preloaded if 0x20 in code_points(by_url[url]["unicode-range"])}
    assert thai == {"400", "700"} and latin == {"400"}


def test_each_face_is_sarabun_woff2_never_swapped_late_with_a_unicode_range(faces):
    assert {(face["font-weight"], face["font-style"]) for face in faces} == {("400", "normal"), ("700", "normal")}
    for face in faces:
        assert face["font-family"].strip("'\"") == "Sarabun"
        # Not swapped in after the first paint: the text would reflow under the reader.
        assert face["font-display"] == "optional"
        assert "unicode-range" in face
        assert "format(" in face["src"] and all(fmt == "woff2" for fmt in re.findall(r"""format\(\s*['"]?([\w-]+)""", face["src"]))


def test_every_font_face_src_is_a_real_woff2_under_static_fonts(font_urls):
    assert font_urls
    for url in font_urls:
        assert url.startswith("/static/fonts/sarabun/") and url.endswith(".woff2"), url
        path = static_path(url)
        assert path.is_file(), f"{path} is missing — {NOT_BUILT}"
        assert path.read_bytes()[:4] == b"wOF2", f"{path} is not woff2"
    assert (STATIC_DIR / "fonts" / "sarabun" / "OFL.txt").is_file(), "the OFL text must travel with the fonts"


def test_the_thai_subset_covers_the_thai_block_in_both_weights(faces):
    thai_faces = [face for face in faces if "-thai-" in src_urls(face["src"])[0]]
    assert sorted(face["font-weight"] for face in thai_faces) == ["400", "700"]
    for face in thai_faces:
        assert set(THAI_BLOCK) <= code_points(face["unicode-range"]), face["src"]
    latin = code_points(next(face["unicode-range"] for face in faces if "-latin-" in face["src"]))
    assert set(range(0x20, 0x7F)) <= latin
    assert not latin & set(THAI_BLOCK)


def test_the_fonts_are_served_by_the_portal(client, font_urls):
    for url in font_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "font/woff2"
        assert b"".join(response.streaming_content)[:4] == b"wOF2"


def test_collectstatic_finds_the_fonts_and_hashes_the_css_urls(tmp_path, font_urls):
    """Production runs collectstatic into WhiteNoise's CompressedManifestStaticFilesStorage:
    the font files must be found in static/fonts/, and fonts.css and the preload must both
    name the same hashed file."""
    from whitenoise.storage import CompressedManifestStaticFilesStorage

    names = ["css/fonts.css", *(url.removeprefix(settings.STATIC_URL) for url in font_urls)]
    for name in names:
        assert finders.find(name), f"collectstatic would not find {name}"

    source = FileSystemStorage(location=STATIC_DIR)
    target = CompressedManifestStaticFilesStorage(location=tmp_path, base_url=settings.STATIC_URL)
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(STATIC_DIR / name, tmp_path / name)
    for name, _hashed, processed in target.post_process({name: (source, name) for name in names}):
        assert not isinstance(processed, Exception), f"{name}: {processed}"
    target.load_manifest()

    hashed_css = (tmp_path / target.stored_name("css/fonts.css")).read_text(encoding="utf-8")
    urls = {urljoin(target.url("css/fonts.css"), url) for face in font_faces(hashed_css) for url in src_urls(face["src"])}
    preload = target.url("fonts/sarabun/sarabun-thai-400-normal.woff2")
    assert preload in urls
    assert urls == {target.url(name) for name in names[1:]}
    assert all(re.search(r"\.[0-9a-f]{12}\.woff2$", url) for url in urls), urls


class ExternalReferences(HTMLParser):
    def __init__(self, host: str):
        super().__init__()
        self.host = host
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        # A link the reader may follow (a licence, a centre's own website) loads nothing.
        if tag == "a":
            return
        for name, value in attrs:
            if name not in ("src", "href", "srcset") or not value:
                continue
            for url in [part.split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]:
                url = url.strip()
                if re.match(r"(?i)^(https?:)?//", url) and urlsplit(url).netloc.lower() != self.host.lower():
                    self.found.append(f"<{tag} {name}={value!r}>")


def external_references(response) -> list[str]:
    parser = ExternalReferences(response.wsgi_request.get_host())
    parser.feed(response.content.decode())
    parser.close()
    return parser.found


@pytest.mark.django_db
def test_no_page_references_another_host(client, home_page, case_study):
    # Ask as a visitor of the site does, by its own host name: absolute URLs the portal builds
    # itself (the canonical link) name that host, which is the request host.
    host = urlsplit(home_page.get_site().root_url).netloc
    for url in ["/", case_study.get_parent().url, case_study.url]:
        response = client.get(url, HTTP_HOST=host)
        assert response.status_code == 200, url
        assert external_references(response) == [], url


def test_the_check_catches_external_hosts():
    class Response:
        class wsgi_request:  # noqa: N801 - stands in for the request object
            @staticmethod
            def get_host():
                return "testserver"

        content = (
            b'<link href="https://fonts.googleapis.com/css2?family=Sarabun"><script src="//cdn.example/x.js"></script>'
            b'<img srcset="/a.png 1x, http://img.example/b.png 2x"><a href="http://testserver/ok"></a><a href="/ok"></a>'
        )

    assert len(external_references(Response)) == 3


def test_fonts_css_loads_nothing_from_another_host():
    css = FONTS_CSS.read_text(encoding="utf-8")
    assert "@import" not in css
    for url in re.findall(r"""url\(\s*['"]?([^'")]+)""", css):
        assert not re.match(r"(?i)^([a-z][a-z0-9+.-]*:|//)", url), url
