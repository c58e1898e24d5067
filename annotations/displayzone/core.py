"""Time zone names: which are valid, and the choices offered (pure)."""

import zoneinfo
from functools import cache

SESSION_KEY = "display_time_zone"


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone name this Python knows, sorted; the old aliases ("US/Eastern") left out."""
    return tuple(sorted(name for name in zoneinfo.available_timezones() if "/" in name or name == "UTC"))


def is_zone(name: str) -> bool:
    return name in zone_names()
