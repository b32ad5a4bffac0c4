"""Form fields for what Thai visitors type: Buddhist-era dates, Thai phone numbers, Thai digits."""

import datetime
import re

from pythainlp.util import thai_digit_to_arabic_digit

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thai.dates import parse_date, thai_numeric_date

DATE_INVALID = _("วันที่ไม่ถูกต้อง กรุณาพิมพ์ วัน/เดือน/ปี พ.ศ. เช่น 15/3/2569")


def parse_thai_date(value: str) -> datetime.date:
    """A date as thai.dates.parse_date reads it, or the form's message naming what to type."""
    try:
        return parse_date(value)
    except ValueError:
        raise ValidationError(DATE_INVALID, code="invalid") from None


class ThaiDateInput(forms.TextInput):
    """Day / month / Buddhist year typed as text, not the browser's date control: that one is
    Gregorian and, in some locales, month first, so what people typed was saved as another day.
    A saved date comes back as 15/3/2569; a typed one exactly as it was typed."""

    def __init__(self, attrs=None):
        # A phone's number pad (no slash) still works: 15032569 is read as day, month, year.
        defaults = {"inputmode": "numeric", "autocomplete": "off", "placeholder": "วว/ดด/ปปปป", "class": "thai-date"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return thai_numeric_date(value)
        return value


class ThaiDateField(forms.Field):
    widget = ThaiDateInput

    def to_python(self, value):
        if isinstance(value, datetime.date):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        return parse_thai_date(str(value))


# Landlines have nine digits (02-xxx-xxxx in Bangkok), mobiles ten (06/08/09-xxx-xxxx).
_PHONE_EXTENSION = re.compile(r"\s*(?:ต่อ|ext\.?|x|#)\s*(\d{1,5})\s*$", re.IGNORECASE)
PHONE_INVALID = _("หมายเลขโทรศัพท์ไม่ถูกต้อง เช่น 081-234-5678 หรือ 053-123-456")


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
            raise ValidationError(_("รับเฉพาะหมายเลขโทรศัพท์ในประเทศไทย"), code="invalid")
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
