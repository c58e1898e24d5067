import json

import pytest

from annotations import presenters, services
from annotations.models import Annotation
from annotations.publishing import services as publishing
from annotations.publishing.models import PublishedClaim
from tests import factories


def claim_payload(annotation):
    """Return the expected public JSON of the FT Donbas claim built by the `verified` fixture."""
    annotation = Annotation.objects.get(pk=annotation.pk)
    reviewed_at = presenters.iso(annotation.reviewed_at)
    article = annotation.article
    ft, trump = annotation.attributions.order_by("id")
    evidence = annotation.evidence.get()
    return {
        "id": annotation.pk,
        "article": {
            "id": article.pk,
            "title": article.title,
            "url": article.url,
            "publisher": {"id": article.publisher_id, "name": "Demo Wire", "kind": "news_outlet"},
            "published_at": None,
        },
        "start": 6,
        "end": 122,
        "quote": (
            "refuted a story by the Financial Times that he had pressed Zelenskyy "
            "to relinquish the whole Donbas region to Russia"
        ),
        "prefix": "Trump ",
        "suffix": ".\n\nA White House official said t",
        "context": {
            "start": 0,
            "text": (
                "Trump refuted a story by the Financial Times that he had pressed Zelenskyy "
                "to relinquish the whole Donbas region to Russia."
            ),
        },
        "claim": "Trump pressed Zelenskyy to give up the whole Donbas region",
        "language": "en",
        "rating": "unproven",
        "rating_label": "Unproven",
        "rationale": "",
        "review_state": "verified",
        "same_as": [],
        "attributions": [
            {
                "id": ft.pk,
                "source": {"id": ft.source_id, "name": "Financial Times", "kind": "news_outlet"},
                "stance": "reported", "url": "", "date": None, "note": "",
            },
            {
                "id": trump.pk,
                "source": {"id": trump.source_id, "name": "Donald Trump", "kind": "person"},
                "stance": "denied", "url": "", "date": None, "note": "",
            },
        ],
        "evidence": [
            {
                "id": evidence.pk, "url": "https://evidence.example/ft", "title": "FT report",
                "publisher": "", "published": None, "excerpt": "", "relation": "context",
            },
        ],
        "organization": "Factcheck",
        "created_by": None,
        "reviewed_by": None,
        "published_at": reviewed_at,
        "reviewed_at": reviewed_at,
        "date_modified": None,
        "corrections": [],
        "version": 3,
        "created_at": presenters.iso(annotation.created_at),
        "updated_at": presenters.iso(annotation.updated_at),
    }


def test_claim_list_shows_verified_claims_to_anonymous_users(client, verified):
    response = client.get("/api/v1/claims/")

    assert response.status_code == 200
    assert response.json() == {"next": None, "previous": None, "results": [claim_payload(verified)]}


def test_claim_list_leaves_out_drafts_and_annotations_in_review(client, in_review, article, reviewer):
    services.annotation_create(article=article, user=reviewer, start=0, end=5)

    response = client.get("/api/v1/claims/")

    assert response.json() == {"next": None, "previous": None, "results": []}


def test_claim_detail_returns_the_claim(client, verified):
    response = client.get(f"/api/v1/claims/{verified.pk}/")

    assert response.status_code == 200
    assert response.json() == claim_payload(verified)


@pytest.mark.parametrize("state", ["draft", "in_review"])
def test_claim_detail_is_404_for_unverified_annotations(client, request, state, editor):
    annotation = request.getfixturevalue(state)
    client.force_login(editor)

    assert client.get(f"/api/v1/claims/{annotation.pk}/").status_code == 404
    assert client.get(f"/api/v1/claims/{annotation.pk}/claimreview/").status_code == 404


@pytest.mark.parametrize("pk", ["-18171791169935170863104", "99999999999999999999", "9223372036854775808"])
@pytest.mark.parametrize("path", ["/api/v1/claims/{}/", "/api/v1/claims/{}/claimreview/",
                                  "/api/v1/w3c/annotations/{}/"])
def test_claim_endpoints_answer_404_for_ids_no_row_can_have(client, db, path, pk):
    response = client.get(path.format(pk))

    assert response.status_code == 404
    assert json.loads(response.content) == {"detail": "Not found."}


def test_claim_list_pages_by_cursor_in_id_order(client, db):
    claims = [factories.verified_claim() for _ in range(5)]

    first = client.get("/api/v1/claims/", {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()
    back = client.get(third["previous"]).json()

    assert [c["id"] for c in first["results"]] == [claims[0].pk, claims[1].pk]
    assert [c["id"] for c in second["results"]] == [claims[2].pk, claims[3].pk]
    assert [c["id"] for c in third["results"]] == [claims[4].pk]
    assert third["next"] is None
    assert back["results"] == second["results"]


def test_claim_list_caps_page_size_at_1000(client, db, monkeypatch):
    from annotations.api.claims import ClaimPagination

    assert ClaimPagination.max_page_size == 1000
    monkeypatch.setattr(ClaimPagination, "max_page_size", 2)
    for _ in range(3):
        factories.verified_claim()

    response = client.get("/api/v1/claims/", {"page_size": 50})

    assert len(response.json()["results"]) == 2


@pytest.mark.parametrize("count", [3, 30])
def test_claim_list_runs_the_same_queries_for_any_page_size(
    client, db, count, django_assert_num_queries
):
    for _ in range(count):
        factories.verified_claim()

    # One query: the page of stored public versions.
    with django_assert_num_queries(1):
        response = client.get("/api/v1/claims/", {"page_size": 100})

    assert len(response.json()["results"]) == count


def _ids(client, **params):
    response = client.get("/api/v1/claims/", params)
    assert response.status_code == 200, response.content
    return [claim["id"] for claim in response.json()["results"]]


def test_claim_list_filters_like_the_annotation_list(client, db, editor):
    other_article = factories.ArticleFactory()
    a = factories.verified_claim(rating="false", claim="The summit is off")
    b = factories.verified_claim(article=other_article, rating="true", created_by=editor)
    c = factories.verified_claim(article=other_article, rating="true")
    nato = factories.SourceFactory(name="NATO", kind="organization")
    factories.AttributionFactory(annotation=c, source=nato, stance="confirmed")
    publishing.publish(annotation=c, user=c.reviewed_by)  # published again with NATO
    PublishedClaim.objects.filter(pk=a.pk).update(modified_at="2020-01-01T00:00:00Z")
    client.force_login(editor)  # filtering by author is for staff

    assert _ids(client, article=other_article.pk) == [b.pk, c.pk]
    assert _ids(client, rating="false") == [a.pk]
    assert _ids(client, review_state="verified") == [a.pk, b.pk, c.pk]
    assert _ids(client, review_state="draft") == []
    assert _ids(client, source=nato.pk) == [c.pk]
    assert _ids(client, stance="confirmed") == [c.pk]
    assert _ids(client, source=nato.pk, stance="denied") == []
    trump = factories.SourceFactory(name="Donald Trump")
    assert _ids(client, source=trump.pk, stance="denied") == [a.pk, b.pk, c.pk]
    assert _ids(client, created_by="eddie") == [b.pk]
    assert _ids(client, updated_since="2021-01-01T00:00:00Z") == [b.pk, c.pk]
    assert _ids(client, q="SUMMIT") == [a.pk]
    assert _ids(client, q="Trump refuted") == [a.pk, b.pk, c.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"rating": "sort_of"}, "rating"), ({"updated_since": "yesterday"}, "updated_since"),
     ({"stance": "shrugged"}, "stance"), ({"article": "first"}, "article")],
)
def test_claim_list_rejects_bad_filters_naming_the_field(client, db, params, field):
    response = client.get("/api/v1/claims/", params)

    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_claim_endpoints_are_read_only(client, verified, editor):
    client.force_login(editor)

    assert client.post("/api/v1/claims/", {}).status_code == 405
    assert client.delete(f"/api/v1/claims/{verified.pk}/").status_code == 405
    assert client.post("/api/v1/claims/export/?format=csv", {}).status_code == 405


def _stream(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(
    ("export_format", "content_type", "filename"),
    [
        ("jsonl", "application/x-ndjson; charset=utf-8", "jsonl"),
        ("csv", "text/csv; charset=utf-8", "csv"),
        ("claimreview", "application/ld+json; charset=utf-8", "claimreview.json"),
    ],
)
def test_export_streams_an_attachment_to_anonymous_users(
    client, verified, export_format, content_type, filename
):
    response = client.get("/api/v1/claims/export/", {"format": export_format})

    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith('attachment; filename="claims-')
    assert response["Content-Disposition"].endswith(f'.{filename}"')
    assert b"Trump pressed Zelenskyy" in _stream(response)


@pytest.mark.parametrize("export_format", ["xml", "json", ""])
def test_export_refuses_an_unknown_format_with_400(client, db, export_format):
    response = client.get("/api/v1/claims/export/", {"format": export_format})

    assert response.status_code == 400
    assert response.json() == {
        "format": [
            f"Unknown export format {export_format!r}; choose one of jsonl, csv, claimreview."
        ]
    }


def test_export_without_format_is_400(client, db):
    assert client.get("/api/v1/claims/export/").status_code == 400


def test_export_ignores_the_accept_header(client, verified):
    response = client.get(
        "/api/v1/claims/export/", {"format": "csv"}, headers={"Accept": "application/xml"}
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_export_applies_the_filters(client, db):
    keep = factories.verified_claim(rating="false")
    factories.verified_claim(rating="true")

    body = _stream(client.get("/api/v1/claims/export/", {"format": "jsonl", "rating": "false"}))

    assert [json.loads(line) for line in body.decode().splitlines()] == [
        PublishedClaim.objects.get(pk=keep.pk).public
    ]


def test_export_takes_the_claims_index_filters_source_name_and_published_since(client, db):
    keep = factories.verified_claim()
    PublishedClaim.objects.filter(annotation=keep).update(published_at="2025-10-22T12:00:00Z")
    factories.verified_claim()
    other = factories.verified_claim()
    other.attributions.all().delete()
    publishing.publish(annotation=other, user=other.reviewed_by)

    def ids(**params):
        body = _stream(client.get("/api/v1/claims/export/", {"format": "jsonl", **params}))
        return sorted(json.loads(line)["id"] for line in body.decode().splitlines())

    assert ids(source_name="financial") == sorted(c.pk for c in Annotation.objects.exclude(pk=other.pk))
    assert ids(published_since="2026-01-01") == sorted(c.pk for c in Annotation.objects.exclude(pk=keep.pk))
    refused = client.get("/api/v1/claims/export/", {"format": "csv", "published_since": "soon"})
    assert refused.status_code == 400


def test_export_rejects_bad_filters(client, db):
    response = client.get("/api/v1/claims/export/", {"format": "csv", "rating": "meh"})

    assert response.status_code == 400
    assert list(response.json()) == ["rating"]


@pytest.mark.parametrize("export_format", ["jsonl", "csv", "claimreview"])
@pytest.mark.parametrize("count", [3, 30])
def test_export_runs_the_same_queries_for_any_number_of_claims(
    client, db, count, export_format, django_assert_num_queries
):
    for _ in range(count):
        factories.verified_claim()

    # One chunk of stored public versions, whatever the format or the database.
    with django_assert_num_queries(1):
        body = _stream(client.get("/api/v1/claims/export/", {"format": export_format}))

    assert body.count(b"Trump pressed Zelenskyy") == count
