"""The inbox reads: one query for the items (plus two prefetches), one for the header count."""

from django.db.models import Count, Q, QuerySet

from annotations import rules
from annotations.models import Annotation, ReviewState
from annotations.selectors import with_details

from .core import Inbox, sort_into_sections


def inbox_filter(user) -> Q:
    """Own drafts; for editors also what waits in review that they may review (rules.can_review)."""
    condition = Q(created_by=user, review_state=ReviewState.DRAFT)
    if rules.is_editor(user):
        condition |= rules.reviewable_by(user)
    return condition


def inbox_items(*, user) -> QuerySet[Annotation]:
    """Return the inbox annotations with their details and articles, oldest change first."""
    if not rules.can_read_drafts(user):
        return Annotation.objects.none()
    return (
        with_details(Annotation.objects.filter(inbox_filter(user)))
        .select_related("article")
        .order_by("updated_at", "id")
    )


def inbox(*, user) -> Inbox:
    return sort_into_sections(inbox_items(user=user), user_id=user.pk)


def inbox_count(*, user) -> int:
    """Return how many items wait in the user's inbox (one query; none for visitors)."""
    if not rules.can_read_drafts(user):
        return 0
    return Annotation.objects.filter(inbox_filter(user)).aggregate(total=Count("id"))["total"]


def drafts_to_submit(*, user, ids) -> QuerySet[Annotation]:
    """Return the user's own drafts among ids (others' are not theirs to submit from the inbox)."""
    return Annotation.objects.filter(
        pk__in=ids, created_by=user, review_state=ReviewState.DRAFT
    ).order_by("id")


def last_returns(*, ids) -> dict[int, tuple[str | None, object]]:
    """Return {annotation id: (username, when)} of the last return of each annotation (one query).

    A return keeps no reviewer on the annotation itself (reviewed_by names who last verified
    it); its history record does.
    """
    records = (
        Annotation.history.filter(id__in=ids, history_change_reason__startswith="returned:")
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )
    return {
        record.id: (record.history_user.get_username() if record.history_user else None, record.history_date)
        for record in records
    }


def back_in_review_reasons(*, ids) -> dict[int, str]:
    """Return {annotation id: why it went back to review} for claims sent back by a change
    (a correction or the publisher's edit), from their last such history record (one query)."""
    records = (
        Annotation.history.filter(id__in=ids, history_change_reason__endswith="; back in review")
        .order_by("history_date", "history_id")
        .values_list("id", "history_change_reason")
    )
    return {pk: reason.removesuffix("; back in review") for pk, reason in records}
