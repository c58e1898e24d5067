"""Who may do what, proven twice: through Django admin and through the services.

Each role is checked against the same expectations table, so admin and services enforce
identical rules (the API's side of the matrix runs the same table over HTTP).

Rows (the actor, and who wrote "the annotation" the operation targets):
  anonymous       not logged in; the annotation is by a reviewer
  reviewer        the annotation's author, a reviewer
  other_reviewer  another reviewer
  editor          an editor who is not the author
  author_editor   an editor who wrote the annotation
  admin           a superuser who is not the author
  inactive        a deactivated editor who wrote the annotation
Columns:
  create          create an annotation
  edit_own        edit a draft the actor wrote
  edit_others     edit a draft a third person wrote
  submit          submit the annotation (a draft) for review
  verify_own      verify an annotation in review that the actor wrote
  verify_others   verify a third person's annotation in review
  return          return the annotation (in review) to its author, with a comment
  delete          delete the annotation (a draft)
  read_drafts     see the annotation while it is a draft
  rename_cited_source  rename a source that a third person's verified claim cites (the
                  claim goes back to review; its published version stays as verified)
  verify_unseen   verify a third person's annotation in review without naming the
                  version seen (admin: no version on the confirmation; services: a stale one)
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from annotations import selectors, services
from annotations.models import Annotation, ReviewState, Source
from annotations.publishing.models import PublishedClaim
from tests import factories
from tests.admin_support import (
    CHANGELIST,
    action,
    change_url,
    changelist_ids,
    empty_inlines,
    form_data,
    review_action,
)

ROLES = ["anonymous", "reviewer", "other_reviewer", "editor", "author_editor", "admin", "inactive"]
OPERATIONS = [
    "create", "edit_own", "edit_others", "submit", "verify_own", "verify_others", "return",
    "delete", "read_drafts", "rename_cited_source", "verify_unseen",
]
EDITOR_CAN = {
    "create", "edit_own", "edit_others", "submit", "verify_others", "return", "delete",
    "read_drafts", "rename_cited_source",
}
EXPECTED = {
    "anonymous": set(),
    "reviewer": {"create", "edit_own", "submit", "delete", "read_drafts"},
    "other_reviewer": {"create", "edit_own", "read_drafts"},
    "editor": EDITOR_CAN,
    "author_editor": EDITOR_CAN - {"return"},
    "admin": EDITOR_CAN,
    "inactive": set(),
}
MATRIX = [(role, operation) for role in ROLES for operation in OPERATIONS]
NEW_CLAIM = "A claim written by the actor"


class World:
    """The actor, the annotation of the row, and annotations for the own/others columns."""

    def __init__(self, role: str):
        self.article = factories.ArticleFactory()
        self.third = factories.reviewer(username="tess")
        author = factories.reviewer(username="rita")
        self.actor = {
            "anonymous": None,
            "reviewer": author,
            "other_reviewer": factories.reviewer(username="omar"),
            "editor": factories.editor(username="eddie"),
            "author_editor": factories.editor(username="erin"),
            "admin": factories.UserFactory(username="ada", is_superuser=True),
            "inactive": factories.editor(username="ian"),
        }[role]
        if role in ("author_editor", "inactive"):
            author = self.actor
        self.author = author
        self.own_author = self.actor or author

    def annotation(self, *, by, state=ReviewState.DRAFT) -> Annotation:
        return factories.AnnotationFactory(article=self.article, created_by=by, review_state=state)

    def finish(self, role: str) -> None:
        """Deactivate the inactive actor, after their work was written."""
        if role == "inactive":
            self.actor.is_active = False
            self.actor.save()

    @property
    def user(self):
        return self.actor or AnonymousUser()


def target_for(world: World, operation: str) -> Annotation | None:
    """Return the annotation an operation acts on (None for create)."""
    return {
        "create": lambda: None,
        "edit_own": lambda: world.annotation(by=world.own_author),
        "edit_others": lambda: world.annotation(by=world.third),
        "submit": lambda: world.annotation(by=world.author),
        "verify_own": lambda: world.annotation(by=world.own_author, state=ReviewState.IN_REVIEW),
        "verify_others": lambda: world.annotation(by=world.third, state=ReviewState.IN_REVIEW),
        "return": lambda: world.annotation(by=world.author, state=ReviewState.IN_REVIEW),
        "delete": lambda: world.annotation(by=world.author),
        "read_drafts": lambda: world.annotation(by=world.author),
        "rename_cited_source": lambda: factories.verified_claim(
            article=world.article, created_by=world.third
        ),
        "verify_unseen": lambda: world.annotation(by=world.third, state=ReviewState.IN_REVIEW),
    }[operation]()


def cited_source(target: Annotation):
    return target.attributions.order_by("id").first().source


def renamed(target: Annotation) -> bool:
    """Tell whether the cited source was renamed; if so, the claim is in review, still published."""
    if Source.objects.get(pk=cited_source(target).pk).name != "Vladimir Putin":
        return False
    published = PublishedClaim.objects.get(pk=target.pk).public
    assert [a["source"]["name"] for a in published["attributions"]] == [
        "Financial Times", "Donald Trump",
    ]
    assert Annotation.objects.get(pk=target.pk).review_state == ReviewState.IN_REVIEW
    return True


def happened(world: World, operation: str, target: Annotation | None) -> bool:
    """Tell from the database whether the operation took effect."""
    if operation == "create":
        return Annotation.objects.filter(claim=NEW_CLAIM, created_by=world.actor).exists() if (
            world.actor
        ) else Annotation.objects.filter(claim=NEW_CLAIM).exists()
    if operation == "delete":
        return not Annotation.objects.filter(pk=target.pk).exists()
    if operation == "rename_cited_source":
        return renamed(target)
    target.refresh_from_db()
    return {
        "edit_own": target.claim == NEW_CLAIM,
        "edit_others": target.claim == NEW_CLAIM,
        "submit": target.review_state == ReviewState.IN_REVIEW,
        "verify_own": target.review_state == ReviewState.VERIFIED,
        "verify_others": target.review_state == ReviewState.VERIFIED,
        "verify_unseen": target.review_state == ReviewState.VERIFIED,
        "return": target.review_state == ReviewState.DRAFT and target.review_comment != "",
    }[operation]


# Through admin


def source_change_url(target: Annotation) -> str:
    return reverse("admin:annotations_source_change", args=[cited_source(target).pk])


def admin_attempt(client: Client, world: World, operation: str, target, editing_data) -> bool:
    """Try the operation in admin; return whether the actor could read the draft (read_drafts)."""
    if operation == "create":
        client.post(reverse("admin:annotations_annotation_add"), {
            "article": world.article.pk, "start": "", "end": "",
            "quote": world.article.body[:20], "claim": NEW_CLAIM, "rating": "unproven",
            "rationale": "", **empty_inlines(),
        })
    elif operation in ("edit_own", "edit_others"):
        client.post(change_url(target), {**editing_data, "claim": NEW_CLAIM})
    elif operation == "rename_cited_source":
        client.post(source_change_url(target), {**editing_data, "name": "Vladimir Putin"})
    elif operation == "submit":
        review_action(client, "submit_for_review", [target])
    elif operation in ("verify_own", "verify_others"):
        review_action(client, "verify", [target])
    elif operation == "verify_unseen":
        action(client, "verify", [target], apply="1")
    elif operation == "return":
        review_action(client, "return_for_changes", [target], comment="Name the FT's sources.")
    elif operation == "delete":
        client.post(reverse("admin:annotations_annotation_delete", args=[target.pk]), {"post": "yes"})
    elif operation == "read_drafts":
        listing = client.get(reverse(CHANGELIST))
        page = client.get(change_url(target))
        return (
            listing.status_code == 200 and target.pk in changelist_ids(listing)
            and page.status_code == 200
        )
    return happened(world, operation, target)


@pytest.mark.parametrize(("role", "operation"), MATRIX)
def test_admin_enforces_the_permission_matrix(role, operation, db):
    world = World(role)
    target = target_for(world, operation)
    editing_data = None
    if operation in ("edit_own", "edit_others", "rename_cited_source"):
        superuser = Client()
        superuser.force_login(factories.UserFactory(username="root", is_superuser=True))
        url = source_change_url(target) if operation == "rename_cited_source" else change_url(target)
        editing_data = form_data(superuser.get(url))
    world.finish(role)
    client = Client()
    if world.actor is not None:
        client.force_login(world.actor)

    allowed = admin_attempt(client, world, operation, target, editing_data)

    assert allowed == (operation in EXPECTED[role])


# Through the services


def service_attempt(world: World, operation: str, target) -> bool:
    user = world.user
    if operation == "read_drafts":
        return selectors.annotations_visible_to(user).filter(pk=target.pk).exists()
    try:
        if operation == "create":
            services.annotation_create(
                article=world.article, user=user, quote=world.article.body[:20], claim=NEW_CLAIM,
            )
        elif operation in ("edit_own", "edit_others"):
            services.annotation_update(
                annotation=target, user=user, version=target.version, claim=NEW_CLAIM
            )
        elif operation == "rename_cited_source":
            services.source_update(source=cited_source(target), user=user, name="Vladimir Putin")
        elif operation == "verify_unseen":
            services.review_verify(annotation=target, user=user, version=target.version - 1)
        elif operation == "submit":
            services.review_submit(annotation=target, user=user)
        elif operation in ("verify_own", "verify_others"):
            services.review_verify(annotation=target, user=user)
        elif operation == "return":
            services.review_return(annotation=target, user=user, comment="Name the FT's sources.")
        elif operation == "delete":
            services.annotation_delete(annotation=target, user=user, version=target.version)
    except (PermissionDenied, services.StaleVersion):
        assert not happened(world, operation, target)
        return False
    assert happened(world, operation, target)
    return True


@pytest.mark.parametrize(("role", "operation"), MATRIX)
def test_services_enforce_the_same_permission_matrix(role, operation, db):
    world = World(role)
    target = target_for(world, operation)
    world.finish(role)

    allowed = service_attempt(world, operation, target)

    assert allowed == (operation in EXPECTED[role])


def test_the_matrix_distinguishes_every_role_that_the_rules_distinguish():
    """Each pair of rows the issue names differs somewhere, except the two with no rights."""
    rows = {role: frozenset(EXPECTED[role]) for role in ROLES}
    assert rows["anonymous"] == rows["inactive"] == frozenset()
    assert rows["reviewer"] != rows["other_reviewer"]
    assert rows["editor"] != rows["author_editor"]
    assert all("verify_own" not in allowed for allowed in rows.values())
