import pytest

from django.core.exceptions import ValidationError

from learning_centres.buddhist_era import BuddhistEraYearField, parse_year, to_buddhist_year


@pytest.mark.parametrize(
    ("typed", "ce_year"),
    [
        ("2567", 2024),
        ("๒๕๖๗", 2024),
        ("พ.ศ. 2567", 2024),
        ("พ.ศ.๒๕๖๗", 2024),
        ("2024", 2024),
        ("ค.ศ. 2024", 2024),
        (2556, 2013),
    ],
)
def test_parse_year_reads_buddhist_era_thai_digits_and_ce(typed, ce_year):
    assert parse_year(typed) == ce_year


@pytest.mark.parametrize("typed", ["", "สองพัน", "25", "2567/68", "20245"])
def test_parse_year_rejects_what_is_not_a_year(typed):
    with pytest.raises(ValueError, match="ไม่ใช่ปี"):
        parse_year(typed)


def test_to_buddhist_year():
    assert to_buddhist_year(2024) == 2567


class TestBuddhistEraYearField:
    def test_shows_stored_ce_year_as_buddhist_era(self):
        assert BuddhistEraYearField().prepare_value(2024) == 2567

    def test_cleans_to_ce(self):
        assert BuddhistEraYearField().clean("๒๕๖๖") == 2023

    def test_rejects_years_out_of_range_with_a_thai_message(self):
        with pytest.raises(ValidationError, match="ปีต้องอยู่ระหว่าง"):
            BuddhistEraYearField(min_year=1990, max_year=2100).clean("2400")


def test_years_and_dates_follow_the_readers_era():
    import datetime

    from django.utils import translation

    from learning_centres.buddhist_era import date_label, year_label
    from learning_centres.templatetags.era_tags import be_year, ce_year

    day = datetime.date(2024, 3, 5)
    with translation.override("th"):
        assert (year_label(2024), date_label(day), ce_year(2024), be_year(2567)) == ("พ.ศ. 2567", "5 มีนาคม 2567", "พ.ศ. 2567", "พ.ศ. 2567")
    with translation.override("en"):
        assert (year_label(2024), date_label(day), ce_year(2024), be_year(2567)) == ("2024", "5 March 2024", "2024", "2024")


def test_dates_spell_out_thai_months():
    import datetime

    from django.utils import translation

    from learning_centres.buddhist_era import date_label

    with translation.override("th"):
        assert date_label(datetime.date(2025, 3, 1)) == "1 มีนาคม 2568"
    with translation.override("en"):
        assert date_label(datetime.date(2024, 12, 31)) == "31 December 2024"
