"""Store body revisions and re-anchor an article's annotations to each new body."""

from dataclasses import dataclass, field

from django.db.models import Max

from annotations.models import AnchorState, Annotation, Article

from . import anchors
from .models import ArticleRevision
from .signals import annotations_text_changed


@dataclass
class Reanchoring:
    """What a new body did to the annotations: ids moved, re-attached fuzzily, orphaned."""

    revision: int
    moved: list[int] = field(default_factory=list)
    fuzzy: list[int] = field(default_factory=list)
    orphaned: list[int] = field(default_factory=list)
    text_changed: list[int] = field(default_factory=list)


def current_number(article: Article) -> int:
    """Return the number of the article's current revision (1 for an article without any)."""
    return ArticleRevision.objects.filter(article=article).aggregate(n=Max("number"))["n"] or 1


def revision_first(*, article: Article, user, origin: str) -> ArticleRevision:
    """Record an article's first body as revision 1."""
    return ArticleRevision.objects.create(
        article=article, number=1, body=article.body, origin=origin, created_by=user
    )


def _span(annotation: Annotation) -> anchors.Span:
    return anchors.Span(
        annotation.pk, annotation.start, annotation.end, annotation.quote, annotation.prefix,
        annotation.suffix, annotation.anchor_state,
    )


def revision_add(*, article: Article, old_body: str, user, origin: str) -> Reanchoring:
    """Record the article's (already saved) new body as a revision and re-anchor its annotations.

    Runs inside the caller's transaction with the article locked. Each annotation that moves,
    is re-attached or is orphaned gets one history entry "re-anchored in revision n".
    """
    from annotations.services import _save  # the services module imports this one

    if not ArticleRevision.objects.filter(article=article).exists():
        ArticleRevision.objects.create(
            article=article, number=1, body=old_body, origin=ArticleRevision.Origin.MANUAL,
            created_by=article.created_by,
        )
    number = current_number(article) + 1
    revision = ArticleRevision.objects.create(
        article=article, number=number, body=article.body, origin=origin, created_by=user
    )
    outcome = Reanchoring(revision=number)
    annotations = list(article.annotations.select_for_update().order_by("id"))
    placements = anchors.reanchor(article.body, [_span(a) for a in annotations])
    for annotation, placement in zip(annotations, placements, strict=True):
        before = _span(annotation)
        if not placement.differs_from(before):
            continue
        if placement.state == AnchorState.ORPHANED:
            outcome.orphaned.append(annotation.pk)
        elif placement.state == AnchorState.FUZZY:
            outcome.fuzzy.append(annotation.pk)
        else:
            outcome.moved.append(annotation.pk)
        if (placement.state != before.state or placement.quote != before.quote
                or (placement.prefix, placement.suffix) != (before.prefix, before.suffix)):
            outcome.text_changed.append(annotation.pk)
        if placement.state == AnchorState.FUZZY and not annotation.previous_quote:
            annotation.previous_quote = before.quote
        if placement.state != AnchorState.ORPHANED:
            annotation.revision = number
            annotation.start, annotation.end = placement.start, placement.end
            annotation.quote, annotation.prefix, annotation.suffix = (
                placement.quote, placement.prefix, placement.suffix,
            )
        annotation.anchor_state = placement.state
        annotation.article = article
        annotation.version += 1
        _save(annotation, user=user, reason=f"re-anchored in revision {number}")
    if outcome.text_changed:
        annotations_text_changed.send(
            sender=ArticleRevision, revision=revision, annotation_ids=outcome.text_changed, user=user
        )
    return outcome
