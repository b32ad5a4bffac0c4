from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Frequency


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("อีเมล"),
        max_length=254,
        error_messages={"required": _("กรุณากรอกอีเมล"), "invalid": _("กรุณากรอกอีเมลให้ถูกต้อง")},
    )
    frequency = forms.ChoiceField(label=_("ความถี่"), choices=Frequency.choices, initial=Frequency.WEEKLY, widget=forms.RadioSelect)
    consent = forms.BooleanField(
        label=_("ข้าพเจ้ายินยอมให้เว็บไซต์เก็บอีเมลนี้เพื่อส่งการแจ้งเตือนที่ขอไว้เท่านั้น และยกเลิกได้ทุกเมื่อ"),
        error_messages={"required": _("กรุณาให้ความยินยอมก่อนสมัคร")},
    )

    def is_spam(self) -> bool:
        """The hidden "website" field (exchange/includes/honeypot.html) is filled in by bots only."""
        return bool(self.data.get("website"))


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label=_("ความถี่"), choices=Frequency.choices, widget=forms.RadioSelect)
