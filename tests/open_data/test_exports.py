"""/search/export.csv and /search/export.json: every result of a search (the same
parameters as /search/), one row per case study, stable columns, Thai that opens in a
spreadsheet (UTF-8 with a BOM); answered by the engine, or by the database fallback."""

import csv
import io
import json

import pytest

from learning_centres.models import CaseStudyPage, Province
from open_data.columns import COLUMN_NAMES
from tests.learning_centres.factories import CaseStudyPageFactory, LAOFactory, LearningCentrePageFactory

from .conftest import index_now

pytestmark = pytest.mark.django_db


def published(centre, title, **kwargs) -> CaseStudyPage:
    page = CaseStudyPageFactory(parent=centre, title=title, **kwargs)
    page.save_revision().publish()
    return page


@pytest.fixture
def corpus(centre_index):
    elderly = LearningCentrePageFactory(parent=centre_index, title="ศูนย์ผู้สูงอายุเชียงใหม่")
    khon_kaen = LAOFactory(province=Province.objects.get(code="40"))
    child = LearningCentrePageFactory(parent=centre_index, title="ศูนย์พัฒนาเด็กเล็กขอนแก่น", centre_type="child_development", lao=khon_kaen)
    for page in (elderly, child):
        page.save_revision().publish()
    return {
        "care": published(elderly, "ธนาคารเวลาดูแลผู้สูงอายุ", focus_areas=["community-health-care"], external_id="CM-1"),
        "farm": published(elderly, "แปลงผักปลอดสารของผู้สูงอายุ", focus_areas=["sustainable-agriculture"]),
        "kids": published(child, "อาหารกลางวันเด็กเล็กจากแปลงผักชุมชน", focus_areas=["sustainable-agriculture", "child-youth-learning"]),
    }


def csv_rows(response) -> tuple[bytes, list[dict]]:
    body = b"".join(response.streaming_content)
    return body, list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


@pytest.fixture(params=["fallback", "engine"])
def backend(request, corpus):
    """Each export test runs on the database fallback and on the real engine."""
    if request.param == "engine":
        engine = request.getfixturevalue("search_engine")
        index_now(engine)
    return request.param


def test_csv_is_utf8_with_bom_and_has_the_documented_columns(client, backend, corpus):
    response = client.get("/search/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body, rows = csv_rows(response)
    assert body.startswith(b"\xef\xbb\xbf")
    assert list(rows[0]) == list(COLUMN_NAMES)
    assert sorted(row["title"] for row in rows) == sorted(page.title for page in corpus.values())  # one row per case study


def test_export_takes_the_search_parameters(client, backend, corpus):
    _body, rows = csv_rows(client.get("/search/export.csv", {"area": "sustainable-agriculture", "centre_type": "child_development"}))
    assert [row["title"] for row in rows] == ["อาหารกลางวันเด็กเล็กจากแปลงผักชุมชน"]
    kids = rows[0]
    assert (kids["province_code"], kids["province"], kids["centre_type"]) == ("40", "ขอนแก่น", "child_development")
    assert kids["focus_areas"].split(";") == ["sustainable-agriculture", "child-youth-learning"]
    assert (kids["year_be"], kids["year_ce"]) == ("2566", "2023")

    _body, rows = csv_rows(client.get("/search/export.csv", {"q": "ธนาคารเวลา", "page": "1"}))
    assert [row["title"] for row in rows] == ["ธนาคารเวลาดูแลผู้สูงอายุ"]


def test_json_export_has_the_same_records(client, backend, corpus):
    response = client.get("/search/export.json", {"area": "community-health-care"})
    assert response.status_code == 200
    data = json.loads(b"".join(response.streaming_content))
    assert data["columns"] == list(COLUMN_NAMES)
    [record] = data["results"]
    assert record["external_id"] == "CM-1" and record["title"] == "ธนาคารเวลาดูแลผู้สูงอายุ"
    assert record["url"].startswith("http://") and record["page_id"] == corpus["care"].pk


def test_bad_parameters_are_a_400_with_a_message(client, db):
    for url in ("/search/export.csv", "/search/export.json"):
        response = client.get(url, {"area": "no-such-area", "sort": "sideways"})
        assert response.status_code == 400
        assert response.json()["details"] == ["area: unknown value “no-such-area”", "sort: must be one of relevance, newest, evidence"]


def test_drafts_are_never_exported(client, corpus):
    centre = corpus["care"].get_parent()
    CaseStudyPageFactory(parent=centre, title="ฉบับร่างที่ยังไม่เผยแพร่", live=False)
    _body, rows = csv_rows(client.get("/search/export.csv"))
    assert "ฉบับร่างที่ยังไม่เผยแพร่" not in {row["title"] for row in rows}


def test_large_exports_are_streamed_in_batches(client, corpus, monkeypatch):
    from open_data import exports

    monkeypatch.setattr(exports, "SEARCH_BATCH", 1)  # three search calls, one row each
    response = client.get("/search/export.csv")
    assert response.streaming
    _body, rows = csv_rows(response)
    assert len(rows) == 3


def test_the_cap_limits_the_rows(corpus):
    from open_data.exports import matching_page_ids
    from search.contract import SearchQuery

    assert len(list(matching_page_ids(SearchQuery(), limit=2))) == 2


def test_exports_are_rate_limited_per_client(client, db, monkeypatch):
    from open_data import exports
    from portal import ratelimit

    monkeypatch.setattr(exports, "EXPORT_LIMIT", ratelimit.Limit(scope="test-export", count=2, seconds=600))
    statuses = [client.get("/search/export.json").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]


def test_formulas_in_contributed_text_are_exported_as_text(client, centre_index):
    centre = LearningCentrePageFactory(parent=centre_index, title="ศูนย์ทดสอบสูตร")
    centre.save_revision().publish()
    published(centre, '=HYPERLINK("http://evil.example","คลิก")', summary="-2+3+cmd|' /C calc'!A0", budget_baht="125000")
    _body, rows = csv_rows(client.get("/search/export.csv"))
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil.example","คลิก")'
    assert rows[0]["summary"] == "'-2+3+cmd|' /C calc'!A0"
    assert rows[0]["budget_baht"] == "125000"  # a number stays a number
