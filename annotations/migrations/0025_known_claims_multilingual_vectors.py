"""Known claims are embedded by a multilingual model now: vectors of the old model are dropped.

The claims stay findable by their words meanwhile; the embedding job (started by the
scheduler, or ``manage.py reindex``) gives them vectors of the new model.
"""

from django.db import migrations


def drop_old_vectors(apps, schema_editor):
    apps.get_model("annotations", "KnownClaim").objects.filter(vector__isnull=False).update(vector=None)


class Migration(migrations.Migration):
    dependencies = [("annotations", "0024_user_language")]

    operations = [migrations.RunPython(drop_old_vectors, migrations.RunPython.noop, elidable=True)]
