"""Public forms (visit request, contact, feedback) and the centre's status-change form.
Every error message names what to fix; Thai source strings, English under /en/."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from learning_centres.models import CaseStudyPage, FocusArea, LocalAdministrativeOrganisation
from thai.names import expand_lao_abbreviation

from .fields import ThaiDateField, ThaiIntegerField, ThaiPhoneField
from .models import MAX_GROUP_SIZE, TRANSITIONS, VisitPolicy, VisitRequest, VisitStatus
from .rules import calendar_problem, group_size_problem, policy_for, requested_date_problem

_WITH_PROVINCE = re.compile(r"^(.*?)\s*\((?:จ\.|จังหวัด)?\s*(.+?)\)$")


def lao_option_label(lao: LocalAdministrativeOrganisation) -> str:
    """How an LAO appears in the organisation suggestions, and is read back."""
    return f"{lao.name_th} (จ.{lao.province.name_th})"


def find_laos(text: str):
    """LAOs whose Thai name is `text` (abbreviations expanded, "(จ.จังหวัด)" narrowing)."""
    text = " ".join(text.split())
    province = None
    if match := _WITH_PROVINCE.match(text):
        text, province = match.groups()
    text = expand_lao_abbreviation(text)
    laos = LocalAdministrativeOrganisation.objects.filter(name_th=text).select_related("province")
    if province:
        laos = laos.filter(province__name_th=province.strip())
    return laos


def required(message: str) -> dict:
    return {"required": message}


class HoneypotMixin(forms.Form):
    # Hidden from people by CSS and from assistive technology; bots fill every field.
    website = forms.CharField(required=False, label=_("เว็บไซต์ (เว้นว่างไว้)"))

    def is_spam(self) -> bool:
        return bool(self.data.get("website"))


class VisitRequestForm(HoneypotMixin):
    organisation = forms.CharField(
        label=_("หน่วยงาน / อปท. ที่ขอศึกษาดูงาน"),
        max_length=255,
        error_messages=required(_("กรุณากรอกชื่อหน่วยงาน")),
        help_text=_("พิมพ์ชื่อ อปท. เช่น อบต.แม่แฝก หรือชื่อหน่วยงานอื่น"),
        widget=forms.TextInput(attrs={"list": "lao-options", "autocomplete": "organization"}),
    )
    lao = forms.ModelChoiceField(
        label=_("เลือก อปท. ที่ตรงกัน"),
        queryset=LocalAdministrativeOrganisation.objects.all(),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("กรุณาเลือก อปท. จากรายการ")},
    )
    contact_name = forms.CharField(label=_("ชื่อผู้ประสานงาน"), max_length=200, error_messages=required(_("กรุณากรอกชื่อผู้ประสานงาน")))
    email = forms.EmailField(
        label=_("อีเมล"),
        max_length=254,
        error_messages={**required(_("กรุณากรอกอีเมล")), "invalid": _("รูปแบบอีเมลไม่ถูกต้อง เช่น name@example.go.th")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = ThaiPhoneField(label=_("โทรศัพท์"), error_messages=required(_("กรุณากรอกหมายเลขโทรศัพท์")), help_text=_("เช่น 081-234-5678"))
    group_size = ThaiIntegerField(
        label=_("จำนวนผู้ศึกษาดูงาน (คน)"),
        min_value=1,
        max_value=MAX_GROUP_SIZE,
        error_messages={
            **required(_("กรุณากรอกจำนวนผู้ศึกษาดูงาน")),
            "invalid": _("กรุณากรอกจำนวนคนเป็นตัวเลข"),
            "min_value": _("จำนวนผู้ศึกษาดูงานต้องมีอย่างน้อย 1 คน"),
            "max_value": _("จำนวนผู้ศึกษาดูงานต้องไม่เกิน %(limit_value)s คน"),
        },
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    preferred_date = ThaiDateField(
        label=_("วันที่ต้องการศึกษาดูงาน"),
        error_messages=required(_("กรุณากรอกวันที่ต้องการศึกษาดูงาน")),
        help_text=_("วัน/เดือน/ปี พ.ศ. เช่น 15/3/2569 หรือ 15032569"),
    )
    alternative_date = ThaiDateField(label=_("วันที่สำรอง (ถ้ามี)"), required=False)
    purpose = forms.CharField(
        label=_("วัตถุประสงค์ของการศึกษาดูงาน"),
        min_length=10,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            **required(_("กรุณากรอกวัตถุประสงค์")),
            "min_length": _("กรุณาอธิบายวัตถุประสงค์อย่างน้อย 10 ตัวอักษร"),
            "max_length": _("วัตถุประสงค์ยาวเกิน 2,000 ตัวอักษร"),
        },
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("ประเด็นที่สนใจ (8 ด้านพื้นฐาน)"),
        queryset=FocusArea.objects.originals(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("กรุณาเลือกประเด็นจากรายการ"), "invalid_pk_value": _("กรุณาเลือกประเด็นจากรายการ")},
    )
    consent = forms.BooleanField(
        label=_("ข้าพเจ้ายินยอมให้ศูนย์และผู้ดูแลเว็บไซต์ใช้ข้อมูลข้างต้นเพื่อประสานการศึกษาดูงานครั้งนี้เท่านั้น"),
        error_messages={"required": _("กรุณาให้ความยินยอมก่อนส่งคำขอ")},
    )

    def __init__(self, *args, policy: VisitPolicy, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy = policy
        self.lao_candidates = LocalAdministrativeOrganisation.objects.none()
        for field in self.fields.values():
            field.label_suffix = ""

    def clean_group_size(self):
        size = self.cleaned_data["group_size"]
        if problem := group_size_problem(self.policy, size):
            raise ValidationError(problem, code="capacity")
        return size

    def clean_preferred_date(self):
        day = self.cleaned_data["preferred_date"]
        if problem := requested_date_problem(self.policy, day):
            raise ValidationError(problem, code="unavailable")
        return day

    def clean_alternative_date(self):
        day = self.cleaned_data.get("alternative_date")
        if day and (problem := requested_date_problem(self.policy, day)):
            raise ValidationError(gettext("วันที่สำรอง: %(problem)s") % {"problem": problem}, code="unavailable")
        return day

    def clean(self):
        cleaned = super().clean()
        if not self.policy.accepting_requests:
            raise ValidationError(gettext("ขณะนี้ศูนย์ปิดรับคำขอศึกษาดูงาน"), code="closed")
        if cleaned.get("preferred_date") and cleaned.get("preferred_date") == cleaned.get("alternative_date"):
            self.add_error("alternative_date", gettext("วันที่สำรองต้องไม่ซ้ำกับวันที่ต้องการ"))
        self._match_lao(cleaned)
        return cleaned

    def _match_lao(self, cleaned: dict) -> None:
        """Link the request to the registry when the organisation is an LAO there; a name
        shared by LAOs in several provinces asks the requester to pick one."""
        lao = cleaned.get("lao")
        text = cleaned.get("organisation")
        if lao is None and text:
            matches = list(find_laos(text)[:20])
            if len(matches) == 1:
                lao = matches[0]
            elif len(matches) > 1:
                self.lao_candidates = matches
                self.fields["lao"].queryset = LocalAdministrativeOrganisation.objects.filter(pk__in=[m.pk for m in matches])
                self.add_error("lao", gettext("มี อปท. ชื่อนี้มากกว่าหนึ่งแห่ง กรุณาเลือกจังหวัดของท่าน"))
        if lao is not None:
            cleaned["lao"] = lao
            cleaned["organisation"] = lao.name_th

    def request_data(self) -> dict:
        fields = ("lao", "organisation", "contact_name", "email", "phone", "group_size", "preferred_date", "alternative_date", "purpose")
        data = {name: self.cleaned_data.get(name) for name in fields}
        data["topics"] = list(self.cleaned_data.get("topics") or [])
        return data


class ContactForm(HoneypotMixin):
    name = forms.CharField(label=_("ชื่อ"), max_length=200, error_messages=required(_("กรุณากรอกชื่อ")))
    email = forms.EmailField(
        label=_("อีเมลสำหรับตอบกลับ"),
        max_length=254,
        error_messages={**required(_("กรุณากรอกอีเมล")), "invalid": _("รูปแบบอีเมลไม่ถูกต้อง เช่น name@example.go.th")},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(
        label=_("ข้อความ"),
        min_length=10,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            **required(_("กรุณากรอกข้อความ")),
            "min_length": _("ข้อความสั้นเกินไป (อย่างน้อย 10 ตัวอักษร)"),
            "max_length": _("ข้อความยาวเกิน 3,000 ตัวอักษร"),
        },
    )
    consent = forms.BooleanField(
        label=_("ข้าพเจ้ายินยอมให้ส่งชื่อ อีเมล และข้อความนี้ถึงศูนย์เพื่อการติดต่อกลับ"),
        error_messages={"required": _("กรุณาให้ความยินยอมก่อนส่งข้อความ")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.label_suffix = ""


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("ความพึงพอใจต่อการศึกษาดูงาน"),
        choices=[(n, f"{n} / 5") for n in range(5, 0, -1)],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("กรุณาเลือกคะแนน 1–5"), "invalid_choice": _("กรุณาเลือกคะแนน 1–5")},
    )
    comment = forms.CharField(
        label=_("ความเห็น (จะแสดงบนหน้าศูนย์โดยไม่ระบุชื่อ เมื่อศูนย์อนุมัติ)"),
        required=False,
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"max_length": _("ความเห็นยาวเกิน 1,500 ตัวอักษร")},
    )
    adopted = forms.ModelMultipleChoiceField(
        label=_("อปท. ของท่านนำแนวปฏิบัติใดของศูนย์นี้ไปใช้แล้วบ้าง (ถ้ามี)"),
        queryset=CaseStudyPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("กรุณาเลือกจากกรณีศึกษาของศูนย์นี้"), "invalid_pk_value": _("กรุณาเลือกจากกรณีศึกษาของศูนย์นี้")},
    )

    def __init__(self, *args, visit: VisitRequest, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the visited centre's published cases can be reported as adopted.
        self.fields["adopted"].queryset = CaseStudyPage.objects.live().descendant_of(visit.centre).order_by("title")
        if not self.fields["adopted"].queryset.exists():
            del self.fields["adopted"]


class StatusChangeForm(forms.Form):
    """The centre's answer to a request (admin)."""

    status = forms.ChoiceField(label=_("สถานะใหม่"), widget=forms.RadioSelect, error_messages={"required": _("กรุณาเลือกสถานะใหม่")})
    visit_date = ThaiDateField(label=_("วันที่นัดหมาย"), required=False, help_text=_("จำเป็นเมื่อเสนอวันใหม่; เมื่อตอบรับ เว้นว่างเพื่อใช้วันที่ผู้ขอเลือก"))
    message = forms.CharField(label=_("ข้อความถึงผู้ขอ (ส่งทางอีเมล)"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, visit: VisitRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.visit = visit
        self.fields["status"].choices = [(s, VisitStatus(s).label) for s in TRANSITIONS.get(visit.status, ())]

    def clean(self):
        cleaned = super().clean()
        status, day = cleaned.get("status"), cleaned.get("visit_date")
        if status == VisitStatus.RESCHEDULED and not day:
            self.add_error("visit_date", gettext("กรุณาระบุวันที่ที่เสนอใหม่"))
        if status == VisitStatus.DECLINED and not cleaned.get("message"):
            self.add_error("message", gettext("กรุณาแจ้งเหตุผลที่ไม่สามารถรับได้"))
        if status in (VisitStatus.APPROVED, VisitStatus.RESCHEDULED):
            visit_day = day or self.visit.visit_date
            if problem := calendar_problem(policy_for(self.visit.centre), visit_day, exclude=self.visit):
                self.add_error("visit_date" if day else "status", problem)
        return cleaned
