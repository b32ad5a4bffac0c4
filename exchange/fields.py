"""Form fields for what Thai visitors type: Buddhist-era dates, Thai phone numbers, Thai digits."""

import datetime
import re

from pythainlp.util import thai_digit_to_arabic_digit

from django import forms
from django.core.exceptions import ValidationError

from learning_centres.buddhist_era import parse_year, to_buddhist_year

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
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2}|\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s+(\S+)\s+(?:พ\.?\s*ศ\.?\s*)?(\d{2}|\d{4})$")
DATE_INVALID = "วันที่ไม่ถูกต้อง กรุณาเลือกจากปฏิทิน หรือพิมพ์ วัน/เดือน/ปี พ.ศ. เช่น 15/3/2569"


def format_thai_date(day: datetime.date) -> str:
    """15 มีนาคม พ.ศ. 2569"""
    return f"{day.day} {THAI_MONTHS[day.month - 1]} พ.ศ. {to_buddhist_year(day.year)}"


def _month_number(word: str) -> int | None:
    word = word.strip().rstrip(".")
    for number, (full, short) in enumerate(zip(THAI_MONTHS, THAI_MONTHS_SHORT, strict=True), start=1):
        if word in (full, short.rstrip("."), short.replace(".", "")):
            return number
    return None


def _year(text: str) -> int:
    if len(text) == 2:  # "15/3/69": people write the last two digits of the Buddhist year
        return int("25" + text) - 543
    return parse_year(text)


def parse_thai_date(value: str) -> datetime.date:
    """A date from a date input (ISO, CE) or typed by hand: 15/3/2569, ๑๕/๓/๒๕๖๙, 15 มี.ค. 69,
    15 มีนาคม พ.ศ. 2569; a four-digit year from 2443 on is Buddhist era, below it CE."""
    text = " ".join(thai_digit_to_arabic_digit(value).split())
    try:
        if match := _ISO.match(text):
            year, month, day = match.groups()
            return datetime.date(parse_year(year), int(month), int(day))
        if match := _NUMERIC.match(text):
            day, month, year = match.groups()
            return datetime.date(_year(year), int(month), int(day))
        if match := _WORDS.match(text):
            day, month_word, year = match.groups()
            month = _month_number(month_word)
            if month:
                return datetime.date(_year(year), month, int(day))
    except ValueError:
        pass
    raise ValidationError(DATE_INVALID, code="invalid")


class ThaiDateInput(forms.DateInput):
    input_type = "date"

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value


class ThaiDateField(forms.Field):
    widget = ThaiDateInput

    def bound_data(self, data, initial):
        # A typed "26/12/2569" goes back to the date picker as the ISO date it understands
        # (the page repeats it in Buddhist era beside the field).
        try:
            return self.to_python(data) or data
        except ValidationError:
            return data

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        return parse_thai_date(str(value))


# Landlines have nine digits (02-xxx-xxxx in Bangkok), mobiles ten (06/08/09-xxx-xxxx).
_PHONE_EXTENSION = re.compile(r"\s*(?:ต่อ|ext\.?|x|#)\s*(\d{1,5})\s*$", re.IGNORECASE)
PHONE_INVALID = "หมายเลขโทรศัพท์ไม่ถูกต้อง เช่น 081-234-5678 หรือ 053-123-456"


def normalise_thai_phone(value: str) -> str:
    text = thai_digit_to_arabic_digit(value).strip()
    extension = ""
    if match := _PHONE_EXTENSION.search(text):
        extension, text = match.group(1), text[: match.start()]
    if re.search(r"[^\d\s\-().+]", text):
        raise ValidationError(PHONE_INVALID, code="invalid")
    digits = re.sub(r"\D", "", text)
    if text.lstrip().startswith("+") or digits.startswith("66") and len(digits) in (10, 11):
        if not digits.startswith("66"):
            raise ValidationError("รับเฉพาะหมายเลขโทรศัพท์ในประเทศไทย", code="invalid")
        digits = "0" + digits[2:]
    if len(digits) == 10 and digits[:2] in ("06", "08", "09"):
        number = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    elif len(digits) == 9 and digits.startswith("02"):
        number = f"{digits[:2]}-{digits[2:5]}-{digits[5:]}"
    elif len(digits) == 9 and digits[:2] in ("03", "04", "05", "07"):
        number = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
    else:
        raise ValidationError(PHONE_INVALID, code="invalid")
    return f"{number} ต่อ {extension}" if extension else number


class ThaiPhoneField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 40)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        return normalise_thai_phone(value) if value else value


class ThaiIntegerField(forms.IntegerField):
    """An integer typed in Arabic or Thai digits."""

    def to_python(self, value):
        if isinstance(value, str):
            value = thai_digit_to_arabic_digit(value).strip()
        return super().to_python(value)
