"""Whatever visitors send to the search page and the search APIs, they get an answer, never
a 5xx; and whatever the indexed text holds, highlights reach the page escaped, with only the
highlight marks left as markup."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.urls import reverse

from search.indexing import rebuild
from search.presenters import safe_highlight
from tests.hostile_input import NASTY, hostile_text, query_parameters
from tests.learning_centres.factories import CaseStudyPageFactory

from .corpus import build_corpus

pytestmark = pytest.mark.django_db

VALID = {
    "q": ["ผู้สูงอายุ", "ธนาคารเวลา", '"เด็กเล็ก" -น้ำท่วม', "script"],
    "area": ["community-health-care", "disaster-management"],
    "centre_type": ["elderly_care", "child_development"],
    "region": ["north", "south"],
    "province": ["50", "90"],
    "lao_type": ["sao", "city_municipality"],
    "year": ["2566", "๒๕๖๗", "2021"],
    "keyword": ["ผู้สูงอายุ"],
    "sort": ["relevance", "newest"],
    "page": ["1", "2", "๒", "50"],
}
HOSTILE_TITLE = "ศูนย์<script>alert('x')</script> \"ผู้สูงอายุ\" ๒๕๖๗ ผู้\u200bดูแล"


@pytest.fixture(params=["engine", "fallback"])
def corpus(request, settings, centre_index):
    pages = build_corpus(centre_index)
    CaseStudyPageFactory(
        parent=pages["bedridden"].get_parent().specific,
        title=HOSTILE_TITLE,
        summary="<img src=x onerror=alert(1)> ผู้สูงอายุ & 'quotes' \"double\" </mark>",
        context_and_problem="<p>ผู้สูงอายุ &lt;script&gt;alert(2)&lt;/script&gt;</p>",
    )
    if request.param == "engine":
        rebuild(request.getfixturevalue("search_engine"))
    else:
        settings.SEARCH_URL = ""
    return request.param


def assert_only_marks(fragment: str) -> None:
    assert "<" not in fragment.replace("<mark>", "").replace("</mark>", ""), fragment


@given(params=query_parameters(VALID))
def test_the_search_page_never_fails(client, corpus, params):
    response = client.get(reverse("search_page"), params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html


@given(params=query_parameters(VALID))
def test_the_search_api_answers_200_or_a_clear_400(client, corpus, params):
    response = client.get(reverse("search:api"), params)
    assert response.status_code in (200, 400)
    body = response.json()
    if response.status_code == 400:
        assert body["error"] and body["details"]
        return
    for result in body["results"]:
        assert_only_marks(result["highlight"])


@given(q=hostile_text)
def test_suggestions_never_fail(client, corpus, q):
    response = client.get(reverse("search:suggest"), {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json()["suggestions"], list)


@given(q=st.sampled_from(["ผู้สูงอายุ", "script", "alert", "ผู้ดูแล", "quotes", "double", "img"]))
def test_highlights_of_hostile_content_are_escaped(client, corpus, q):
    body = client.get(reverse("search:api"), {"q": q}).json()
    for result in body["results"]:
        assert_only_marks(result["highlight"])
    html = client.get(reverse("search_page"), {"q": q}).content.decode()
    rendered = re.findall(r'<p class="snippet"[^>]*>(.*?)</p>', html, re.S) + re.findall(
        r'<h2 class="card-title"[^>]*><a [^>]*>(.*?)</a>', html
    )
    assert len(rendered) >= 2 * len(body["results"][:1])  # the page shows what the API found
    for snippet in rendered:
        assert_only_marks(snippet)


@given(fragment=st.lists(st.one_of(st.sampled_from(NASTY + ["<mark>", "</mark>"]), st.text(max_size=10)), max_size=8).map("".join))
def test_safe_highlight_leaves_no_markup_but_marks(fragment):
    assert_only_marks(safe_highlight(fragment))


def test_a_nul_character_is_ignored_not_a_server_error(client, corpus):
    # PostgreSQL refuses NUL in any string; the parameters drop it before any query.
    # ...and the answer is the one without it: the same results, not an empty page.
    page = client.get(reverse("search_page"), {"q": "ผู้สูง\x00อายุ"})
    assert page.status_code == 200
    assert page.context["results"] == client.get(reverse("search_page"), {"q": "ผู้สูงอายุ"}).context["results"]

    api = client.get(reverse("search:api"), {"q": "\x00ผู้สูงอายุ", "keyword": "อาหาร\x00กลางวัน"})
    assert api.status_code == 200
    assert api.json()["results"] == client.get(reverse("search:api"), {"q": "ผู้สูงอายุ", "keyword": "อาหารกลางวัน"}).json()["results"]
    without_nul = client.get(reverse("search:api"), {"q": "ผู้สูงอายุ"}).json()
    assert without_nul["count"] > 0 and client.get(reverse("search:api"), {"q": "\x00ผู้สูงอายุ"}).json() == without_nul

    suggestions = client.get(reverse("search:suggest"), {"q": "ผู้\x00สูง"})
    assert suggestions.status_code == 200
    assert suggestions.json() == client.get(reverse("search:suggest"), {"q": "ผู้สูง"}).json() != {"suggestions": []}
