"""The editors' Buddhist-era year field and the page forms' year messages."""

import datetime

import pytest

from django.core.exceptions import ValidationError
from django.utils import translation

from learning_centres.forms import BuddhistEraYearField
from learning_centres.templatetags.era_tags import be_year, ce_year, era_date, year_label


class TestBuddhistEraYearField:
    def test_shows_stored_ce_year_as_buddhist_era(self):
        assert BuddhistEraYearField().prepare_value(2024) == 2567

    def test_cleans_thai_digits_to_ce(self):
        assert BuddhistEraYearField().clean("๒๕๖๖") == 2023

    def test_rejects_what_is_not_a_year_with_a_thai_message(self):
        with translation.override("th"), pytest.raises(ValidationError, match="ไม่ใช่ปี"):
            BuddhistEraYearField().clean("สองพัน")

    def test_the_message_follows_the_language(self):
        with translation.override("en"), pytest.raises(ValidationError, match="is not a year"):
            BuddhistEraYearField().clean("สองพัน")

    def test_rejects_years_out_of_range_with_a_thai_message(self):
        with translation.override("th"), pytest.raises(ValidationError, match="ปีต้องอยู่ระหว่าง พ.ศ. 2533–2643"):
            BuddhistEraYearField(min_year=1990, max_year=2100).clean("2400")


def test_years_and_dates_follow_the_readers_era():
    day = datetime.date(2024, 3, 5)
    with translation.override("th"):
        assert (year_label(2024), era_date(day), ce_year(2024), be_year(2567)) == (
            "พ.ศ. 2567",
            "5 มีนาคม พ.ศ. 2567",
            "พ.ศ. 2567",
            "พ.ศ. 2567",
        )
    with translation.override("en"):
        assert (year_label(2024), era_date(day), ce_year(2024), be_year(2567)) == ("2024", "5 March 2024", "2024", "2024")
