"""Alerts: something the desk should look at, raised by the watch and kept until handled."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class Alert(models.Model):
    """One thing to look at; `data` holds what the kind needs to show it."""

    class Kind(models.TextChoices):
        ARTICLE_CHANGED = "article_changed", "Article changed"
        CLAIM_REPEATED = "claim_repeated", "Claim repeated"

    class State(models.TextChoices):
        OPEN = "open", "Open"
        RESOLVED = "resolved", "Handled"

    kind = models.CharField("kind", max_length=30, choices=Kind.choices)
    state = models.CharField("state", max_length=10, choices=State.choices, default=State.OPEN)
    key = models.CharField(
        "key", max_length=300, blank=True,
        help_text="The same event raised twice (a job run again) is one alert.",
    )
    article = models.ForeignKey(
        "annotations.Article", verbose_name="article", null=True, blank=True, on_delete=models.CASCADE,
        related_name="alerts",
    )
    revision = models.PositiveIntegerField("revision", null=True, blank=True)
    summary = models.CharField("summary", max_length=500)
    data = models.JSONField("details", default=dict, blank=True)
    annotation_ids = models.JSONField(
        "annotations", default=list, blank=True, help_text="The annotations the alert is about.",
    )
    created_at = models.DateTimeField("raised", auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField("handled", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="handled by", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=~Q(key=""), name="alert_unique_key"),
        ]
        indexes = [models.Index(fields=["state", "kind", "created_at"])]

    def __str__(self):
        return self.summary
