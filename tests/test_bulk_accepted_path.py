"""The fast check accepts exactly what its DRF serializer accepts, no more (bulk and single creates)."""

import json

import pytest
from rest_framework import serializers

from annotations.api import bulk as bulk_api
from annotations.api.accepted import Undecided, accepted_path
from annotations.api.bulk import BulkItemSerializer
from annotations.api.serializers import AnnotationCreateSerializer
from annotations.bulk import services
from annotations.models import Annotation
from tests.api_support import client_for

URL = "/api/v1/annotations/bulk/"
GOOD = {
    "article": 1, "start": 5, "end": 10, "quote": "Trump", "prefix": " ", "suffix": "",
    "claim": "  About Trump ", "rating": "unproven", "rationale": "",
    "attributions": [
        {"source": 7, "stance": "reported"},
        {"source": {"name": "A new outlet", "kind": "news_outlet"}, "stance": "asserted",
         "url": "https://outlet.example/a", "date": "2024-05-01", "note": ""},
        {"source": {"name": "Someone"}, "stance": "asserted", "date": None},
    ],
    "evidence": [
        {"url": "https://evidence.example/1", "relation": "context", "title": "T",
         "publisher": "", "published": None, "excerpt": "x"},
        {"url": "http://evidence.example/2"},
    ],
}


def changed(path, value):
    """GOOD with the value at path (keys and list indexes) replaced, or removed if value is ..."""
    item = json.loads(json.dumps(GOOD))
    *parents, last = path
    target = item
    for key in parents:
        target = target[key]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return item


VALID = [
    GOOD,
    {"article": 1, "quote": "Trump"},
    {"article": 1, "start": 0, "end": 1, "attributions": [], "evidence": []},
    changed(["rating"], ""),
    changed(["claim"], "   "),  # blank after trimming, allowed blank
    changed(["quote"], "  Trump  "),  # not trimmed
    changed(["quote"], "   "),
    changed(["evidence", 0, "relation"], ...),
    changed(["attributions", 1, "url"], ""),
    changed(["start"], 2**31 - 1),
    # At the caps.
    changed(["attributions"], [{"source": 7, "stance": "reported"}] * 50),
    changed(["evidence"], [{"url": "https://evidence.example/1"}] * 50),
    changed(["rationale"], "r" * 10_000),
    changed(["quote"], "q" * 10_000),
    changed(["attributions", 0, "note"], "n" * 2000),
    changed(["evidence", 0, "excerpt"], "e" * 5000),
]
SENDABLE_INVALID = [
    [], "an item", None, 3,
    changed(["article"], ...),  # missing
    changed(["article"], None),
    changed(["article"], 0),
    changed(["article"], True),  # bool for int
    changed(["start"], -1),
    changed(["start"], 2**31),
    changed(["start"], "x"),
    changed(["start"], 1.5),
    changed(["end"], None),
    changed(["end"], False),
    changed(["quote"], ""),
    changed(["quote"], ["Trump"]),
    changed(["quote"], "Tr\x00ump"),
    changed(["claim"], "x" * 1001),
    changed(["claim"], None),
    changed(["claim"], True),
    changed(["prefix"], "p" * 1001),
    changed(["rating"], "wrong"),
    changed(["rating"], None),
    changed(["rating"], 1),
    changed(["rationale"], {"text": "x"}),
    changed(["colour"], "red"),  # not a field
    changed(["id"], 3),
    changed(["attributions"], None),
    changed(["attributions"], {"source": 7, "stance": "reported"}),
    changed(["attributions", 0], "reported"),
    changed(["attributions", 0, "stance"], ...),
    changed(["attributions", 0, "stance"], "shouted"),
    changed(["attributions", 0, "source"], True),
    changed(["attributions", 0, "source"], "7"),
    changed(["attributions", 0, "source"], {"name": ""}),
    changed(["attributions", 0, "source"], {"name": "X", "kind": "planet"}),
    changed(["attributions", 0, "source"], {"name": "X", "extra": 1}),
    changed(["attributions", 0, "extra"], 1),
    changed(["attributions", 1, "url"], "ftp://outlet.example/a"),
    changed(["attributions", 1, "url"], "not a url"),
    changed(["attributions", 1, "url"], "https://outlet.example/" + "a" * 1000),
    changed(["attributions", 1, "date"], "yesterday"),
    changed(["evidence", 0, "url"], ...),
    changed(["evidence", 0, "url"], ""),
    changed(["evidence", 0, "url"], "javascript:alert(1)"),
    changed(["evidence", 0, "relation"], "disproves everything"),
    changed(["evidence", 0, "title"], "t" * 501),
    changed(["evidence", 0, "publisher"], None),
    changed(["evidence", 0, "published"], "2024-13-01"),
    changed(["evidence", 1], None),
    changed(["same_as"], [{"kind": "verified"}]),
    changed(["same_as"], [{"kind": "rumour", "id": 1}]),
    changed(["same_as"], "verified"),
    # Past the caps.
    changed(["attributions"], [{"source": 7, "stance": "reported"}] * 51),
    changed(["evidence"], [{"url": "https://evidence.example/1"}] * 51),
    changed(["rationale"], "r" * 10_001),
    changed(["quote"], "q" * 10_001),
    changed(["attributions", 0, "note"], "n" * 2001),
    changed(["evidence", 0, "excerpt"], "e" * 5001),
]
# A lone surrogate cannot be sent: the parser refuses the whole body.
INVALID = [*SENDABLE_INVALID, changed(["quote"], "Tr\ud800ump")]
# Valid to DRF in a form the fast check leaves to it (coercions DRF allows).
VALID_ONLY_TO_DRF = [
    changed(["start"], "5"),
    changed(["start"], 5.0),
    changed(["claim"], 12),
    changed(["attributions", 1, "note"], 5),
]


def fast(item):
    try:
        return accepted_path(BulkItemSerializer())(item)
    except Undecided:
        return Undecided


def drf(item):
    try:
        return BulkItemSerializer().run_validation(item)
    except serializers.ValidationError:
        return Undecided


@pytest.mark.parametrize("item", VALID, ids=range(len(VALID)))
def test_the_fast_check_accepts_valid_items_as_the_serializer_validates_them(db, item):
    assert fast(item) is not Undecided
    assert fast(item) == drf(item)


@pytest.mark.parametrize("item", INVALID, ids=range(len(INVALID)))
def test_the_fast_check_leaves_every_invalid_item_to_the_serializer(db, item):
    assert drf(item) is Undecided
    assert fast(item) is Undecided


@pytest.mark.parametrize("item", VALID_ONLY_TO_DRF, ids=range(len(VALID_ONLY_TO_DRF)))
def test_what_only_drf_accepts_is_left_to_drf(db, item):
    assert fast(item) is Undecided
    assert drf(item) is not Undecided


def test_the_endpoint_reports_each_invalid_item_as_when_drf_validated_every_item(reviewer, article):
    def on_article(item):
        if isinstance(item, dict) and type(item.get("article")) is int and item["article"] == 1:
            return {**item, "article": article.pk}
        return item

    sent = [{"article": article.pk, "quote": "Trump"},
            *map(on_article, SENDABLE_INVALID), *map(on_article, VALID_ONLY_TO_DRF)]
    # What the endpoint answered before the fast check: DRF on every item, then the service.
    items, rejected = [], {}
    for index, item in enumerate(sent):
        try:
            items.append(BulkItemSerializer().run_validation(item))
        except serializers.ValidationError as error:
            items.append(None)
            rejected[index] = serializers.as_serializer_error(error)
    with pytest.raises(services.BulkRejected) as rejection:
        services.annotation_bulk_create(user=reviewer, items=items, rejected=rejected)

    response = client_for(reviewer).post(URL, json.dumps(sent), content_type="application/json")

    assert response.status_code == 400
    assert response.json() == json.loads(json.dumps(rejection.value.errors))
    assert set(rejected) == set(range(1, len(SENDABLE_INVALID) + 1))
    assert not Annotation.objects.exists()


def test_items_only_drf_accepts_are_stored_as_drf_reads_them(reviewer, article):
    start = article.body.index("Trump")
    sent = [
        {"article": article.pk, "start": str(start), "end": float(start + 5), "quote": "Trump", "claim": 12},
    ]

    response = client_for(reviewer).post(URL, json.dumps(sent), content_type="application/json")

    assert response.status_code == 201
    stored = Annotation.objects.get(pk=response.json()["ids"][0])
    assert (stored.start, stored.end, stored.claim) == (start, start + 5, "12")


def test_plainly_valid_items_are_not_validated_again_by_the_serializer(reviewer, article, monkeypatch):
    class Watched(BulkItemSerializer):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.run_validation = self.refuse

        def refuse(self, data):
            raise AssertionError("the serializer ran")

    monkeypatch.setattr(bulk_api, "BulkItemSerializer", Watched)
    sent = [{"article": article.pk, "quote": "Trump", "claim": "About Trump", "rating": "unproven"}]

    response = client_for(reviewer).post(URL, json.dumps(sent), content_type="application/json")

    assert response.status_code == 201
    assert Annotation.objects.get().claim == "About Trump"


def test_single_creates_take_the_fast_check_and_validate_as_the_serializer_does(article, ft_source):
    check = accepted_path(AnnotationCreateSerializer())
    for item in VALID:
        item = json.loads(json.dumps(item).replace('"source": 7', f'"source": {ft_source.pk}'))
        item["article"] = article.pk
        assert check(item) == AnnotationCreateSerializer().run_validation(item)


def test_a_single_create_the_fast_check_refuses_is_worded_by_the_serializer(reviewer, article):
    response = client_for(reviewer).post(
        "/api/v1/annotations/", {"article": article.pk, "quote": "Trump", "rating": "wrong"},
        content_type="application/json",
    )

    assert response.status_code == 400
    assert response.json()["rating"] == ['"wrong" is not a valid choice.']
