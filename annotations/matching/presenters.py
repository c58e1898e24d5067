"""Plain-dict representations of imported ClaimReviews and of known-claim links."""

from typing import Any

from annotations.presenters import iso

from .models import ClaimReviewRecord


def claimreview_dict(record: ClaimReviewRecord) -> dict[str, Any]:
    return {
        "id": record.pk,
        "url": record.url,
        "claim_reviewed": record.claim_reviewed,
        "headline": record.headline,
        "description": record.description,
        "rating_label": record.rating_label,
        "rating_value": record.rating_value,
        "best_rating": record.best_rating,
        "worst_rating": record.worst_rating,
        "author": record.author_name,
        "author_url": record.author_url,
        "date_published": iso(record.date_published),
        "claim_author": record.claim_author,
        "claim_date": iso(record.claim_date),
        "appearance": record.appearance,
        "language": record.language,
        "created_at": iso(record.created_at),
        "updated_at": iso(record.updated_at),
        "original": record.original,
    }
