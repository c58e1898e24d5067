"""Who may call what: every endpoint and action for anonymous, reviewer, editor and admin."""

import pytest

from annotations import services
from annotations.models import Annotation, Article, Attribution, Source
from annotations.publishing.models import PublishedClaim
from tests import factories
from tests.api_support import client_for

ROLES = ("anonymous", "reviewer", "editor", "admin")


@pytest.fixture
def world(article, draft, other_reviewer, editor, admin_user, ft_source):
    """rita's draft, omar's annotations (one in review, one draft), a claim citing the FT."""
    others_in_review = services.annotation_create(
        article=article, user=other_reviewer, quote="White House official", claim="c", rating="true",
    )
    services.review_submit(annotation=others_in_review, user=other_reviewer)
    others_draft = services.annotation_create(
        article=article, user=other_reviewer, quote="no plans for a meeting",
    )
    cited = factories.verified_claim(article=article)
    assert cited.attributions.filter(source=ft_source).exists()
    return {
        "article": article, "draft": draft, "others_in_review": others_in_review,
        "others_draft": others_draft, "source": ft_source, "cited": cited,
    }


def _version(annotation) -> dict:
    return {"HTTP_IF_MATCH": f'"{Annotation.objects.get(pk=annotation.pk).version}"'}


# action: (method, path, body, extra headers) built from the world
ACTIONS = {
    "article list": lambda w: ("get", "/api/v1/articles/", None, {}),
    "article detail": lambda w: ("get", f"/api/v1/articles/{w['article'].pk}/", None, {}),
    "article create": lambda w: ("post", "/api/v1/articles/", {"title": "T", "body": "B"}, {}),
    "article patch": lambda w: ("patch", f"/api/v1/articles/{w['article'].pk}/", {"title": "T2"}, {}),
    "article delete": lambda w: ("delete", f"/api/v1/articles/{w['article'].pk}/", None, {}),
    "annotation list": lambda w: ("get", "/api/v1/annotations/", None, {}),
    "annotation detail (draft)": lambda w: ("get", f"/api/v1/annotations/{w['draft'].pk}/", None, {}),
    "annotation create": lambda w: (
        "post", "/api/v1/annotations/", {"article": w["article"].pk, "start": 0, "end": 5}, {}
    ),
    "annotation patch own draft": lambda w: (
        "patch", f"/api/v1/annotations/{w['draft'].pk}/", {"claim": "x"}, _version(w["draft"])
    ),
    "annotation put own draft": lambda w: (
        "put", f"/api/v1/annotations/{w['draft'].pk}/", {"start": 0, "end": 5}, _version(w["draft"])
    ),
    "annotation patch other's": lambda w: (
        "patch", f"/api/v1/annotations/{w['others_in_review'].pk}/", {"claim": "x"},
        _version(w["others_in_review"]),
    ),
    "annotation delete own draft": lambda w: (
        "delete", f"/api/v1/annotations/{w['draft'].pk}/", None, _version(w["draft"])
    ),
    "annotation delete other's draft": lambda w: (
        "delete", f"/api/v1/annotations/{w['others_draft'].pk}/", None, _version(w["others_draft"])
    ),
    "annotation submit own draft": lambda w: (
        "post", f"/api/v1/annotations/{w['draft'].pk}/submit/", {}, _version(w["draft"])
    ),
    "annotation verify other's": lambda w: (
        "post", f"/api/v1/annotations/{w['others_in_review'].pk}/verify/", {},
        _version(w["others_in_review"]),
    ),
    "annotation return other's": lambda w: (
        "post", f"/api/v1/annotations/{w['others_in_review'].pk}/return/", {"comment": "why"},
        _version(w["others_in_review"]),
    ),
    "annotation submit without If-Match": lambda w: (
        "post", f"/api/v1/annotations/{w['draft'].pk}/submit/", {}, {}
    ),
    "annotation verify without If-Match": lambda w: (
        "post", f"/api/v1/annotations/{w['others_in_review'].pk}/verify/", {}, {}
    ),
    "annotation return without If-Match": lambda w: (
        "post", f"/api/v1/annotations/{w['others_in_review'].pk}/return/", {"comment": "why"}, {}
    ),
    "annotation verify with If-Match *": lambda w: (
        "post", f"/api/v1/annotations/{w['others_in_review'].pk}/verify/", {}, {"HTTP_IF_MATCH": "*"}
    ),
    "annotation verify with a stale If-Match": lambda w: (
        "post", f"/api/v1/annotations/{w['others_in_review'].pk}/verify/", {}, {"HTTP_IF_MATCH": '"1"'}
    ),
    "annotation history": lambda w: ("get", f"/api/v1/annotations/{w['draft'].pk}/history/", None, {}),
    "source list": lambda w: ("get", "/api/v1/sources/?search=fin", None, {}),
    "source detail": lambda w: ("get", f"/api/v1/sources/{w['source'].pk}/", None, {}),
    "source create": lambda w: ("post", "/api/v1/sources/", {"name": "Kremlin", "kind": "government"}, {}),
    "source patch": lambda w: ("patch", f"/api/v1/sources/{w['source'].pk}/", {"url": "https://ft.com"}, {}),
    "source rename, cited by a verified claim": lambda w: (
        "patch", f"/api/v1/sources/{w['source'].pk}/", {"name": "Vladimir Putin"}, {}
    ),
    "source kind change, cited by a verified claim": lambda w: (
        "patch", f"/api/v1/sources/{w['source'].pk}/", {"kind": "person"}, {}
    ),
}

#                                    anonymous reviewer editor admin
MATRIX = {
    "article list":                      (200, 200, 200, 200),
    "article detail":                    (200, 200, 200, 200),
    "article create":                    (401, 201, 201, 201),
    "article patch":                     (401, 403, 200, 200),
    "article delete":                    (401, 403, 403, 409),  # it has a verified claim
    "annotation list":                   (200, 200, 200, 200),
    "annotation detail (draft)":         (404, 200, 200, 200),
    "annotation create":                 (401, 201, 201, 201),
    "annotation patch own draft":        (401, 200, 200, 200),
    "annotation put own draft":          (401, 200, 200, 200),
    "annotation patch other's":          (401, 403, 200, 200),
    "annotation delete own draft":       (401, 204, 204, 204),
    "annotation delete other's draft":   (401, 403, 204, 204),
    "annotation submit own draft":       (401, 200, 200, 200),
    "annotation verify other's":         (401, 403, 200, 200),
    "annotation return other's":         (401, 403, 200, 200),
    "annotation submit without If-Match":  (401, 428, 428, 428),
    "annotation verify without If-Match":  (401, 403, 428, 428),
    "annotation return without If-Match":  (401, 403, 428, 428),
    "annotation verify with If-Match *":   (401, 403, 400, 400),
    "annotation verify with a stale If-Match": (401, 403, 412, 412),
    "annotation history":                (401, 200, 200, 200),
    "source list":                       (401, 200, 200, 200),
    "source detail":                     (401, 200, 200, 200),
    "source create":                     (401, 201, 201, 201),
    "source patch":                      (401, 403, 200, 200),
    "source rename, cited by a verified claim":      (401, 403, 200, 200),
    "source kind change, cited by a verified claim": (401, 403, 200, 200),
}
CASES = [(action, role, MATRIX[action][i]) for action in MATRIX for i, role in enumerate(ROLES)]


def snapshot() -> tuple:
    return (
        sorted(Annotation.objects.values_list("id", "version", "review_state", "claim")),
        sorted(PublishedClaim.objects.values_list("pk", "data")),
        sorted(Article.objects.values_list("id", "title")),
        sorted(Source.objects.values_list("id", "name", "url")),
        Attribution.objects.count(),
    )


def test_the_matrix_covers_every_action():
    assert set(MATRIX) == set(ACTIONS)


@pytest.mark.parametrize(("action", "role", "status"), CASES, ids=[f"{a}-{r}" for a, r, _ in CASES])
def test_permissions_matrix(world, reviewer, editor, admin_user, action, role, status):
    user = {"anonymous": None, "reviewer": reviewer, "editor": editor, "admin": admin_user}[role]
    method, path, body, headers = ACTIONS[action](world)
    before = snapshot()

    response = getattr(client_for(user), method)(path, body, format="json", **headers)

    assert response.status_code == status, response.content
    if status >= 400:
        assert snapshot() == before
        if status != 412:  # a 412 answers with the current annotation
            assert list(response.json()) in (["detail"], ["If-Match"])
    published = PublishedClaim.objects.get(pk=world["cited"].pk)
    # Whatever anyone did, the published claim still shows what was verified.
    assert published.data == before[1][0][1]
    if ("cited" in action or action == "article patch") and status == 200:
        cited = Annotation.objects.get(pk=world["cited"].pk)
        assert (cited.review_state, cited.edited_by) == ("in_review", user)
        assert cited.history.first().history_change_reason.startswith(("cited source", "article"))
    if status == 401:
        assert response["WWW-Authenticate"] == "Token"


def test_an_inactive_users_token_is_refused(reviewer, article):
    client = client_for(reviewer)
    reviewer.is_active = False
    reviewer.save()

    response = client.post("/api/v1/annotations/", {"article": article.pk, "start": 0, "end": 5})

    assert response.status_code == 401
    assert not Annotation.objects.exists()


def test_a_user_without_a_group_reads_verified_claims_only(verified, reviewer, article):
    from tests.factories import UserFactory

    services.annotation_create(article=article, user=reviewer, quote="White House official")
    nobody = client_for(UserFactory(username="nobody"))

    listed = nobody.get("/api/v1/annotations/").json()["results"]
    created = nobody.post("/api/v1/annotations/", {"article": article.pk, "start": 0, "end": 5})

    assert [a["id"] for a in listed] == [verified.pk]
    assert created.status_code == 403
    assert nobody.get("/api/v1/sources/").status_code == 403
