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


def open_for_work(*, user) -> tuple[list[Alert], list[Alert]]:
    """Return the open alerts for My work (one query): the changed articles, oldest first
    (every one for editors, for a reviewer those about annotations they wrote), and the
    repeated claims, newest first (every fact-checker)."""
    if not rules.can_read_drafts(user):
        return [], []
    alerts = list(
        Alert.objects.filter(state=Alert.State.OPEN).select_related("article").order_by("created_at", "id")
    )
    changed = [alert for alert in alerts if alert.kind == Alert.Kind.ARTICLE_CHANGED]
    repeated = [alert for alert in reversed(alerts) if alert.kind == Alert.Kind.CLAIM_REPEATED]
    if changed and not rules.is_editor(user):
        ids = {pk for alert in changed for pk in alert.annotation_ids}
        own = set(Annotation.objects.filter(pk__in=ids, created_by=user).values_list("pk", flat=True))
        changed = [alert for alert in changed if own.intersection(alert.annotation_ids)]
    return changed, repeated
