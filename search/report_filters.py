"""The search reports' date range, typed the Thai way (day / month / พ.ศ., Thai digits too)."""

from __future__ import annotations

import datetime

import django_filters

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from thai.dates import parse_date, thai_numeric_date

from .models import SearchQueryDay

# The same message (and msgid) as the visit form's date fields (exchange.fields).
DATE_INVALID = _("วันที่ไม่ถูกต้อง กรุณาพิมพ์ วัน/เดือน/ปี พ.ศ. เช่น 15/3/2569")


class ThaiDateInput(forms.TextInput):
    def __init__(self, attrs=None):
        super().__init__({"inputmode": "numeric", "autocomplete": "off", "placeholder": "วว/ดด/ปปปป", **(attrs or {})})

    def format_value(self, value):
        return thai_numeric_date(value) if isinstance(value, datetime.date) else value


class ThaiDateFormField(forms.Field):
    widget = ThaiDateInput

    def to_python(self, value):
        if value in self.empty_values or not str(value).strip():
            return None
        try:
            return parse_date(str(value))
        except ValueError:
            raise ValidationError(DATE_INVALID, code="invalid") from None


class ThaiDateFilter(django_filters.Filter):
    field_class = ThaiDateFormField


class DateRangeForm(forms.Form):
    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise ValidationError(_("วันเริ่มต้นต้องไม่อยู่หลังวันสิ้นสุด"), code="order")
        return data


class QueryReportFilterSet(django_filters.FilterSet):
    """Only renders and validates the range: the reports apply it before summing the
    counters (search.wagtail_hooks), which a filter on the summed rows could not do."""

    since = ThaiDateFilter(label=_("ตั้งแต่วันที่"), method="keep")
    until = ThaiDateFilter(label=_("ถึงวันที่"), method="keep")

    class Meta:
        model = SearchQueryDay
        fields: list[str] = []
        form = DateRangeForm

    def keep(self, queryset, name, value):
        return queryset
