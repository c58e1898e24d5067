"""Known claims over HTTP: ClaimReview import, the imported list, and /claims/similar/."""

import json

import pytest

from annotations import services
from annotations.matching.models import ClaimReviewRecord, KnownClaim
from annotations.matching.services import claimreviews_delete
from tests.api_support import client_for
from tests.factories import ArticleFactory
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
        "language": "en",
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
    claimreviews_delete(records=ClaimReviewRecord.objects.filter(pk=record.pk))
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


# One bad record is rejected with its reason; the others are stored


def nested(depth: int):
    """A value `depth` levels deep (a list in a list ...)."""
    value = []
    for _ in range(depth - 1):
        value = [value]
    return value


def bad_records_body() -> str:
    """A JSON array of two good reviews around records no database stores (written as raw JSON)."""
    good = [claimreview(1, "Drinking seawater prevents sunburn.", "False", "Health Check"),
            claimreview(2, "Cats can read.", "False", "Health Check")]
    # claimreview() quotes "@@" in the claim; the raw text replaces it with what json.dumps cannot write.
    bad = [
        ('"Nul\\u0000 claim"', "claimReviewed"),
        ('"Lone \\ud800 surrogate"', "claimReviewed"),
        ("NaN", "ratingValue"),
        ("Infinity", "ratingValue"),
        ("-Infinity", "ratingValue"),
        ("1e999", "ratingValue"),
    ]
    parts = [json.dumps(good[0])]
    for number, (raw, field) in enumerate(bad, start=10):
        record = claimreview(number, "A claim.", "False", "X")
        if field == "claimReviewed":
            record["claimReviewed"] = "@@"
        else:
            record["reviewRating"]["ratingValue"] = "@@"
        parts.append(json.dumps(record).replace('"@@"', raw))
    nul_key = claimreview(20, "A claim with a bad key.", "False", "X", extra={"@@": 1})
    parts.append(json.dumps(nul_key).replace('"@@"', '"k\\u0000"'))
    parts.append(json.dumps(claimreview(21, "A deep claim.", "False", "X", extra=nested(200))))
    parts.append(json.dumps(good[1]))
    return "[" + ", ".join(parts) + "]"


BAD_RECORD_REASONS = [
    {"index": 1, "reason": "claimReviewed contains a NUL character (\\u0000)."},
    {"index": 2, "reason": "claimReviewed contains a lone surrogate (\\ud800), which is not text."},
    {"index": 3, "reason": "reviewRating.ratingValue is NaN, which JSON does not allow."},
    {"index": 4, "reason": "reviewRating.ratingValue is Infinity, which JSON does not allow."},
    {"index": 5, "reason": "reviewRating.ratingValue is -Infinity, which JSON does not allow."},
    {"index": 6, "reason": "reviewRating.ratingValue is a number too large to store (1e999)."},
    {"index": 7, "reason": "A key in extra contains a NUL character (\\u0000)."},
    {"index": 8, "reason": "The record is nested deeper than 64 levels."},
]


def test_records_no_database_stores_are_rejected_with_their_reason_and_the_others_stored(editor):
    response = post_import(editor, bad_records_body())

    assert response.status_code == 200
    assert response.json() == {"created": 2, "updated": 0, "rejected": BAD_RECORD_REASONS}
    assert sorted(ClaimReviewRecord.objects.values_list("claim_reviewed", flat=True)) == [
        "Cats can read.", "Drinking seawater prevents sunburn.",
    ]


def test_in_a_datafeed_bad_records_are_rejected_and_the_others_stored(editor):
    body = '{"@type": "DataFeed", "dataFeedElement": ' + bad_records_body() + "}"

    response = post_import(editor, body, "application/ld+json")

    assert response.json() == {"created": 2, "updated": 0, "rejected": BAD_RECORD_REASONS}


def test_in_json_lines_each_bad_line_is_rejected_and_the_others_stored(editor):
    records = json.loads(bad_records_body().replace("\\u0000", "").replace("\\ud800", "")
                         .replace("-Infinity", "0").replace("Infinity", "0").replace("NaN", "0")
                         .replace("1e999", "0"))
    lines = [json.dumps(record) for record in records]
    lines[1] = lines[1].replace('"Nul claim"', '"Nul\\u0000 claim"')
    lines[2] = lines[2].replace('"Lone  surrogate"', '"Lone \\ud800 surrogate"')
    for index, raw in ((3, "NaN"), (4, "Infinity"), (5, "-Infinity"), (6, "1e999")):
        lines[index] = lines[index].replace('"ratingValue": 0', f'"ratingValue": {raw}')
    lines[7] = lines[7].replace('"k": 1', '"k\\u0000": 1')
    # Deeper than a record may be, and than the parser itself goes: the line is refused, not the body.
    lines.insert(9, '{"url": "https://checks.example.org/30", "x": ' + "[" * 920 + "]" * 920 + "}")
    lines.insert(10, '{"url": "https://checks.example.org/31", "x": ' + "[" * 100_000 + "]" * 100_000 + "}")

    response = post_import(editor, "\n".join(lines), "application/x-ndjson")

    assert response.status_code == 200
    assert response.json() == {"created": 2, "updated": 0, "rejected": [
        *BAD_RECORD_REASONS,
        {"index": 9, "reason": "The record is nested deeper than 64 levels."},
        {"index": 10, "reason": "The record is nested deeper than 64 levels."},
    ]}


@pytest.mark.parametrize("depth", [257, 920, 100_000])
def test_a_json_body_nested_deeper_than_256_levels_is_a_400_with_the_reason(editor, depth):
    good = json.dumps(claimreview(1, "Drinking seawater prevents sunburn.", "False", "Health Check"))
    body = f'[{good}, {{"url": "https://checks.example.org/2", "x": {"[" * depth}{"]" * depth}}}]'

    response = post_import(editor, body)

    assert response.status_code == 400
    assert response.json() == {"detail": "The JSON is nested deeper than 256 levels."}
    assert ClaimReviewRecord.objects.count() == 0


def test_brackets_and_escaped_quotes_inside_strings_do_not_count_as_nesting(editor):
    record = claimreview(1, "A claim.", "False", "Health Check",
                         description='Quoting "[[[[" and \\"{{{{" ' * 100)

    response = post_import(editor, [record])

    assert response.json() == {"created": 1, "updated": 0, "rejected": []}


def test_a_rating_value_past_any_float_rejects_its_record(editor):
    good = claimreview(1, "Drinking seawater prevents sunburn.", "False", "Health Check")
    huge = claimreview(2, "Cats can read.", "False", "X")
    huge["reviewRating"]["ratingValue"] = "@@"
    body = json.dumps([good, huge]).replace('"@@"', "1" + "0" * 400)

    response = post_import(editor, body)

    assert response.json() == {"created": 1, "updated": 0, "rejected": [
        {"index": 1, "reason": "reviewRating.ratingValue must be a number."},
    ]}


def test_imported_names_and_texts_pass_the_text_guard_and_the_original_stays_whole(editor):
    record = claimreview(
        1, "Drinking \u202eseawater\u202c prevents sunburn.", "Fal\u200bse", "Health\u200b\u034f Check\u202e",
        description="Says \u2067who\u2069.",
    )
    record["itemReviewed"]["author"]["name"] = "A\u00a0social\U000e0041 media post"

    response = post_import(editor, [record])

    assert response.json() == {"created": 1, "updated": 0, "rejected": []}
    stored = ClaimReviewRecord.objects.get()
    assert (stored.claim_reviewed, stored.headline, stored.description) == (
        "Drinking seawater prevents sunburn.", "Fact check: Drinking seawater prevents sunburn.",
        "Says who.",
    )
    assert (stored.author_name, stored.rating_label, stored.claim_author) == (
        "Health Check", "False", "A social media post",
    )
    assert stored.original == record


def test_similar_takes_its_text_posted_as_a_form_too(imported, reviewer):
    response = client_for(reviewer).post(SIMILAR, {"text": PARAPHRASE, "limit": "1"}, format="multipart")

    assert response.status_code == 200
    assert len(response.json()["results"]) == 1


def test_results_show_the_language_of_their_claim(verified, reviewer, editor):
    verified.article.language = "es"
    verified.article.save(update_fields=["language"])
    said = "Trump presionó a Zelenski para que cediera toda la región del Donbás a Rusia."
    post_import(editor, [claimreview(61, said, "Falso", "Verificado", inLanguage="es")])

    results = client_for(reviewer).get(SIMILAR, {"text": said}).json()["results"]

    languages = {(result["kind"], result["language"]) for result in results}
    assert ("external", "es") in languages  # a ClaimReview: its inLanguage
    assert ("verified", "es") in languages  # our own claim: its article's language


def test_the_same_claim_verified_on_another_article_is_listed_beside_our_own(
    verified, reviewer, editor, ft_source, donbas_quote
):
    """An article whose own verified claim is also verified on another article lists the other one.

    The article's own claim used to win the sentence and then be dropped as "annotated
    already", leaving the list empty.
    """
    other = ArticleFactory(title="The same story elsewhere")
    # Our own claim here is worded as the sentence is, so it is that sentence's closest match.
    own = services.annotation_create(
        article=other, user=reviewer, quote=donbas_quote,
        claim=f"Trump {donbas_quote}", rating="unproven",
        attributions=[{"source": ft_source, "stance": "reported"}],
    )
    own = services.review_submit(annotation=own, user=reviewer)
    own = services.review_verify(annotation=own, user=editor)

    results = client_for(reviewer).get(f"/api/v1/articles/{other.pk}/known-claims/").json()["results"]
    assert [(r["match"]["kind"], r["match"]["id"]) for r in results] == [("verified", verified.pk)]
