"""Find an article's publication date: htmldate's original day, with the time and zone of the
page's own stamp when that stamp agrees on the day."""

import re
from datetime import datetime

from htmldate import find_date


def iso_datetime(value: str) -> str:
    """Return value as an ISO 8601 date-time (or date) string if it parses, else ""."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        match = re.match(r"\d{4}-\d{2}-\d{2}", value)
        return match[0] if match else ""
    if len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


def published(day: str, stamps: list[str]) -> str:
    """Return the publication date: htmldate's day (measured the most reliable), with the time
    and zone of the page's own JSON-LD or meta stamp when that stamp agrees on the day."""
    day = iso_datetime(day)[:10]
    for stamp in stamps:
        if stamp and (not day or stamp[:10] == day):
            return stamp
    return day


def original_day(html: str, url: str) -> str:
    """Return htmldate's original publication day for the page, read with the URL it was given.
    htmldate parses the markup itself (it scored better so than on trafilatura's tree); a string
    that is no markup is never handed over, as htmldate would fetch a bare URL."""
    if "<" not in html:
        return ""
    try:
        return find_date(html, url=url or None, original_date=True, extensive_search=True) or ""
    except ValueError:
        return ""
