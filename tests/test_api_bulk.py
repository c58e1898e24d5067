"""POST /api/v1/annotations/bulk/: many single creates in one request, all or nothing."""

import json

import pytest
from django.test import override_settings

from annotations.models import Annotation, Attribution, Evidence, Source
from tests.api_support import client_for
from tests.factories import UserFactory

URL = "/api/v1/annotations/bulk/"


def item(article, quote="Trump", **extra) -> dict:
    start = article.body.index(quote)
    return {"article": article.pk, "start": start, "end": start + len(quote), "quote": quote,
            "claim": f"About {quote}", "rating": "unproven", **extra}


def post(user, items, *, query="", content_type="application/json"):
    body = items if isinstance(items, str) else json.dumps(items)
    return client_for(user).post(f"{URL}{query}", body, content_type=content_type)


def test_creates_every_item_and_answers_the_ids_in_input_order(reviewer, article, ft_source):
    items = [
        item(article, "White House official",
             attributions=[{"source": ft_source.pk, "stance": "reported"}],
             evidence=[{"url": "https://evidence.example/1", "relation": "supports"}]),
        item(article, "Trump"),
        {"article": article.pk, "quote": "Donbas"},  # anchored by its quote alone
    ]

    response = post(reviewer, items)

    assert response.status_code == 201
    ids = response.json()["ids"]
    created = {a.pk: a for a in Annotation.objects.all()}
    assert sorted(ids) == sorted(created)
    assert [created[pk].quote for pk in ids] == ["White House official", "Trump", "Donbas"]
    first = created[ids[0]]
    assert first.created_by == first.edited_by == reviewer
    assert first.prefix == article.body[first.start - len(first.prefix):first.start]
    assert [a.source for a in first.attributions.all()] == [ft_source]
    assert [e.url for e in first.evidence.all()] == ["https://evidence.example/1"]
    assert first.evidence.get().added_by == reviewer


def test_writes_a_history_row_per_annotation_and_child(reviewer, article, ft_source):
    items = [
        item(article, quote, attributions=[{"source": ft_source.pk, "stance": "reported"}],
             evidence=[{"url": "https://evidence.example/e"}])
        for quote in ("Trump", "Donbas")
    ]

    ids = post(reviewer, items).json()["ids"]

    for pk in ids:
        records = Annotation.history.filter(id=pk)
        assert [(r.history_type, r.history_change_reason, r.history_user) for r in records] == [
            ("+", "created", reviewer)
        ]
        stored, recorded = Annotation.objects.get(pk=pk), records.get()
        assert [getattr(recorded, f.attname) for f in Annotation._meta.concrete_fields] == [
            getattr(stored, f.attname) for f in Annotation._meta.concrete_fields
        ]
    assert Attribution.history.filter(annotation_id__in=ids, history_type="+").count() == 2
    assert Evidence.history.filter(annotation_id__in=ids, history_type="+").count() == 2
    assert {r.history_user for r in Evidence.history.all()} == {reviewer}
    recorded = Attribution.history.filter(annotation_id=ids[0]).get()
    assert (recorded.source_id, recorded.stance, recorded.history_change_reason) == (
        ft_source.pk, "reported", "",
    )


def test_one_invalid_item_stores_nothing_and_names_every_bad_index(reviewer, article):
    items = [
        item(article, "Trump"),
        {"article": article.pk, "start": 0, "end": 5, "quote": "Wrong"},  # quote mismatch
        item(article, "Donbas"),
        {"article": article.pk, "quote": "Trump", "rating": "sort of"},  # bad choice
        {"article": 999999, "quote": "Trump"},  # no such article
        {"article": article.pk, "quote": "not in the body at all"},
        "not an object",
    ]

    response = post(reviewer, items)

    assert response.status_code == 400
    errors = response.json()
    assert [error["index"] for error in errors] == [1, 3, 4, 5, 6]
    by_index = {error["index"]: error["errors"] for error in errors}
    assert list(by_index[1]) == ["quote"]
    assert list(by_index[3]) == ["rating"]
    assert list(by_index[4]) == ["article"]
    assert list(by_index[5]) == ["quote"]
    assert list(by_index[6]) == ["non_field_errors"]
    assert not Annotation.objects.exists()
    assert not Annotation.history.exists()


def test_a_source_named_by_an_unstored_id_refuses_the_item(reviewer, article):
    items = [item(article, attributions=[{"source": 424242, "stance": "reported"}])]

    response = post(reviewer, items)

    assert response.status_code == 400
    assert response.json() == [{"index": 0, "errors": {
        "attributions": ["item 0, source: There is no source with id 424242."]}}]
    assert not Annotation.objects.exists()


def test_partial_stores_the_valid_items_and_reports_the_others(reviewer, article):
    items = [
        item(article, "Trump"),
        {"article": article.pk, "start": 0, "end": 5, "quote": "Wrong"},
        item(article, "Donbas"),
    ]

    response = post(reviewer, items, query="?partial=1")

    assert response.status_code == 201
    body = response.json()
    assert body["ids"][1] is None
    assert [Annotation.objects.get(pk=pk).quote for pk in (body["ids"][0], body["ids"][2])] == [
        "Trump", "Donbas",
    ]
    assert [error["index"] for error in body["errors"]] == [1]
    assert Annotation.objects.count() == 2


def test_sources_named_by_name_are_matched_or_created_once(reviewer, article, ft_source):
    items = [
        item(article, quote, attributions=[
            {"source": {"name": "financial times"}, "stance": "reported"},
            {"source": {"name": "A New Spokesperson"}, "stance": "asserted"},
        ])
        for quote in ("Trump", "Donbas")
    ]

    assert post(reviewer, items).status_code == 201

    assert Source.objects.filter(name="A New Spokesperson").count() == 1
    assert Attribution.objects.filter(source=ft_source).count() == 2


def test_json_lines_are_accepted(reviewer, article):
    lines = "\n".join(json.dumps(item(article, quote)) for quote in ("Trump", "Donbas")) + "\n\n"

    response = post(reviewer, lines, content_type="application/x-ndjson")

    assert response.status_code == 201
    assert [Annotation.objects.get(pk=pk).quote for pk in response.json()["ids"]] == ["Trump", "Donbas"]


def test_a_broken_json_line_is_refused_naming_the_line(reviewer, article):
    lines = json.dumps(item(article)) + "\n{broken\n"

    response = post(reviewer, lines, content_type="application/x-ndjson")

    assert response.status_code == 400
    assert "line 2" in response.json()["detail"]
    assert not Annotation.objects.exists()


def test_ten_thousand_and_one_items_are_refused_with_413(reviewer, article):
    response = post(reviewer, [item(article)] * 10_001)

    assert response.status_code == 413
    assert "10,000" in response.json()["detail"]
    assert not Annotation.objects.exists()


def test_a_body_over_the_bulk_limit_is_refused_before_parsing(reviewer, article):
    with override_settings(FACTCHECK_MAX_BULK_BODY_BYTES=1000):
        response = post(reviewer, [item(article)] * 50)

    assert response.status_code == 413
    assert not Annotation.objects.exists()


@pytest.mark.parametrize("who, status", [("anonymous", 401), ("no permission", 403)])
def test_only_who_may_create_annotations_may_bulk_create(db, article, who, status):
    user = None if who == "anonymous" else UserFactory(username="visitor")

    response = post(user, [item(article)])

    assert response.status_code == status
    assert not Annotation.objects.exists()


def test_an_object_instead_of_an_array_is_refused(reviewer, article):
    response = post(reviewer, item(article))

    assert response.status_code == 400
    assert not Annotation.objects.exists()


def test_a_bulk_body_may_exceed_the_single_request_limits(reviewer, article):
    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000, FACTCHECK_MAX_BODY_BYTES=1000):
        response = post(reviewer, [item(article)] * 50)

    assert response.status_code == 201
    assert Annotation.objects.count() == 50


def test_ids_past_any_stored_one_are_refused_as_missing(reviewer, article):
    items = [
        {"article": 2**62, "quote": "Trump"},
        item(article, attributions=[{"source": 2**62, "stance": "reported"}]),
        item(article, attributions=[{"source": 2**95, "stance": "reported"}]),
    ]

    response = post(reviewer, items)

    assert response.status_code == 400
    assert [(error["index"], list(error["errors"])) for error in response.json()] == [
        (0, ["article"]), (1, ["attributions"]), (2, ["attributions"]),
    ]
    assert not Annotation.objects.exists()


def test_an_items_links_to_known_claims_are_kept(reviewer, editor, article):
    from annotations.matching.models import ClaimReviewRecord
    from tests.matching_corpus import corpus

    assert client_for(editor).post("/api/v1/claimreviews/import/", corpus()[6:7], format="json").json()[
        "created"] == 1
    review = ClaimReviewRecord.objects.get()

    response = post(reviewer, [item(article, same_as=[{"kind": "external", "id": review.pk}])])

    assert response.status_code == 201
    assert Annotation.objects.get().same_as == [{"kind": "external", "id": review.pk, "url": review.url}]


def test_children_are_stored_as_a_single_create_stores_them(reviewer, article, ft_source):
    payload = item(
        article, "Trump",
        attributions=[{"source": ft_source.pk, "stance": "reported", "note": "said \u202eso",
                       "url": "https://outlet.example/a", "date": "2024-05-01"}],
        evidence=[{"url": "https://evidence.example/1", "title": "T\u202eitle", "publisher": "P\u202e",
                   "published": "2024-01-02", "excerpt": "kept \u202e whole"},
                  {"url": "https://evidence.example/2"}],
    )
    single = client_for(reviewer).post("/api/v1/annotations/", json.dumps(payload),
                                       content_type="application/json").json()["id"]

    bulk = post(reviewer, [payload]).json()["ids"][0]

    for model in (Attribution, Evidence):
        def stored(pk, model=model):
            return [
                {f.attname: getattr(child, f.attname) for f in model._meta.concrete_fields
                 if f.attname not in ("id", "annotation_id")}
                for child in model.objects.filter(annotation_id=pk).order_by("id")
            ]
        assert stored(bulk) == stored(single)
    assert Attribution.objects.get(annotation_id=bulk).note == "said so"


# Caps: an item costs what a realistic annotation costs, and a request what 10,000 of them do


def test_an_item_with_51_attributions_or_an_over_long_text_is_refused_naming_its_index(
    reviewer, article, ft_source
):
    attribution = {"source": ft_source.pk, "stance": "reported"}
    items = [
        item(article, attributions=[attribution] * 50, evidence=[{"url": "https://e.example"}] * 50),
        item(article, attributions=[attribution] * 51),
        item(article, evidence=[{"url": "https://e.example"}] * 51),
        item(article, rationale="x" * 10_001),
        item(article, attributions=[{**attribution, "note": "x" * 2001}]),
        item(article, evidence=[{"url": "https://e.example", "excerpt": "x" * 5001}]),
    ]

    response = post(reviewer, items)

    assert response.status_code == 400
    errors = {error["index"]: error["errors"] for error in response.json()}
    assert errors == {
        1: {"attributions": {"non_field_errors": ["Ensure this field has no more than 50 elements."]}},
        2: {"evidence": {"non_field_errors": ["Ensure this field has no more than 50 elements."]}},
        3: {"rationale": ["Ensure this field has no more than 10000 characters."]},
        4: {"attributions": {"0": {"note": ["Ensure this field has no more than 2000 characters."]}}},
        5: {"evidence": {"0": {"excerpt": ["Ensure this field has no more than 5000 characters."]}}},
    }
    assert not Annotation.objects.exists()


def test_an_item_at_the_caps_is_stored(reviewer, article, ft_source):
    attribution = {"source": ft_source.pk, "stance": "reported", "note": "n" * 2000}
    evidence = {"url": "https://e.example", "excerpt": "e" * 5000}

    response = post(reviewer, [item(article, rationale="r" * 10_000,
                                     attributions=[attribution] * 50, evidence=[evidence] * 50)])

    assert response.status_code == 201
    stored = Annotation.objects.get()
    assert (stored.attributions.count(), stored.evidence.count()) == (50, 50)


def test_a_request_with_more_attributions_and_evidence_than_10000_items_need_is_refused(
    reviewer, article, ft_source, settings
):
    from annotations.bulk import services as bulk_services

    settings.FACTCHECK_MAX_BULK_BODY_BYTES = 64 * 1024 * 1024
    attribution = {"source": ft_source.pk, "stance": "reported"}
    per_item = 40
    count = bulk_services.MAX_CHILDREN // per_item + 1
    items = [item(article, attributions=[attribution] * per_item)] * count

    response = post(reviewer, items)

    assert response.status_code == 413
    assert f"{bulk_services.MAX_CHILDREN:,}" in response.json()["detail"]
    assert not Annotation.objects.exists()


def test_the_default_bulk_body_limit_holds_10000_realistic_items_and_no_more_than_needed():
    """10,000 items like the demo's, every field filled, fit; the limit is not many times that."""
    from django.conf import settings as django_settings

    from annotations.management.commands.load_demo import ANNOTATIONS, ARTICLE_FILE, SOURCES

    body = ARTICLE_FILE.read_text(encoding="utf-8").strip()
    items = []
    for n in range(10_000):
        quote, claim, rating, _, attributions, evidence = ANNOTATIONS[n % len(ANNOTATIONS)]
        start = body.index(quote)
        items.append({
            "article": 123456, "start": start, "end": start + len(quote), "quote": quote,
            "prefix": body[max(0, start - 32):start], "suffix": body[start + len(quote):][:32],
            "claim": claim, "rating": rating or "unproven",
            "rationale": "Only one anonymous official says so; the Kremlin said no date was set. " * 4,
            "attributions": [
                {"source": {"name": name, "kind": SOURCES[name]}, "stance": stance,
                 "url": "https://demo-wire.example/world/a-story", "note": "speaking anonymously"}
                for name, stance in attributions
            ],
            "evidence": [
                {"url": url, "title": title, "relation": relation, "publisher": "Demo Wire",
                 "published": "2025-10-21", "excerpt": "A passage quoted from the evidence. " * 6}
                for url, title, relation in evidence
            ],
        })
    size = len(json.dumps(items, ensure_ascii=False).encode())

    assert size < django_settings.FACTCHECK_MAX_BULK_BODY_BYTES < 3 * size
