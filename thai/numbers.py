"""Whole numbers as visitors type them: Arabic or Thai digits (๐–๙), nothing else.

`str.isdigit()` is true for `²` and `①`, which `int()` then refuses, and `int()` itself reads
digits of every script (Arabic-Indic, Devanagari, full-width…) and very long strings slowly.
Every number read from a public parameter goes through `parse_whole_number`, which accepts
exactly ASCII digits after Thai digits are converted, and at most `max_digits` of them.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from pythainlp.util import thai_digit_to_arabic_digit

# Far beyond any page number, year, count or id a visitor may send, and far below what int()
# needs time for.
DEFAULT_MAX_DIGITS = 9


def parse_whole_number(text: str, *, max_digits: int = DEFAULT_MAX_DIGITS) -> int | None:
    """The non-negative integer written in `text` (surrounding spaces allowed), else None."""
    if len(text) > max_digits + 64:  # spaces around a number are few; refuse before converting
        return None
    digits = thai_digit_to_arabic_digit(text).strip()
    if not digits or len(digits) > max_digits or not (digits.isascii() and digits.isdecimal()):
        return None
    return int(digits)


_MEASURE = re.compile(r"^(?:ประมาณ\s*)?(-?[0-9][0-9,]*(?:\.[0-9]+)?)\s*([^0-9]{0,30})$")


def split_measure(text: str) -> tuple[Decimal, str] | None:
    """A figure as people type it in a before/after cell ("53%", "๒๘ คน", "ประมาณ 20 นาที",
    "1,200 บาท") as (value, unit); None when it is not one plain figure ("19 จาก 19 คน",
    "ไม่มีข้อมูล"), which is left as text rather than guessed at."""
    match = _MEASURE.match(thai_digit_to_arabic_digit(text or "").strip())
    if not match:
        return None
    try:
        value = Decimal(match.group(1).replace(",", ""))
    except InvalidOperation:
        return None
    return value, match.group(2).strip()
