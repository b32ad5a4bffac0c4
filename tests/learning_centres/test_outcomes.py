"""Outcomes over time: dated readings per indicator, drawn as an SVG chart with the same
figures in a table and the latest change, and the before/after pairs they migrated from."""

import datetime
from decimal import Decimal

import pytest

from learning_centres.charts import outcome_series
from learning_centres.models import CaseStudyIndicator, IndicatorReading
from tests.learning_centres.factories import CaseStudyPageFactory, LearningCentrePageFactory
from thai.numbers import split_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(centre_index):
    centre = LearningCentrePageFactory(parent=centre_index)
    centre.save_revision().publish()
    page = CaseStudyPageFactory(parent=centre, title="เยี่ยมบ้าน")
    page.indicators = [CaseStudyIndicator(label="ผู้สูงอายุติดเตียงที่ได้รับการเยี่ยม", baseline="12 คน", result="40 คน")]
    page.readings = [
        IndicatorReading(indicator="ผู้สูงอายุติดเตียงที่ได้รับการเยี่ยม", date=datetime.date(2023, 1, 15), value=12, unit="คน", source="แบบสำรวจ"),
        IndicatorReading(indicator="ผู้สูงอายุติดเตียงที่ได้รับการเยี่ยม", date=datetime.date(2024, 1, 15), value=40, unit="คน"),
        IndicatorReading(indicator="ผู้สูงอายุติดเตียงที่ได้รับการเยี่ยม", date=datetime.date(2023, 7, 15), value=25, unit="คน"),
    ]
    page.save_revision().publish()
    return page


def test_the_case_page_draws_each_indicator_with_its_table_and_latest_change(client, case):
    html = client.get(case.url).content.decode()
    assert '<svg class="outcome-svg"' in html and "<polyline" in html and html.count('class="dot"') == 3
    # The same three readings as a table, oldest first, with Buddhist-era dates.
    table = html[html.index('<table class="readings">') :]
    assert table.index("15 มกราคม พ.ศ. 2566") < table.index("15 กรกฎาคม พ.ศ. 2566") < table.index("15 มกราคม พ.ศ. 2567")
    assert "แบบสำรวจ" in table
    assert "ล่าสุด 40 คน" in html and "เพิ่มขึ้น 15 คน จากครั้งก่อน" in html


def test_chart_points_run_left_to_right_and_higher_values_sit_higher():
    indicator = CaseStudyIndicator(label="ก")
    readings = [
        IndicatorReading(indicator="ก", date=datetime.date(2024, 1, 1), value=Decimal(5)),
        IndicatorReading(indicator="ก", date=datetime.date(2022, 1, 1), value=Decimal(10)),
        IndicatorReading(indicator="อื่น", date=datetime.date(2022, 1, 1), value=Decimal(1)),
    ]
    [series] = outcome_series([indicator], readings)
    first, last = series.points
    assert first.x < last.x and first.y < last.y  # SVG y grows downwards: 10 is drawn above 5
    assert (series.direction, series.change_size) == ("down", Decimal(5))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("53%", (Decimal(53), "%")),
        ("๒๘ คน", (Decimal(28), "คน")),
        ("ประมาณ 1,200 บาท", (Decimal(1200), "บาท")),
        ("19 จาก 19 คน", None),
        ("ไม่มีข้อมูล", None),
    ],
)
def test_only_plain_figures_become_readings(text, expected):
    assert split_measure(text) == expected


def test_the_migration_turns_before_after_pairs_into_readings_and_keeps_the_pairs(case):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("learning_centres.migrations.0007_evidence_levels_and_outcome_readings")
    IndicatorReading.objects.all().delete()
    migration.readings_from_before_after(apps, None)
    case.refresh_from_db()
    readings = list(IndicatorReading.objects.filter(page=case).order_by("date"))
    assert [(r.date, r.value, r.unit) for r in readings] == [
        (datetime.date(case.year, 1, 1), 12, "คน"),
        (case.first_published_at.date(), 40, "คน"),
    ]
    indicator = case.indicators.get()
    assert (indicator.baseline, indicator.result) == ("12 คน", "40 คน")
