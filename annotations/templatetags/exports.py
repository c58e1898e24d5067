"""{% export_url "csv" rating=... %}: the claims export link carrying a page's current filters."""

from datetime import date

from django import template
from django.urls import reverse
from django.utils.http import urlencode

register = template.Library()

# What each export is called in the menu, in the menu's order.
EXPORT_FORMATS = (
    ("csv", "CSV (spreadsheets)"),
    ("jsonl", "JSON Lines"),
    ("claimreview", "ClaimReview (JSON-LD)"),
)


@register.simple_tag
def export_url(export_format: str, **filters) -> str:
    """Return /api/v1/claims/export/?format=...&<the filters that are set>."""
    params = {"format": export_format}
    for name, value in filters.items():
        if value in (None, ""):
            continue
        params[name] = value.isoformat() if isinstance(value, date) else value
    return f"{reverse('api-claim-export')}?{urlencode(params)}"


@register.simple_tag
def export_formats():
    return EXPORT_FORMATS
