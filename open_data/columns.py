"""The one list of case-study columns, shared by the exports and the importer.

Descriptions are the column guide shown on the admin import page (in the editor's language)
and in the OpenAPI schema (in English).

Exports write every column in this order; imports read the columns marked `imported`
(others, such as `url`, are ignored on import so an export can be imported back as it is).
The list is documented in docs/open-data.md; keep the names stable.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from learning_centres.models import CaseStudyPage

LIST_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    name: str
    description: str | Promise  # Thai, shown to editors; English in the API schema
    imported: bool = True
    required: bool = False


LAO_TYPE_HELP = _("pao, city_municipality, town_municipality, subdistrict_municipality, sao, bangkok, pattaya (หรือชื่อประเภทภาษาไทย)")
EVIDENCE_HELP = _(
    "ระดับหลักฐาน 1–5 (1 แนวคิด 2 ปฏิบัติจริง 3 วัดผลแล้ว 4 ประเมินโดยผู้ประเมินอิสระ 5 อปท. อื่นนำไปใช้ หรือชื่อระดับภาษาไทยหรืออังกฤษ) ถ้าว่างคงระดับเดิมของหน้า"
)
INDICATORS_HELP = _('ตัวชี้วัดเป็นรายการ JSON: [{"label", "baseline", "result"}] ถ้าว่างคงของเดิมของหน้า')
READINGS_HELP = _(
    'ค่าตัวชี้วัดตามวันที่เป็นรายการ JSON: [{"indicator" (ชื่อตัวชี้วัด), "date" (YYYY-MM-DD ปี ค.ศ. หรือ พ.ศ.),'
    ' "value", "unit", "source"}] ถ้าว่างคงของเดิมของหน้า'
)
FOLLOW_UPS_HELP = _('การติดตามผลเป็นรายการ JSON: [{"date" (YYYY-MM-DD ปี ค.ศ. หรือ พ.ศ.), "title", "text"}] ถ้าว่างคงของเดิมของหน้า')
SECTION_COLUMNS = tuple(
    Column(name, format_lazy(_("{th} ({en}) เป็น HTML หรือข้อความธรรมดา"), th=th, en=en)) for name, th, en in CaseStudyPage.SECTIONS
)

# The centre's profile (learning_centres.models.profiles), as columns of each of its cases: the
# same values on every row of one centre; an empty cell keeps what the centre has.
PROFILE_COLUMNS = (
    Column("centre_older_people_served", _("ศูนย์ผู้สูงอายุ: จำนวนผู้สูงอายุที่ได้รับบริการ (คน/ปี)")),
    Column("centre_caregivers_trained", _("ศูนย์ผู้สูงอายุ: จำนวนผู้ดูแลผู้สูงอายุที่ผ่านการอบรม (คน)")),
    Column("centre_children_enrolled", _("ศูนย์พัฒนาเด็กเล็ก: จำนวนเด็กที่รับเลี้ยงดู (คน)")),
    Column("centre_children_age_from", _("ศูนย์พัฒนาเด็กเล็ก: อายุเด็กตั้งแต่ (ปี, 0–6)")),
    Column("centre_children_age_to", _("ศูนย์พัฒนาเด็กเล็ก: อายุเด็กถึง (ปี, 0–6)")),
    Column("centre_dla_standard_level", _("ศูนย์พัฒนาเด็กเล็ก: ระดับมาตรฐาน สถ. 1 พื้นฐาน 2 ดี 3 ดีเยี่ยม")),
    Column("centre_staff_count", _("จำนวนบุคลากรของศูนย์ (คน)")),
    Column("centre_volunteer_count", _("จำนวนอาสาสมัครของศูนย์ (คน)")),
    Column("centre_opening_days", _("วันเปิดทำการของศูนย์ เป็นเลขวันคั่นด้วย , (1 จันทร์ ถึง 7 อาทิตย์)")),
    Column("centre_latitude", _("ละติจูดของศูนย์ (องศาทศนิยม เช่น 18.7883) ระบุคู่กับลองจิจูด")),
    Column("centre_longitude", _("ลองจิจูดของศูนย์ (องศาทศนิยม เช่น 98.9853) ระบุคู่กับละติจูด")),
)
PROFILE_FIELDS = tuple(column.name.removeprefix("centre_") for column in PROFILE_COLUMNS)

CASE_STUDY_COLUMNS: tuple[Column, ...] = (
    Column("external_id", _("รหัสประจำกรณีศึกษาของหน่วยงานเอง นำเข้าซ้ำด้วยรหัสเดิมจะปรับปรุงหน้าเดิม (ไม่เกิน 64 ตัวอักษร)")),
    Column("title", _("ชื่อกรณีศึกษา"), required=True),
    Column("slug", _("ส่วนท้ายของที่อยู่หน้าเว็บ (ถ้าว่าง ระบบสร้างจาก external_id หรือชื่อเรื่อง)")),
    Column("summary", _("บทคัดย่อสองถึงสามประโยค"), required=True),
    Column("year_be", _("ปีที่เริ่มดำเนินการ เป็น พ.ศ. (2567 หรือ ๒๕๖๗; ปี ค.ศ. เช่น 2024 จะแปลงให้)"), required=True),
    Column("year_ce", _("ปีเดียวกันเป็น ค.ศ. (มีเฉพาะในไฟล์ส่งออก)"), imported=False),
    Column("centre", _("ชื่อศูนย์เรียนรู้ จับคู่กับศูนย์ที่มีอยู่ด้วยชื่อภาษาไทย ถ้ายังไม่มีจะสร้างใหม่"), required=True),
    Column("centre_type", _("elderly_care หรือ child_development (หรือชื่อภาษาไทย) ต้องระบุเมื่อเป็นศูนย์ใหม่")),
    Column("lao", _("ชื่อ อปท. ที่ดำเนินการศูนย์ จับคู่ภายในจังหวัด ถ้ายังไม่มีจะสร้างใหม่")),
    Column("lao_type", LAO_TYPE_HELP),
    Column("lao_code", _("รหัส อปท. ของกรมส่งเสริมการปกครองท้องถิ่น (ไม่บังคับ ถ้าระบุจะจับคู่ด้วยรหัสก่อน)")),
    Column("province_code", _("รหัสจังหวัดสองหลักของกรมการปกครอง (หรือระบุ province)")),
    Column("province", _("ชื่อจังหวัด ภาษาไทยหรืออังกฤษ")),
    Column("district_code", _("รหัสอำเภอสี่หลักของกรมการปกครอง (ไม่บังคับ หรือระบุ district)")),
    Column("district", _("ชื่ออำเภอ ภาษาไทยหรืออังกฤษ (ไม่บังคับ)")),
    *PROFILE_COLUMNS,
    Column("focus_areas", _("ด้านตามบันทึกความร่วมมือ คั่นด้วย ; เป็นรหัส ชื่อไทย หรือชื่ออังกฤษ (อย่างน้อยหนึ่งด้าน)"), required=True),
    Column("keywords", _("คำสำคัญ คั่นด้วย ;")),
    Column("target_groups", _("กลุ่มเป้าหมาย คั่นด้วย ; (รหัสหรือชื่อ)")),
    Column("funding_sources", _("แหล่งงบประมาณ คั่นด้วย ; (รหัสหรือชื่อ)")),
    Column("budget_baht", _("งบประมาณเป็นบาท (ใช้เลขอารบิกหรือเลขไทย มีจุลภาคได้)")),
    Column("evidence_level", EVIDENCE_HELP),
    *SECTION_COLUMNS,
    Column("indicators", INDICATORS_HELP),
    Column("readings", READINGS_HELP),
    Column("follow_ups", FOLLOW_UPS_HELP),
    Column("images", _("ชื่อไฟล์ภาพใน ZIP คั่นด้วย ;")),
    Column("documents", _("ชื่อไฟล์เอกสารใน ZIP คั่นด้วย ;")),
    Column("adopted_by", _("อปท. ที่แจ้งว่านำแนวปฏิบัตินี้ไปใช้ คั่นด้วย ; (มีเฉพาะในไฟล์ส่งออก)"), imported=False),
    Column("page_id", _("เลขหน้าในระบบ (มีเฉพาะในไฟล์ส่งออก)"), imported=False),
    Column("url", _("ที่อยู่หน้าเว็บสาธารณะ (มีเฉพาะในไฟล์ส่งออก)"), imported=False),
    Column("first_published_at", _("วันที่เผยแพร่ครั้งแรก รูปแบบ ISO 8601 (มีเฉพาะในไฟล์ส่งออก)"), imported=False),
    Column("image_urls", _("ที่อยู่ของไฟล์ภาพต้นฉบับ (มีเฉพาะในไฟล์ส่งออก)"), imported=False),
    Column("document_urls", _("ที่อยู่ของไฟล์เอกสาร (มีเฉพาะในไฟล์ส่งออก)"), imported=False),
)
COLUMN_NAMES = tuple(column.name for column in CASE_STUDY_COLUMNS)
IMPORTED_COLUMNS = frozenset(column.name for column in CASE_STUDY_COLUMNS if column.imported)
REQUIRED_COLUMNS = tuple(column.name for column in CASE_STUDY_COLUMNS if column.required)

LAO_COLUMNS: tuple[Column, ...] = (
    Column("code", _("รหัส อปท. ของกรมส่งเสริมการปกครองท้องถิ่น"), required=True),
    Column("name", _("ชื่อภาษาไทย"), required=True),
    Column("name_en", _("ชื่อภาษาอังกฤษ (ไม่บังคับ)")),
    Column(
        "type",
        _("pao, city_municipality, town_municipality, subdistrict_municipality, sao, bangkok, pattaya (หรือชื่อประเภทภาษาไทย)"),
        required=True,
    ),
    Column("province", _("รหัสจังหวัดของกรมการปกครอง หรือชื่อจังหวัดภาษาไทยหรืออังกฤษ"), required=True),
    Column("district", _("รหัสอำเภอของกรมการปกครอง หรือชื่ออำเภอภาษาไทยหรืออังกฤษ ในจังหวัดนั้น (อบจ. และกรุงเทพมหานครไม่ต้องระบุ)")),
)
