"""{{ claim.rating|rating_label }}: a rating's label in the reader's language.

A published claim stores its label in the claim's own language (for the exports and
ClaimReview); pages read the rating value and name it in the interface language.
"""

from django import template

from annotations.vocabulary import rating_label as label_of

register = template.Library()


@register.filter
def rating_label(rating: str) -> str:
    return label_of(rating)
