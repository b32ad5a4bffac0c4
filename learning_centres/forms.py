from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm

from .buddhist_era import BuddhistEraYearField


class CaseStudyPageForm(WagtailAdminPageForm):
    year = BuddhistEraYearField(label=_("ปีที่เริ่มดำเนินการ (พ.ศ.)"))


class LearningCentrePageForm(WagtailAdminPageForm):
    year_established = BuddhistEraYearField(label=_("ปีที่ก่อตั้ง (พ.ศ.)"), required=False)

    def clean(self):
        cleaned = super().clean()
        province, district = cleaned.get("province"), cleaned.get("district")
        if province and district and district.province_id != province.pk:
            self.add_error("district", _("อำเภอที่เลือกไม่อยู่ในจังหวัดนี้"))
        return cleaned
