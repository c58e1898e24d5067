"""Store body revisions and re-anchor an article's annotations to each new body."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Max

from annotations import recording
from annotations.alerts import core as alerts_core
from annotations.alerts import services as alerts
from annotations.live import announce as live
from annotations.models import AnchorState, Annotation, Article, ReviewState
from annotations.publishing import core as publishing_core
from annotations.publishing import services as publishing

from . import anchors
from .models import ArticleRevision


@dataclass
class Reanchoring:
    """What a new body did to the annotations: ids moved, re-attached fuzzily, orphaned."""

    revision: int
    moved: list[int] = field(default_factory=list)
    fuzzy: list[int] = field(default_factory=list)
    orphaned: list[int] = field(default_factory=list)
    # What the new body did to checked passages (alerts.core.passage_change records).
    checked: list[dict] = field(default_factory=list)


def current_number(article: Article) -> int:
    """Return the number of the article's current revision (1 for an article without any)."""
    return ArticleRevision.objects.filter(article=article).aggregate(n=Max("number"))["n"] or 1


def revision_first(*, article: Article, user, origin: str, fetched_url: str = "") -> ArticleRevision:
    """Record an article's first body as revision 1 (fetched_url: where it was fetched from)."""
    return ArticleRevision.objects.create(
        article=article, number=1, body=article.body, origin=origin, created_by=user, fetched_url=fetched_url,
    )


def _span(annotation: Annotation) -> anchors.Span:
    return anchors.Span(
        annotation.pk, annotation.start, annotation.end, annotation.quote, annotation.prefix,
        annotation.suffix, annotation.anchor_state,
    )


def revision_add(*, article: Article, old_body: str, user, origin: str, fetched_url: str = "",
                 publisher_edited_at: datetime | None = None) -> Reanchoring:
    """Record the article's (already saved) new body as a revision and re-anchor its annotations;
    fetched_url is where the new body was fetched from ("" for an edit).

    Runs inside the caller's transaction with the article locked. Each annotation that moves,
    is re-attached or is orphaned gets one history entry "re-anchored in revision n".
    `publisher_edited_at` says the new body is the publisher's edit (a fetch found it): the
    claims it touches go back to review for that reason, and an alert lists what changed.
    """
    if not ArticleRevision.objects.filter(article=article).exists():
        ArticleRevision.objects.create(
            article=article, number=1, body=old_body, origin=ArticleRevision.Origin.MANUAL,
            created_by=article.created_by,
        )
    number = current_number(article) + 1
    ArticleRevision.objects.create(
        article=article, number=number, body=article.body, origin=origin, created_by=user,
        fetched_url=fetched_url,
    )
    outcome = Reanchoring(revision=number)
    live.article_changed(article, user=user)
    annotations = list(article.annotations.select_for_update().order_by("id"))
    contexts = {a.pk: publishing_core.context_of(old_body, a.start, a.end)["text"] for a in annotations}
    before = {a.pk: (a.quote, a.review_state) for a in annotations}
    placements = anchors.reanchor(article.body, [_span(a) for a in annotations])
    for annotation, placement in zip(annotations, placements, strict=True):
        span = _span(annotation)
        if not placement.differs_from(span):
            continue
        if placement.state == AnchorState.ORPHANED:
            outcome.orphaned.append(annotation.pk)
        elif placement.state == AnchorState.FUZZY:
            outcome.fuzzy.append(annotation.pk)
        else:
            outcome.moved.append(annotation.pk)
        if placement.state == AnchorState.FUZZY and not annotation.previous_quote:
            annotation.previous_quote = span.quote
        if placement.state != AnchorState.ORPHANED:
            annotation.revision = number
            annotation.start, annotation.end = placement.start, placement.end
            annotation.quote, annotation.prefix, annotation.suffix = (
                placement.quote, placement.prefix, placement.suffix,
            )
        annotation.anchor_state = placement.state
        annotation.article = article
        annotation.version += 1
        recording.save(annotation, user=user, reason=f"re-anchored in revision {number}")
    outcome.checked = _checked_changes(article.body, annotations, contexts, before, outcome)
    _follow_published(article.body, annotations, contexts, outcome, user=user,
                      publisher_edited_at=publisher_edited_at)
    if publisher_edited_at is not None:
        alerts.article_changed(article=article, revision=number, changes=outcome.checked,
                               edited_at=publisher_edited_at)
    return outcome


def _checked_changes(body: str, annotations: list[Annotation], contexts: dict[int, str],
                     before: dict[int, tuple[str, str]], outcome: Reanchoring) -> list[dict]:
    """Return what the new body did to each checked passage (in review, verified or published)
    whose quote or surrounding text changed."""
    published = set(
        publishing.published_ids([a.pk for a in annotations if before[a.pk][1] != ReviewState.VERIFIED])
    )
    changes = []
    for annotation in annotations:
        quote_before, state_before = before[annotation.pk]
        if state_before == ReviewState.DRAFT and annotation.pk not in published:
            continue
        if annotation.pk in outcome.orphaned:
            kind, context = alerts_core.ORPHANED, ""
        elif annotation.anchor_state == AnchorState.ORPHANED:
            continue  # orphaned before: nothing of it is in either body
        else:
            context = publishing_core.context_of(body, annotation.start, annotation.end)["text"]
            if annotation.pk in outcome.fuzzy:
                kind = alerts_core.FUZZY
            elif context != contexts[annotation.pk]:
                kind = alerts_core.MOVED
            else:
                continue
        changes.append(alerts_core.passage_change(
            annotation_id=annotation.pk, claim=annotation.claim, review_state=state_before, outcome=kind,
            quote_before=quote_before, quote_after="" if kind == alerts_core.ORPHANED else annotation.quote,
            context_before=contexts[annotation.pk], context_after=context,
        ))
    return changes


def _follow_published(body: str, annotations: list[Annotation], contexts: dict[int, str],
                      outcome: Reanchoring, *, user, publisher_edited_at: datetime | None = None) -> None:
    """Open corrections of claims whose text around the quote changed; move the others' offsets.

    A published claim shows its quote's context as it was verified: a change to that text
    goes back to review, while a quote that only moved keeps its published text. An orphan
    keeps its review state and its published version its original quote (exports then drop
    its position); placing it again is an edit, which opens a correction as any edit of a
    verified claim does.
    """
    changed, moved, orphaned = [], [], []
    for annotation in annotations:
        if annotation.anchor_state == AnchorState.ORPHANED:
            if annotation.pk in outcome.orphaned:
                orphaned.append(annotation)
            continue
        context = publishing_core.context_of(body, annotation.start, annotation.end)["text"]
        if contexts[annotation.pk] != context:
            changed.append(annotation)
        elif annotation.pk in outcome.moved:
            moved.append(annotation)
    if changed and publisher_edited_at is not None:
        # Nobody of ours changed the text: whoever asked for the fetch may review the claims.
        publishing.open_corrections(
            changed, reason=f"the publisher edited the article (revision {outcome.revision})",
            user=None, publisher_edited_at=publisher_edited_at,
        )
    elif changed:
        publishing.open_corrections(
            changed, reason=f"article text around the quote changed in revision {outcome.revision}",
            user=user,
        )
    publishing.follow_anchors(moved=moved, orphaned=orphaned)
