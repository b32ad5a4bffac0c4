from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from thai.dates import FIRST_YEAR, LAST_YEAR, NotAYear, parse_year, to_buddhist_year

from .profile_fields import CHILD_FIELDS, ELDERLY_FIELDS, WEEKDAYS


def not_a_year_message(error: NotAYear) -> str:
    """The reader's-language message for a value that is not a year (forms and importer)."""
    return gettext("“%(value)s” ไม่ใช่ปี (ตัวอย่าง: 2567 หรือ ๒๕๖๗)") % {"value": error.value}


def year_range_message(first: int = FIRST_YEAR, last: int = LAST_YEAR) -> str:
    return gettext("ปีต้องอยู่ระหว่าง พ.ศ. %(first)s–%(last)s") % {"first": to_buddhist_year(first), "last": to_buddhist_year(last)}


class BuddhistEraYearField(forms.CharField):
    """A form field that shows and accepts Buddhist-era years and yields CE years."""

    def __init__(self, *, min_year: int = FIRST_YEAR, max_year: int = LAST_YEAR, **kwargs):
        self.min_year, self.max_year = min_year, max_year
        kwargs.setdefault("help_text", _("ปี พ.ศ. เช่น 2567 (รับเลขไทยได้)"))
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
        except NotAYear as error:
            raise ValidationError(not_a_year_message(error), code="invalid") from error
        if not self.min_year <= year <= self.max_year:
            raise ValidationError(year_range_message(self.min_year, self.max_year), code="out_of_range")
        return year


class CaseStudyPageForm(WagtailAdminPageForm):
    year = BuddhistEraYearField(label=_("ปีที่เริ่มดำเนินการ (พ.ศ.)"))

    def clean(self):
        cleaned = super().clean()
        # A reading must name one of this case's indicators, as typed in the indicators panel.
        indicators, readings = self.formsets.get("indicators"), self.formsets.get("readings")
        if indicators is None or readings is None or not (indicators.is_valid() and readings.is_valid()):
            return cleaned  # the formsets' own errors are shown first
        labels = {
            form.cleaned_data.get("label", "").strip()
            for form in indicators.forms
            if getattr(form, "cleaned_data", None) and not form.cleaned_data.get("DELETE")
        }
        for form in readings.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if data and not data.get("DELETE") and data.get("indicator", "").strip() not in labels:
                message = _("ไม่มีตัวชี้วัดชื่อนี้ในกรณีศึกษา กรุณาพิมพ์ให้ตรงกับชื่อในรายการตัวชี้วัด")
                form.add_error("indicator", message)
                self.add_error(None, message)
        return cleaned


class LearningCentrePageForm(WagtailAdminPageForm):
    year_established = BuddhistEraYearField(label=_("ปีที่ก่อตั้ง (พ.ศ.)"), required=False)
    opening_days = forms.MultipleChoiceField(
        label=_("วันเปิดทำการ"), choices=[(value, th) for value, th, _en in WEEKDAYS], required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:  # the model keeps "1,2,3"; the checkboxes want a list
            self.initial["opening_days"] = [day for day in (self.instance.opening_days or "").split(",") if day]

    def clean_opening_days(self) -> str:
        return ",".join(sorted(self.cleaned_data.get("opening_days") or []))

    def clean(self):
        cleaned = super().clean()
        centre_type = cleaned.get("centre_type")
        others = CHILD_FIELDS if centre_type == "elderly_care" else ELDERLY_FIELDS if centre_type == "child_development" else ()
        for name in others:
            if cleaned.get(name) not in (None, ""):
                self.add_error(name, _("ข้อมูลนี้ใช้กับศูนย์อีกประเภทหนึ่ง กรุณาเว้นว่าง"))
        age_from, age_to = cleaned.get("children_age_from"), cleaned.get("children_age_to")
        if age_from is not None and age_to is not None and age_to < age_from:
            self.add_error("children_age_to", _("อายุสูงสุดต้องไม่น้อยกว่าอายุต่ำสุด"))
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("longitude", _("กรุณากรอกทั้งละติจูดและลองจิจูด หรือเว้นว่างทั้งคู่"))
        province, district = cleaned.get("province"), cleaned.get("district")
        if province and district and district.province_id != province.pk:
            self.add_error("district", _("อำเภอที่เลือกไม่อยู่ในจังหวัดนี้"))
        return cleaned
