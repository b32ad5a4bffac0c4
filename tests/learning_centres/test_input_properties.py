"""Listings, feeds and English URLs take parameters from anyone: whatever arrives,
the answer is a page or a clear 4xx, never a 5xx, and never reflected markup."""

from urllib.parse import quote

import pytest
from hypothesis import given
from hypothesis import strategies as st

from django.urls import reverse

from learning_centres.models import CaseStudyIndexPage
from tests.hostile_input import hostile_text, query_parameters

pytestmark = pytest.mark.django_db

LISTING = {
    "area": ["community-health-care", "no-such-area"],
    "centre_type": ["elderly_care", "child_development"],
    "sort": ["newest", "relevance"],
    "page": ["1", "2", "999"],
}
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
        assert response.status_code in (200, 400)  # an unknown filter value is a clear 400
        assert_safe(response)


@given(params=query_parameters(FEED), kind=st.sampled_from(["rss", "atom"]))
def test_feeds_answer_a_feed_or_a_clear_400(client, listings, params, kind):
    response = client.get(reverse(f"learning_centres:case_studies_{kind}"), params)
    assert response.status_code in (200, 400)
    assert_safe(response)


@given(path=hostile_text)
def test_english_urls_never_fail(client, home_page, path):
    response = client.get("/en/" + quote(path, safe=""))
    assert_safe(response)
