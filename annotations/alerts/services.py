"""Raise and resolve alerts."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from annotations import rules
from annotations.models import Article

from . import core
from .models import Alert


def article_changed(*, article: Article, revision: int, changes: list[dict], edited_at) -> Alert | None:
    """Raise the alert that a new body of the article changed checked passages (once per revision)."""
    if not changes:
        return None
    alert, _ = Alert.objects.get_or_create(
        key=f"article_changed:{article.pk}:{revision}",
        defaults={
            "kind": Alert.Kind.ARTICLE_CHANGED, "article": article, "revision": revision,
            "summary": core.summary(article.title, changes)[:500],
            "data": {"changes": changes, "edited_at": edited_at.isoformat()},
            "annotation_ids": [change["annotation"] for change in changes],
        },
    )
    return alert


@transaction.atomic
def alert_resolve(*, alert: Alert, user) -> Alert:
    """Mark an alert handled (a fact-checker looked at it)."""
    if not rules.can_read_drafts(user):
        raise PermissionDenied("Only fact-checkers handle alerts.")
    alert = Alert.objects.select_for_update().get(pk=alert.pk)
    if alert.state != Alert.State.RESOLVED:
        alert.state, alert.resolved_at, alert.resolved_by = Alert.State.RESOLVED, timezone.now(), user
        alert.save(update_fields=["state", "resolved_at", "resolved_by"])
    return alert
