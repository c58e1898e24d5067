"""{{ value|moment }} and {{ value|publication }}: times in the display zone, the zone named."""

import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format

register = template.Library()


@register.filter
def moment(value, fmt="j M Y, H:i"):
    """Return "22 Oct 2025, 18:42 EDT": the time in the active display zone, with that zone."""
    if not value:
        return ""
    return date_format(timezone.localtime(value), f"{fmt} T")


@register.filter
def publication(value, fmt="j F Y"):
    """Return an article's publication: "22 October 2025" for a date alone, else a moment.

    A date typed without a time is stored as its midnight UTC; it is a day, not an instant,
    so no zone moves it to the day before.
    """
    if not value:
        return ""
    utc = value.astimezone(datetime.UTC)
    if utc.time() == datetime.time(0, 0):
        return date_format(utc, fmt)
    return moment(value, f"{fmt}, H:i")
