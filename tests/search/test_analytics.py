"""Search analytics: one counter row per query per day; a search counted once, when the
visitor starts it from the query box; API calls never; junk never; and "found nothing" means
the query alone found nothing (search.analytics, docs/decisions.md)."""

from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from search.analytics import record_search, reportable_query
from search.models import SearchQueryDay

from .corpus import publish_case

pytestmark = [pytest.mark.django_db, pytest.mark.both_databases]


@pytest.fixture
def corpus(settings, centre):
    settings.SEARCH_URL = ""  # the database answers; counting does not depend on the backend
    centre.save_revision().publish()
    return publish_case(centre, "ธนาคารเวลาของผู้สูงอายุ", "ธนาคารเวลา", focus_areas=["community-health-care"])


def counters() -> dict[str, tuple[int, int]]:
    return {row.query_string: (row.searches, row.found_nothing) for row in SearchQueryDay.objects.all()}


def search(client, **params):
    response = client.get(reverse("search_page"), params)
    assert response.status_code == 200
    return response


def test_searches_of_one_query_on_one_day_are_one_counter_row(db):
    for found_nothing in (False, True, True):
        record_search("ดาวอังคาร", found_nothing=found_nothing)
    row = SearchQueryDay.objects.get()
    assert (row.query_string, row.day, row.searches, row.found_nothing) == ("ดาวอังคาร", timezone.localdate(), 3, 2)


def test_a_search_is_counted_once_not_again_on_filter_sort_or_page_changes(client, corpus):
    search(client, q="ธนาคารเวลา", searched="1")  # typed into the query box
    search(client, q="ธนาคารเวลา", area="community-health-care")  # then a filter
    search(client, q="ธนาคารเวลา", area="community-health-care", sort="newest")  # the sort
    search(client, q="ธนาคารเวลา", page="2")  # the next page
    search(client, q="ธนาคารเวลา", searched="1", page="2")  # a flagged page 2 is a page change too
    assert counters() == {"ธนาคารเวลา": (1, 0)}
    search(client, q="ธนาคารเวลา", searched="1")  # searched again from the box: counted again
    assert counters() == {"ธนาคารเวลา": (2, 0)}


def test_the_query_box_sends_the_flag_and_the_result_links_do_not(client, corpus):
    html = search(client, q="ธนาคารเวลา").content.decode()
    assert 'name="searched" value="1"' in html
    assert "searched=" not in html


def test_api_calls_are_not_searches(client, corpus):
    assert client.get(reverse("search:api"), {"q": "ธนาคารเวลา", "searched": "1"}).status_code == 200
    assert client.get("/search/export.json", {"q": "ธนาคารเวลา", "searched": "1"}).status_code == 200
    assert counters() == {}


def test_found_nothing_means_the_query_alone_found_nothing(client, corpus):
    search(client, q="ธนาคารเวลา", area="disaster-management", searched="1")  # the filter emptied it
    search(client, q="ดาวอังคาร", searched="1")
    search(client, q="ดาวอังคาร", area="disaster-management", searched="1")
    assert counters() == {"ธนาคารเวลา": (1, 0), "ดาวอังคาร": (2, 2)}


@pytest.mark.parametrize("junk", ["12345", "!!! ???", "๑๒๓", "ก" * 101, "ab\x07cd", "ab\u202ecd", "   "], ids=lambda text: repr(text[:12]))
def test_junk_is_not_recorded(client, corpus, junk):
    search(client, q=junk, searched="1")
    assert counters() == {}


def test_queries_are_recorded_normalised():
    assert reportable_query("  ผู้สูงอายุ   ติดเตียง ") == "ผู้สูงอายุ ติดเตียง"
    assert reportable_query("ShOp") == "shop"


@pytest.mark.django_db(transaction=True)
def test_existing_counts_move_into_the_daily_counters():
    """Migration 0007: Wagtail's daily hits per query become searches, the queries that found
    nothing become found-nothing counts on the day last seen; junk is left behind."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before = [("portal_search", "0006_search_query_days_and_spelling_words")]
    after = [("portal_search", "0007_move_query_counts_to_days")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state([*before, ("wagtailsearchpromotions", "0008_query_verbose_name")]).apps
    today, yesterday = timezone.localdate(), timezone.localdate() - timedelta(days=1)
    Query, QueryDailyHits = old.get_model("wagtailsearchpromotions", "Query"), old.get_model("wagtailsearchpromotions", "QueryDailyHits")
    for text, day, hits in [("ผู้สูงอายุ", yesterday, 3), ("ผู้สูงอายุ", today, 2), ("ดาวอังคาร", today, 1), ("12345", today, 9)]:
        QueryDailyHits.objects.create(query=Query.objects.get_or_create(query_string=text)[0], date=day, hits=hits)
    old.get_model("portal_search", "ZeroResultQuery").objects.create(query_string="ดาวอังคาร", hits=4, last_seen=timezone.now())

    executor = MigrationExecutor(connection)
    executor.migrate(after)
    executor.loader.build_graph()
    new = executor.loader.project_state(after).apps.get_model("portal_search", "SearchQueryDay")
    rows = {(row.query_string, row.day): (row.searches, row.found_nothing) for row in new.objects.all()}
    assert rows == {("ผู้สูงอายุ", yesterday): (3, 0), ("ผู้สูงอายุ", today): (2, 0), ("ดาวอังคาร", today): (4, 4)}
    MigrationExecutor(connection).migrate(executor.loader.graph.leaf_nodes())
