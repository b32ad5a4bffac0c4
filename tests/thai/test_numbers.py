"""Whole numbers from public parameters: Arabic or Thai digits only, and not too many."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thai.numbers import parse_whole_number


@pytest.mark.parametrize(("typed", "number"), [("2", 2), ("๒", 2), ("๑๐", 10), (" 15 ", 15), ("0", 0), ("๐๐๗", 7)])
def test_arabic_and_thai_digits_are_read(typed, number):
    assert parse_whole_number(typed) == number


@pytest.mark.parametrize("typed", ["²", "①", "١٢", "１２", "-1", "+1", "1.5", "1e3", "", " ", "๒ ๓", "9" * 10, "9" * 5000])
def test_anything_else_is_not_a_number(typed):
    # isdigit() is true for "²" and "①", and int() then fails; int() also reads other scripts.
    assert parse_whole_number(typed) is None


def test_the_number_of_digits_is_capped():
    assert parse_whole_number("123", max_digits=3) == 123
    assert parse_whole_number("1234", max_digits=3) is None


@given(st.text())
def test_never_raises(text):
    number = parse_whole_number(text)
    assert number is None or 0 <= number < 10**9
