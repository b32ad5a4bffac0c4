"""Years and dates as Thai readers write them: Buddhist era (พ.ศ. = CE + 543), often in Thai
digits, months by their Thai names.

The database stores CE years; editors, importers and visitors type Buddhist-era years. Every
parser and formatter of years and dates in the portal is here, so a year typed one way is
read the same way in a form, a spreadsheet, a search filter and a visit request.
"""

from __future__ import annotations

import datetime
import re

from pythainlp.util import thai_digit_to_arabic_digit

BUDDHIST_ERA_OFFSET = 543
# The plausible years of a case study, a centre or a visit. A four-digit year below the
# first Buddhist one is read as CE: nothing predates 2443 BE (1900 CE).
FIRST_YEAR, LAST_YEAR = 1900, 2100
FIRST_BUDDHIST_YEAR = FIRST_YEAR + BUDDHIST_ERA_OFFSET

THAI_MONTHS = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

_YEAR = re.compile(r"^(?:พ\s*\.?\s*ศ\s*\.?|ค\s*\.?\s*ศ\s*\.?|BE|CE|AD)?\s*(\d{4})$", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s+(\S+)\s+(?:พ\.?\s*ศ\.?\s*)?(\d{2}|\d{4})$")
# 15032569: a phone's number pad has no slash, so eight digits are day, month, year.
_COMPACT = re.compile(r"^(\d{2})(\d{2})(\d{4})$")
THAI_WEEKDAYS = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")  # Monday first, as date.weekday()
ENGLISH_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class NotAYear(ValueError):
    """The text is not a year; `value` is what was typed (callers word the message)."""

    def __init__(self, value: object) -> None:
        self.value = value
        super().__init__(f"“{value}” ไม่ใช่ปี (ตัวอย่าง: 2567 หรือ ๒๕๖๗)")


def to_buddhist_year(ce_year: int) -> int:
    return ce_year + BUDDHIST_ERA_OFFSET


def to_ce_year(buddhist_year: int) -> int:
    return buddhist_year - BUDDHIST_ERA_OFFSET


def parse_year(value: str | int) -> int:
    """The CE year for '2567', '๒๕๖๗', 'พ.ศ. 2567', '2024' or 'ค.ศ. 2024'.

    A four-digit year from 2443 on is Buddhist era unless marked CE; raises NotAYear (a
    ValueError) when the value is not a four-digit year."""
    text = thai_digit_to_arabic_digit(str(value)).strip()
    match = _YEAR.match(text)
    if not match:
        raise NotAYear(value)
    year = int(match.group(1))
    is_ce = text[:1] in "คCcAa" or year < FIRST_BUDDHIST_YEAR
    return year if is_ce else to_ce_year(year)


def is_plausible_year(ce_year: int) -> bool:
    return FIRST_YEAR <= ce_year <= LAST_YEAR


def _date_year(text: str) -> int:
    if len(text) == 2:  # "15/3/69": people write the last two digits of the Buddhist year
        return to_ce_year(int("25" + text))
    return parse_year(text)


def month_number(word: str) -> int | None:
    """มีนาคม, มี.ค. or มีค → 3 (None: not a Thai month)."""
    word = word.strip().rstrip(".")
    for number, (full, short) in enumerate(zip(THAI_MONTHS, THAI_MONTHS_SHORT, strict=True), start=1):
        if word in (full, short.rstrip("."), short.replace(".", "")):
            return number
    return None


def parse_date(value: str) -> datetime.date:
    """A date from a date input (ISO, CE) or typed by hand: 15/3/2569, ๑๕/๓/๒๕๖๙, 15032569,
    15 มี.ค. 69, 15 มีนาคม พ.ศ. 2569; years are read as parse_year reads them. Raises ValueError."""
    text = " ".join(thai_digit_to_arabic_digit(value).split())
    if match := _ISO.match(text):
        year, month, day = match.groups()
        return datetime.date(parse_year(year), int(month), int(day))
    if match := _NUMERIC.match(text) or _COMPACT.match(text):
        day, month, year = match.groups()
        return datetime.date(_date_year(year), int(month), int(day))
    if (match := _WORDS.match(text)) and (month := month_number(match.group(2))):
        return datetime.date(_date_year(match.group(3)), month, int(match.group(1)))
    raise ValueError(f"not a date: {value!r}")


def thai_year(ce_year: int) -> str:
    """2024 → "พ.ศ. 2567"."""
    return f"พ.ศ. {to_buddhist_year(ce_year)}"


def thai_date(day: datetime.date) -> str:
    """2026-03-15 → "15 มีนาคม พ.ศ. 2569"."""
    return f"{day.day} {THAI_MONTHS[day.month - 1]} {thai_year(day.year)}"


def thai_numeric_date(day: datetime.date) -> str:
    """2026-03-15 → "15/3/2569": how a Thai form shows a date back to the person who typed it."""
    return f"{day.day}/{day.month}/{to_buddhist_year(day.year)}"


def thai_date_in_full(day: datetime.date) -> str:
    """2026-03-15 → "วันอาทิตย์ที่ 15 มีนาคม พ.ศ. 2569": with the weekday, so a slip shows."""
    return f"วัน{THAI_WEEKDAYS[day.weekday()]}ที่ {thai_date(day)}"


def english_date_in_full(day: datetime.date) -> str:
    """2026-03-15 → "Sunday 15 March 2026"."""
    return f"{ENGLISH_WEEKDAYS[day.weekday()]} {english_date(day)}"


def english_date(day: datetime.date) -> str:
    """2026-03-15 → "15 March 2026"."""
    return f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"
