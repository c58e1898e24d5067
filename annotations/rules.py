"""Who may do what to an annotation: one place, used by the services, the API and admin."""


from django.conf import settings
from django.db.models import Q

from .models import Annotation, ReviewState

REVIEWER_GROUP = "Reviewer"
EDITOR_GROUP = "Editor"


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _granted(user, permission: str) -> bool:
    """user.has_perm, remembered on the user for the rest of its request: Django asks every
    authentication backend again at each call, and a page of 1,000 annotations asks thrice each."""
    answers = user.__dict__.setdefault("_granted", {})
    if permission not in answers:
        answers[permission] = user.has_perm(permission)
    return answers[permission]


def is_editor(user) -> bool:
    return _active(user) and _granted(user, "annotations.verify_annotation")


def can_read_drafts(user) -> bool:
    return _active(user) and _granted(user, "annotations.view_annotation")


def can_create(user) -> bool:
    return _active(user) and _granted(user, "annotations.add_annotation")


def can_edit(user, annotation: Annotation) -> bool:
    """Authors edit their own drafts (returned ones included); editors edit anything."""
    if is_editor(user):
        return True
    return (
        can_create(user)
        and annotation.created_by_id == user.pk
        and annotation.review_state == ReviewState.DRAFT
    )


def can_submit(user, annotation: Annotation) -> bool:
    return annotation.review_state == ReviewState.DRAFT and can_edit(user, annotation)


# Four eyes: neither its author nor anybody who changed an annotation (its span, texts,
# rating, attributions or evidence) since its last verification, or since it was made if
# never verified, may verify or return it. The services keep who changed it in
# Annotation.editors, written ",3,17,": a verification leaves "," (nobody since). An empty
# value was not kept (rows from before it was, or from a writer that does not keep it): the
# last editor stands in.
NOBODY = ","


def editors_since_verification(annotation: Annotation) -> set[int]:
    """Return the ids of everyone who changed the annotation since it was last verified."""
    if annotation.editors:
        return {int(pk) for pk in annotation.editors.split(",") if pk}
    return {pk for pk in (annotation.created_by_id, annotation.edited_by_id) if pk is not None}


def editors_with(annotation: Annotation, user) -> str:
    """Return the stored editors of the annotation once `user` has changed it too."""
    editors = editors_since_verification(annotation) | {user.pk}
    return "," + "".join(f"{pk}," for pk in sorted(editors))


def can_review(user, annotation: Annotation) -> bool:
    """Verify or return: an editor who neither wrote it nor changed it since its last verification."""
    return (
        annotation.review_state == ReviewState.IN_REVIEW
        and is_editor(user)
        and user.pk != annotation.created_by_id
        and user.pk not in editors_since_verification(annotation)
    )


def reviewable_by(user) -> Q:
    """Return the filter of the annotations in review that can_review allows `user` (an editor)."""
    return (
        Q(review_state=ReviewState.IN_REVIEW)
        & ~Q(created_by=user)
        & ~Q(editors__contains=f",{user.pk},")
        & ~(Q(editors="") & Q(edited_by=user))
    )


def can_delete(user, annotation: Annotation) -> bool:
    """Drafts only, by their author or an editor; reviewed work is never deleted."""
    return (
        annotation.review_state == ReviewState.DRAFT
        and _active(user)
        and (is_editor(user) or (can_create(user) and annotation.created_by_id == user.pk))
    )


def can_manage_articles(user) -> bool:
    """Add articles (and import them)."""
    return _active(user) and _granted(user, "annotations.add_article")


def can_edit_articles(user) -> bool:
    """Change an article's fields or body (edit, refresh); the same people, with the change permission."""
    return can_manage_articles(user) and _granted(user, "annotations.change_article")


def can_import_claimreviews(user) -> bool:
    """Editors and admins import other fact-checkers' reviews."""
    return _active(user) and (
        is_editor(user) or _granted(user, "annotations.add_claimreviewrecord")
    )


def can_read_article_text(user) -> bool:
    """The whole text of an article: signed-in users, or everyone when the site says so.

    Articles are mostly other publishers' work; the public reads the claims' excerpts.
    """
    return bool(settings.FACTCHECK_PUBLIC_ARTICLES) or _active(user)
