"""Recompute the stored CSV rows: coercible text cells guarded, times as spreadsheet dates in UTC."""

import json

from django.db import migrations

# A frozen copy of the row format (Django's loader skips a module named with an underscore).
from . import _frozen_0019 as frozen


def recompute_csv_rows(apps, schema_editor):
    PublishedRecords = apps.get_model("annotations", "PublishedRecords")
    batch = []
    rows = PublishedRecords.objects.order_by("pk").values_list("pk", "published__data")
    for pk, data in rows.iterator(chunk_size=2000):
        head, tail = frozen.csv_parts(json.loads(data))
        batch.append(PublishedRecords(pk=pk, csv_head=head, csv_tail=tail))
        if len(batch) == 2000:
            PublishedRecords.objects.bulk_update(batch, ["csv_head", "csv_tail"])
            batch = []
    PublishedRecords.objects.bulk_update(batch, ["csv_head", "csv_tail"])


class Migration(migrations.Migration):

    dependencies = [
        ("annotations", "0018_annotation_editors"),
    ]

    operations = [
        migrations.RunPython(recompute_csv_rows, migrations.RunPython.noop),
    ]
