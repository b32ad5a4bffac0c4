"""Indicators, dated readings and follow-ups in the API, the exports and imports (JSON lists)."""

import datetime
import json

import pytest

from learning_centres.models import CaseStudyFollowUp, CaseStudyIndicator, CaseStudyPage, IndicatorReading
from open_data.importing.case_studies import import_case_studies
from open_data.records import records
from tests.learning_centres.factories import CaseStudyPageFactory, LearningCentrePageFactory

from .conftest import case_row, write_csv, write_jsonl

pytestmark = pytest.mark.django_db
READINGS = [
    {"indicator": "ผู้สูงอายุที่ได้รับการเยี่ยม", "date": "2567-01-15", "value": "๑๒", "unit": "คน", "source": "แบบสำรวจ"},
    {"indicator": "ผู้สูงอายุที่ได้รับการเยี่ยม", "date": "2025-01-15", "value": "40", "unit": "คน"},
]


@pytest.fixture
def measured(centre_index, home_page):
    centre = LearningCentrePageFactory(parent=centre_index)
    case = CaseStudyPageFactory(parent=centre, title="เยี่ยมบ้าน")
    case.indicators = [CaseStudyIndicator(label="ผู้สูงอายุที่ได้รับการเยี่ยม", baseline="12 คน", result="40 คน")]
    case.readings = [IndicatorReading(indicator="ผู้สูงอายุที่ได้รับการเยี่ยม", date=datetime.date(2024, 1, 15), value=12, unit="คน")]
    case.follow_ups = [CaseStudyFollowUp(date=datetime.date(2025, 6, 1), title="ยังดำเนินการ", text="เพิ่มอาสาสมัคร")]
    for page in (centre, case):
        page.save_revision().publish()
    return case


def test_the_api_has_the_readings(client, measured):
    data = client.get(f"/api/v2/pages/{measured.pk}/").json()
    assert data["readings"] == [{"indicator": "ผู้สูงอายุที่ได้รับการเยี่ยม", "date": "2024-01-15", "value": "12.00", "unit": "คน", "source": ""}]
    assert data["follow_ups"][0]["title"] == "ยังดำเนินการ"


def test_an_export_carries_indicators_readings_and_follow_ups_as_json(measured):
    [record] = records([measured.pk])
    assert json.loads(record["readings"])[0] == {
        "indicator": "ผู้สูงอายุที่ได้รับการเยี่ยม", "date": "2024-01-15", "value": "12.00", "unit": "คน", "source": ""
    }  # fmt: skip
    assert json.loads(record["indicators"])[0]["result"] == "40 คน"
    assert json.loads(record["follow_ups"])[0]["date"] == "2025-06-01"


def test_a_csv_import_reads_buddhist_era_dates_and_thai_digits(centre_index, tmp_path):
    row = case_row(
        indicators=json.dumps([{"label": "ผู้สูงอายุที่ได้รับการเยี่ยม", "baseline": "12 คน", "result": "40 คน"}], ensure_ascii=False),
        readings=json.dumps(READINGS, ensure_ascii=False),
        follow_ups=json.dumps([{"date": "1/6/2568", "title": "ติดตาม", "text": "ยังดำเนินการ"}], ensure_ascii=False),
    )
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [row]), publish=True)
    assert report.ok, str(report)
    page = CaseStudyPage.objects.get(external_id="KK-001")
    assert [(r.date, r.value, r.source) for r in page.readings.order_by("date")] == [
        (datetime.date(2024, 1, 15), 12, "แบบสำรวจ"),
        (datetime.date(2025, 1, 15), 40, ""),
    ]
    assert page.follow_ups.get().date == datetime.date(2025, 6, 1)
    assert page.indicators.get().label == "ผู้สูงอายุที่ได้รับการเยี่ยม"


def test_a_json_lines_import_takes_the_lists_themselves(centre_index, tmp_path):
    report = import_case_studies(write_jsonl(tmp_path / "cases.jsonl", [case_row(readings=READINGS)]), publish=True)
    assert report.ok, str(report)
    assert CaseStudyPage.objects.get(external_id="KK-001").readings.count() == 2


@pytest.mark.parametrize(
    "readings",
    ["not json", json.dumps({"a": 1}), json.dumps([{"indicator": "ก", "date": "ไม่ใช่วันที่", "value": "1"}]),
     json.dumps([{"indicator": "ก", "date": "2024-01-01", "value": "มาก"}]), json.dumps([{"date": "2024-01-01", "value": "1"}])],
)  # fmt: skip
def test_bad_readings_are_refused_and_nothing_is_written(centre_index, tmp_path, readings):
    report = import_case_studies(write_csv(tmp_path / "cases.csv", [case_row(readings=readings)]), publish=True)
    assert not report.ok
    assert {error.column for error in report.errors} == {"readings"}
    assert not CaseStudyPage.objects.exists()
