"""Counting on the server: a reader's view of a case study or centre counts once against its
Thai original, bots and prefetches never count, downloads, result clicks and visit requests
count, and nothing about the visitor is stored."""

import pytest

from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect

from usage.middleware import record
from usage.models import DailyCount, Kind
from usage.templatetags.usage_tags import most_read

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def views(kind, object_id) -> int:
    return sum(DailyCount.objects.filter(kind=kind, object_id=object_id).values_list("count", flat=True))


def test_a_readers_views_count_and_bots_and_prefetches_do_not(client, site_tree):
    case_study = site_tree["case_study"]
    for _ in range(3):
        assert client.get(case_study.url, HTTP_USER_AGENT=BROWSER).status_code == 200
    client.get(case_study.url, HTTP_USER_AGENT=GOOGLEBOT)
    client.get(case_study.url)  # no user agent: a script
    client.get(case_study.url, HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch")
    assert views(Kind.CASE_STUDY, case_study.pk) == 3


def test_an_english_view_counts_for_the_thai_original_and_a_centre_counts_as_a_centre(client, site_tree):
    case_study, centre = site_tree["case_study"], site_tree["centre"]
    assert client.get(f"/en{case_study.url}", HTTP_USER_AGENT=BROWSER).status_code == 200
    client.get(centre.url, HTTP_USER_AGENT=BROWSER)
    client.get("/", HTTP_USER_AGENT=BROWSER)  # the home page is no case study
    assert views(Kind.CASE_STUDY, case_study.pk) == 1
    assert views(Kind.CENTRE, centre.pk) == 1
    assert DailyCount.objects.count() == 2


def test_a_search_result_click_is_a_ping_that_counts_the_query_and_the_page(client, site_tree):
    case_study = site_tree["case_study"]
    response = client.post(f"/usage/click/?q=ผู้สูงอายุ&page={case_study.pk}", HTTP_USER_AGENT=BROWSER, content_type="text/ping", data="PING")
    assert response.status_code == 204
    assert DailyCount.objects.get(kind=Kind.CLICK).query == "ผู้สูงอายุ"
    assert client.post("/usage/click/?page=99999999999999999", HTTP_USER_AGENT=BROWSER).status_code == 204  # junk: nothing, no 500
    assert DailyCount.objects.count() == 1


def test_search_results_carry_the_ping_and_the_home_shows_this_months_most_read(client, site_tree):
    case_study = site_tree["case_study"]
    client.get(case_study.url, HTTP_USER_AGENT=BROWSER)
    assert [page.pk for page, _ in most_read()] == [case_study.pk]
    home = client.get("/", HTTP_USER_AGENT=BROWSER).content.decode()
    assert "อ่านมากที่สุดเดือนนี้" in home and case_study.title in home


def test_no_address_cookie_or_user_agent_is_stored(client, site_tree):
    client.get(site_tree["case_study"].url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.9")
    columns = {column.name for column in connection.introspection.get_table_description(connection.cursor(), DailyCount._meta.db_table)}
    assert columns == {"id", "day", "kind", "object_id", "query", "count"}
    assert "203.0.113.9" not in str(list(DailyCount.objects.values()))


def test_a_sent_visit_request_counts_for_its_centre_and_a_refused_one_does_not(rf, site_tree):
    centre = site_tree["centre"]
    url = f"/visits/request/{centre.pk}/"
    record(rf.post(url, HTTP_USER_AGENT=BROWSER), HttpResponseRedirect("/visits/abc/sent/"))  # the form's redirect
    record(rf.post(url, HTTP_USER_AGENT=BROWSER), HttpResponse(status=400))  # the form again, with errors
    record(rf.post(url, HTTP_USER_AGENT=GOOGLEBOT), HttpResponseRedirect("/visits/abc/sent/"))
    assert views(Kind.VISIT_REQUEST, centre.pk) == 1


def test_a_document_download_counts(rf, db):
    record(rf.get("/documents/42/report.pdf", HTTP_USER_AGENT=BROWSER), HttpResponse(b"%PDF"))
    assert views(Kind.DOWNLOAD, 42) == 1
