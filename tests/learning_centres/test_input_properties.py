"""Listings, feeds and the language switch take parameters from anyone: whatever arrives,
the answer is a page or a clear 4xx, never a 5xx, and never reflected markup."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.urls import reverse

from learning_centres.models import CaseStudyIndexPage
from tests.hostile_input import hostile_text, query_parameters

pytestmark = pytest.mark.django_db

LISTING = {"area": ["community-health-care", "no-such-area"], "type": ["elderly_care", "child_development"], "page": ["1", "2", "999"]}
FEED = {"area": ["community-health-care"], "centre_type": ["elderly_care"], "province": ["50", "10"]}


@pytest.fixture
def listings(home_page, centre, case_study):
    index = CaseStudyIndexPage(title="กรณีศึกษา", slug="case-studies")
    home_page.add_child(instance=index)
    return {"case_studies": index.url, "centres": centre.get_parent().url}


def assert_safe(response) -> None:
    assert response.status_code < 500
    if response.get("Content-Type", "").startswith("text/html"):
        html = response.content.decode()
        assert "<script>alert" not in html and "<img src=x" not in html


@given(params=query_parameters(LISTING))
def test_listings_never_fail(client, listings, params):
    for url in listings.values():
        response = client.get(url, params)
        assert response.status_code == 200
        assert_safe(response)


@given(params=query_parameters(FEED), kind=st.sampled_from(["rss", "atom"]))
def test_feeds_answer_a_feed_or_a_clear_400(client, listings, params, kind):
    response = client.get(reverse(f"learning_centres:case_studies_{kind}"), params)
    assert response.status_code in (200, 400)
    assert_safe(response)


@given(language=st.one_of(st.sampled_from(["th", "en"]), hostile_text), next_url=st.one_of(hostile_text, st.just("https://evil.example/")))
def test_the_language_switch_never_fails_nor_redirects_elsewhere(client, home_page, language, next_url):
    response = client.post(reverse("set_language"), {"language": language, "next": next_url})
    assert response.status_code in (200, 204, 302)
    assert "evil.example" not in response.get("Location", "")
