"""The evidence scale a case study is rated on (docs/evidence-levels.md).

Five ordered levels, each asking more than the one below it. The number is stored, so
"strongest evidence first" is a plain numeric sort in the database, the engine and the
fallback alike.
"""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from portal.locales import english_active


class EvidenceLevel(models.IntegerChoices):
    IDEA = 1, "แนวคิด"
    PRACTISED = 2, "ปฏิบัติจริง"
    MEASURED = 3, "มีผลลัพธ์ที่วัดได้"
    EVALUATED = 4, "ประเมินโดยหน่วยงานภายนอก"
    ADOPTED = 5, "อปท. อื่นนำไปใช้"


EVIDENCE_LEVEL_NAMES_EN = {
    EvidenceLevel.IDEA: "Idea",
    EvidenceLevel.PRACTISED: "Practised",
    EvidenceLevel.MEASURED: "Measured results",
    EvidenceLevel.EVALUATED: "Independently evaluated",
    EvidenceLevel.ADOPTED: "Adopted by other LAOs",
}

# What each level needs, shown to editors as help text and to visitors beside the badge.
EVIDENCE_LEVEL_NEEDS = {
    EvidenceLevel.IDEA: _("มีแผนหรือแนวคิด ยังไม่ได้ดำเนินการจริง"),
    EvidenceLevel.PRACTISED: _("ดำเนินการจริงแล้วอย่างน้อยหนึ่งรอบ มีหลักฐานการดำเนินงาน (ภาพ เอกสาร)"),
    EvidenceLevel.MEASURED: _("มีตัวชี้วัดที่วัดก่อนและหลังดำเนินการ พร้อมแหล่งที่มาของข้อมูล"),
    EvidenceLevel.EVALUATED: _("ผลลัพธ์ได้รับการประเมินโดยหน่วยงานภายนอก เช่น มหาวิทยาลัยหรือหน่วยงานกำกับ พร้อมรายงานการประเมิน"),
    EvidenceLevel.ADOPTED: _("อปท. อื่นอย่างน้อยหนึ่งแห่งรายงานว่านำแนวปฏิบัตินี้ไปใช้ (จากแบบประเมินหลังศึกษาดูงาน)"),
}


def evidence_level_label(value: int) -> str:
    level = EvidenceLevel(int(value))
    return EVIDENCE_LEVEL_NAMES_EN[level] if english_active() else level.label


def evidence_help_text():
    """The scale as one help text for the admin field, translated when shown (lazy)."""
    template = " · ".join(f"{level.value} {level.label}: {{}}" for level in EvidenceLevel)
    return format_lazy(template, *(EVIDENCE_LEVEL_NEEDS[level] for level in EvidenceLevel))
