"""Small readers of a parsed page shared by the extractors: text, meta tags and site names."""

import html as html_lib
import re
from urllib.parse import urlsplit

TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+")
TRAILING_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+$")


def text_of(value) -> str:
    """Return a JSON-LD value (string, {"name": ...} or a list of them) as one line of text."""
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    if isinstance(value, list):
        value = value[0] if value else ""
    # CMSs often HTML-escape JSON-LD strings ("&#8217;", "&quot;").
    return " ".join(html_lib.unescape(str(value or "")).split())


def meta(tree, *names: str) -> str:
    """Return the first non-empty content of a meta tag among names (property, name or itemprop)."""
    for name in names:
        for element in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]'):
            value = " ".join((element.get("content") or "").split())
            if value:
                return value
    return ""


def squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def same_name(a: str, b: str) -> bool:
    return bool(squash(a) and squash(b)) and squash(b).startswith(squash(a))


def is_site(name: str, site_names: list[str]) -> bool:
    return any(squash(name) == squash(site) for site in site_names)


def host_names(url: str) -> list[str]:
    """Return the names a host gives its site: "time4talks.com" -> ["time4talks.com", "time4talks"]."""
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    labels = host.split(".")
    if len(labels) < 2:
        return []
    return [host, *([labels[-2]] if len(labels[-2]) >= 3 else [])]


def strip_site_suffix(title: str, site_names: list[str]) -> str:
    """Drop a " | Site" / " - Site - Tagline" ending (or "Site | " beginning) naming the site,
    and a dangling separator at the end."""
    title = TRAILING_SEPARATOR.sub("", title + " ").strip()
    names = [name for name in site_names if squash(name)]
    for match in reversed(list(TITLE_SEPARATORS.finditer(title))):
        rest = title[match.end():]
        if any(same_name(name, rest) or same_name(rest, name) for name in names):
            return title[: match.start()].strip()
    first = TITLE_SEPARATORS.search(title)
    if first and any(squash(title[: first.start()]) == squash(name) for name in names):
        return title[first.end():].strip()
    return title
