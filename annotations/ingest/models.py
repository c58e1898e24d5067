"""Every body an article has had, numbered from 1."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ArticleRevision(models.Model):
    """One body of an article; the highest number is the current body."""

    class Origin(models.TextChoices):
        MANUAL = "manual", _("Edited by hand")
        IMPORT = "import", _("Imported")
        FETCH = "fetch", _("Fetched again")

    article = models.ForeignKey(
        "annotations.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("number"))
    body = models.TextField(_("body"))
    body_sha256 = models.CharField(_("body SHA-256"), max_length=64, editable=False)
    origin = models.CharField(_("origin"), max_length=10, choices=Origin.choices, default=Origin.MANUAL)
    # Text, not a bounded URL field: the address after redirects is whatever the site sent.
    fetched_url = models.TextField(
        _("fetched from"), blank=True, default="",
        help_text=_("The address this body was fetched from, after redirects; empty for a page given "
                  "as html or a file, and for an edit."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("article revision")
        verbose_name_plural = _("article revisions")
        ordering = ["article_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="article_revision_unique_number"),
        ]

    def __str__(self):
        return f"{self.article_id} revision {self.number}"

    def save(self, *args, **kwargs):
        self.body_sha256 = hashlib.sha256(self.body.encode()).hexdigest()
        super().save(*args, **kwargs)


class ArticleWatch(models.Model):
    """How a checked article is watched: the validators of its last fetch and its next check."""

    # The watch goes with its article.
    article = models.OneToOneField(
        "annotations.Article", verbose_name=_("article"), primary_key=True, on_delete=models.CASCADE,
        related_name="watch",
    )
    host = models.CharField(_("host"), max_length=300, blank=True, help_text=_("Where its URL points."))
    etag = models.CharField(_("ETag"), max_length=500, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)
    checked_at = models.DateTimeField(_("last checked"), null=True, blank=True)
    next_check_at = models.DateTimeField(_("next check"), null=True, blank=True, db_index=True)
    changed_at = models.DateTimeField(_("last change found"), null=True, blank=True)
    last_status = models.CharField(
        _("last outcome"), max_length=20, blank=True,
        help_text=_("not_modified (304), unchanged, changed or failed."),
    )
    failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("article watch")

    def __str__(self):
        return f"watch of article {self.article_id}"
