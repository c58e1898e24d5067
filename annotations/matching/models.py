"""Known claims: imported ClaimReviews and the stored index (one vector per known claim)."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def review_key(url: str, claim_reviewed: str) -> str:
    """Identify a review by its url and the claim it reviews (an import of both again updates)."""
    return hashlib.sha256(f"{url}\n{claim_reviewed}".encode()).hexdigest()


class ClaimReviewRecord(models.Model):
    """A schema.org ClaimReview published by another fact-checker, as imported."""

    key = models.CharField(
        _("key"), max_length=64, unique=True, editable=False,
        help_text=_("SHA-256 of url and claimReviewed: the same pair imported again updates this record."),
    )
    url = models.URLField(_("URL"), max_length=2000)
    claim_reviewed = models.TextField(_("claim reviewed"))
    headline = models.CharField(_("headline"), max_length=1000, blank=True)
    description = models.TextField(_("description"), blank=True)
    rating_label = models.CharField(
        _("rating"), max_length=200, blank=True,
        help_text=_("reviewRating.alternateName, as the checker wrote it."),
    )
    rating_value = models.FloatField(_("rating value"), null=True, blank=True)
    best_rating = models.FloatField(_("best rating"), null=True, blank=True)
    worst_rating = models.FloatField(_("worst rating"), null=True, blank=True)
    author_name = models.CharField(
        _("reviewed by"), max_length=200, blank=True, db_index=True,
        help_text=_("The reviewing organization."),
    )
    author_url = models.URLField(_("reviewer URL"), max_length=2000, blank=True)
    date_published = models.DateField(_("published"), null=True, blank=True, db_index=True)
    claim_author = models.CharField(_("claimed by"), max_length=200, blank=True)
    claim_date = models.DateField(_("claim date"), null=True, blank=True)
    appearance = models.JSONField(
        _("appearances"), default=list, blank=True,
        help_text=_("URLs where the claim appeared (itemReviewed)."),
    )
    language = models.CharField(_("language"), max_length=35, blank=True, db_index=True)
    original = models.JSONField(_("original JSON-LD"), help_text=_("The imported object, untouched."))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("imported"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-date_published", "-id"]
        verbose_name = _("imported ClaimReview")

    def __str__(self):
        return self.claim_reviewed[:80]


class KnownClaim(models.Model):
    """One entry of the known-claims index: the searched texts and their embedding.

    Every process mirrors this table in memory; a removed claim keeps its row with
    ``active`` off so that other processes learn of the removal.
    """

    class Kind(models.TextChoices):
        VERIFIED = "verified", _("Our verified claim")
        EXTERNAL = "external", _("Imported ClaimReview")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    ref_id = models.BigIntegerField(_("id"), help_text=_("The annotation's or the imported record's id."))
    claim = models.TextField(_("claim"), blank=True)
    context = models.TextField(_("context"), blank=True)
    vector = models.BinaryField(_("embedding"), null=True, blank=True)
    active = models.BooleanField(_("active"), default=True)
    changed_at = models.DateTimeField(_("changed"), db_index=True)

    class Meta:
        verbose_name = _("known claim")
        verbose_name_plural = _("known claims")
        ordering = ["changed_at", "id"]
        constraints = [models.UniqueConstraint(fields=["kind", "ref_id"], name="known_claim_unique_ref")]

    def __str__(self):
        return f"{self.kind} {self.ref_id}"



class ClaimReviewFeed(models.Model):
    """Another fact-checker's ClaimReview DataFeed, fetched on schedule; its reviews are imported."""

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(_("URL"), max_length=1000, unique=True)
    interval = models.PositiveIntegerField(_("interval (seconds)"), default=3600)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("added"), auto_now_add=True)
    etag = models.CharField(_("ETag"), max_length=500, blank=True)
    last_modified = models.CharField(_("Last-Modified"), max_length=100, blank=True)
    next_fetch_at = models.DateTimeField(_("next fetch"), null=True, blank=True, db_index=True)
    last_fetched_at = models.DateTimeField(_("last fetched"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last success"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    failures = models.PositiveIntegerField(_("failures in a row"), default=0)
    last_created = models.PositiveIntegerField(_("new in the last import"), default=0)
    last_updated = models.PositiveIntegerField(_("changed in the last import"), default=0)
    last_unchanged = models.PositiveIntegerField(_("unchanged in the last import"), default=0)
    last_rejected = models.PositiveIntegerField(_("rejected in the last import"), default=0)
    total_created = models.PositiveIntegerField(_("new reviews in all"), default=0)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("followed ClaimReview feed")

    def __str__(self):
        return self.name
