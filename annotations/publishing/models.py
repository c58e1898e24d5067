"""Published fact-checks: the public JSON of each verified claim, frozen at verification."""

import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PublishedClaim(models.Model):
    """What the public sees of one verified annotation, as a second editor verified it.

    Editing the annotation, its sources or its article changes nothing here; only the
    verification of a correction replaces it (and adds a Correction).
    """

    # The services refuse to delete a published annotation or its article (admin's delete
    # goes through them); CASCADE keeps admin's own permission check the one that answers.
    annotation = models.OneToOneField(
        "annotations.Annotation", verbose_name=_("annotation"), primary_key=True,
        on_delete=models.CASCADE, related_name="published",
    )
    # Filter columns, copied from `data` so that the public lists filter what they show.
    article = models.ForeignKey(
        "annotations.Article", verbose_name=_("article"), on_delete=models.CASCADE, related_name="+",
    )
    rating = models.CharField(_("rating"), max_length=20, blank=True)
    claim = models.CharField(_("claim"), max_length=1000, blank=True)
    quote = models.TextField(_("quote"))
    data = models.TextField(
        _("public JSON"), help_text=_("The claim as the API, the exports and the claim page show it.")
    )
    published_at = models.DateTimeField(_("first published"))
    modified_at = models.DateTimeField(
        _("last modified"), db_index=True, help_text=_("When the published version last changed.")
    )
    version = models.PositiveIntegerField(
        _("annotation version"), help_text=_("The version of the annotation that was verified.")
    )
    publisher_edited_at = models.DateTimeField(
        _("publisher edited"), null=True, blank=True,
        help_text=_("When its publisher edited the article around the quote, while that waits for a "
                  "review: the next verification says so in its note."),
    )

    class Meta:
        ordering = ["annotation_id"]
        verbose_name = _("published claim")

    def __str__(self):
        return self.claim or self.quote[:80]

    @property
    def public(self) -> dict:
        return json.loads(self.data)


class PublishedRecords(models.Model):
    """The export records of a published claim, computed from its public JSON whenever it is written.

    So that an export streams stored text (exports.tabular.csv_parts,
    exports.claimreview.stored_parts). A table of their own: beside the public JSON they
    would make each row wide enough for PostgreSQL to compress that JSON, and every read
    of the claims list would pay for its decompression.
    """

    published = models.OneToOneField(
        PublishedClaim, verbose_name=_("published claim"), primary_key=True, on_delete=models.CASCADE,
        related_name="records",
    )
    csv_head = models.TextField(
        _("CSV row before its URL"),
        help_text=_("The claim's CSV export row up to its public URL cell (which each export adds)."),
    )
    csv_tail = models.TextField(
        _("CSV row after its URL"),
        help_text=_("The claim's CSV export row after its public URL cell, line end included."),
    )
    claimreview_claim = models.TextField(
        _("ClaimReview claimReviewed"), help_text=_("The JSON of its claimReviewed.")
    )
    claimreview_tail = models.TextField(
        _("ClaimReview after its author"),
        help_text=_("Its ClaimReview's JSON after the author (the organization, which each export adds)."),
    )

    class Meta:
        verbose_name = _("published export records")
        verbose_name_plural = _("published export records")

    def __str__(self):
        return f"export records of claim #{self.published_id}"


class PublishedAttribution(models.Model):
    """A source and stance of a published claim, for the ?source= and ?stance= filters."""

    published = models.ForeignKey(
        PublishedClaim, verbose_name=_("published claim"), on_delete=models.CASCADE,
        related_name="attributions",
    )
    # Not a foreign key: the published record keeps naming a source that was merged away.
    source_id = models.PositiveBigIntegerField(_("source id"))
    stance = models.CharField(_("stance"), max_length=20)

    class Meta:
        verbose_name = _("published attribution")
        verbose_name_plural = _("published attributions")
        ordering = ["published_id", "id"]
        indexes = [models.Index(fields=["source_id", "stance"])]

    def __str__(self):
        return f"source #{self.source_id} ({self.stance})"


class Correction(models.Model):
    """A dated correction of a published claim, and the version it replaced."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("Our correction")
        UPDATE = "update", _("Reviewed again after the publisher edited the article")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    published = models.ForeignKey(
        PublishedClaim, verbose_name=_("published claim"), on_delete=models.CASCADE,
        related_name="corrections",
    )
    corrected_at = models.DateTimeField(_("corrected"))
    note = models.TextField(_("note"), help_text=_("The public correction note."))
    reason = models.TextField(_("reason"), blank=True)
    previous_rating = models.CharField(_("previous rating"), max_length=20, blank=True)
    rating = models.CharField(_("rating"), max_length=20, blank=True)
    previous_data = models.TextField(_("replaced public JSON"))
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("verified by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    class Meta:
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")
        ordering = ["published_id", "corrected_at", "id"]

    def __str__(self):
        return self.note


class PublicProfile(models.Model):
    """The name a staff member chose to be credited with publicly (never their login)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="public_profile",
    )
    display_name = models.CharField(
        _("public display name"), max_length=150, blank=True,
        help_text=_("Shown on published fact-checks; leave empty to be credited as the organization."),
    )

    class Meta:
        verbose_name = _("public profile")

    def __str__(self):
        return self.display_name
