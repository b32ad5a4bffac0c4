"""Years as Thai readers write them: Buddhist era (พ.ศ. = CE + 543), often in Thai digits.

The database stores CE years; editors and importers type Buddhist-era years.
"""

import datetime
import re

from pythainlp.util import thai_digit_to_arabic_digit, thai_strftime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import get_language, gettext, gettext_lazy

BUDDHIST_ERA_OFFSET = 543
# A year below this is read as CE: no case study predates 2443 BE (1900 CE).
FIRST_BUDDHIST_YEAR = 2443
_YEAR_PATTERN = re.compile(r"^(?:พ\s*\.?\s*ศ\s*\.?|ค\s*\.?\s*ศ\s*\.?|BE|CE|AD)?\s*(\d{4})$", re.IGNORECASE)


def to_buddhist_year(ce_year: int) -> int:
    return ce_year + BUDDHIST_ERA_OFFSET


def _thai() -> bool:
    return not (get_language() or "th").startswith("en")


def year_label(ce_year: int | None) -> str:
    """A year as the reader counts: "พ.ศ. 2567" in Thai, "2024" in English."""
    if ce_year is None:
        return ""
    return f"พ.ศ. {to_buddhist_year(ce_year)}" if _thai() else str(ce_year)


def date_label(date: datetime.date | None) -> str:
    """A date as the reader writes it: "1 มีนาคม 2568" (Buddhist era) in Thai, "1 March 2025"
    in English."""
    if date is None:
        return ""
    if _thai():
        return thai_strftime(datetime.datetime(date.year, date.month, date.day), "%-d %B %Y")
    return formats.date_format(date, "j F Y")


def parse_year(value: str | int) -> int:
    """Return the CE year for '2567', '๒๕๖๗', 'พ.ศ. 2567', '2024' or 'ค.ศ. 2024'.

    Raises ValueError with a Thai message when the value is not a year.
    """
    text = thai_digit_to_arabic_digit(str(value)).strip()
    match = _YEAR_PATTERN.match(text)
    if not match:
        raise ValueError(gettext("“%(value)s” ไม่ใช่ปี (ตัวอย่าง: 2567 หรือ ๒๕๖๗)") % {"value": value})
    year = int(match.group(1))
    is_ce = text[:1] in "คCcAa" or year < FIRST_BUDDHIST_YEAR
    return year if is_ce else year - BUDDHIST_ERA_OFFSET


class BuddhistEraYearField(forms.CharField):
    """A form field that shows and accepts Buddhist-era years and yields CE years."""

    def __init__(self, *, min_year: int = 1900, max_year: int = 2100, **kwargs):
        self.min_year, self.max_year = min_year, max_year
        kwargs.setdefault("help_text", gettext_lazy("ปี พ.ศ. เช่น 2567 (รับเลขไทยได้)"))
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "numeric", "size": 6}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            return to_buddhist_year(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        try:
            year = parse_year(value)
        except ValueError as error:
            raise ValidationError(str(error), code="invalid") from error
        if not self.min_year <= year <= self.max_year:
            raise ValidationError(
                gettext("ปีต้องอยู่ระหว่าง พ.ศ. %(first)s–%(last)s")
                % {"first": to_buddhist_year(self.min_year), "last": to_buddhist_year(self.max_year)},
                code="out_of_range",
            )
        return year
