"""Known claims: imported ClaimReviews and the stored index (one vector per known claim)."""

import hashlib

from django.conf import settings
from django.db import models


def review_key(url: str, claim_reviewed: str) -> str:
    """Identify a review by its url and the claim it reviews (an import of both again updates)."""
    return hashlib.sha256(f"{url}\n{claim_reviewed}".encode()).hexdigest()


class ClaimReviewRecord(models.Model):
    """A schema.org ClaimReview published by another fact-checker, as imported."""

    key = models.CharField(
        "key", max_length=64, unique=True, editable=False,
        help_text="SHA-256 of url and claimReviewed: the same pair imported again updates this record.",
    )
    url = models.URLField("URL", max_length=2000)
    claim_reviewed = models.TextField("claim reviewed")
    headline = models.CharField("headline", max_length=1000, blank=True)
    description = models.TextField("description", blank=True)
    rating_label = models.CharField(
        "rating", max_length=200, blank=True, help_text="reviewRating.alternateName, as the checker wrote it."
    )
    rating_value = models.FloatField("rating value", null=True, blank=True)
    best_rating = models.FloatField("best rating", null=True, blank=True)
    worst_rating = models.FloatField("worst rating", null=True, blank=True)
    author_name = models.CharField(
        "reviewed by", max_length=200, blank=True, db_index=True, help_text="The reviewing organization."
    )
    author_url = models.URLField("reviewer URL", max_length=2000, blank=True)
    date_published = models.DateField("published", null=True, blank=True, db_index=True)
    claim_author = models.CharField("claimed by", max_length=200, blank=True)
    claim_date = models.DateField("claim date", null=True, blank=True)
    appearance = models.JSONField(
        "appearances", default=list, blank=True, help_text="URLs where the claim appeared (itemReviewed)."
    )
    language = models.CharField("language", max_length=35, blank=True, db_index=True)
    original = models.JSONField("original JSON-LD", help_text="The imported object, untouched.")
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="imported by", null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField("imported", auto_now_add=True)
    updated_at = models.DateTimeField("updated", auto_now=True)

    class Meta:
        ordering = ["-date_published", "-id"]
        verbose_name = "imported ClaimReview"

    def __str__(self):
        return self.claim_reviewed[:80]


class KnownClaim(models.Model):
    """One entry of the known-claims index: the searched texts and their embedding.

    Every process mirrors this table in memory; a removed claim keeps its row with
    ``active`` off so that other processes learn of the removal.
    """

    class Kind(models.TextChoices):
        VERIFIED = "verified", "Our verified claim"
        EXTERNAL = "external", "Imported ClaimReview"

    kind = models.CharField("kind", max_length=10, choices=Kind.choices)
    ref_id = models.BigIntegerField("id", help_text="The annotation's or the imported record's id.")
    claim = models.TextField("claim", blank=True)
    context = models.TextField("context", blank=True)
    vector = models.BinaryField("embedding", null=True, blank=True)
    active = models.BooleanField("active", default=True)
    changed_at = models.DateTimeField("changed", db_index=True)

    class Meta:
        ordering = ["changed_at", "id"]
        constraints = [models.UniqueConstraint(fields=["kind", "ref_id"], name="known_claim_unique_ref")]

    def __str__(self):
        return f"{self.kind} {self.ref_id}"

