"""API keys stored as digests; the plain keys of DRF's token table move over and are erased.

DRF's authtoken app is no longer installed (its admin listed every key in clear). Its
table, if an earlier deployment created it, is read with plain SQL: each key keeps
working under its digest, and the table is emptied so no key stays readable.
"""

import datetime
import hashlib

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models
from django.utils import timezone
from django.utils.dateparse import parse_datetime

LEGACY_TABLE = "authtoken_token"


def _aware(value):
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is None:
        return timezone.now()
    return value if timezone.is_aware(value) else timezone.make_aware(value, datetime.UTC)


def move_legacy_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if LEGACY_TABLE not in connection.introspection.table_names():
        return
    ApiKey = apps.get_model("annotations", "ApiKey")
    quote = connection.ops.quote_name
    table = quote(LEGACY_TABLE)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote('key')}, user_id, created FROM {table}")
        rows = cursor.fetchall()
    # Same digest and prefix as annotations.apikeys.core (kept here as it was when written).
    ApiKey.objects.bulk_create([
        ApiKey(
            user_id=user_id, prefix=key[:8], digest=hashlib.sha256(key.encode()).hexdigest(),
            created=_aware(created),
        )
        for key, user_id, created in rows
    ])
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")


class Migration(migrations.Migration):

    dependencies = [
        ("annotations", "0004_published_claims"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ApiKey",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("prefix", models.CharField(help_text="The key's first characters, to recognise it.", max_length=16, verbose_name="prefix")),
                ("digest", models.CharField(help_text="How the key is found; the key itself is shown once and never stored.", max_length=64, unique=True, verbose_name="SHA-256 digest")),
                ("created", models.DateTimeField(default=django.utils.timezone.now, verbose_name="issued")),
                ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="api_key", to=settings.AUTH_USER_MODEL, verbose_name="user")),
            ],
            options={"verbose_name": "API key"},
        ),
        migrations.RunPython(move_legacy_tokens, migrations.RunPython.noop),
    ]
