"""GET /api/v1/annotations/<id>/published/: the published version a correction would replace."""

from annotations import services
from tests.api_support import client_for
from tests.factories import UserFactory


def published_url(annotation) -> str:
    return f"/api/v1/annotations/{annotation.pk}/published/"


def test_a_claim_under_correction_answers_the_version_the_public_reads(verified, editor, reviewer):
    correction = services.annotation_update(
        annotation=verified, user=editor, version=verified.version, rating="false",
        claim="Trump asked Zelenskyy to cede the Donbas",
    )
    public = client_for().get(f"/api/v1/claims/{verified.pk}/")

    response = client_for(reviewer).get(published_url(verified))

    assert correction.review_state == "in_review"
    assert response.status_code == 200
    # The whole stored public JSON, exactly as the public claims API shows it.
    assert response.json() == public.json()
    assert (response.json()["rating"], response.json()["claim"]) == (
        "unproven", "Trump pressed Zelenskyy to give up the whole Donbas region",
    )


def test_a_claim_never_published_has_no_published_version(reviewer, draft):
    response = client_for(reviewer).get(published_url(draft))

    assert (response.status_code, response.json()) == (
        404, {"detail": "This annotation has not been published."},
    )


def test_only_fact_checkers_compare_with_the_published_version(verified, db):
    visitor = UserFactory(username="visitor")

    assert client_for().get(published_url(verified)).status_code in (401, 403)
    assert client_for(visitor).get(published_url(verified)).status_code == 403
    assert client_for(visitor).get(published_url(verified)).json() == {
        "detail": "Only fact-checkers compare a claim with its published version.",
    }
