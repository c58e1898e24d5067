"""Create the database cache table (the shared cache when REDIS_URL is not set)."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Idempotent, and a no-op when the configured cache is not the database.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("annotations", "0009_suggestions")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
