"""Imported ClaimReviews in admin, the import_claimreviews and reindex commands, index freshness."""

import gzip
import json
from io import StringIO

import pytest
from django.core.management import call_command

from annotations.matching import core
from annotations.matching.mirror import Mirror, mirror
from annotations.matching.models import ClaimReviewRecord, KnownClaim
from annotations.matching.services import claimreviews_delete, claimreviews_import, similar
from tests.matching_corpus import claimreview, corpus


@pytest.fixture
def imported(db):
    return claimreviews_import(records=corpus(), user=None)


def test_admin_lists_searches_filters_and_deletes_reviews(admin_client, imported):
    listing = admin_client.get("/admin/annotations/claimreviewrecord/", {"q": "solar"})
    assert listing.status_code == 200
    assert b"Solar panels produce no electricity" in listing.content
    assert b"Wind turbines" not in listing.content
    filtered = admin_client.get("/admin/annotations/claimreviewrecord/", {"author_name": "Energy Desk"})
    assert b"Wind turbines" in filtered.content and b"Drinking hot water" not in filtered.content
    record = ClaimReviewRecord.objects.get(url="https://checks.example.org/10")
    detail = admin_client.get(f"/admin/annotations/claimreviewrecord/{record.pk}/change/")
    assert b"Original JSON-LD" in detail.content
    assert b"&quot;claimReviewed&quot;: &quot;Solar panels" in detail.content
    response = admin_client.post(
        f"/admin/annotations/claimreviewrecord/{record.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 302
    assert not ClaimReviewRecord.objects.filter(pk=record.pk).exists()
    assert not KnownClaim.objects.get(kind="external", ref_id=record.pk).active
    found = similar(text="Solar panels produce no electricity on cloudy days.")
    assert record.pk not in [result["id"] for result in found]


def test_admin_deleting_selected_reviews_takes_them_out_of_the_index(admin_client, imported):
    records = list(ClaimReviewRecord.objects.order_by("pk")[:2])

    response = admin_client.post("/admin/annotations/claimreviewrecord/", {
        "action": "delete_selected", "_selected_action": [r.pk for r in records], "post": "yes",
    })

    assert response.status_code == 302
    assert not ClaimReviewRecord.objects.filter(pk__in=[r.pk for r in records]).exists()
    assert not KnownClaim.objects.filter(kind="external", ref_id__in=[r.pk for r in records], active=True)


def store_deep_original(record, depth: int) -> None:
    """Give a stored review an original nested `depth` levels, as imports before the cap could."""
    from django.db import connection

    deep = json.dumps({"url": record.url, "x": "@@"}).replace('"@@"', "[" * depth + "]" * depth)
    cast = "::jsonb" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {ClaimReviewRecord._meta.db_table} SET original = %s{cast} WHERE id = %s",
            [deep, record.pk],
        )


def test_the_admin_shows_a_review_stored_nested_920_levels_deep(admin_client, imported):
    record = ClaimReviewRecord.objects.get(url="https://checks.example.org/10")
    store_deep_original(record, 920)

    listing = admin_client.get("/admin/annotations/claimreviewrecord/")
    detail = admin_client.get(f"/admin/annotations/claimreviewrecord/{record.pk}/change/")

    assert listing.status_code == 200
    assert b"Solar panels produce no electricity" in listing.content
    assert detail.status_code == 200
    assert b"Solar panels produce no electricity" in detail.content
    assert b"Nested deeper than 64 levels: shown as stored." in detail.content
    assert b"[[[[[[[[" in detail.content  # the stored text itself, unparsed


def test_the_admin_pretty_prints_an_original_of_ordinary_depth(admin_client, imported):
    record = ClaimReviewRecord.objects.get(url="https://checks.example.org/10")

    detail = admin_client.get(f"/admin/annotations/claimreviewrecord/{record.pk}/change/")

    assert b"<pre>{\n  &quot;" in detail.content  # one key a line (PostgreSQL orders the keys its way)
    assert b"&quot;claimReviewed&quot;: &quot;Solar panels" in detail.content


def test_import_command_reads_json_jsonl_and_gzip(tmp_path, db):
    reviews = corpus()
    (tmp_path / "a.json").write_text(json.dumps(reviews[:4]))
    (tmp_path / "b.jsonl").write_text("\n".join(json.dumps(r) for r in reviews[4:8]) + "\n{broken\n")
    with gzip.open(tmp_path / "c.json.gz", "wt") as handle:
        json.dump({"@type": "DataFeed", "dataFeedElement": reviews[8:] + reviews[:2]}, handle)
    out, err = StringIO(), StringIO()
    call_command(
        "import_claimreviews", tmp_path / "a.json", tmp_path / "b.jsonl", tmp_path / "c.json.gz",
        stdout=out, stderr=err,
    )
    assert out.getvalue().splitlines() == [
        f"{tmp_path / 'a.json'}: 4 created, 0 updated, 0 rejected",
        f"{tmp_path / 'b.jsonl'}: 4 created, 0 updated, 1 rejected",
        f"{tmp_path / 'c.json.gz'}: 4 created, 2 updated, 0 rejected",
        "Total: 12 created, 2 updated, 1 rejected",
    ]
    assert "b.jsonl record 5: rejected: The line is not JSON." in err.getvalue()
    assert "[##############################] 4/4" in err.getvalue()
    assert ClaimReviewRecord.objects.count() == 12


def test_import_command_rejects_a_record_with_nan_and_stores_the_others(tmp_path, db):
    reviews = corpus()[:2]
    reviews[1]["reviewRating"]["ratingValue"] = "@@"
    (tmp_path / "a.json").write_text(json.dumps(reviews).replace('"@@"', "NaN"))
    out, err = StringIO(), StringIO()

    call_command("import_claimreviews", tmp_path / "a.json", stdout=out, stderr=err)

    assert out.getvalue().splitlines()[0] == f"{tmp_path / 'a.json'}: 1 created, 0 updated, 1 rejected"
    assert "record 2: rejected: reviewRating.ratingValue is NaN, which JSON does not allow." in err.getvalue()


def test_reindex_rebuilds_the_stored_index_with_the_same_ranking(imported, verified):
    before = similar(text="Zelensky gave the Donbas to Russia for a ceasefire")
    KnownClaim.objects.all().delete()
    mirror.reset()
    assert similar(text="Zelensky gave the Donbas to Russia for a ceasefire") == []
    err = StringIO()
    call_command("reindex", stdout=StringIO(), stderr=err)
    assert "13/13" in err.getvalue()
    assert KnownClaim.objects.filter(active=True).count() == 13
    assert similar(text="Zelensky gave the Donbas to Russia for a ceasefire") == before


def test_another_process_sees_imports_and_removals_on_its_next_check(imported, settings):
    settings.FACTCHECK_MATCHING_REFRESH_SECONDS = 0
    other = Mirror()
    assert len(other.current()) == 12
    claimreviews_import(records=[claimreview(50, "Penguins can fly over the sea.", "False", "Bird Desk")],
                        user=None)
    index = other.current()
    assert len(index) == 13
    record = ClaimReviewRecord.objects.get(url="https://checks.example.org/50")
    assert core.similar(index, "penguins flying", limit=1)[0][:2] == ("external", record.pk)
    claimreviews_delete(records=ClaimReviewRecord.objects.filter(pk=record.pk))
    assert ("external", record.pk) not in other.current()
    assert len(other.current()) == 12


def test_a_process_checks_for_changes_at_most_once_per_interval(
    imported, settings, django_assert_num_queries
):
    settings.FACTCHECK_MATCHING_REFRESH_SECONDS = 60
    other = Mirror()
    other.current()
    with django_assert_num_queries(0):
        other.current()
    other.poke()
    with django_assert_num_queries(1):
        other.current()


# The ranking is computed in-process from stored texts and vectors, so it cannot depend on
# the database; this pins it for a fixed corpus (the suite runs on SQLite and PostgreSQL).
def test_a_fixed_corpus_ranks_the_same_on_every_database(imported):
    question = "Do wind farms kill more birds than cars?"
    ranked = [(r["url"], r["score"]) for r in similar(text=question, limit=3)]
    assert [(url, round(score, 3)) for url, score in ranked] == [
        ("https://checks.example.org/8", 0.333),
        ("https://checks.example.org/3", 0.096),
        ("https://checks.example.org/10", 0.039),
    ]
    again = [(r["url"], r["score"]) for r in similar(text=question, limit=3)]
    assert again == ranked
