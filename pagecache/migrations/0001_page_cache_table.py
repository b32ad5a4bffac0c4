from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Every environment gets the page cache's table with `migrate` (prepare_site also runs
    # createcachetable; this covers `make run` and fresh test databases).
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = []

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
