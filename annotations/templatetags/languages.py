"""A language tag as a reader reads it: its name in the page's language."""

from django import template
from django.utils import translation

from annotations import languages

register = template.Library()


@register.filter
def language_name(tag: str) -> str:
    """Return "Spanish" for "es", "Brazilian Portuguese" for "pt-BR" (in the active language)."""
    if not tag:
        return ""
    return languages.name(tag, translation.get_language() or languages.DEFAULT)
