"""Find an article's publication date: htmldate's original day, with the time and zone of the
page's own stamp when that stamp agrees on the day."""

import re
from copy import deepcopy
from datetime import datetime
from email.utils import parsedate_to_datetime

from htmldate import find_date

from .markup import meta, text_of

# Meta tags that declare the first publication, most specific first.
PUBLISHED_METAS = (
    "article:published_time", "og:article:published_time", "parsely-pub-date", "sailthru.date",
    "dc.date.issued", "DC.date.issued", "dcterms.issued", "dc.date", "DC.date", "datePublished", "pubdate",
    "publish-date",
)


def iso_datetime(value: str) -> str:
    """Return value as an ISO 8601 date-time (or date) string if it parses, else "". The page's own
    offset is kept: the day is the one the page writes, not the UTC day."""
    value = (value or "").strip()
    if not value:
        return ""
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        match = re.match(r"\d{4}-\d{2}-\d{2}", value)
        if match:
            return match[0]
        try:  # "Tue, 15 Sep 2020 10:01:41 -0400", "Tue, Sep 15 2020 10:01:41 EDT"
            return parsedate_to_datetime(value).isoformat()
        except (TypeError, ValueError, IndexError):
            return ""
    if len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat()


def declared_stamps(tree, ld: dict) -> list[str]:
    """Return the publication stamps the page declares (JSON-LD datePublished, then meta tags), as
    ISO 8601 strings in the page's own offset."""
    values = [text_of(ld.get("datePublished")), *(meta(tree, name) for name in PUBLISHED_METAS)]
    return [stamp for stamp in map(iso_datetime, values) if stamp]


def published(tree, url: str, stamps: list[str], fallback: str = "") -> str:
    """Return the publication date of a page parsed with its comments (markup.parse_html):
    htmldate's day from the page's markup (measured the most
    reliable), with the time and zone of a declared stamp that agrees on the day. When the markup
    gives no date, a declared stamp comes before htmldate's search of the text (which takes any
    date the text mentions), then the fallback (trafilatura's date)."""
    day = original_day(tree, url, extensive=False)
    if not day and stamps:
        return stamps[0]
    day = day or original_day(tree, url, extensive=True) or iso_datetime(fallback)[:10]
    for stamp in stamps:
        if stamp[:10] == day:
            return stamp
    return day


def original_day(tree, url: str, *, extensive: bool = True) -> str:
    """Return htmldate's original publication day for the parsed page, read with the URL it was
    given; extensive also searches the text.

    htmldate gets a tree, never a string: it downloads a string that starts with "http" and has
    no space, whatever markup follows. It gets a copy, as it may prune what it is given.
    """
    if tree is None:
        return ""
    try:
        day = find_date(deepcopy(tree), url=url or None, original_date=True, extensive_search=extensive)
    except ValueError:
        return ""
    return day or ""
