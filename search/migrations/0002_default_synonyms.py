from django.db import migrations

# The synonyms seeded at installation, as they were then (a migration is history: the live
# abbreviations are thai.names, which search.synonyms adds to these rows).
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


def seed(apps, schema_editor):
    SearchSynonym = apps.get_model("portal_search", "SearchSynonym")
    for terms in DEFAULT_SYNONYMS:
        SearchSynonym.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_outbox_and_synonyms")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
