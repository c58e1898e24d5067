"""Alerts: something the desk should look at, raised by the watch and kept until handled."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Alert(models.Model):
    """One thing to look at; `data` holds what the kind needs to show it."""

    class Kind(models.TextChoices):
        ARTICLE_CHANGED = "article_changed", _("Article changed")
        CLAIM_REPEATED = "claim_repeated", _("Claim repeated")

    class State(models.TextChoices):
        OPEN = "open", _("Open")
        RESOLVED = "resolved", _("Handled")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    key = models.CharField(
        _("key"), max_length=300, blank=True,
        help_text=_("The same event raised twice (a job run again) is one alert."),
    )
    article = models.ForeignKey(
        "annotations.Article", verbose_name=_("article"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="alerts",
    )
    revision = models.PositiveIntegerField(_("revision"), null=True, blank=True)
    summary = models.CharField(_("summary"), max_length=500)
    data = models.JSONField(_("details"), default=dict, blank=True)
    annotation_ids = models.JSONField(
        _("annotations"), default=list, blank=True, help_text=_("The annotations the alert is about."),
    )
    created_at = models.DateTimeField(_("raised"), auto_now_add=True, db_index=True)
    resolved_at = models.DateTimeField(_("handled"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("handled by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["key"], condition=~Q(key=""), name="alert_unique_key"),
        ]
        indexes = [models.Index(fields=["state", "kind", "created_at"])]

    def __str__(self):
        return self.summary
