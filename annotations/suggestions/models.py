"""Stored suggestion results (one set per article body) and dismissals."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SuggestionSet(models.Model):
    """The suggestions computed for one body of an article, kept until the body changes."""

    article = models.ForeignKey(
        "annotations.Article", verbose_name=_("article"), on_delete=models.CASCADE,
        related_name="suggestion_sets",
    )
    body_sha256 = models.CharField(_("body SHA-256"), max_length=64)
    sources_stamp = models.CharField(
        _("sources stamp"), max_length=100,
        help_text=_("Count and last change of the stored sources the names were resolved against."),
    )
    results = models.JSONField(_("results"), default=list)
    computed_at = models.DateTimeField(_("computed"), auto_now=True)

    class Meta:
        verbose_name = _("suggestion set")
        verbose_name_plural = _("suggestion sets")
        constraints = [
            models.UniqueConstraint(fields=["article", "body_sha256"], name="suggestion_set_unique_body"),
        ]

    def __str__(self):
        return f"suggestions for article {self.article_id} ({self.body_sha256[:8]})"


class SuggestionDismissal(models.Model):
    """A suggestion a reviewer dismissed: hidden for everyone while its own sentence is unchanged."""

    article = models.ForeignKey(
        "annotations.Article", verbose_name=_("article"), on_delete=models.CASCADE,
        related_name="suggestion_dismissals",
    )
    body_sha256 = models.CharField(
        _("body SHA-256"), max_length=64, help_text=_("The body the suggestion was found in.")
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    stance = models.CharField(_("stance"), max_length=20)
    source_name = models.CharField(_("source name"), max_length=200, blank=True)
    quote = models.TextField(_("quote"), blank=True)
    # Edits elsewhere in the article keep the suggestion dismissed: see suggestions.anchor.
    # Empty on dismissals stored before anchors; those match their body's offsets only.
    anchor = models.CharField(
        _("anchor"), max_length=64, blank=True, default="",
        help_text=_("SHA-256 of the suggestion's sentence text and its place in that sentence."),
    )
    # Who dismissed it stays on record only as long as the account exists.
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("dismissed by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    dismissed_at = models.DateTimeField(_("dismissed"), auto_now_add=True)

    class Meta:
        verbose_name = _("dismissed suggestion")
        verbose_name_plural = _("dismissed suggestions")
        ordering = ["article_id", "start", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["article", "body_sha256", "start", "end", "stance", "source_name"],
                name="suggestion_dismissal_unique",
            ),
            models.UniqueConstraint(
                fields=["article", "anchor"], condition=~models.Q(anchor=""),
                name="suggestion_dismissal_unique_anchor",
            ),
        ]

    def __str__(self):
        return f"dismissed suggestion {self.start}-{self.end} in article {self.article_id}"
