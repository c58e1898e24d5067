"""Four eyes: neither the author nor anybody who changed a claim since its last verification may
verify or return it.

The API, the annotation view (through the API's `may_review`), My work and admin's review
queue all read the one rule in annotations/rules.py.
"""

import pytest
from django.test import Client

from annotations import services
from annotations.models import Annotation
from tests import factories
from tests.api_support import client_for


@pytest.fixture
def ann(db):
    return factories.editor(username="ann", is_staff=True)


@pytest.fixture
def ben(db):
    return factories.editor(username="ben", is_staff=True)


@pytest.fixture
def cy(db):
    return factories.editor(username="cy", is_staff=True)


def create(article, user) -> Annotation:
    annotation = services.annotation_create(
        article=article, user=user, quote="A White House official", claim="No meeting planned",
        rating="true",
    )
    return services.review_submit(annotation=annotation, user=user)


def edit(annotation, user, rationale: str) -> Annotation:
    annotation = Annotation.objects.get(pk=annotation.pk)
    return services.annotation_update(
        annotation=annotation, user=user, version=annotation.version, rationale=rationale
    )


def api_view(annotation, user) -> dict:
    return client_for(user).get(f"/api/v1/annotations/{annotation.pk}/").json()


def verify(annotation, user):
    version = Annotation.objects.get(pk=annotation.pk).version
    return client_for(user).post(
        f"/api/v1/annotations/{annotation.pk}/verify/", {}, format="json", HTTP_IF_MATCH=f'"{version}"'
    )


def offered(annotation, user) -> dict:
    """Where `user` is offered the annotation to review: the API flag, My work, admin's queue."""
    client = Client()
    client.force_login(user)
    work = client.get("/work/").content.decode()
    queue = client.get("/admin/annotations/annotation/review-queue/").content.decode()
    listed = client_for(user).get("/api/v1/annotations/", {"limit": 1000}).json()["results"]
    return {
        "detail": api_view(annotation, user)["may_review"],
        "list": next(a["may_review"] for a in listed if a["id"] == annotation.pk),
        "work": f'id="work-{annotation.pk}"' in work,
        "queue": f'id="queue-{annotation.pk}"' in queue,
    }


EVERYWHERE = {"detail": True, "list": True, "work": True, "queue": True}
NOWHERE = dict.fromkeys(EVERYWHERE, False)


def test_every_editor_since_verification_is_refused_not_only_the_last(article, ann, ben, cy):
    annotation = create(article, cy)
    edit(annotation, ann, "First look.")
    edit(annotation, ben, "Second look.")

    refused = verify(annotation, ann)

    assert refused.status_code == 403
    assert refused.json() == {
        "detail": "You changed this annotation since it was last verified; another editor must verify it."
    }
    assert Annotation.objects.get(pk=annotation.pk).review_state == "in_review"
    assert offered(annotation, ann) == NOWHERE


def test_the_author_and_an_editor_wait_for_a_third_and_the_author_never_verifies_own_claim(
        article, ann, ben, cy):
    annotation = create(article, ann)
    edit(annotation, ben, "Sourced the denial.")

    assert offered(annotation, ann) == NOWHERE
    assert offered(annotation, ben) == NOWHERE
    assert offered(annotation, cy) == EVERYWHERE
    assert verify(annotation, ann).status_code == 403
    assert verify(annotation, ben).status_code == 403
    assert verify(annotation, cy).status_code == 200

    edit(annotation, ben, "A correction.")  # back in review, changed only by Ben since

    assert offered(annotation, ann) == NOWHERE
    assert offered(annotation, ben) == NOWHERE
    assert offered(annotation, cy) == EVERYWHERE
    assert verify(annotation, ann).json() == {
        "detail": "You cannot verify your own annotation; another editor must."
    }
    assert verify(annotation, ben).status_code == 403
    verified = verify(annotation, cy)
    assert verified.status_code == 200
    assert (verified.json()["review_state"], verified.json()["reviewed_by"]) == ("verified", "cy")


def test_returning_follows_the_same_rule(article, ann, ben, cy):
    annotation = create(article, cy)
    edit(annotation, ann, "First look.")
    edit(annotation, ben, "Second look.")
    version = Annotation.objects.get(pk=annotation.pk).version

    returned = client_for(ann).post(
        f"/api/v1/annotations/{annotation.pk}/return/", {"comment": "Why?"}, format="json",
        HTTP_IF_MATCH=f'"{version}"',
    )

    assert returned.status_code == 403


def test_whoever_opens_a_correction_by_changing_the_article_may_not_verify_it(
        article, ann, ben, cy):
    annotation = create(article, ann)
    assert verify(annotation, ben).status_code == 200

    services.article_update(article=article, user=cy, title="A changed headline")

    assert offered(annotation, cy) == NOWHERE
    assert offered(annotation, ben) == EVERYWHERE
    assert verify(annotation, cy).status_code == 403


def test_rows_written_before_editors_were_kept_fall_back_to_author_and_last_editor(
        article, ann, ben, cy):
    annotation = create(article, ann)
    edit(annotation, ben, "Sourced the denial.")
    Annotation.objects.filter(pk=annotation.pk).update(editors="")

    assert offered(annotation, ann) == NOWHERE
    assert offered(annotation, ben) == NOWHERE
    assert offered(annotation, cy) == EVERYWHERE


def test_bulk_creates_record_their_author_as_the_editor_like_single_creates(article, ann):
    start = article.body.index("Trump")
    item = {"article": article.pk, "start": start, "end": start + 5, "quote": "Trump", "claim": "About"}

    bulk = client_for(ann).post("/api/v1/annotations/bulk/", [item], format="json")
    single = client_for(ann).post("/api/v1/annotations/", item, format="json")

    assert (bulk.status_code, single.status_code) == (201, 201)
    stored = Annotation.objects.in_bulk([bulk.json()["ids"][0], single.json()["id"]])
    assert {a.editors for a in stored.values()} == {f",{ann.pk},"}
