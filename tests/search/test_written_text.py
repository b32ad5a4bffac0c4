"""Text is shown as its author wrote it — abbreviation dots, Thai digits, letter case — in
search results (titles, snippets, highlights), listings, autocomplete and the API, on the
engine and the database fallback alike, while matching still ignores those differences."""

# ruff: noqa: F811 - pytest passes imported fixtures to the tests as arguments of the same name

import re

import pytest

from django.urls import reverse

from learning_centres.models import CaseStudyIndexPage
from search.indexing import rebuild
from search.spelling import build_vocabulary
from tests.learning_centres.factories import LearningCentrePageFactory

from .conftest import search_engine  # noqa: F401
from .corpus import publish_case

pytestmark = pytest.mark.django_db

TITLE = "ธนาคารอาหารอบจ.แพร่"
SUMMARY = "อาสาสมัครร่วมกับ รพ.สต.บ้านนา และ อปท. ๕ แห่ง ส่งอาหารถึงบ้าน"


@pytest.fixture(params=["engine", "fallback"])
def written(request, settings, centre_index, home_page):
    home_page.add_child(instance=CaseStudyIndexPage(title="กรณีศึกษา", slug="case-studies"))
    if request.param == "engine":
        engine = request.getfixturevalue("search_engine")
    else:
        settings.SEARCH_URL = ""
    centre = LearningCentrePageFactory(parent=centre_index, title="ศูนย์เรียนรู้ทดลอง")
    centre.save_revision().publish()
    publish_case(centre, TITLE, "ผู้สูงอายุติดเตียงได้อาหารครบ ๓ มื้อ", summary=SUMMARY)
    publish_case(centre, "แปลงผักของโรงเรียน", "เด็กปลูกผักปลอดสาร")
    if request.param == "engine":
        rebuild(engine)
    build_vocabulary()
    return request.param


def api_hits(client, q):
    response = client.get(reverse("search:api"), {"q": q})
    assert response.status_code == 200
    return response.json()["results"]


def unmarked(html: str) -> str:
    return re.sub(r"</?mark>", "", html)


@pytest.mark.parametrize("query", ["อบจ.แพร่", "อบจแพร่", "อบจ. แพร่"])
def test_an_abbreviation_is_found_with_or_without_its_dot_and_shown_with_it(client, written, query):
    assert [hit["title"] for hit in api_hits(client, query)] == [TITLE]
    html = client.get("/search/", {"q": query}).content.decode()
    (title,) = re.findall(r'<h2 class="card-title"[^>]*><a [^>]*>(.*?)</a></h2>', html)
    assert "<mark>อบจ" in title and unmarked(title) == TITLE


@pytest.mark.parametrize("query", ["5 แห่ง", "๕ แห่ง"])
def test_thai_digits_are_found_by_either_kind_of_digit_and_shown_as_written(client, written, query):
    hits = api_hits(client, query)
    assert [hit["title"] for hit in hits] == [TITLE]
    assert hits[0]["summary"] == SUMMARY
    assert "<mark>๕</mark>" in hits[0]["highlight"]


@pytest.mark.parametrize("query", ["รพ.สต.", "รพสต"])
def test_a_dotted_abbreviation_inside_a_snippet_is_highlighted_as_written(client, written, query):
    hits = api_hits(client, query)
    assert [hit["title"] for hit in hits] == [TITLE]
    assert "รพ.สต" in hits[0]["highlight"] and "<mark>" in hits[0]["highlight"]
    assert "รพสต" not in unmarked(hits[0]["highlight"])


def test_the_search_page_shows_titles_and_snippets_as_written(client, written):
    html = client.get("/search/", {"q": "รพสต"}).content.decode()
    titles = re.findall(r'<h2 class="card-title"[^>]*><a [^>]*>(.*?)</a></h2>', html)
    assert [unmarked(title) for title in titles] == [TITLE]
    assert re.search(r"<mark>รพ\.สต\.?</mark>", html)  # the snippet, highlighted as written


def test_the_listing_shows_titles_and_summaries_as_written(client, written):
    html = client.get("/case-studies/").content.decode()
    assert TITLE in html and SUMMARY in html
    assert "อบจแพร่" not in html and "รพสต" not in html


@pytest.mark.parametrize("prefix", ["อบจ.แพ", "อบจแพ"])
def test_autocomplete_labels_are_written_text(client, written, prefix):
    response = client.get(reverse("search:suggest"), {"q": prefix})
    assert TITLE in [suggestion["label"] for suggestion in response.json()["suggestions"]]
