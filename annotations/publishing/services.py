"""Publish verified claims, and open corrections when what a claim shows is changed.

Design: a verified claim is published as a snapshot (PublishedClaim). Editing the claim,
renaming or merging one of its cited sources, or changing its article's title or body
does not touch the snapshot: it opens a *correction* instead. The annotation goes back
to review internally (so four eyes apply to the correction, and whoever made the change
may not verify it), its history records what changed, who did it and when, and the
published version stays online. Verifying the correction replaces the snapshot and adds
a dated correction note.

Why corrections rather than a second approval of the source or article edit itself: a
source is shared by many claims and an article edit may move many quotes; approving the
edit once would publish it under claims nobody re-read. Sending each affected claim back
to review reuses the one four-eyes workflow the newsroom already has, per claim, while
the public keeps seeing what was verified.

Other code calls `open_corrections(annotations, reason=..., user=...)` whenever it
changes something a verified claim shows, and `publish(annotation=..., user=...)` runs
inside the verification.
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from annotations import exports, presenters, rules, selectors
from annotations.live import announce as live
from annotations.matching import services as known_claims
from annotations.models import Annotation, ReviewState

from . import core
from .models import Correction, PublishedAttribution, PublishedClaim, PublishedRecords


def _records(published: PublishedClaim, claim: dict[str, Any]) -> PublishedRecords:
    """Return the export records of a published claim's public JSON (unsaved)."""
    return PublishedRecords(published=published, **exports.stored_records(claim))


def _store(published: PublishedClaim, claim: dict[str, Any], *, new: bool) -> None:
    """Save the public JSON of a published claim and the export records computed from it."""
    published.data = core.encode(claim)
    published.save()
    _records(published, claim).save(force_insert=new)


def display_name(user) -> str | None:
    """Return the public display name a user chose, or None (never the login name)."""
    if user is None:
        return None
    try:
        return user.public_profile.display_name or None
    except ObjectDoesNotExist:
        return None


def _live(annotation: Annotation) -> Annotation:
    return selectors.with_children(Annotation.objects.select_related(
        "article", "article__publisher", "created_by__public_profile", "reviewed_by__public_profile",
    )).get(pk=annotation.pk)


def public_claim(annotation: Annotation, *, published_at, reviewed_at, date_modified,
                 corrections: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the public JSON of an annotation as it stands (read through _live)."""
    article = annotation.article
    return core.public_claim(
        annotation={
            field: getattr(annotation, field)
            for field in (
                "id", "start", "end", "quote", "prefix", "suffix", "claim", "language", "rating",
                "rationale", "version", "created_at", "updated_at",
            )
        },
        # The migration that first published claims runs before annotations had same_as.
        same_as=getattr(annotation, "same_as", []),
        article={
            "id": article.pk,
            "title": article.title,
            "url": article.url,
            "publisher": presenters.source_summary(article.publisher),
            "published_at": core.iso(article.published_at),
        },
        body=article.body,
        attributions=[presenters.attribution_dict(a) for a in annotation.attributions.all()],
        evidence=[presenters.evidence_dict(e) for e in annotation.evidence.all()],
        organization=settings.FACTCHECK_ORGANIZATION_NAME,
        created_by=display_name(annotation.created_by),
        reviewed_by=display_name(annotation.reviewed_by),
        published_at=published_at,
        reviewed_at=reviewed_at,
        date_modified=date_modified,
        corrections=corrections,
    )


@transaction.atomic
def publish(*, annotation: Annotation, user, comment: str = "") -> PublishedClaim:
    """Publish a just-verified annotation; a changed published version gets a correction note.

    `comment` (the verifier's) is the public reason of a correction.
    """
    live = _live(annotation)
    now = live.reviewed_at or timezone.now()
    current = PublishedClaim.objects.select_for_update().filter(annotation_id=live.pk).first()
    if current is None:
        data = public_claim(live, published_at=now, reviewed_at=now, date_modified=None,
                            corrections=[])
        published = PublishedClaim(annotation_id=live.pk, published_at=now, modified_at=now)
    else:
        published = current
        old = current.public
        draft = public_claim(
            live, published_at=current.published_at, reviewed_at=now,
            date_modified=None, corrections=old["corrections"],
        )
        what = core.changes(old, draft)
        edited_at = current.publisher_edited_at
        if what or edited_at:
            kind = Correction.Kind.UPDATE if edited_at else Correction.Kind.CORRECTION
            if edited_at:
                note = core.update_note(timezone.localdate(edited_at), timezone.localdate(now), what, comment)
            else:
                note = core.correction_note(timezone.localdate(now), what, comment)
            corrections = [
                *old["corrections"],
                {
                    "date": core.iso(now), "kind": kind, "note": note, "reason": comment.strip(),
                    "previous_rating": old["rating"], "rating": draft["rating"],
                },
            ]
            data = public_claim(live, published_at=current.published_at, reviewed_at=now,
                                date_modified=now, corrections=corrections)
            Correction.objects.create(
                published=current, kind=kind, corrected_at=now, note=note, reason=comment.strip(),
                previous_rating=old["rating"], rating=draft["rating"],
                previous_data=current.data, verified_by=user,
            )
            published.modified_at = now
        else:
            # Verified again with nothing a reader would see changed: no correction.
            data = {**draft, "date_modified": old["date_modified"]}
    published.article_id = live.article_id
    published.rating, published.claim, published.quote = live.rating, live.claim, live.quote
    published.version = live.version
    published.publisher_edited_at = None
    _store(published, data, new=current is None)
    published.attributions.all().delete()
    PublishedAttribution.objects.bulk_create(
        PublishedAttribution(published=published, source_id=a.source_id, stance=a.stance)
        for a in live.attributions.all()
    )
    # The known-claims index holds what is published, so it changes only here.
    known_claims.published_changed(published.pk)
    return published


@transaction.atomic
def open_corrections(annotations: Iterable[Annotation] | Any, *, reason: str, user,
                     publisher_edited_at=None) -> list[Annotation]:
    """Record a change to what the given annotations show; send verified ones back to review.

    Only annotations that are verified or published are concerned; others are ignored,
    so callers may pass every annotation the change touches. Each one gets a history
    entry (reason, user, time) and a new version, and `user` becomes one of its editors, so
    the four-eyes rule keeps them from verifying the correction of their own change
    (None: nobody of ours made it, as when the publisher edited the article; then
    `publisher_edited_at` says when, and the next verification's note says so).
    The published version stays online until the correction is verified. Return the
    annotations written.
    """
    pks = sorted({annotation.pk for annotation in annotations})
    written = []
    # Drafts and first reviews publish nothing yet; their reviewer reads the current text.
    # A subquery, not a join: PostgreSQL locks no row on the nullable side of an outer join.
    public = Q(review_state=ReviewState.VERIFIED) | Q(
        pk__in=PublishedClaim.objects.values("annotation_id")
    )
    locked = Annotation.objects.select_for_update().filter(public, pk__in=pks).order_by("pk")
    for annotation in locked:
        comment = return_to_review(annotation, user=user, reason=reason)
        annotation._history_user = user
        annotation._change_reason = comment
        annotation.save()
        live.annotation(annotation, "edited", user=user)
        written.append(annotation)
    if publisher_edited_at is not None:
        PublishedClaim.objects.filter(annotation_id__in=[a.pk for a in written]).update(
            publisher_edited_at=publisher_edited_at
        )
    return written


def return_to_review(annotation: Annotation, *, user, reason: str) -> str:
    """Mark the annotation as changed by `user` (the caller saves it): a new version, `user`
    among its editors, and a verified one back in review, unverified. Return the reason its
    history records."""
    if user is not None:  # None: the publisher changed the article (a watch job saw it)
        annotation.editors = rules.editors_with(annotation, user)
        annotation.edited_by = user
    annotation.version += 1
    if annotation.review_state != ReviewState.VERIFIED:
        return reason
    annotation.review_state = ReviewState.IN_REVIEW
    annotation.reviewed_by = annotation.reviewed_at = None
    return f"{reason}; back in review"


def follow_anchors(*, moved: Iterable[Annotation], orphaned: Iterable[Annotation]) -> None:
    """Keep published claims' positions true to the current body after a new revision.

    Positions are not something a reader sees: the published text stays as it was verified,
    but a quote that moved is pointed at anew, and one that can no longer be found is marked
    `anchor_state: "orphaned"` so that exports stop pointing into a body that is gone.
    """
    moved = {annotation.pk: annotation for annotation in moved}
    orphaned = {annotation.pk for annotation in orphaned}
    for published in PublishedClaim.objects.select_for_update().filter(
        annotation_id__in=[*moved, *orphaned]
    ):
        data = published.public
        if published.pk in orphaned:
            data["anchor_state"] = "orphaned"
        else:
            annotation = moved[published.pk]
            data["context"]["start"] += annotation.start - data["start"]
            data["start"], data["end"] = annotation.start, annotation.end
        published.data = core.encode(data)
        published.save(update_fields=["data"])
        _records(published, data).save()


def published_ids(ids: Iterable[int]) -> list[int]:
    """Return those of the annotation ids that have a published version."""
    published = PublishedClaim.objects.filter(annotation_id__in=list(ids))
    return list(published.values_list("annotation_id", flat=True))


def is_published(annotation: Annotation) -> bool:
    return PublishedClaim.objects.filter(annotation_id=annotation.pk).exists()


def publish_all(*, chunk_size: int = 2000) -> int:
    """Publish every verified annotation that has no published version yet, in bulk.

    For upgrades and seeded data: each claim is published as it stands, verified at its
    reviewed_at, without correction notes. Return how many were published.
    """
    missing = (
        Annotation.objects.filter(review_state=ReviewState.VERIFIED, published__isnull=True)
        .select_related(
            "article", "article__publisher", "created_by__public_profile",
            "reviewed_by__public_profile",
        )
        .order_by("pk")
    )
    count = 0
    while True:
        chunk = list(selectors.with_children(missing)[:chunk_size])
        if not chunk:
            return count
        rows, records, attributions = [], [], []
        for annotation in chunk:
            when = annotation.reviewed_at or annotation.updated_at
            data = public_claim(annotation, published_at=when, reviewed_at=when,
                                date_modified=None, corrections=[])
            rows.append(PublishedClaim(
                annotation_id=annotation.pk, article_id=annotation.article_id,
                rating=annotation.rating, claim=annotation.claim, quote=annotation.quote,
                data=core.encode(data), published_at=when, modified_at=when,
                version=annotation.version,
            ))
            records.append(_records(rows[-1], data))
            attributions.extend(
                PublishedAttribution(published_id=annotation.pk, source_id=a.source_id, stance=a.stance)
                for a in annotation.attributions.all()
            )
        with transaction.atomic():
            PublishedClaim.objects.bulk_create(rows)
            PublishedRecords.objects.bulk_create(records)
            PublishedAttribution.objects.bulk_create(attributions)
        count += len(rows)
