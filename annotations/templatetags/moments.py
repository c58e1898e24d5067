"""{{ value|moment }} and {{ value|publication }}: times in the display zone, the zone named.

Formats are the active language's (factcheck/formats for English): a format setting's name
("SHORT_DATE_FORMAT") or a pattern of Django's date filter.
"""

import datetime

from django import template
from django.utils import formats, timezone

register = template.Library()

# The format with a time that goes with each date format, for a publication that has one.
WITH_TIME = {"DATE_FORMAT": "DATETIME_FORMAT", "SHORT_DATE_FORMAT": "SHORT_DATETIME_FORMAT"}


@register.filter
def moment(value, fmt="SHORT_DATETIME_FORMAT"):
    """Return "22 Oct 2025, 18:42 EDT": the time in the active display zone, with that zone."""
    if not value:
        return ""
    local = timezone.localtime(value)
    return f"{formats.date_format(local, fmt)} {formats.date_format(local, 'T')}"


@register.filter
def publication(value, fmt="DATE_FORMAT"):
    """Return an article's publication: "22 October 2025" for a date alone, else a moment.

    A date typed without a time is stored as its midnight UTC; it is a day, not an instant,
    so no zone moves it to the day before.
    """
    if not value:
        return ""
    utc = value.astimezone(datetime.UTC)
    if utc.time() == datetime.time(0, 0):
        return formats.date_format(utc, fmt)
    return moment(value, WITH_TIME.get(fmt, f"{fmt}, H:i"))
