"""Reads of alerts: what a fact-checker is shown, filtered by kind and state."""

from django.db.models import QuerySet

from annotations import rules

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
