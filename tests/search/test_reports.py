"""Editors read what visitors search for, and what they do not find, in the admin: the
per-day counters summed over the last 90 days; exported as CSV with formulas quoted."""

import csv
import datetime
import io

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from learning_centres.roles import CONTRIBUTORS, EDITORS
from search.analytics import record_search
from search.models import SearchQueryDay

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_user("editor", password="pw")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def test_editors_see_the_most_frequent_queries_summed_over_days(editor_client):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    SearchQueryDay.objects.create(query_string="ศพด", day=yesterday, searches=2)
    SearchQueryDay.objects.create(query_string="ผู้สูงอายุ", day=yesterday, searches=2)
    for _ in range(2):
        record_search("ผู้สูงอายุ", found_nothing=False)
    long_ago = timezone.localdate() - datetime.timedelta(days=200)
    SearchQueryDay.objects.create(query_string="เก่ามาก", day=long_ago, searches=50)
    response = editor_client.get(reverse("frequent_queries"))
    rows = [(row["query_string"], row["total_searches"]) for row in response.context["object_list"]]
    assert rows == [("ผู้สูงอายุ", 4), ("ศพด", 2)]


def test_editors_see_queries_that_found_nothing(editor_client):
    record_search("ดาวอังคาร", found_nothing=True)
    record_search("ดาวอังคาร", found_nothing=True)
    record_search("ผู้สูงอายุ", found_nothing=False)
    response = editor_client.get(reverse("zero_result_queries"))
    rows = [(row["query_string"], row["total_found_nothing"]) for row in response.context["object_list"]]
    assert rows == [("ดาวอังคาร", 2)]
    assert "ดาวอังคาร" in response.content.decode()


def test_the_report_csv_quotes_formulas_typed_as_queries(editor_client):
    record_search('=hyperlink("http://evil.example")', found_nothing=True)
    for name in ("frequent_queries", "zero_result_queries"):
        response = editor_client.get(reverse(name), {"export": "csv"})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        assert rows[1][:2] == ['\'=hyperlink("http://evil.example")', "1"]


def test_contributors_do_not_see_the_search_reports(client):
    user = get_user_model().objects.create_user("writer", password="pw")
    user.groups.add(Group.objects.get(name=CONTRIBUTORS))
    client.force_login(user)
    assert client.get(reverse("zero_result_queries")).status_code in (302, 403)
