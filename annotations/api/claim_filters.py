"""Filters for the verified claims, their exports and the W3C container."""

from .filters import AnnotationFilter


class ClaimFilter(AnnotationFilter):
    """Filter verified claims as the annotation list is filtered (article, rating, source, ...)."""
