"""Reads of published claims: what the public API, the exports and the claim page show."""

from django.db.models import QuerySet

from .models import PublishedClaim


def published_claims() -> QuerySet[PublishedClaim]:
    """Return the published claims in id order, each carrying its stored public JSON."""
    return PublishedClaim.objects.order_by("pk")


def corrections_of(annotation_id: int) -> list[dict]:
    """Return the correction notes of a published claim, oldest first (none if unpublished)."""
    published = PublishedClaim.objects.filter(annotation_id=annotation_id).first()
    return published.public["corrections"] if published else []


def published_version(annotation_id: int) -> dict | None:
    """Return the public JSON of the annotation's published version; None if never published."""
    published = PublishedClaim.objects.filter(annotation_id=annotation_id).first()
    return published.public if published else None


def published_versions(ids) -> dict[int, dict]:
    """Return {annotation id: public JSON} of those among ids that are published (one query)."""
    return {published.pk: published.public for published in PublishedClaim.objects.filter(pk__in=ids)}


def recently_published() -> QuerySet[PublishedClaim]:
    """Return the published claims, the most recently published or corrected first."""
    return PublishedClaim.objects.order_by("-modified_at", "-pk")


def published_in(article_id: int) -> list[dict]:
    """Return the public JSON of an article's published claims, in text order."""
    claims = [published.public for published in PublishedClaim.objects.filter(article_id=article_id)]
    return sorted(claims, key=lambda claim: (claim["start"], claim["id"]))


def published_article(article_id: int) -> dict | None:
    """Return the article fields (title, url, publisher, published_at) of the article's newest
    published claim, as they were verified; None when none of its claims is published."""
    newest = PublishedClaim.objects.filter(article_id=article_id).order_by("-modified_at", "-pk").first()
    return newest.public["article"] if newest else None
