"""Every write to the domain: one transaction each, validated, recorded in history."""

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from . import languages, planning, recording, rules, storage
from .ingest import revisions
from .live import announce as live
from .models import (
    AnchorState,
    Annotation,
    Article,
    Attribution,
    Evidence,
    ReviewState,
    Source,
    lookalike_message,
    source_lookalikes,
)
from .publishing import services as publishing
from .suggestions.aliases import with_alias
from .textguard import fields as textguard
from .textguard.core import normalize_name, same_name_key

ANNOTATION_TEXT_FIELDS = planning.CONTENT_FIELDS
SPAN_FIELDS = planning.SPAN_FIELDS
ARTICLE_FIELDS = ("title", "url", "publisher", "byline", "published_at", "language", "body")


class StaleVersion(Exception):
    """The caller's version of an annotation is not the stored one."""

    def __init__(self, current: Annotation):
        super().__init__(f"Annotation {current.pk} is at version {current.version}.")
        self.current = current


class Conflict(Exception):
    """The write would break something that must be kept."""


# Sources


def source_resolve(source: Source | Mapping[str, Any] | int, *, user) -> Source:
    """Return a Source given as an instance, an id, or {"name", "kind"} (matched by name)."""
    if isinstance(source, Source):
        return source
    if isinstance(source, int):
        try:
            return Source.objects.get(pk=source)
        except Source.DoesNotExist:
            message = _("There is no source with id %(id)s.") % {"id": source}
            raise ValidationError({"source": message}) from None
    name = normalize_name(source.get("name") or "")
    if not name:
        raise ValidationError({"source": _("A source needs a name.")})
    existing = Source.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    lookalikes = source_lookalikes(name)
    if lookalikes:
        # The same name in other letter forms (fullwidth, ligatures) is that source; a name
        # that only looks like it (other scripts' letters) may be a spoof: name it by id.
        if same_name_key(lookalikes[0].name) == same_name_key(name):
            return Source.objects.get(pk=lookalikes[0].pk)
        message = _("%(lookalike)s Give its id to cite it.") % {"lookalike": lookalike_message(lookalikes[0])}
        raise ValidationError({"source": message})
    try:
        return source_create(user=user, name=name, kind=source.get("kind") or Source.Kind.PERSON)
    except IntegrityError:
        # Someone created the same source a moment ago.
        return Source.objects.get(name__iexact=name)


@transaction.atomic
def source_create(*, user, name: str, kind: str, url: str = "", same_as: str = "",
                  description: str = "", aliases: list[str] | None = None) -> Source:
    source = Source(name=name.strip(), kind=kind, url=url, same_as=same_as, description=description,
                    aliases=aliases or [])
    recording.save(source, user=user)
    return source


@transaction.atomic
def source_update(*, source: Source, user, **changes) -> Source:
    """Change a source; a new name or kind opens a correction of every claim citing it."""
    if not user.is_active or not user.has_perm("annotations.change_source"):
        raise PermissionDenied(_("You may not edit sources."))
    # Compare with what is stored: an admin form has already set its values on `source`.
    before = dict(Source.objects.select_for_update().filter(pk=source.pk).values("name", "kind").get())
    for field, value in changes.items():
        setattr(source, field, value)
    recording.save(source, user=user)
    changed = [
        f"{field} from {old!r} to {getattr(source, field)!r}"
        for field, old in before.items() if getattr(source, field) != old
    ]
    if changed:
        publishing.open_corrections(
            Annotation.objects.filter(attributions__source=source).distinct(),
            reason=f"cited source #{source.pk} changed: {', '.join(changed)}", user=user,
        )
    return source


@transaction.atomic
def source_merge(*, duplicate: Source, into: Source, user) -> Source:
    """Re-point the duplicate's attributions and articles to `into`, then delete it."""
    if duplicate.pk == into.pk:
        raise ValidationError(_("A source cannot be merged into itself."))
    reason = f"merged source {duplicate.name!r} (#{duplicate.pk}) into {into.name!r} (#{into.pk})"
    citing = list(Annotation.objects.filter(attributions__source=duplicate).distinct())
    # The duplicate's name keeps finding the source (suggestions match names and aliases).
    into.aliases = with_alias([*into.aliases, *duplicate.aliases], duplicate.name, except_name=into.name)
    recording.save(into, user=user, reason=reason)
    for attribution in duplicate.attributions.select_for_update():
        attribution.source = into
        recording.save(attribution, user=user, reason=reason)
    for article in duplicate.published_articles.select_for_update():
        article.publisher = into
        recording.save(article, user=user, reason=reason)
    recording.delete(duplicate, user=user, reason=reason)
    publishing.open_corrections(citing, reason=f"cited source {reason}", user=user)
    return into


@transaction.atomic
def source_delete(*, source: Source, user) -> None:
    """Delete a source nothing cites; a cited one is merged into another instead."""
    if source.attributions.exists() or source.published_articles.exists():
        raise Conflict("The source is cited; merge it into another source instead of deleting it.")
    recording.delete(source, user=user, reason="deleted")


# Articles


@transaction.atomic
def article_create(*, user, title: str, body: str, url: str = "", publisher=None,
                   byline: str = "", published_at=None, language: str = "",
                   origin: str = "manual", fetched_url: str = "") -> Article:
    """Add an article; without a language, the one its text reads as (else languages.DEFAULT)."""
    if not rules.can_manage_articles(user):
        raise PermissionDenied(_("You may not add articles."))
    article = Article(
        title=title, body=body, url=url, byline=byline, published_at=published_at,
        language=language or languages.choose("", body), created_by=user,
        publisher=source_resolve(publisher, user=user) if publisher is not None else None,
    )
    recording.save(article, user=user)
    revisions.revision_first(article=article, user=user, origin=origin, fetched_url=fetched_url)
    return article


@transaction.atomic
def article_update(*, article: Article, user, origin: str = "manual", **changes) -> Article:
    """Change an article; a new body becomes a revision and re-anchors its annotations."""
    if not rules.can_edit_articles(user):
        raise PermissionDenied(_("You may not edit articles."))
    unknown = set(changes) - set(ARTICLE_FIELDS)
    if unknown:
        raise ValidationError({field: _("This field cannot be changed.") for field in unknown})
    article = Article.objects.select_for_update().get(pk=article.pk)
    old_body = article.body
    before = {field: getattr(article, field) for field in ARTICLE_SHOWN_FIELDS}
    if "publisher" in changes and changes["publisher"] is not None:
        changes["publisher"] = source_resolve(changes["publisher"], user=user)
    for field, value in changes.items():
        setattr(article, field, value)
    if "language" in changes and not changes["language"]:
        article.language = languages.choose("", article.body)
    recording.save(article, user=user)
    if article.body != old_body:
        revisions.revision_add(article=article, old_body=old_body, user=user, origin=origin)
    _open_article_corrections(article, before, user=user)
    return article


# What a published claim shows of its article (besides the text around its quote, which
# re-anchoring looks after for every new body).
ARTICLE_SHOWN_FIELDS = ("title", "url", "publisher_id", "published_at")


def _open_article_corrections(article: Article, before: dict, *, user) -> None:
    """Open corrections of the article's claims when details they show changed."""
    changed = [field.removesuffix("_id") for field, old in before.items()
               if getattr(article, field) != old]
    if changed:
        publishing.open_corrections(
            article.annotations.only("pk"),
            reason=f"article {', '.join(changed)} changed (article #{article.pk})", user=user,
        )


@transaction.atomic
def article_delete(*, article: Article, user) -> None:
    if not user.has_perm("annotations.delete_article") or not user.is_active:
        raise PermissionDenied(_("You may not delete articles."))
    if article.annotations.filter(
        Q(review_state=ReviewState.VERIFIED) | Q(published__isnull=False)
    ).exists():
        raise Conflict("The article has verified claims; it cannot be deleted.")
    recording.delete(article, user=user)


# Annotations


@dataclass
class ChildChanges:
    """What writing a list of attributions or evidence would change; apply() writes it."""

    model: type
    children: list  # in the order of the items, as they will be stored
    updated: list = dataclasses.field(default_factory=list)
    created: list = dataclasses.field(default_factory=list)
    deleted: list = dataclasses.field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.updated or self.created or self.deleted)

    def apply(self, *, user) -> None:
        """Write the changes; new children go in together, with their history rows."""
        for child in self.updated:
            recording.save(child, user=user)
        bulk_create_with_history(self.created, self.model, default_user=user, default_change_reason="")
        for child in self.deleted:
            recording.delete(child, user=user)


def _plan_children(annotation: Annotation, model, related_name: str,
                   items: Iterable[Mapping[str, Any]], *, prepare, existing: bool) -> ChildChanges:
    """Validate items against the annotation's children: update by id, create new, delete the rest."""
    current = {child.pk: child for child in getattr(annotation, related_name).all()} if existing else {}
    plan = ChildChanges(model=model, children=[])
    for index, item in enumerate(items):
        item = dict(item)
        pk = item.pop("id", None)
        if pk is not None and pk not in current:
            raise planning.no_such_child(related_name, index, pk)
        child = current.pop(pk) if pk is not None else model(annotation=annotation)
        plan.children.append(child)
        try:
            prepared = prepare(item)
        except ValidationError as error:  # e.g. a source named like another one
            raise planning.item_error(related_name, index, error) from error
        values = {name: textguard.clean_value(model, name, value) for name, value in prepared.items()}
        if child.pk is not None and all(getattr(child, f) == v for f, v in values.items()):
            continue  # unchanged: no save, so no empty history record
        for name, value in values.items():
            setattr(child, name, value)
        try:
            recording.clean(child)
        except ValidationError as error:
            raise planning.item_error(related_name, index, error) from error
        (plan.updated if child.pk is not None else plan.created).append(child)
    plan.deleted = list(current.values())
    return plan


def _plan_attributions(annotation, items, *, user, existing=True) -> ChildChanges:
    def prepare(item):
        if "source" not in item:
            raise ValidationError({"source": _("This field is required.")})
        return {**item, "source": source_resolve(item["source"], user=user)}

    return _plan_children(
        annotation, Attribution, "attributions", items, prepare=prepare, existing=existing,
    )


def _plan_evidence(annotation, items, *, user, existing=True) -> ChildChanges:
    # New evidence is credited to the writer; existing evidence keeps who added it.
    items = [
        item if item.get("id") is not None or "added_by" in item else {**item, "added_by": user}
        for item in items
    ]
    return _plan_children(
        annotation, Evidence, "evidence", items, prepare=dict, existing=existing,
    )


def planning_context(items: Iterable[Mapping[str, Any]], *, user) -> planning.Context:
    """What planning the items needs, read once; a source named by a new name is created."""
    return planning.Context(items, user=user, new_source=lambda ref: source_resolve(ref, user=user))


@transaction.atomic
def annotation_create(*, article: Article | int, user, **fields) -> Annotation:
    """Create a draft annotation with its attributions and evidence: a bulk create of one.

    `fields`: its span (start and end, or a quote with prefix and suffix), content
    (planning.CONTENT_FIELDS), attributions and evidence, as the API's create takes them.
    """
    if not rules.can_create(user):
        raise PermissionDenied(_("You may not create annotations."))
    item = {**fields, "article": article}
    plan = planning.plan_annotation(item, planning_context([item], user=user))
    storage.insert_annotations([plan], user=user)
    annotation = plan.annotation
    _hold_as_prefetched(annotation, "attributions", plan.attributions)
    _hold_as_prefetched(annotation, "evidence", plan.evidence)
    live.annotations_created([plan], user=user)
    return annotation


def _hold_as_prefetched(instance, related_name: str, objects: list) -> None:
    """Keep just-written children as prefetch_related would, so presenting reads nothing back."""
    queryset = getattr(instance, related_name).all()
    queryset._result_cache, queryset._prefetch_done = objects, True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[related_name] = queryset


def _lock(annotation: Annotation, version: int | None) -> Annotation:
    current = Annotation.objects.select_for_update().select_related("article").get(pk=annotation.pk)
    if version is not None and version != current.version:
        raise StaleVersion(current)
    return current


@transaction.atomic
def annotation_update(*, annotation: Annotation, user, version: int, **changes) -> Annotation:
    """Apply changes if version is current; a verified annotation goes back to review.

    A write that changes nothing is not recorded: same version, same review state.
    """
    annotation = _lock(annotation, version)
    if not rules.can_edit(user, annotation):
        raise PermissionDenied(_("You may not edit this annotation."))
    unknown = set(changes) - set(SPAN_FIELDS) - set(ANNOTATION_TEXT_FIELDS) - {
        "attributions", "evidence",
    }
    if unknown:
        raise ValidationError({field: _("This field cannot be changed.") for field in unknown})
    before = {
        field: getattr(annotation, field)
        for field in (*SPAN_FIELDS, *ANNOTATION_TEXT_FIELDS, "anchor_state")
    }
    span = {field: changes.pop(field) for field in SPAN_FIELDS if field in changes}
    if span:
        planning.anchor(
            annotation,
            start=span.get("start", annotation.start if "quote" not in span else None),
            end=span.get("end", annotation.end if "quote" not in span else None),
            quote=span.get("quote"),
            prefix=span.get("prefix", ""),
            suffix=span.get("suffix", ""),
        )
        if (annotation.start, annotation.end) != (before["start"], before["end"]) or (
            annotation.anchor_state != AnchorState.ANCHORED and "quote" in span
        ):
            # Placed by hand in the current body: re-attached, whatever re-anchoring said before.
            annotation.anchor_state, annotation.previous_quote = AnchorState.ANCHORED, ""
            annotation.revision = revisions.current_number(annotation.article)
    if "language" in changes:
        # Empty: the article's language (a full replacement that leaves it out says so too).
        changes["language"] = changes["language"] or annotation.article.language
    for field in ANNOTATION_TEXT_FIELDS:
        if field in changes:
            setattr(annotation, field, textguard.clean_value(Annotation, field, changes[field]))
    children = []
    if "attributions" in changes:
        children.append(_plan_attributions(annotation, changes["attributions"], user=user))
    if "evidence" in changes:
        children.append(_plan_evidence(annotation, changes["evidence"], user=user))
    if all(getattr(annotation, name) == value for name, value in before.items()) and not any(
        plan.changed for plan in children
    ):
        return annotation
    reason = publishing.return_to_review(annotation, user=user, reason="edited")
    recording.save(annotation, user=user, reason=reason)
    for plan in children:
        plan.apply(user=user)
    live.annotation(annotation, "edited", user=user)
    return annotation


@transaction.atomic
def annotation_delete(*, annotation: Annotation, user, version: int | None) -> None:
    annotation = _lock(annotation, version)
    if not rules.can_delete(user, annotation):
        raise PermissionDenied(_("Only drafts can be deleted, by their author or an editor."))
    if publishing.is_published(annotation):
        raise Conflict("The annotation is published; correct it instead of deleting it.")
    live.annotation_deleted(annotation, user=user)
    recording.delete(annotation, user=user, reason="deleted")


def _transition(annotation: Annotation, *, user, state: str, reason: str) -> Annotation:
    annotation.review_state = state
    annotation.version += 1
    recording.save(annotation, user=user, reason=reason)
    return annotation


@transaction.atomic
def review_submit(*, annotation: Annotation, user, version: int | None = None) -> Annotation:
    """Send a draft to review; it needs a claim and a rating first."""
    annotation = _lock(annotation, version)
    if not rules.can_submit(user, annotation):
        raise PermissionDenied(_("Only a draft's author or an editor can submit it for review."))
    missing = {
        field: "Fill this in before submitting for review."
        for field in ("claim", "rating") if not getattr(annotation, field)
    }
    if missing:
        raise ValidationError(missing)
    annotation.review_comment = ""
    live.annotation(annotation, "submitted", user=user)
    return _transition(annotation, user=user, state=ReviewState.IN_REVIEW, reason="submitted")


def _verify_refusal(annotation: Annotation, user) -> str:
    """Say why `user` may not verify the annotation (rules.can_review said no)."""
    if annotation.created_by_id == user.pk:
        return "You cannot verify your own annotation; another editor must."
    if annotation.edited_by_id == user.pk:
        return "You last edited this annotation; another editor must verify it."
    if user.pk in rules.editors_since_verification(annotation):
        return "You changed this annotation since it was last verified; another editor must verify it."
    return "You need the verify permission to verify annotations."


@transaction.atomic
def review_verify(*, annotation: Annotation, user, version: int | None = None,
                  comment: str = "") -> Annotation:
    """Verify an annotation under review: an editor who neither wrote it nor changed it since it
    was last verified (four eyes, rules.can_review)."""
    annotation = _lock(annotation, version)
    if annotation.review_state != ReviewState.IN_REVIEW:
        raise ValidationError({"review_state": _("Only an annotation in review can be verified.")})
    if not rules.can_review(user, annotation):
        raise PermissionDenied(_verify_refusal(annotation, user))
    annotation.reviewed_by, annotation.reviewed_at = user, timezone.now()
    annotation.editors = rules.NOBODY
    reason = f"verified: {comment}" if comment else "verified"
    annotation = _transition(annotation, user=user, state=ReviewState.VERIFIED, reason=reason)
    publishing.publish(annotation=annotation, user=user, comment=comment)
    live.annotation(annotation, "verified", user=user)
    return annotation


@transaction.atomic
def review_return(*, annotation: Annotation, user, comment: str,
                  version: int | None = None) -> Annotation:
    """Send an annotation under review back to its author as a draft, saying why."""
    annotation = _lock(annotation, version)
    if not comment or not comment.strip():
        raise ValidationError({"comment": _("Say why the annotation is returned.")})
    if annotation.review_state != ReviewState.IN_REVIEW:
        raise ValidationError({"review_state": _("Only an annotation in review can be returned.")})
    if not rules.can_review(user, annotation):
        raise PermissionDenied(
            "Only an editor who neither wrote it nor changed it since it was last verified can return it."
        )
    annotation.review_comment = comment.strip()
    live.annotation(annotation, "returned", user=user)
    return _transition(
        annotation, user=user, state=ReviewState.DRAFT, reason=f"returned: {comment.strip()}"
    )
