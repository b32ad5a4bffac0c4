"""GET /api/search/ and /api/search/suggest/, answered by the real engine and by the
database fallback alike."""

import re

import pytest

from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import SearchQueryDay

from .corpus import build_corpus

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus(backend_corpus):
    """The known corpus, answered by the engine and by the database in turn."""
    return backend_corpus


def api(client, **params):
    response = client.get(reverse("search:api"), params)
    return response.status_code, response.json()


def test_answers_the_documented_shape(client, corpus):
    status, body = api(client, q="ผู้สูงอายุ")
    assert status == 200
    assert set(body) >= {"count", "page", "num_pages", "results", "facets", "suggestion"}
    assert body["source"] == corpus["backend"]
    first = body["results"][0]
    assert set(first) >= {"id", "title", "url", "summary", "highlight", "centre", "province", "areas", "year"}
    assert "\u200b" not in first["title"]
    assert "<mark>" in first["highlight"]
    assert {r["title"] for r in body["results"]} == {"เยี่ยมบ้านผู้สูงอายุติดเตียง", "ธนาคารเวลาดูแลกัน"}


def test_values_of_one_facet_combine_with_or_and_facets_with_and(client, corpus):
    _, body = api(client, area=["disaster-management", "sustainable-agriculture"])
    assert body["count"] == 2
    _, body = api(client, area=["disaster-management", "sustainable-agriculture", "community-welfare"], province="90")
    assert {r["title"] for r in body["results"]} == {"ซ้อมอพยพน้ำท่วมในศูนย์พัฒนาเด็กเล็ก", "แปลงผักปลอดสารของเด็กเล็ก"}


def test_facet_counts_ignore_their_own_filter(client, corpus):
    _, body = api(client, centre_type="child_development")
    counts = {item["value"]: item["count"] for item in body["facets"]["centre_type"]}
    assert counts == {"child_development": 2, "elderly_care": 2}  # still shows the other choice
    provinces = {item["value"]: item["count"] for item in body["facets"]["province"]}
    assert provinces == {"90": 2}
    labels = {item["value"]: item["label"] for item in body["facets"]["province"]}
    assert labels["90"] == "สงขลา"


def test_year_facet_is_buddhist_era_and_accepts_ce_and_thai_digits(client, corpus):
    _, body = api(client)
    assert {item["value"] for item in body["facets"]["year"]} == {"2566", "2564", "2567"}
    assert api(client, year="๒๕๖๗")[1]["count"] == 2
    assert api(client, year="2024")[1]["count"] == 2


def test_keyword_and_lao_type_filters(client, corpus):
    assert [r["title"] for r in api(client, keyword="อาหารกลางวัน")[1]["results"]] == ["แปลงผักปลอดสารของเด็กเล็ก"]
    assert api(client, lao_type="sao")[1]["count"] == 2


def test_newest_sort(client, corpus):
    _, body = api(client, sort="newest")
    assert body["results"][0]["title"] == "แปลงผักปลอดสารของเด็กเล็ก"  # published last


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"area": "no-such-area"}, "area"),
        ({"centre_type": "hospital"}, "centre_type"),
        ({"province": "99"}, "province"),
        ({"year": "abcd"}, "year"),
        ({"sort": "random"}, "sort"),
        ({"page": "0"}, "page"),
        ({"page": "1001"}, "page"),
        ({"page": "two"}, "page"),
    ],
)
def test_bad_parameters_get_a_400_with_a_message(client, corpus, params, message):
    status, body = api(client, **params)
    assert status == 400
    assert message in " ".join(body["details"])


def test_a_page_beyond_the_last_is_empty_not_an_error(client, corpus):
    status, body = api(client, page="50")
    assert status == 200
    assert body["results"] == [] and body["num_pages"] == 1 and body["count"] == 4


@pytest.mark.parametrize("q", ['"', "ผู้สูงอายุ)", "a:b OR (c", "\\", "*?~^", "<script>", "-", '"-"', "x" * 1000])
def test_special_characters_and_long_queries_are_safe(client, corpus, q):
    status, _body = api(client, q=q)
    assert status == 200


def test_did_you_mean_for_a_misspelt_thai_query(client, corpus):
    _, body = api(client, q="ผูสูงอายุ")
    assert body["suggestion"] == "ผู้สูงอายุ"


def test_a_misspelt_query_that_finds_nothing_answers_with_the_corrections_results(client, corpus):
    _, body = api(client, q="ผู้สูงอาย")
    assert (body["corrected"], body["suggestion"]) == (True, "ผู้สูงอายุ")
    assert "เยี่ยมบ้านผู้สูงอายุติดเตียง" in [hit["title"] for hit in body["results"]]
    _, exact = api(client, q="ผู้สูงอาย", exact="1")  # the query as typed, when asked
    assert (exact["corrected"], exact["count"], exact["suggestion"]) == (False, 0, "ผู้สูงอายุ")


def test_the_search_page_says_whose_results_it_shows_and_links_to_the_original(client, corpus):
    html = client.get("/search/", {"q": "ผู้สูงอาย"}).content.decode()
    assert "แสดงผลการค้นหาสำหรับ <strong>ผู้สูงอายุ</strong>" in html
    assert "exact=1" in html and "เยี่ยมบ้านผู้สูงอายุติดเตียง" in re.sub("</?mark>", "", html)
    original = client.get("/search/", {"q": "ผู้สูงอาย", "exact": "1"}).content.decode()
    assert "แสดงผลการค้นหาสำหรับ" not in original and "หรือคุณหมายถึง" in original


def test_promoted_results_for_a_query(client, corpus):
    SearchPromotion.objects.create(query=Query.get("น้ำท่วม"), page=corpus["flood"], description="คู่มือซ้อมอพยพ", sort_order=0)
    _, body = api(client, q="น้ำท่วม")
    assert body["promoted"][0]["title"] == corpus["flood"].title


def test_api_calls_are_not_counted_as_searches(client, corpus):
    # The editors' reports count visitors' searches from the search page (search.analytics).
    api(client, q="ผู้สูงอายุ")
    api(client, q="ดาวอังคาร")
    assert not SearchQueryDay.objects.exists()


def test_suggest_completes_a_thai_prefix_mid_title(client, corpus):
    response = client.get(reverse("search:suggest"), {"q": "ติดเต"})
    labels = [s["label"] for s in response.json()["suggestions"]]
    assert "เยี่ยมบ้านผู้สูงอายุติดเตียง" in labels


def test_suggest_gives_english_addresses_for_the_english_search_page(client, corpus):
    thai = client.get(reverse("search:suggest"), {"q": "ติดเต"}).json()["suggestions"]
    english = client.get(reverse("search:suggest"), {"q": "ติดเต", "lang": "en"}).json()["suggestions"]
    assert thai, "nothing suggested: the comparison below would prove nothing"
    assert [s["url"] for s in english] == ["/en" + s["url"] for s in thai]


def test_suggest_offers_focus_areas_and_provinces(client, corpus):
    labels = [s["label"] for s in client.get(reverse("search:suggest"), {"q": "สงข"}).json()["suggestions"]]
    assert "สงขลา" in labels
    kinds = {s["label"]: s["kind"] for s in client.get(reverse("search:suggest"), {"q": "ดูแล"}).json()["suggestions"]}
    assert kinds.get("ด้านการดูแลสุขภาพโดยชุมชน") == "focus_area"


def test_suggestions_are_labelled_with_what_they_are(client, corpus):
    suggestions = client.get(reverse("search:suggest"), {"q": "ดูแล"}).json()["suggestions"]
    labels = {s["label"]: s["kind_label"] for s in suggestions}
    assert labels["ด้านการดูแลสุขภาพโดยชุมชน"] == "ด้าน"
    assert labels["ธนาคารเวลาดูแลกัน"] == "กรณีศึกษา"
    english = client.get(reverse("search:suggest"), {"q": "สงข", "lang": "en"}).json()["suggestions"]
    assert {s["label"]: s["kind_label"] for s in english}["สงขลา"] == "Province"


@pytest.mark.parametrize("typed", ["ศพด", "ศพด."])
def test_an_abbreviation_typed_whole_suggests_what_it_stands_for(client, corpus, typed):
    labels = [s["label"] for s in client.get(reverse("search:suggest"), {"q": typed}).json()["suggestions"]]
    assert "ศูนย์พัฒนาเด็กเล็กต้นแบบหาดใหญ่" in labels


def test_openapi_schema_describes_both_endpoints(client):
    schema = client.get(reverse("search:openapi")).json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/search/", "/api/search/suggest/"} <= set(schema["paths"])


def test_an_unreachable_engine_falls_back_to_the_database(client, settings, centre_index):
    build_corpus(centre_index)
    settings.SEARCH_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    status, body = api(client, q="ผู้สูงอายุ")
    assert status == 200
    assert body["source"] == "fallback"
    assert body["count"] == 2
    page = client.get(reverse("search_page"), {"q": "ผู้สูงอายุ"})
    assert page.headers["Server-Timing"] == 'search;desc="fallback"'  # for operators
    assert "ระบบสำรอง" not in page.content.decode()  # not for visitors
