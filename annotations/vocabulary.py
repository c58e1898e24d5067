"""The ratings a fact-check gives: values, labels and ClaimReview's scale, written once.

Plain values (no database): models, publishing's pure core and exports read them here.
"""

from django.db import models


class Rating(models.TextChoices):
    TRUE = "true", "True"
    MOSTLY_TRUE = "mostly_true", "Mostly true"
    MIXED = "mixed", "Half true"
    MOSTLY_FALSE = "mostly_false", "Mostly false"
    FALSE = "false", "False"
    MISLEADING = "misleading", "Misleading"
    MISSING_CONTEXT = "missing_context", "Missing context"
    MISATTRIBUTED = "misattributed", "Misattributed"
    UNPROVEN = "unproven", "Unproven"
    SATIRE = "satire", "Satire"


# Position on ClaimReview's five-point scale (worstRating 1, bestRating 5);
# the other ratings are published with alternateName only.
RATING_SCALE = {
    Rating.TRUE: 5,
    Rating.MOSTLY_TRUE: 4,
    Rating.MIXED: 3,
    Rating.MOSTLY_FALSE: 2,
    Rating.FALSE: 1,
}


RATING_LABELS = {**{value: str(label) for value, label in Rating.choices}, "": "Not rated"}


def rating_label(rating: str) -> str:
    """The label people read for a rating ("Not rated" for none)."""
    return RATING_LABELS.get(rating or "", rating)
