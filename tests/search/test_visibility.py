"""Search never shows what is not public at that moment: every result page, suggestion and
export is checked against the database, whichever backend answered and however far behind
the index is (the outbox not yet delivered, an engine just back from an outage)."""

import pytest

from django.urls import reverse

from wagtail.models import PageViewRestriction

from learning_centres.models import CaseStudyPage
from search import listing, service
from search.contract import SearchQuery
from search.visibility import visible_page_ids

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


@pytest.fixture
def corpus(backend_corpus):
    """The known corpus (tests/search/corpus.py), answered by the engine and by the database in
    turn. In the engine's case nothing below delivers the outbox: the index stays behind."""
    return backend_corpus


def titles(client, url_name: str, **params) -> list[str]:
    body = client.get(reverse(url_name), params).json()
    return [result["title"] for result in body["results"]]


def test_a_section_made_private_disappears_from_every_search_at_once(client, corpus):
    elderly_centre = corpus["bedridden"].get_parent()
    assert set(titles(client, "search:api", q="ผู้สูงอายุ")) == {"เยี่ยมบ้านผู้สูงอายุติดเตียง", "ธนาคารเวลาดูแลกัน"}

    PageViewRestriction.objects.create(page=elderly_centre, restriction_type=PageViewRestriction.LOGIN)

    api = client.get(reverse("search:api"), {"q": "ผู้สูงอายุ"}).json()
    assert (api["count"], api["results"]) == (0, [])
    page = client.get("/search/", {"q": "ผู้สูงอายุ"}).content.decode()
    assert "เยี่ยมบ้านผู้สูงอายุติดเตียง" not in page and "ธนาคารเวลาดูแลกัน" not in page
    suggested = client.get(reverse("search:suggest"), {"q": "เยี่ยมบ้าน"}).json()
    assert "เยี่ยมบ้านผู้สูงอายุติดเตียง" not in str(suggested)
    export = b"".join(client.get(reverse("open_data:export_csv"), {"q": "ผู้สูงอายุ"}).streaming_content).decode()
    assert "เยี่ยมบ้านผู้สูงอายุติดเตียง" not in export
    newest = listing.newest("case_study", 10)
    assert {hit.page_id for hit in newest.hits} == {corpus["flood"].pk, corpus["garden"].pk}
    # A visitor on another, public page is not offered the private one as related either.
    assert corpus["bedridden"].pk not in [page.pk for page in listing.related_case_studies(corpus["flood"], limit=5)]


def test_a_page_unpublished_behind_the_backends_back_is_dropped_and_not_counted(client, corpus):
    # No signal, no outbox: as if the index and the fallback had missed the change.
    CaseStudyPage.objects.filter(pk=corpus["bedridden"].pk).update(live=False)

    outcome = service.search(SearchQuery(text="ผู้สูงอายุ"), correct_spelling=False)
    assert [hit.page_id for hit in outcome.result.hits] == [corpus["time_bank"].pk]
    assert (outcome.result.total, outcome.result.dropped) == (1, 1)
    assert titles(client, "search:api", q="ผู้สูงอายุ") == ["ธนาคารเวลาดูแลกัน"]


def test_visibility_of_a_result_page_is_one_query(centre, case_study, other_centre, django_assert_num_queries):
    case_study.save_revision().publish()
    other_centre.save_revision().publish()
    PageViewRestriction.objects.create(page=other_centre, restriction_type=PageViewRestriction.PASSWORD, password="x")
    draft = CaseStudyPage.objects.filter(pk=case_study.pk)
    with django_assert_num_queries(1):
        assert visible_page_ids([centre.pk, case_study.pk, other_centre.pk, 999_999]) == {centre.pk, case_study.pk}
    draft.update(live=False)
    assert visible_page_ids([case_study.pk]) == set()
