"""The page parser and small readers of a parsed page shared by the extractors: text, meta tags
and site names."""

import html as html_lib
import re
from urllib.parse import urlsplit

import lxml.html
from lxml import etree
from tld import get_fld

# Ours, not a library's loader: htmldate's downloads a string that starts with "http" and has no
# space, so markup reaches the extractors only as a tree made here. HTML parsing reads no DTD
# and resolves no external entity; no_network says so to libxml2 as well.
PARSER_OPTIONS = {"collect_ids": False, "default_doctype": False, "encoding": "utf-8", "no_network": True,
                  "remove_pis": True}
HTML_PARSER = lxml.html.HTMLParser(**PARSER_OPTIONS, remove_comments=True)
# htmldate reads dates in comments too (a CMS's "<!-- published 2020-07-12 -->").
HTML_PARSER_WITH_COMMENTS = lxml.html.HTMLParser(**PARSER_OPTIONS, remove_comments=False)
# Characters XML forbids: lxml refuses a string holding one.
INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DOCTYPE_WITH_SLASH = re.compile("^< ?! ?DOCTYPE[^>]*/[^<>]*>", re.I)
SELF_CLOSED_HTML = re.compile(r"(<html.*?)\s*/>", re.I)
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+")
TRAILING_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+$")


def parse_html(html: str, *, comments: bool = False):
    """Return the page parsed as an lxml.html tree (with its comments if asked), or None when it
    is no HTML at all.

    Copes as trafilatura's loader does with what libxml2 refuses: a DOCTYPE holding a slash
    (its first line), a self-closed <html/>, control characters, and a string declaring its
    encoding (parsed as UTF-8 bytes then).
    """
    if not html.strip():
        return None
    beginning = html[:50].lower()
    html = INVALID_XML_CHARS.sub("", html)
    if "doctype" in beginning:
        first, _, rest = html.partition("\n")
        html = DOCTYPE_WITH_SLASH.sub("", first, count=1) + "\n" + rest
    if any("<html" in line and line.endswith("/>") for line in html[:4096].splitlines()[:4]):
        html = SELF_CLOSED_HTML.sub(r"\1>", html, count=1)
    parser = HTML_PARSER_WITH_COMMENTS if comments else HTML_PARSER
    tree = _parse(html, parser)
    if tree is None or len(tree) < 1:
        tree = _parse(html.encode("utf-8", "surrogatepass"), parser)
    if tree is not None and "html" not in beginning and len(tree) < 2:
        return None  # a fragment of one element or plain text: not a page
    return tree


def _parse(markup: str | bytes, parser):
    try:
        return lxml.html.fromstring(markup, parser=parser)
    except (ValueError, etree.LxmlError):  # a str declaring its encoding; an empty document
        return None


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


def registrable_domain(url: str) -> str:
    """Return the registrable domain (public suffix + 1 label) of url's host: "www.bbc.co.uk" ->
    "bbc.co.uk"; "jane.blogspot.com" stays itself (blogspot.com is a suffix its users register
    under). An address, "localhost" or a host under no known suffix stands for itself; "" when
    url has no host.

    The public suffix list is the snapshot bundled with `tld` (a trafilatura dependency through
    courlan), read from disk: nothing is downloaded.
    """
    try:
        host = (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:  # "http://[::1": an unclosed IPv6 literal
        return ""
    if not host:
        return ""
    return get_fld(host, fail_silently=True, fix_protocol=True) or host


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
