"""A language tag as a reader reads it: its name in the page's language."""

from django import template
from django.urls import reverse
from django.utils import translation

from annotations import languages
from annotations.displayzone.core import catalog_version

register = template.Library()


@register.filter
def language_name(tag: str) -> str:
    """Return "Spanish" for "es", "Brazilian Portuguese" for "pt-BR" (in the active language)."""
    if not tag:
        return ""
    return languages.name(tag, translation.get_language() or languages.DEFAULT)


@register.simple_tag
def javascript_catalog_url() -> str:
    """The address of the active language's script catalog, naming its version (cached for a year)."""
    code = translation.get_language()
    return reverse("javascript-catalog-version", args=[code, catalog_version(code)])
