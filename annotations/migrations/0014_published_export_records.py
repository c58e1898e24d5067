from django.db import migrations, models


def fill_export_records(apps, schema_editor):
    """Compute the export records of the claims published before they were stored."""
    import json

    from annotations.exports import STORED_FIELDS, stored_records

    PublishedClaim = apps.get_model("annotations", "PublishedClaim")
    rows = []
    for published in PublishedClaim.objects.order_by("pk").only("pk", "data").iterator(chunk_size=2000):
        for field, value in stored_records(json.loads(published.data)).items():
            setattr(published, field, value)
        rows.append(published)
        if len(rows) == 2000:
            PublishedClaim.objects.bulk_update(rows, STORED_FIELDS)
            rows = []
    PublishedClaim.objects.bulk_update(rows, STORED_FIELDS)


def text(verbose_name, help_text):
    return models.TextField(verbose_name, blank=True, default="", help_text=help_text)


class Migration(migrations.Migration):

    dependencies = [
        ("annotations", "0011_matching"),
    ]

    operations = [
        migrations.AddField(
            model_name="publishedclaim", name="csv_head",
            field=text("CSV row before its URL",
                       "The claim's CSV export row up to its public URL cell (which each export adds)."),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="publishedclaim", name="csv_tail",
            field=text("CSV row after its URL",
                       "The claim's CSV export row after its public URL cell, line end included."),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="publishedclaim", name="claimreview_claim",
            field=text("ClaimReview claimReviewed", "The JSON of its claimReviewed."),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="publishedclaim", name="claimreview_tail",
            field=text("ClaimReview after its author",
                       "Its ClaimReview's JSON after the author (the organization, which each export adds)."),
            preserve_default=False,
        ),
        migrations.RunPython(fill_export_records, migrations.RunPython.noop),
    ]
