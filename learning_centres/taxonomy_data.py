"""The fixed vocabularies: the eight basic areas of clause 6 of the 2013 DLA–ThaiHealth
agreement, target groups and sources of funds. Slugs are stable: URLs and the API use them.

This module is the one place that knows these lists; data migrations seed from it.
"""

from typing import NamedTuple


class Term(NamedTuple):
    slug: str
    name_th: str
    name_en: str


FOCUS_AREAS: tuple[Term, ...] = (
    Term("participatory-management", "ด้านการบริหารจัดการท้องถิ่นแบบมีส่วนร่วม", "Participatory local management"),
    Term("sustainable-agriculture", "ด้านเกษตรกรรมยั่งยืน", "Sustainable agriculture"),
    Term("child-youth-learning", "ด้านการเรียนรู้ของเด็กและเยาวชน", "Learning of children and youth"),
    Term("natural-resources-environment", "ด้านการจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อม", "Natural resources and environment management"),
    Term("community-welfare", "ด้านการจัดสวัสดิการสังคมโดยชุมชน", "Community-based social welfare"),
    Term("disaster-management", "ด้านการจัดการภัยพิบัติโดยชุมชนท้องถิ่น", "Community-based disaster management"),
    Term("community-health-care", "ด้านการดูแลสุขภาพโดยชุมชน", "Community health care"),
    Term("community-health-investment", "ด้านการลงทุนด้านสุขภาพโดยชุมชน", "Community health investment"),
)

TARGET_GROUPS: tuple[Term, ...] = (
    Term("elderly", "ผู้สูงอายุ", "Older people"),
    Term("bedridden_elderly", "ผู้สูงอายุติดบ้านติดเตียง", "Homebound and bedridden older people"),
    Term("caregivers", "ผู้ดูแลและอาสาสมัคร", "Caregivers and volunteers"),
    Term("young_children", "เด็กปฐมวัย", "Young children"),
    Term("parents", "ผู้ปกครอง", "Parents"),
    Term("youth", "เด็กและเยาวชน", "Children and youth"),
    Term("people_with_disabilities", "คนพิการ", "People with disabilities"),
    Term("community", "ชุมชนทั่วไป", "The wider community"),
)

FUNDING_SOURCES: tuple[Term, ...] = (
    Term("local_health_fund", "กองทุนหลักประกันสุขภาพระดับท้องถิ่น", "Local health security fund"),
    Term("lao_budget", "งบประมาณของ อปท.", "LAO budget"),
    Term("thaihealth", "สสส.", "ThaiHealth"),
    Term("government_other", "หน่วยงานรัฐอื่น", "Other government agencies"),
    Term("community_private", "ชุมชนและภาคเอกชน", "Community and private donations"),
    Term("other", "อื่น ๆ", "Other"),
)
