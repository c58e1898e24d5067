"""An annotation links the known claims it repeats (same_as), in the API and every export."""

import csv
import io
import json

import pytest

from annotations import services
from annotations.matching.models import ClaimReviewRecord
from tests.api_support import client_for
from tests.matching_corpus import corpus


@pytest.fixture
def review(editor):
    response = client_for(editor).post("/api/v1/claimreviews/import/", corpus()[6:7], format="json")
    assert response.json()["created"] == 1
    return ClaimReviewRecord.objects.get()


def test_a_reviewer_links_a_draft_to_known_claims(draft, reviewer, review, verified_elsewhere):
    client = client_for(reviewer)
    response = client.patch(
        f"/api/v1/annotations/{draft.pk}/",
        {"same_as": [
            {"kind": "external", "id": review.pk}, {"kind": "verified", "id": verified_elsewhere.pk},
        ]},
        format="json", HTTP_IF_MATCH=f'"{draft.version}"',
    )
    assert response.status_code == 200, response.content
    assert response.json()["same_as"] == [
        {"kind": "external", "id": review.pk, "url": "https://checks.example.org/7"},
        {"kind": "verified", "id": verified_elsewhere.pk,
         "url": f"http://testserver/claims/{verified_elsewhere.pk}/"},
    ]


@pytest.fixture
def verified_elsewhere(article, editor, other_editor):
    annotation = services.annotation_create(
        article=article, user=editor, quote=article.body[:20], claim="Another claim", rating="false",
    )
    services.review_submit(annotation=annotation, user=editor)
    return services.review_verify(annotation=annotation, user=other_editor)


def test_a_link_to_an_unknown_claim_is_refused(draft, reviewer):
    response = client_for(reviewer).patch(
        f"/api/v1/annotations/{draft.pk}/", {"same_as": [{"kind": "external", "id": 999}]},
        format="json", HTTP_IF_MATCH=f'"{draft.version}"',
    )
    assert response.status_code == 400
    assert response.json() == {"same_as": ["No known external claim 999."]}


def test_links_appear_in_the_json_jsonl_and_csv_exports(in_review, editor, other_editor, review, client):
    linked = services.annotation_update(
        annotation=in_review, user=other_editor, version=in_review.version,
        same_as=[{"kind": "external", "id": review.pk, "url": review.url}],
    )
    services.review_verify(annotation=linked, user=editor)
    link = {"kind": "external", "id": review.pk, "url": "https://checks.example.org/7"}
    assert client.get(f"/api/v1/claims/{linked.pk}/").json()["same_as"] == [link]
    lines = client.get("/api/v1/claims/export/?format=jsonl").getvalue().decode().splitlines()
    assert json.loads(lines[0])["same_as"] == [link]
    table = client.get("/api/v1/claims/export/?format=csv").getvalue().decode()
    rows = list(csv.DictReader(io.StringIO(table)))
    assert rows[0]["Same claim as"] == "https://checks.example.org/7"
