"""Known claims over HTTP: ClaimReview import, the imported list, and /claims/similar/."""

import json

import pytest

from annotations import services
from annotations.matching.models import ClaimReviewRecord, KnownClaim
from tests.api_support import client_for
from tests.matching_corpus import claimreview, corpus

IMPORT = "/api/v1/claimreviews/import/"
SIMILAR = "/api/v1/claims/similar/"
PARAPHRASE = "Trump urged Zelensky to cede the entire Donbas to Russia, the Financial Times reported"


def post_import(user, body, content_type="application/json"):
    data = body if isinstance(body, bytes | str) else json.dumps(body)
    return client_for(user).post(IMPORT, data=data, content_type=content_type)


@pytest.fixture
def imported(editor):
    response = post_import(editor, corpus())
    assert response.status_code == 200, response.content
    return response.json()


def test_import_of_a_json_array_creates_each_review(imported):
    assert imported == {"created": 12, "updated": 0, "rejected": []}
    record = ClaimReviewRecord.objects.get(url="https://checks.example.org/7")
    assert record.claim_reviewed.startswith("Zelenskyy agreed to hand the Donbas")
    assert record.rating_label == "False"
    assert record.author_name == "Civic Facts"
    assert record.appearance == ["https://social.example.org/post/7"]
    assert record.original == corpus()[6]
    assert KnownClaim.objects.filter(kind="external", active=True).count() == 12


def test_import_of_a_datafeed_accepts_reviews_and_wrapped_items(editor):
    reviews = corpus()[:3]
    feed = {
        "@context": "https://schema.org",
        "@type": "DataFeed",
        "dataFeedElement": [reviews[0], {"@type": "DataFeedItem", "item": reviews[1]},
                            {"@type": "DataFeedItem", "item": [reviews[2]]}],
    }
    response = post_import(editor, feed, "application/ld+json")
    assert response.json() == {"created": 3, "updated": 0, "rejected": []}


def test_import_of_json_lines(editor):
    body = "\n".join(json.dumps(review) for review in corpus()[:4]) + "\n"
    response = post_import(editor, body, "application/x-ndjson")
    assert response.json() == {"created": 4, "updated": 0, "rejected": []}


def test_importing_the_same_url_and_claim_again_updates(editor, imported):
    review = corpus()[0]
    review["reviewRating"] = {"@type": "Rating", "alternateName": "Mostly false"}
    new = claimreview(99, "A brand new claim about trains.", "True", "Rail")
    response = post_import(editor, [review, new])
    assert response.json() == {"created": 1, "updated": 1, "rejected": []}
    assert ClaimReviewRecord.objects.count() == 13
    assert ClaimReviewRecord.objects.get(url="https://checks.example.org/1").rating_label == "Mostly false"


def test_bad_records_are_listed_and_the_good_ones_stored(editor):
    good = claimreview(1, "Drinking seawater prevents sunburn.", "False", "Health Check")
    no_url = {k: v for k, v in claimreview(2, "Cats can read.", "False", "X").items() if k != "url"}
    wrong_type = claimreview(3, "Dogs can count.", "False", "X", claimReviewed=["a", "b"])
    huge = claimreview(4, "x" * 1_000_000, "False", "X")
    bad_rating = claimreview(5, "Fish can fly.", "False", "X", reviewRating="five stars")
    response = post_import(editor, [good, no_url, wrong_type, huge, bad_rating, "not an object"])
    assert response.status_code == 200
    assert response.json() == {
        "created": 1,
        "updated": 0,
        "rejected": [
            {"index": 1, "reason": "url is required."},
            {"index": 2, "reason": "claimReviewed must be a string, not list."},
            {"index": 3, "reason": "The record is larger than 200000 characters."},
            {"index": 4, "reason": "reviewRating must be a Rating object."},
            {"index": 5, "reason": "A ClaimReview must be an object, not str."},
        ],
    }
    assert list(ClaimReviewRecord.objects.values_list("claim_reviewed", flat=True)) == [
        "Drinking seawater prevents sunburn."
    ]
    assert KnownClaim.objects.count() == 1


def test_a_line_that_is_not_json_is_rejected_and_the_others_stored(editor):
    body = json.dumps(corpus()[0]) + "\n{not json\n" + json.dumps(corpus()[1])
    response = post_import(editor, body, "application/x-ndjson")
    assert response.json() == {
        "created": 2, "updated": 0, "rejected": [{"index": 1, "reason": "The line is not JSON."}],
    }


@pytest.mark.parametrize(("body", "content_type"), [
    (b"this is not json", "application/json"),
    (b"\xff\xfe\x00garbage", "application/json"),
    (b"not json\nat all", "application/x-ndjson"),
    (b'{"@type": "DataFeed", "dataFeedElement": 3}', "application/json"),
    (b"42", "application/json"),
])
def test_a_body_that_is_not_json_is_a_400_and_stores_nothing(editor, body, content_type):
    response = post_import(editor, body, content_type)
    assert response.status_code == 400
    assert ClaimReviewRecord.objects.count() == 0


def test_an_import_over_the_size_limit_is_a_413(editor, settings):
    settings.FACTCHECK_MAX_IMPORT_BYTES = 1000
    response = post_import(editor, corpus())
    assert response.status_code == 413
    assert ClaimReviewRecord.objects.count() == 0


def test_import_needs_an_editor_or_admin(reviewer, admin_user, db):
    assert post_import(None, corpus()).status_code == 401
    assert post_import(reviewer, corpus()).status_code == 403
    assert post_import(admin_user, corpus()[:1]).status_code == 200
    assert ClaimReviewRecord.objects.count() == 1


def test_the_list_filters_and_runs_a_constant_number_of_queries(
    reviewer, imported, django_assert_num_queries
):
    client = client_for(reviewer)
    with django_assert_num_queries(3):  # token, count, page
        body = client.get("/api/v1/claimreviews/").json()
    assert body["count"] == 12
    by_author = client.get("/api/v1/claimreviews/?author=energy desk").json()["results"]
    assert {r["author"] for r in by_author} == {"Energy Desk"}
    assert len(by_author) == 2
    by_rating = client.get("/api/v1/claimreviews/?rating=satire").json()["results"]
    assert [r["claim_reviewed"] for r in by_rating] == [
        "The central bank printed a banknote showing a cartoon character."
    ]
    by_words = client.get("/api/v1/claimreviews/?q=solar cloudy").json()["results"]
    assert [r["url"] for r in by_words] == ["https://checks.example.org/10"]
    assert client.get("/api/v1/claimreviews/?language=fr").json()["count"] == 0


def test_the_detail_keeps_the_original_json_ld(reviewer, imported):
    record = ClaimReviewRecord.objects.get(url="https://checks.example.org/3")
    body = client_for(reviewer).get(f"/api/v1/claimreviews/{record.pk}/").json()
    assert body["original"] == corpus()[2]
    assert body["date_published"] == "2025-04-13"
    assert body["claim_author"] == "A social media post"
    assert client_for(None).get(f"/api/v1/claimreviews/{record.pk}/").status_code == 401


def test_a_paraphrase_of_the_donbas_claim_finds_the_verified_one_first(verified, imported, reviewer):
    body = client_for(reviewer).get(SIMILAR, {"text": PARAPHRASE}).json()
    first = body["results"][0]
    assert first == {
        "kind": "verified",
        "id": verified.pk,
        "claim": "Trump pressed Zelenskyy to give up the whole Donbas region",
        "rating": "unproven",
        "rating_label": "Unproven",
        "url": f"http://testserver/claims/{verified.pk}/",
        "score": first["score"],
        "reviewed_by": "Factcheck",
        "date": verified.reviewed_at.date().isoformat(),
        "article": {
            "id": verified.article.pk,
            "title": verified.article.title,
            "url": verified.article.url,
            "publisher": {"id": verified.article.publisher.pk, "name": "Demo Wire", "kind": "news_outlet"},
            "published_at": first["article"]["published_at"],
        },
        "attributions": [
            {"source": {"name": "Financial Times", "kind": "news_outlet"}, "stance": "reported"},
            {"source": {"name": "Donald Trump", "kind": "person"}, "stance": "denied"},
        ],
    }
    assert 0 < first["score"] <= 1
    second = body["results"][1]
    assert (second["kind"], second["url"]) == ("external", "https://checks.example.org/7")
    assert second["reviewed_by"] == "Civic Facts"
    assert second["rating"] == "false"
    assert second["article"] is None
    assert second["attributions"] == []
    scores = [r["score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)


def test_kind_limits_the_results(verified, imported, reviewer):
    client = client_for(reviewer)
    external = client.get(SIMILAR, {"text": PARAPHRASE, "kind": "external", "limit": 3}).json()["results"]
    assert [r["kind"] for r in external] == ["external"] * 3
    ours = client.get(SIMILAR, {"text": PARAPHRASE, "kind": "verified"}).json()["results"]
    assert [r["id"] for r in ours] == [verified.pk]


def test_similar_by_post_for_long_texts_gives_the_same_answer(verified, imported, editor):
    client = client_for(editor)
    by_get = client.get(SIMILAR, {"text": PARAPHRASE, "limit": 5}).json()
    by_post = client.post(SIMILAR, {"text": PARAPHRASE, "limit": 5}, format="json").json()
    assert by_get == by_post
    long_text = "Some words about nothing in particular. " * 300 + PARAPHRASE
    assert client.post(SIMILAR, {"text": long_text}, format="json").status_code == 200


def test_a_correction_keeps_the_published_claim_findable_until_it_replaces_it(
    verified, reviewer, editor, other_editor
):
    client = client_for(reviewer)

    def found(text):
        results = client.get(SIMILAR, {"text": text, "kind": "verified"}).json()["results"]
        return [(r["id"], r["claim"]) for r in results]

    published = verified.claim
    corrected = "Kyiv was told to hand its grain silos in Kharkiv to a private fund"
    assert found(PARAPHRASE) == [(verified.pk, published)]
    edited = services.annotation_update(
        annotation=verified, user=editor, version=verified.version, claim=corrected
    )
    assert edited.review_state == "in_review"
    # The published version stays the public fact-check while the correction is in review.
    assert found(PARAPHRASE) == found(corrected) == [(verified.pk, published)]
    services.review_verify(annotation=edited, user=other_editor)
    assert found(corrected) == [(verified.pk, corrected)]


def test_a_deleted_review_leaves_the_index(imported, reviewer):
    record = ClaimReviewRecord.objects.get(url="https://checks.example.org/7")
    client = client_for(reviewer)
    assert client.get(SIMILAR, {"text": PARAPHRASE}).json()["results"][0]["id"] == record.pk
    record.delete()
    ids = [r["id"] for r in client.get(SIMILAR, {"text": PARAPHRASE}).json()["results"]]
    assert record.pk not in ids


@pytest.mark.parametrize("params", [
    {}, {"text": ""}, {"text": "x", "limit": 51}, {"text": "x", "limit": 0}, {"text": "x", "limit": "ten"},
    {"text": "x", "kind": "ours"},
])
def test_similar_refuses_bad_parameters(reviewer, params):
    assert client_for(reviewer).get(SIMILAR, params).status_code == 400


def test_similar_is_for_authenticated_users_and_token_clients(verified, db):
    assert client_for(None).get(SIMILAR, {"text": PARAPHRASE}).status_code == 401
    from tests.factories import UserFactory

    client = client_for(UserFactory(username="export-client", is_staff=False))
    assert client.get(SIMILAR, {"text": PARAPHRASE}).status_code == 200


def test_similar_runs_a_constant_number_of_queries(verified, imported, reviewer, django_assert_num_queries):
    client = client_for(reviewer)
    client.get(SIMILAR, {"text": PARAPHRASE})
    # token, index marker, verified claims, imported reviews
    with django_assert_num_queries(4):
        client.get(SIMILAR, {"text": PARAPHRASE, "limit": 50})


def test_known_claims_in_an_article_are_its_sentences_that_repeat_one(verified, imported, reviewer):
    from tests.factories import ArticleFactory

    body = (
        "The summit was postponed on Monday.\n\n"
        "Reports said Trump pressed Zelenskyy to give up the whole Donbas region to Russia.\n\n"
        "Officials declined to comment on the schedule for next week."
    )
    other = ArticleFactory(title="Another report", body=body)
    client = client_for(reviewer)
    response = client.get(f"/api/v1/articles/{other.pk}/known-claims/")
    results = response.json()["results"]
    sentence = "Reports said Trump pressed Zelenskyy to give up the whole Donbas region to Russia."
    assert [(r["start"], r["end"], r["sentence"]) for r in results] == [
        (body.index(sentence), body.index(sentence) + len(sentence), sentence)
    ]
    assert (results[0]["match"]["kind"], results[0]["match"]["id"]) == ("verified", verified.pk)
    # The verified claim's own article lists no sentence for its own claim.
    own = client.get(f"/api/v1/articles/{verified.article.pk}/known-claims/").json()["results"]
    assert ("verified", verified.pk) not in [(r["match"]["kind"], r["match"]["id"]) for r in own]
    assert client.get("/api/v1/articles/999999/known-claims/").status_code == 404
    assert client_for(None).get(f"/api/v1/articles/{other.pk}/known-claims/").status_code == 401


def test_known_claims_of_an_article_are_cached_per_body_and_index_state(verified, reviewer, editor):
    from tests.factories import ArticleFactory

    other = ArticleFactory(body="Reports said Trump pressed Zelenskyy to give up the whole Donbas region.")
    client = client_for(reviewer)
    url = f"/api/v1/articles/{other.pk}/known-claims/"
    assert len(client.get(url).json()["results"]) == 1
    review = claimreview(60, "Trump pressed Zelenskyy to give up the Donbas region.", "False", "X")
    post_import(editor, [review])
    # The index changed: computed again, and the new review is the better match now.
    assert client.get(url).json()["results"][0]["match"]["kind"] == "external"
