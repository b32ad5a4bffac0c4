from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from .importing.sources import DATA_EXTENSIONS


class ImportForm(forms.Form):
    KINDS = [("case_studies", _("กรณีศึกษา")), ("laos", _("ทะเบียน อปท."))]

    kind = forms.ChoiceField(label=_("ข้อมูลที่นำเข้า"), choices=KINDS, initial="case_studies")
    file = forms.FileField(
        label=_("ไฟล์"),
        help_text=_("CSV (UTF-8), XLSX, JSON Lines หรือ ZIP ที่มีไฟล์ข้อมูลพร้อมภาพและเอกสาร"),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join([*DATA_EXTENSIONS, ".zip"])}),
    )
    dry_run = forms.BooleanField(label=_("ตรวจอย่างเดียว ยังไม่บันทึก"), required=False, initial=True)
    publish = forms.BooleanField(label=_("เผยแพร่ทันที (มิฉะนั้นบันทึกเป็นฉบับร่าง)"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_UPLOAD_SIZE:
            raise forms.ValidationError(
                _("ไฟล์ใหญ่ %(size)s เกินขีดจำกัด %(limit)s ของหน้านี้: แบ่งไฟล์ หรือให้ผู้ดูแลระบบใช้คำสั่ง import_case_studies"),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(settings.IMPORT_MAX_UPLOAD_SIZE)},
                code="file_too_large",
            )
        return upload
