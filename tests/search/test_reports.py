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
    record_search("=sum(a1:a9)", found_nothing=True)
    for name in ("frequent_queries", "zero_result_queries"):
        response = editor_client.get(reverse(name), {"export": "csv"})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
        assert rows[1][:2] == ["'=sum(a1:a9)", "1"]


def test_contributors_do_not_see_the_search_reports(client):
    user = get_user_model().objects.create_user("writer", password="pw")
    user.groups.add(Group.objects.get(name=CONTRIBUTORS))
    client.force_login(user)
    assert client.get(reverse("zero_result_queries")).status_code in (302, 403)


def _rows(response, *keys):
    return [tuple(row[key] for key in keys) for row in response.context["object_list"]]


def test_a_date_range_typed_the_thai_way_limits_the_reports(editor_client):
    SearchQueryDay.objects.create(query_string="ผู้สูงอายุ", day=datetime.date(2026, 3, 14), searches=5)
    SearchQueryDay.objects.create(query_string="ผู้สูงอายุ", day=datetime.date(2026, 3, 15), searches=2, found_nothing=1)
    SearchQueryDay.objects.create(query_string="ศพด", day=datetime.date(2026, 4, 1), searches=9)
    # 15/3/2569 is 15 March 2026; Thai digits and the compact form are read too.
    response = editor_client.get(reverse("frequent_queries"), {"since": "๑๕/๓/๒๕๖๙", "until": "31032569"})
    assert _rows(response, "query_string", "total_searches") == [("ผู้สูงอายุ", 2)]
    response = editor_client.get(reverse("zero_result_queries"), {"since": "1/3/2569", "until": "31/3/2569"})
    assert _rows(response, "query_string", "total_found_nothing") == [("ผู้สูงอายุ", 1)]
    # the export follows the same range
    export = editor_client.get(reverse("frequent_queries"), {"since": "1/4/2569", "until": "30/4/2569", "export": "xlsx"})
    assert export.status_code == 200 and export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_a_bad_date_range_is_a_validation_message_not_an_error(editor_client):
    for params in ({"since": "32/13/2569"}, {"since": "20/3/2569", "until": "1/3/2569"}):
        response = editor_client.get(reverse("frequent_queries"), params)
        assert response.status_code == 200
        assert not response.context["filters"].is_valid()
    assert "วว/ดด/ปปปป" in response.content.decode()  # the field asks for a Thai date


def test_the_xlsx_export_quotes_formulas(editor_client):
    import openpyxl

    record_search("=sum(a1:a9)", found_nothing=True)
    response = editor_client.get(reverse("zero_result_queries"), {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.cell(row=2, column=1).value == "'=sum(a1:a9)"


@pytest.mark.parametrize(
    "junk",
    [
        "",
        "   ",
        "...",
        "12345",
        "?!",
        "ก" * 101,
        "http://spam.example",
        "www.spam.example",
        "/wp-admin/setup.php",
        "<script>alert(1)</script>",
        "1 union select password",
        "x' or 1=1",
        "aaaaaaaa",
    ],
)
def test_junk_queries_are_not_recorded_and_not_reported(editor_client, junk):
    from search.analytics import is_junk, reportable_query

    assert reportable_query(junk) is None
    SearchQueryDay.objects.create(
        query_string=junk[:100], day=timezone.localdate(), searches=3, found_nothing=3
    )  # recorded before the rule
    SearchQueryDay.objects.create(query_string="ผู้สูงอายุ", day=timezone.localdate(), searches=1, found_nothing=1)
    for name in ("frequent_queries", "zero_result_queries"):
        assert [row["query_string"] for row in editor_client.get(reverse(name)).context["object_list"]] == ["ผู้สูงอายุ"]
    assert not is_junk("ราคา 1000000 บาท") and not is_junk("covid-19")


def test_a_query_row_links_to_promoting_a_result_for_it(editor_client, home_page):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    record_search("ดาวอังคาร", found_nothing=True)
    page = editor_client.get(reverse("zero_result_queries")).content.decode()
    link = reverse("promote_query") + "?q=" + "%E0%B8%94%E0%B8%B2%E0%B8%A7%E0%B8%AD%E0%B8%B1%E0%B8%87%E0%B8%84%E0%B8%B2%E0%B8%A3"
    assert link in page
    form = editor_client.get(link)
    assert form.status_code == 200
    assert form.context["form"].initial["query_string"] == "ดาวอังคาร"  # the query is filled in
    # once it has a promoted result, the row's link opens that promotion to edit
    query = Query.get("ดาวอังคาร")
    SearchPromotion.objects.create(query=query, page=home_page, sort_order=0)
    response = editor_client.get(link)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailsearchpromotions:edit", args=[query.pk])
    assert "แก้ไขผลลัพธ์ที่โปรโมต" in editor_client.get(reverse("zero_result_queries")).content.decode()


def test_the_promote_shortcut_refuses_a_missing_or_over_long_query(editor_client):
    assert editor_client.get(reverse("promote_query")).status_code == 400
    assert editor_client.get(reverse("promote_query"), {"q": "ก" * 256}).status_code == 400


def test_contributors_cannot_use_the_promote_shortcut(client):
    user = get_user_model().objects.create_user("writer2", password="pw")
    user.groups.add(Group.objects.get(name=CONTRIBUTORS))
    client.force_login(user)
    assert client.get(reverse("promote_query"), {"q": "ผู้สูงอายุ"}).status_code in (302, 403)
