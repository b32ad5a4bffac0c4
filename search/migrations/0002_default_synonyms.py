from django.db import migrations


def seed(apps, schema_editor):
    from search.synonyms import DEFAULT_SYNONYMS

    SearchSynonym = apps.get_model("portal_search", "SearchSynonym")
    for terms in DEFAULT_SYNONYMS:
        SearchSynonym.objects.get_or_create(terms=terms)


class Migration(migrations.Migration):
    dependencies = [("portal_search", "0001_outbox_and_synonyms")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
