"""Exports stream records stored at publish time: each equals the claim rendered anew."""

import csv
import io
import json
from importlib import import_module

import pytest
from django.apps import apps

from annotations.exports import claimreview, stored_records, tabular
from annotations.exports.stream import BINARY_SIGNATURE, STORED_FIELDS, binary_records
from annotations.models import Annotation
from annotations.publishing import services as publishing
from annotations.publishing.models import PublishedClaim, PublishedRecords
from tests import factories

TRICKY = [
    '=HYPERLINK("http://x") "quoted"',
    "Alice;=cmd|' /C calc'!A0",
    "Line one\nline two\r\nthree",
    "Zoë 👍🏽 \u2028 back\\slash \x1e\x1f tab\tend",
    "",
]


@pytest.fixture
def tricky(db):
    """Claims whose text holds formula triggers, quotes, line breaks, separators, controls."""
    claims = [
        factories.verified_claim(claim=text, rationale=text, rating=rating)
        for text, rating in zip(TRICKY, ["false", "", "unproven", "true", "mixed"], strict=True)
    ]
    factories.verified_claim(rating="false")
    return claims


def public_claims() -> list[dict]:
    return [published.public for published in PublishedClaim.objects.order_by("pk")]


def rendered_csv(claims: list[dict], base_url: str, *, bom: bool = True) -> bytes:
    """Return the CSV export as the code before stored rows wrote it: one csv_row per claim."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC)
    buffer.write(tabular.BOM if bom else "")
    writer.writerow(tabular.CSV_COLUMNS)
    writer.writerows(tabular.csv_row(claim, base_url) for claim in claims)
    return buffer.getvalue().encode()


def rendered_claimreviews(claims: list[dict], base_url: str) -> bytes:
    reviews = [claimreview.encode(claimreview.from_claim(claim, base_url)) for claim in claims]
    return ("[" + ",\n".join(reviews) + "]\n").encode()


def export(client, export_format: str, *, secure: bool = False, **params) -> bytes:
    response = client.get("/api/v1/claims/export/", {"format": export_format, **params}, secure=secure)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_csv_export_is_every_claim_rendered_anew_byte_for_byte(client, tricky):
    assert export(client, "csv") == rendered_csv(public_claims(), "http://testserver")
    assert export(client, "csv", bom="0") == rendered_csv(public_claims(), "http://testserver", bom=False)


def test_claimreview_export_is_every_claim_rendered_anew_byte_for_byte(client, tricky, settings):
    # The organization comes from the settings of the export, not of the publication.
    settings.FACTCHECK_ORGANIZATION_NAME = 'Desk "Checks"'
    settings.FACTCHECK_ORGANIZATION_URL = "https://desk.example"

    assert export(client, "claimreview") == rendered_claimreviews(public_claims(), "http://testserver")


def test_jsonl_export_is_the_stored_public_json_byte_for_byte(client, tricky):
    stored = PublishedClaim.objects.order_by("pk").values_list("data", flat=True)

    assert export(client, "jsonl") == "".join(f"{text}\n" for text in stored).encode()


def test_exports_carry_the_requests_scheme_and_host(client, tricky):
    claims = public_claims()

    assert export(client, "csv", secure=True) == rendered_csv(claims, "https://testserver")
    assert export(client, "claimreview", secure=True) == rendered_claimreviews(claims, "https://testserver")


def test_a_filtered_export_renders_only_the_matching_claims(client, tricky):
    falses = [claim for claim in public_claims() if claim["rating"] == "false"]

    assert len(falses) == 2
    assert export(client, "csv", rating="false") == rendered_csv(falses, "http://testserver")
    assert export(client, "claimreview", rating="false") == rendered_claimreviews(falses, "http://testserver")


@pytest.mark.parametrize("base_url", ["", "http://testserver/", "=http://a;b", 'http://"q"'])
def test_stored_csv_parts_around_any_url_are_the_rendered_row(tricky, base_url):
    for claim in public_claims():
        head, tail = tabular.csv_parts(claim)
        row = head + tabular.csv_url_prefix(base_url) + f'{claim["id"]}/"' + tail

        assert row.encode() == rendered_csv([claim], base_url, bom=False).split(b"\r\n", 1)[1]


def test_a_moved_quote_moves_in_every_export(client, tricky):
    annotation = tricky[0]
    annotation.start, annotation.end = annotation.start + 1, annotation.end + 1

    publishing.follow_anchors(moved=[annotation], orphaned=[])

    claims = public_claims()
    assert claims[0]["start"] == annotation.start
    assert export(client, "csv") == rendered_csv(claims, "http://testserver")
    assert export(client, "claimreview") == rendered_claimreviews(claims, "http://testserver")


def test_a_correction_replaces_the_stored_records(client, tricky, editor):
    from annotations import services

    claim = tricky[1]
    services.annotation_update(annotation=claim, user=editor, version=claim.version, rating="true")
    services.review_verify(annotation=claim, user=factories.editor(username="second"))

    claims = public_claims()
    assert claims[1]["rating"] == "true" and claims[1]["corrections"]
    assert export(client, "csv") == rendered_csv(claims, "http://testserver")
    assert export(client, "claimreview") == rendered_claimreviews(claims, "http://testserver")


LANGUAGES_MIGRATION = "annotations.migrations.0023_article_and_claim_languages"


def test_the_upgrade_adds_the_claims_language_to_what_was_published_before(client, tricky):
    """Snapshots and records stored before claims had a language gain it, once."""
    migration = import_module(LANGUAGES_MIGRATION)
    # German: a language the interface has no catalog for, so the stored rating words (English,
    # as they were published) are also what the live code writes today.
    Annotation.objects.filter(pk=tricky[0].pk).update(language="de-AT")
    expected = {}
    for published in PublishedClaim.objects.select_related("annotation"):
        public = published.public
        public["language"] = published.annotation.language
        expected[published.pk] = stored_records(public)
        del public["language"]
        published.data = json.dumps(public, ensure_ascii=False, separators=(",", ":"))
        published.save()
        records = stored_records(public | {"language": "en"})
        # The record formats of the day before: no Language cell, no inLanguage.
        csv_tail = records["csv_tail"].rsplit(",", 1)[0] + "\r\n"
        claimreview_tail = records["claimreview_tail"].replace(',"inLanguage":"en"', "")
        PublishedRecords.objects.filter(pk=published.pk).update(
            csv_head=records["csv_head"], csv_tail=csv_tail, claimreview_tail=claimreview_tail,
        )

    migration.publish_languages(apps, None)
    migration.publish_languages(apps, None)  # a second run changes nothing

    assert PublishedClaim.objects.get(pk=tricky[0].pk).public["language"] == "de-AT"
    assert {
        r.pk: {field: getattr(r, field) for field in STORED_FIELDS} for r in PublishedRecords.objects.all()
    } == expected
    assert export(client, "csv") == rendered_csv(public_claims(), "http://testserver")
    assert export(client, "claimreview") == rendered_claimreviews(public_claims(), "http://testserver")


def test_the_upgrade_fills_the_export_records_of_claims_published_before(client, tricky):
    """0014 stores the records in the format of its day; 0019 brings the CSV rows to today's,
    0023 adds the claim's language to them."""
    expected = {p.pk: stored_records(p.public) for p in PublishedClaim.objects.all()}
    PublishedRecords.objects.all().delete()

    import_module("annotations.migrations.0014_published_export_records").fill_export_records(apps, None)
    import_module("annotations.migrations.0019_csv_cells_spreadsheets_keep").recompute_csv_rows(apps, None)
    import_module(LANGUAGES_MIGRATION).publish_languages(apps, None)

    assert {
        r.pk: {field: getattr(r, field) for field in STORED_FIELDS} for r in PublishedRecords.objects.all()
    } == expected
    assert export(client, "csv") == rendered_csv(public_claims(), "http://testserver")


def test_stored_claimreview_parts_rebuild_the_review(tricky, settings):
    for claim in public_claims():
        claim_json, tail = claimreview.stored_parts(claim)
        review = json.loads(
            claimreview.OPENING + claimreview.url_prefix("http://h") + f'{claim["id"]}/","claimReviewed":'
            + claim_json + ',"author":' + claimreview.author_json() + "," + tail
        )

        assert review == claimreview.from_claim(claim, "http://h")


def test_binary_copy_records_are_read_whatever_the_framing():
    records = [b"a,\"b\r\nc\"\r\n", b"", "Zoë 👍🏽\n".encode()]
    stream = (
        BINARY_SIGNATURE + b"\x00\x00\x00\x00" + b"\x00\x00\x00\x00"
        + b"".join(b"\x00\x01" + len(r).to_bytes(4, "big") + r for r in records) + b"\xff\xff"
    )

    assert list(binary_records([stream])) == records
    assert list(binary_records([stream[i:i + 1] for i in range(len(stream))])) == records
    assert list(binary_records([stream[:7], stream[7:30], stream[30:]])) == records


def test_binary_copy_of_a_null_or_two_fields_is_refused():
    header = BINARY_SIGNATURE + bytes(8)

    with pytest.raises(ValueError):
        list(binary_records([header + b"\x00\x01\xff\xff\xff\xff\xff\xff"]))
    with pytest.raises(ValueError):
        list(binary_records([header + b"\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff"]))


def test_the_upgrade_recomputes_the_stored_csv_rows_in_the_current_format(client, tricky):
    migration = import_module("annotations.migrations.0019_csv_cells_spreadsheets_keep")
    expected = {p.pk: stored_records(p.public) for p in PublishedClaim.objects.all()}
    PublishedRecords.objects.update(csv_head='"stale",', csv_tail=',"row"\r\n')

    migration.recompute_csv_rows(apps, None)
    import_module(LANGUAGES_MIGRATION).publish_languages(apps, None)

    assert {
        r.pk: {field: getattr(r, field) for field in STORED_FIELDS} for r in PublishedRecords.objects.all()
    } == expected
    assert export(client, "csv") == rendered_csv(public_claims(), "http://testserver")
