"""Time zone names and interface languages: which are valid, and the choices offered (pure)."""

import zoneinfo
from functools import cache

from django.conf import settings

SESSION_KEY = "display_time_zone"
LANGUAGE_SESSION_KEY = "interface_language"


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone name this Python knows, sorted; the old aliases ("US/Eastern") left out."""
    return tuple(sorted(name for name in zoneinfo.available_timezones() if "/" in name or name == "UTC"))


def is_zone(name: str) -> bool:
    return name in zone_names()


def is_language(code: str) -> bool:
    """Whether the interface is offered in this language (a code of settings.LANGUAGES)."""
    return any(code == offered for offered, _name in settings.LANGUAGES)
