"""What Thai visitors type: Buddhist-era dates and Thai phone numbers."""

import datetime

import pytest

from django.core.exceptions import ValidationError

from exchange.fields import DATE_INVALID, normalise_thai_phone, parse_thai_date


@pytest.mark.parametrize(
    "typed",
    ["2026-03-15", "15/3/2569", "๑๕/๓/๒๕๖๙", "15-03-2569", "15.3.69", "15 มีนาคม 2569", "15 มี.ค. 69", "15 มีนาคม พ.ศ. 2569", "15/3/2026"],
)
def test_dates_are_read_in_buddhist_era_or_ce(typed):
    assert parse_thai_date(typed) == datetime.date(2026, 3, 15)


@pytest.mark.parametrize("typed", ["", "32/1/2569", "29/2/2569", "15 มีนา 2569x", "tomorrow", "15/13/2569"])
def test_impossible_dates_are_refused_with_what_to_type(typed):
    with pytest.raises(ValidationError) as raised:
        parse_thai_date(typed)
    assert raised.value.messages == [DATE_INVALID]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812345678", "081-234-5678"),
        ("๐๘๑ ๒๓๔ ๕๖๗๘", "081-234-5678"),
        ("+66 81 234 5678", "081-234-5678"),
        ("02-123-4567", "02-123-4567"),
        ("053 123 456 ต่อ 12", "053-123-456 ต่อ 12"),
        ("(053) 123-456", "053-123-456"),
    ],
)
def test_thai_phone_numbers_are_normalised(typed, stored):
    assert normalise_thai_phone(typed) == stored


@pytest.mark.parametrize("typed", ["081234567", "01-234-5678", "1234567890", "08123456789", "+1 415 555 0100", "โทร 081"])
def test_other_phone_numbers_are_refused(typed):
    with pytest.raises(ValidationError):
        normalise_thai_phone(typed)
