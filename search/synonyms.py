"""Synonym rules for the index, from the editors' SearchSynonym rows."""

from thai.text import segment

from .models import SearchSynonym

DEFAULT_SYNONYMS = (
    "อบต., องค์การบริหารส่วนตำบล",
    "อบจ., องค์การบริหารส่วนจังหวัด",
    "อปท., องค์กรปกครองส่วนท้องถิ่น, local administrative organisation, lao",
    "ศพด., ศูนย์พัฒนาเด็กเล็ก, child development centre",
    "รพ.สต., โรงพยาบาลส่งเสริมสุขภาพตำบล",
    "อสม., อาสาสมัครสาธารณสุขประจำหมู่บ้าน",
    "สสส., สำนักงานกองทุนสนับสนุนการสร้างเสริมสุขภาพ, thaihealth",
    "สถ., กรมส่งเสริมการปกครองท้องถิ่น",
    "ผู้สูงอายุ, ผู้สูงวัย, คนชรา, elderly, older people, ageing",
    "ผู้ป่วยติดเตียง, ผู้สูงอายุติดเตียง, bedridden",
    "เด็กเล็ก, เด็กปฐมวัย, early childhood",
    "ภัยพิบัติ, disaster",
    "น้ำท่วม, อุทกภัย, flood",
    "สวัสดิการ, welfare",
    "เกษตรอินทรีย์, organic farming",
    "กทม., กรุงเทพมหานคร, bangkok",
)


def synonym_rules() -> list[str]:
    """Each group of equivalent terms as one synonym_graph rule, every term segmented the
    same way the index and the queries are."""
    rules = []
    for synonym in SearchSynonym.objects.all():
        terms = list(dict.fromkeys(filter(None, (segment(term) for term in synonym.term_list()))))
        if len(terms) > 1:
            rules.append(", ".join(terms))
    return rules
