import io
import json
import re
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from annotations import anchoring, services
from annotations.exports import w3c
from annotations.models import Annotation
from tests import factories

STANDARDS = Path(__file__).resolve().parent / "standards"
MODEL = STANDARDS / "w3c-annotation-model"
MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'

# jsonschema checks "uri" and "date-time" only with optional packages; check them here.
FORMATS = FormatChecker(formats=())
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


@FORMATS.checks("uri")
def _is_uri(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return bool(parts.scheme) and bool(parts.netloc or parts.path) and " " not in value


@FORMATS.checks("date-time")
def _is_date_time(value) -> bool:
    return not isinstance(value, str) or bool(RFC3339.match(value))


@cache
def registry() -> Registry:
    """Preload the definitions by their ids, as the assertion schemas $ref them."""
    assert MODEL.exists(), f"the W3C annotation model tests are missing at {MODEL}"
    resources = []
    for path in sorted((MODEL / "definitions").glob("*.json")):
        contents = json.loads(path.read_text())
        resources.append((contents["id"], Resource.from_contents(contents, DRAFT4)))
    return Registry().with_resources(resources)


@cache
def assertions(listing: str) -> tuple[tuple[str, dict], ...]:
    names = json.loads((MODEL / listing).read_text())["assertions"]
    return tuple((name, json.loads((MODEL / name).read_text())) for name in names)


def failed_musts(document: dict, listing: str) -> list[str]:
    """Return the MUST assertions of a .test listing that the document does not meet."""
    failed = []
    for name, schema in assertions(listing):
        validator = Draft4Validator(schema, registry=registry(), format_checker=FORMATS)
        if validator.is_valid(document) != (schema.get("expectedResult", "valid") == "valid"):
            failed.append(name)
    return failed


ANNOTATION_MUSTS = "annotations/annotationMusts.test"
COLLECTION_MUSTS = "collections/collectionMusts.test"
PAGE_MUSTS = "collections/pages/pageMusts.test"


def assert_valid_page(page: dict):
    assert failed_musts(page, PAGE_MUSTS) == []
    for item in page["items"]:
        # Items inherit the page's @context, as JSON-LD reads them.
        assert failed_musts({"@context": page["@context"], **item}, ANNOTATION_MUSTS) == []


def assert_valid_collection(collection: dict):
    assert failed_musts(collection, COLLECTION_MUSTS) == []
    if "first" in collection:
        assert_valid_page({"@context": w3c.CONTEXT, **collection["first"]})


def _sample(name: str) -> dict:
    return json.loads((MODEL / "samples" / name).read_text())


def test_validator_passes_correct_samples_and_fails_incorrect_ones():
    assert failed_musts(_sample("correct/anno27.json"), ANNOTATION_MUSTS) == []
    assert failed_musts(_sample("correct/anno26.json"), ANNOTATION_MUSTS) == []
    assert failed_musts(_sample("correct/example41.json"), COLLECTION_MUSTS) == []
    assert "annotations/3.1-annotationContextValidated.json" in failed_musts(
        _sample("incorrect/anno3.json"), ANNOTATION_MUSTS
    )
    broken_date = {**_sample("correct/anno27.json"), "created": "yesterday"}
    assert failed_musts(broken_date, ANNOTATION_MUSTS) == [
        "annotations/3.3.1-annotationCreatedValidated.json"
    ]
    link = {"id": "http://x.example", "purpose": "linking"}
    purpose_on_link = {**_sample("correct/anno27.json"), "body": link}
    assert failed_musts(purpose_on_link, ANNOTATION_MUSTS) != []


def expected_annotation(annotation: Annotation, *, embedded: bool = False) -> dict:
    annotation = Annotation.objects.get(pk=annotation.pk)
    evidence = annotation.evidence.get()
    document = {} if embedded else {"@context": "http://www.w3.org/ns/anno.jsonld"}
    return document | {
        "id": f"http://testserver/api/v1/w3c/annotations/{annotation.pk}/",
        "type": "Annotation",
        "motivation": "assessing",
        "created": annotation.created_at.isoformat().replace("+00:00", "Z"),
        "modified": annotation.reviewed_at.isoformat().replace("+00:00", "Z"),
        "creator": {"type": "Organization", "name": "Factcheck"},
        "body": [
            {"type": "TextualBody", "purpose": "classifying", "value": "Unproven", "format": "text/plain"},
            {
                "type": "TextualBody", "purpose": "identifying", "format": "text/plain",
                "value": "Trump pressed Zelenskyy to give up the whole Donbas region", "language": "en",
            },
            {
                "type": "TextualBody", "purpose": "tagging", "format": "text/plain",
                "value": "Financial Times (reported)",
            },
            {
                "type": "TextualBody", "purpose": "tagging", "format": "text/plain",
                "value": "Donald Trump (denied)",
            },
            {"type": "SpecificResource", "source": evidence.url, "purpose": "linking"},
        ],
        "target": {
            "source": annotation.article.url,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": annotation.quote,
                    "prefix": annotation.prefix,
                    "suffix": annotation.suffix,
                },
                {"type": "TextPositionSelector", "start": annotation.start, "end": annotation.end},
            ],
        },
    }


def test_annotation_of_the_ft_donbas_claim(client, verified):
    response = client.get(f"/api/v1/w3c/annotations/{verified.pk}/")

    assert response.status_code == 200
    assert response.json() == expected_annotation(verified)
    assert response["Content-Type"] == MEDIA_TYPE
    assert response["Link"] == '<http://www.w3.org/ns/ldp#Resource>; rel="type"'
    assert re.fullmatch(r'"[0-9a-f]{32}"', response["ETag"])
    assert "Accept" in [v.strip() for v in response["Vary"].split(",")]
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    assert failed_musts(response.json(), ANNOTATION_MUSTS) == []


def test_annotation_with_rationale_describes_it_and_is_valid(client, db):
    claim = factories.verified_claim(rationale="The FT stands by its report.")

    document = client.get(f"/api/v1/w3c/annotations/{claim.pk}/").json()

    assert {"type": "TextualBody", "purpose": "describing", "format": "text/plain",
            "value": "The FT stands by its report."} in document["body"]
    assert failed_musts(document, ANNOTATION_MUSTS) == []


def test_same_as_links_are_identifying_bodies_and_valid(client, db):
    other = factories.verified_claim(claim="The FT said Trump pushed for the Donbas handover")
    links = [
        {"kind": "verified", "id": other.pk, "url": f"http://testserver/claims/{other.pk}/"},
        {"kind": "external", "id": 7, "url": "https://checks.example.org/7"},
    ]
    claim = factories.verified_claim(same_as=links)

    document = client.get(f"/api/v1/w3c/annotations/{claim.pk}/").json()

    evidence = claim.evidence.get()
    assert document["body"][-3:] == [
        {"type": "SpecificResource", "source": evidence.url, "purpose": "linking"},
        {"type": "SpecificResource", "source": links[0]["url"], "purpose": "identifying"},
        {"type": "SpecificResource", "source": "https://checks.example.org/7", "purpose": "identifying"},
    ]
    assert failed_musts(document, ANNOTATION_MUSTS) == []


def test_annotation_targets_the_article_api_url_when_the_article_has_none(client, db):
    article = factories.ArticleFactory(url="")
    claim = factories.verified_claim(article=article)

    document = client.get(f"/api/v1/w3c/annotations/{claim.pk}/").json()

    assert document["target"]["source"] == f"http://testserver/api/v1/articles/{article.pk}/"
    assert failed_musts(document, ANNOTATION_MUSTS) == []


@pytest.mark.parametrize("state", ["draft", "in_review"])
def test_unverified_annotations_are_not_in_the_container(client, request, state, editor):
    annotation = request.getfixturevalue(state)
    client.force_login(editor)

    assert client.get(f"/api/v1/w3c/annotations/{annotation.pk}/").status_code == 404
    assert client.get("/api/v1/w3c/annotations/").json()["total"] == 0


def test_annotation_answers_304_to_a_matching_if_none_match(client, verified):
    url = f"/api/v1/w3c/annotations/{verified.pk}/"
    etag = client.get(url)["ETag"]

    cached = client.get(url, headers={"If-None-Match": etag})
    changed = client.get(url, headers={"If-None-Match": '"something-else"'})

    assert cached.status_code == 304
    assert cached.content == b""
    assert cached["ETag"] == etag
    assert changed.status_code == 200


def test_annotation_etag_changes_with_the_published_version(client, verified, editor, other_editor):
    url = f"/api/v1/w3c/annotations/{verified.pk}/"
    before = client.get(url)["ETag"]
    services.annotation_update(annotation=verified, user=editor, version=3, claim="Restated")

    assert client.get(url)["ETag"] == before  # a correction in review changes nothing public
    services.review_verify(annotation=verified, user=other_editor)
    assert client.get(url)["ETag"] != before


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(w3c, "PAGE_SIZE", 2)


def test_collection_embeds_its_first_page(client, db, small_pages):
    claims = [factories.verified_claim() for _ in range(3)]

    response = client.get("/api/v1/w3c/annotations/")

    assert response.status_code == 200
    assert response["Content-Type"] == MEDIA_TYPE
    assert response["Link"] == (
        '<http://www.w3.org/ns/ldp#BasicContainer>; rel="type", '
        '<http://www.w3.org/TR/annotation-protocol/>; rel="http://www.w3.org/ns/ldp#constrainedBy"'
    )
    assert response["ETag"]
    assert "Accept" in [v.strip() for v in response["Vary"].split(",")]
    collection = response.json()
    base = "http://testserver/api/v1/w3c/annotations/"
    assert collection == {
        "@context": ["http://www.w3.org/ns/anno.jsonld", "http://www.w3.org/ns/ldp.jsonld"],
        "id": base,
        "type": ["BasicContainer", "AnnotationCollection"],
        "label": "Verified claims",
        "total": 3,
        "first": {
            "id": f"{base}?page=0",
            "type": "AnnotationPage",
            "next": f"{base}?page=1",
            "startIndex": 0,
            "items": [expected_annotation(c, embedded=True) for c in claims[:2]],
        },
        "last": f"{base}?page=1",
    }
    assert_valid_collection(collection)


def test_pages_link_to_each_other_and_to_their_collection(client, db, small_pages):
    claims = [factories.verified_claim() for _ in range(5)]
    base = "http://testserver/api/v1/w3c/annotations/"

    pages = [client.get("/api/v1/w3c/annotations/", {"page": n}) for n in range(3)]

    assert all(p.status_code == 200 and p["Content-Type"] == MEDIA_TYPE for p in pages)
    middle = pages[1].json()
    assert middle == {
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": f"{base}?page=1",
        "type": "AnnotationPage",
        "partOf": {"id": base, "label": "Verified claims", "total": 5},
        "next": f"{base}?page=2",
        "prev": f"{base}?page=0",
        "startIndex": 2,
        "items": [expected_annotation(c, embedded=True) for c in claims[2:4]],
    }
    last = pages[2].json()
    assert "next" not in last and last["prev"] == f"{base}?page=1"
    assert [item["id"] for item in last["items"]] == [f"{base}{claims[4].pk}/"]
    assert "prev" not in pages[0].json()
    for page in pages:
        assert_valid_page(page.json())


def test_collection_keeps_the_filters_in_its_links(client, db, small_pages):
    for _ in range(3):
        factories.verified_claim(rating="false")
    factories.verified_claim(rating="true")

    collection = client.get("/api/v1/w3c/annotations/", {"rating": "false"}).json()
    page = client.get(collection["last"]).json()

    base = "http://testserver/api/v1/w3c/annotations/?rating=false"
    assert collection["id"] == base
    assert collection["total"] == 3
    assert collection["last"] == f"{base}&page=1"
    assert page["partOf"]["id"] == base
    assert len(page["items"]) == 1
    assert_valid_collection(collection)
    assert_valid_page(page)


def test_empty_collection_has_no_pages(client, db):
    response = client.get("/api/v1/w3c/annotations/")

    assert response.json() == {
        "@context": ["http://www.w3.org/ns/anno.jsonld", "http://www.w3.org/ns/ldp.jsonld"],
        "id": "http://testserver/api/v1/w3c/annotations/",
        "type": ["BasicContainer", "AnnotationCollection"],
        "label": "Verified claims",
        "total": 0,
    }
    assert_valid_collection(response.json())
    assert client.get("/api/v1/w3c/annotations/", {"page": 0}).status_code == 404


@pytest.mark.parametrize(("page", "status"), [("7", 404), ("-1", 404), ("two", 400)])
def test_pages_outside_the_collection_are_refused(client, db, page, status):
    factories.verified_claim()

    assert client.get("/api/v1/w3c/annotations/", {"page": page}).status_code == status


@pytest.mark.parametrize("count", [3, 30])
def test_container_runs_the_same_queries_for_any_number_of_claims(
    client, db, count, django_assert_num_queries
):
    for _ in range(count):
        factories.verified_claim()

    # Count, the page of stored public versions.
    with django_assert_num_queries(2):
        collection = client.get("/api/v1/w3c/annotations/").json()
    with django_assert_num_queries(2):
        page = client.get("/api/v1/w3c/annotations/", {"page": 0}).json()

    assert len(collection["first"]["items"]) == len(page["items"]) == count


BODIES = [
    # (body, quote): emoji with skin tone, ZWJ family, flags, combining marks that NFC
    # cannot compose, astral letters, right-to-left words.
    ("Fans 👍🏽👍🏽 cheered: the Zelenskyy visit is on. Later 👨‍👩‍👧 left.", "the Zelenskyy visit is on"),
    ("🇺🇦🇷🇺 talks: q̣̇uiet progress on Donbas, said 𝒳 officials.", "q̣̇uiet progress on Donbas"),
    ("Café owners (cafe\u0301) said שלום and مرحبا to the delegation 🕊️.", "שלום and مرحبا to the delegation"),
    ("Ζ̌ 🧑🏾‍🚀 The summit was postponed indefinitely ✔︎ per aides.", "postponed indefinitely ✔︎"),
]


@pytest.mark.parametrize(("body", "quote"), BODIES)
def test_round_trip_from_quote_to_text_position_selector(
    client, reviewer, editor, body, quote
):
    article = factories.ArticleFactory(body=anchoring.normalize_body(body))
    quote = anchoring.normalize_body(quote)
    annotation = services.annotation_create(
        article=article, user=reviewer, quote=quote, claim="A claim", rating="mixed"
    )
    services.review_submit(annotation=annotation, user=reviewer)
    services.review_verify(annotation=annotation, user=editor)

    single = client.get(f"/api/v1/w3c/annotations/{annotation.pk}/").json()
    listed = client.get("/api/v1/w3c/annotations/").json()["first"]["items"][0]

    stored = Annotation.objects.get(pk=annotation.pk).article.body
    for document in (single, listed):
        quote_selector, position = document["target"]["selector"]
        assert stored[position["start"] : position["end"]] == quote
        assert quote_selector["exact"] == quote
        assert stored.index(quote_selector["prefix"] + quote + quote_selector["suffix"]) >= 0
    # Code points, not UTF-16 units: astral characters before the quote would shift the latter.
    assert position["start"] == stored.index(quote)
    assert failed_musts(single, ANNOTATION_MUSTS) == []


def test_demo_donbas_record_is_in_the_w3c_container(client, db):
    call_command("load_demo", force=True, stdout=io.StringIO())

    collection = client.get("/api/v1/w3c/annotations/").json()

    donbas = next(
        item for item in collection["first"]["items"]
        if any("Donbas" in body.get("value", "") for body in item["body"])
    )
    tags = [body["value"] for body in donbas["body"] if body["purpose"] == "tagging"]
    assert tags == ["Financial Times (reported)", "Donald Trump (denied)"]
    assert donbas["target"]["source"] == (
        "https://demo-wire.example/world/trump-putin-budapest-summit-on-hold"
    )
    assert collection["total"] == 4
    assert_valid_collection(collection)
