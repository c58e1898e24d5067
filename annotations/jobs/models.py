"""One row per job started: what it does, who started it, how far it got, how it ended."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import core


class Job(models.Model):
    """A piece of background work and its outcome; workers write its state and progress."""

    class State(models.TextChoices):
        QUEUED = core.QUEUED, _("Queued")
        RUNNING = core.RUNNING, _("Running")
        RETRYING = core.RETRYING, _("Waiting to retry")
        SUCCEEDED = core.SUCCEEDED, _("Succeeded")
        FAILED = core.FAILED, _("Failed")

    kind = models.CharField(_("kind"), max_length=50)
    key = models.CharField(
        _("key"), max_length=300, blank=True,
        help_text=_("Starting a job whose key an unfinished job holds returns that job instead."),
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("total"), default=0)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    error = models.TextField(_("last error"), blank=True)
    result = models.JSONField(_("result"), default=dict, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    lease_until = models.DateTimeField(
        _("lease until"), null=True, blank=True,
        help_text=_("A running job whose worker stops renewing this is taken over after it."),
    )

    class Meta:
        verbose_name = _("job")
        verbose_name_plural = _("jobs")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["key"], condition=Q(state__in=core.ACTIVE) & ~Q(key=""),
                name="job_one_unfinished_per_key",
            ),
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.kind} #{self.pk} ({self.state})"
