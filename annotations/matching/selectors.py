"""Reads of imported ClaimReviews."""

from django.db.models import Q, QuerySet

from .models import ClaimReviewRecord


def claimreview_list(*, q: str = "", author: str = "", rating: str = "", language: str = "") -> QuerySet:
    """Return imported reviews, newest first, filtered by words, reviewer, rating label and language."""
    records = ClaimReviewRecord.objects.select_related(None)
    for word in q.split()[:10]:
        records = records.filter(
            Q(claim_reviewed__icontains=word) | Q(headline__icontains=word) | Q(description__icontains=word)
        )
    if author:
        records = records.filter(author_name__iexact=author)
    if rating:
        records = records.filter(rating_label__iexact=rating)
    if language:
        records = records.filter(language__iexact=language)
    return records.order_by("-date_published", "-id")
