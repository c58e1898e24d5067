"""The ratings a fact-check gives: values, labels and ClaimReview's scale, written once.

Plain values (no database): models, publishing's pure core and exports read them here.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Rating(models.TextChoices):
    TRUE = "true", _("True")
    MOSTLY_TRUE = "mostly_true", _("Mostly true")
    MIXED = "mixed", _("Half true")
    MOSTLY_FALSE = "mostly_false", _("Mostly false")
    FALSE = "false", _("False")
    MISLEADING = "misleading", _("Misleading")
    MISSING_CONTEXT = "missing_context", _("Missing context")
    MISATTRIBUTED = "misattributed", _("Misattributed")
    UNPROVEN = "unproven", _("Unproven")
    SATIRE = "satire", _("Satire")


# Position on ClaimReview's five-point scale (worstRating 1, bestRating 5);
# the other ratings are published with alternateName only.
RATING_SCALE = {
    Rating.TRUE: 5,
    Rating.MOSTLY_TRUE: 4,
    Rating.MIXED: 3,
    Rating.MOSTLY_FALSE: 2,
    Rating.FALSE: 1,
}


NOT_RATED = _("Not rated")


def rating_label(rating: str) -> str:
    """The label people read for a rating in the active language ("Not rated" for none).

    Under translation.override(claim language), the label a published claim carries.
    """
    if not rating:
        return str(NOT_RATED)
    return str(Rating(rating).label) if rating in Rating.values else rating


def labels_language(content_language: str) -> str:
    """The interface language that writes labels for content in content_language ("pt-BR" -> "pt-br").

    A published claim's rating label and explanation follow the claim's language, not the
    reader's; a language the interface does not speak gets LANGUAGE_CODE's labels.
    """
    try:
        return translation.get_supported_language_variant(content_language or settings.LANGUAGE_CODE)
    except LookupError:
        return settings.LANGUAGE_CODE
