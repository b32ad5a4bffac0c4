"""Years and dates as Thai readers write them: one parser and one formatter for the portal."""

import datetime

import pytest

from thai.dates import (
    BUDDHIST_ERA_OFFSET,
    ENGLISH_MONTHS,
    THAI_MONTHS,
    THAI_MONTHS_SHORT,
    NotAYear,
    english_date,
    is_plausible_year,
    month_number,
    parse_date,
    parse_year,
    thai_date,
    thai_year,
    to_buddhist_year,
    to_ce_year,
)


@pytest.mark.parametrize(
    ("typed", "ce_year"),
    [
        ("2567", 2024),
        ("๒๕๖๗", 2024),
        ("พ.ศ. 2567", 2024),
        ("พ.ศ.๒๕๖๗", 2024),
        ("พศ 2567", 2024),
        ("BE 2567", 2024),
        ("2024", 2024),
        ("๒๐๒๔", 2024),
        ("ค.ศ. 2024", 2024),
        ("CE 2024", 2024),
        (" 2443 ", 1900),
        ("2442", 2442),  # below the first Buddhist year: read as CE
        (2556, 2013),
    ],
)
def test_parse_year_reads_both_eras_in_arabic_or_thai_digits(typed, ce_year):
    assert parse_year(typed) == ce_year


@pytest.mark.parametrize("typed", ["", "สองพัน", "25", "69", "2567/68", "20245", "พ.ศ."])
def test_parse_year_rejects_what_is_not_a_four_digit_year(typed):
    with pytest.raises(NotAYear, match="ไม่ใช่ปี") as raised:
        parse_year(typed)
    assert raised.value.value == typed
    assert isinstance(raised.value, ValueError)


def test_the_offset_converts_both_ways():
    assert BUDDHIST_ERA_OFFSET == 543
    assert (to_buddhist_year(2024), to_ce_year(2567)) == (2567, 2024)


@pytest.mark.parametrize(("ce_year", "plausible"), [(1899, False), (1900, True), (2024, True), (2100, True), (2101, False)])
def test_plausible_years_run_from_1900_to_2100(ce_year, plausible):
    assert is_plausible_year(ce_year) is plausible


@pytest.mark.parametrize(
    "typed",
    [
        "2026-03-15",
        "15/3/2569",
        "๑๕/๓/๒๕๖๙",
        "15-03-2569",
        "15.3.69",
        "15 มีนาคม 2569",
        "15 มี.ค. 69",
        "15 มีค 2569",
        "15 มีนาคม พ.ศ. 2569",
        "15/3/2026",
    ],
)
def test_parse_date_reads_numbers_month_names_and_two_digit_buddhist_years(typed):
    assert parse_date(typed) == datetime.date(2026, 3, 15)


@pytest.mark.parametrize("typed", ["", "32/1/2569", "29/2/2569", "15 มีนา 2569", "15/13/2569", "tomorrow"])
def test_parse_date_refuses_impossible_dates(typed):
    with pytest.raises(ValueError):
        parse_date(typed)


def test_one_month_table_full_and_abbreviated():
    assert len(THAI_MONTHS) == len(THAI_MONTHS_SHORT) == len(ENGLISH_MONTHS) == 12
    assert [month_number(name) for name in THAI_MONTHS] == list(range(1, 13))
    assert [month_number(short) for short in THAI_MONTHS_SHORT] == list(range(1, 13))
    assert month_number("ธค") == 12
    assert month_number("December") is None


def test_years_and_dates_are_written_in_thai_with_the_buddhist_era():
    assert thai_year(2024) == "พ.ศ. 2567"
    assert thai_date(datetime.date(2026, 3, 15)) == "15 มีนาคม พ.ศ. 2569"
    assert thai_date(datetime.date(2025, 12, 1)) == "1 ธันวาคม พ.ศ. 2568"


def test_dates_are_written_in_english_with_the_common_era():
    assert english_date(datetime.date(2024, 12, 31)) == "31 December 2024"
    assert english_date(datetime.date(2025, 3, 1)) == "1 March 2025"


def test_a_formatted_thai_date_parses_back_to_itself():
    day = datetime.date(2027, 2, 28)
    assert parse_date(thai_date(day)) == day
