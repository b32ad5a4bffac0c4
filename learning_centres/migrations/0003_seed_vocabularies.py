from django.db import migrations


def seed(apps, schema_editor):
    from learning_centres.taxonomy_data import FOCUS_AREAS, FUNDING_SOURCES, TARGET_GROUPS

    for model_name, terms in (
        ("FocusArea", FOCUS_AREAS),
        ("TargetGroup", TARGET_GROUPS),
        ("FundingSource", FUNDING_SOURCES),
    ):
        model = apps.get_model("learning_centres", model_name)
        for order, term in enumerate(terms):
            model.objects.get_or_create(
                slug=term.slug,
                defaults={"name_th": term.name_th, "name_en": term.name_en, "sort_order": order},
            )


class Migration(migrations.Migration):
    dependencies = [("learning_centres", "0002_seed_geography")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
