from django.db import migrations


def seed(apps, schema_editor):
    from learning_centres.geography import load_geography

    load_geography(apps.get_model("learning_centres", "Province"), apps.get_model("learning_centres", "District"))


class Migration(migrations.Migration):
    dependencies = [("learning_centres", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
