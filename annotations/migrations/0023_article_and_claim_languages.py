"""Claims carry their language: Annotation.language, backfilled from each article.

Published claims gain it too: their public JSON a "language" after "claim", their CSV
row a last "Language" cell, their ClaimReview a last "inLanguage", as the live code
(publishing.core.public_claim, exports) now writes them.
"""

import csv
import io
import json

from django.db import migrations, models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

# A frozen copy of the cell format (Django's loader skips a module named with an underscore).
from . import _frozen_0019 as frozen

BATCH = 2000
encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def backfill_languages(apps, schema_editor):
    Article = apps.get_model("annotations", "Article")
    article_language = Subquery(Article.objects.filter(pk=OuterRef("article_id")).values("language")[:1])
    for name in ("Annotation", "HistoricalAnnotation"):
        # A history row may outlive its article: it keeps the default then.
        apps.get_model("annotations", name).objects.update(
            language=Coalesce(article_language, Value("en"))
        )


def with_language(data: dict, language: str) -> dict:
    """The public JSON with "language" after "claim", where public_claim puts it."""
    result = {}
    for key, value in data.items():
        if key != "language":
            result[key] = value
        if key == "claim":
            result["language"] = language
    return result


def csv_cell(value: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC).writerow([frozen.text_cell(value)])
    return buffer.getvalue()


# The cells of a stored CSV row after its public URL, before the Language column came.
TAIL_CELLS = 17


def csv_tail_with(tail: str, language: str) -> str:
    """The row's cells after its URL with a last Language cell (a row that has it is kept)."""
    if len(next(csv.reader(io.StringIO(tail.removeprefix(","))))) > TAIL_CELLS:
        return tail
    return tail.removesuffix("\r\n") + "," + csv_cell(language)


def claimreview_tail_with(tail: str, language: str) -> str:
    """The ClaimReview after its author with a last inLanguage (one that has it is kept)."""
    if "inLanguage" in json.loads("{" + tail):
        return tail
    return tail.removesuffix("}") + ',"inLanguage":' + encode(language) + "}"


def publish_languages(apps, schema_editor):
    PublishedClaim = apps.get_model("annotations", "PublishedClaim")
    PublishedRecords = apps.get_model("annotations", "PublishedRecords")
    claims, records = [], []
    rows = PublishedClaim.objects.order_by("pk").values_list("pk", "data", "annotation__language")
    for pk, data, language in rows.iterator(chunk_size=BATCH):
        public = json.loads(data)
        claims.append(PublishedClaim(pk=pk, data=encode(with_language(public, public.get("language", language)))))
        if len(claims) == BATCH:
            PublishedClaim.objects.bulk_update(claims, ["data"])
            claims = []
    PublishedClaim.objects.bulk_update(claims, ["data"])
    stored = PublishedRecords.objects.order_by("pk").values_list(
        "pk", "csv_tail", "claimreview_tail", "published__data",
    )
    for pk, csv_tail, claimreview_tail, data in stored.iterator(chunk_size=BATCH):
        language = json.loads(data)["language"]
        records.append(PublishedRecords(
            pk=pk, csv_tail=csv_tail_with(csv_tail, language),
            claimreview_tail=claimreview_tail_with(claimreview_tail, language),
        ))
        if len(records) == BATCH:
            PublishedRecords.objects.bulk_update(records, ["csv_tail", "claimreview_tail"])
            records = []
    PublishedRecords.objects.bulk_update(records, ["csv_tail", "claimreview_tail"])


class Migration(migrations.Migration):

    dependencies = [
        ('annotations', '0022_jobs_watch_alerts'),
    ]

    operations = [
        migrations.AddField(
            model_name='annotation',
            name='language',
            field=models.CharField(default='en', help_text="The claim's language tag; its article's language when it was made, unless given.", max_length=16, verbose_name='language'),
        ),
        migrations.AddField(
            model_name='historicalannotation',
            name='language',
            field=models.CharField(default='en', help_text="The claim's language tag; its article's language when it was made, unless given.", max_length=16, verbose_name='language'),
        ),
        migrations.AlterField(
            model_name='article',
            name='language',
            field=models.CharField(default='en', help_text='A BCP 47 language tag such as en or pt-BR; detected from the text when not given.', max_length=16, verbose_name='language'),
        ),
        migrations.AlterField(
            model_name='historicalarticle',
            name='language',
            field=models.CharField(default='en', help_text='A BCP 47 language tag such as en or pt-BR; detected from the text when not given.', max_length=16, verbose_name='language'),
        ),
        migrations.RunPython(backfill_languages, migrations.RunPython.noop),
        migrations.RunPython(publish_languages, migrations.RunPython.noop),
    ]
