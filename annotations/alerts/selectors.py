"""Reads of alerts: what a fact-checker is shown, filtered by kind and state."""

from django.db.models import QuerySet

from annotations import rules
from annotations.models import Annotation

from .models import Alert


def alert_list(*, user, kind: str = "", state: str = "") -> QuerySet[Alert]:
    """Return the alerts a fact-checker may read, newest first (none for anyone else)."""
    if not rules.can_read_drafts(user):
        return Alert.objects.none()
    alerts = Alert.objects.select_related("article", "resolved_by")
    if kind:
        alerts = alerts.filter(kind=kind)
    if state:
        alerts = alerts.filter(state=state)
    return alerts.order_by("-created_at", "-id")


def changed_articles(*, user) -> list[Alert]:
    """Return the open "article changed" alerts for My work, oldest first: every one for editors,
    for a reviewer those about annotations they wrote."""
    if not rules.can_read_drafts(user):
        return []
    alerts = list(
        Alert.objects.filter(kind=Alert.Kind.ARTICLE_CHANGED, state=Alert.State.OPEN)
        .select_related("article").order_by("created_at", "id")
    )
    if rules.is_editor(user):
        return alerts
    ids = {pk for alert in alerts for pk in alert.annotation_ids}
    own = set(Annotation.objects.filter(pk__in=ids, created_by=user).values_list("pk", flat=True))
    return [alert for alert in alerts if own.intersection(alert.annotation_ids)]
