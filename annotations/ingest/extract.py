"""Extract an article from an HTML page: body text and metadata, as a plain record.

trafilatura's ``bare_extraction`` finds the body and its own metadata; the page's JSON-LD
(NewsArticle and kin) is read first for headline, authors, dates and publisher because a
newsroom's structured data is more reliable than heuristics, then OpenGraph and the
``<title>``. Cleaning (``clean.clean_text``) is a separate pass applied afterwards.
"""

import json
import re
from dataclasses import asdict, dataclass, field
from urllib.parse import urljoin

import trafilatura

from annotations import languages
from annotations.jsonnest import deeper_than
from annotations.urlnorm import normalize_url

from . import byline, dates
from .clean import clean_text
from .markup import (
    TITLE_SEPARATORS,
    host_names,
    meta,
    parse_html,
    registrable_domain,
    same_name,
    strip_site_suffix,
    text_of,
)

__all__ = ["ExtractedPage", "extract", "host_names", "json_ld_article", "strip_site_suffix"]

ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "report", "webpage",
    "liveblogposting", "socialmediaposting", "scholarlyarticle", "techarticle",
}
MAX_SUFFIX_WORDS = 6
# Newsroom JSON-LD nests a handful of levels (@graph, author, publisher, logo); a parser of
# deeper nesting recurses once per level, and `[` x 100,000 would exhaust the stack.
MAX_JSON_LD_DEPTH = 32


@dataclass
class ExtractedPage:
    """What a page says about itself; dates are ISO 8601 strings, "" when unknown. url is the
    article's address: the page's canonical on its own site, else where it was fetched from (or
    said to live); fetched_url is the address the page was fetched from, "" for a given page."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    published_at: str = ""
    publisher: str = ""
    url: str = ""
    language: str = ""
    body: str = ""
    description: str = ""
    fetched_url: str = ""

    @property
    def byline(self) -> str:
        return ", ".join(self.authors)

    def as_dict(self) -> dict:
        return {**asdict(self), "byline": self.byline}


def _types(item: dict) -> set[str]:
    kind = item.get("@type") or []
    return {str(k).lower().rsplit("/", 1)[-1] for k in (kind if isinstance(kind, list) else [kind])}


def _walk(node):
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        yield node
        yield from _walk(node.get("@graph") or [])
        if isinstance(node.get("mainEntity"), dict):
            yield node["mainEntity"]


def json_ld_article(tree) -> dict:
    """Return the page's first JSON-LD object of an article type (NewsArticle first), or {}.
    A script that is no JSON, or nests deeper than MAX_JSON_LD_DEPTH, is ignored."""
    found = []
    for script in tree.xpath('//script[contains(translate(@type, "JSONLD", "jsonld"), "ld+json")]'):
        text = script.text_content() or ""
        if deeper_than(text, MAX_JSON_LD_DEPTH):
            continue
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            continue
        found.extend(item for item in _walk(data) if _types(item) & ARTICLE_TYPES)
    found.sort(key=lambda item: "webpage" in _types(item))  # a WebPage only when nothing better
    return found[0] if found else {}


def _stems(text: str) -> set[str]:
    return {word[:5] for word in re.findall(r"\w{4,}", text.lower())}


def _headlines(tree) -> list[str]:
    texts = (" ".join(element.text_content().split()) for element in tree.xpath("//h1")[:5])
    return [text for text in texts if text]


def _visible_headline(title: str, headlines: list[str], declared: list[str], site_names: list[str]) -> str:
    """Prefer the page's <h1> when it is the article's headline: not the site's name or a section
    name, sharing words with the declared titles (a page's <title> and og:title are often a
    shortened or SEO variant of the headline readers see). An <h1> that is a declared title plus a
    kicker, a section name or a site part gives way to that title."""
    declared = [strip_site_suffix(text, site_names) for text in declared if text]
    words = set().union(*(_stems(text) for text in declared))
    best, best_shared = "", 0
    for headline in headlines:
        stems = _stems(headline)
        if len(stems) < 2 or len(headline) > 300:
            continue
        if any(same_name(name, headline) for name in site_names):
            continue
        shared = len(stems & words)
        if shared >= 2 and shared > best_shared:
            best, best_shared = headline, shared
    if not best:
        return title
    for text in declared:
        if len(text.split()) < 2 or text == best or text not in best:
            continue
        after = best.partition(text)[2]
        if not after.strip() or TITLE_SEPARATORS.match(after):
            return text  # "Kicker Headline", "Section | Headline", "Headline | Site"
    return best


def canonical_url(tree, url: str) -> str:
    """Return the page's canonical address (rel=canonical, else og:url) when it lies on the
    registrable domain of url, where the page was fetched from or said to live; else "".

    The article's address is what a refresh fetches: a page may name another address on its own
    site (a mobile host, tracking parameters dropped), never move itself to another site. A page
    with no address of its own (pasted or uploaded without a url) names none.
    """
    site = registrable_domain(url)
    if not site:
        return ""
    for link in [*tree.xpath('//link[@rel="canonical"]/@href'), meta(tree, "og:url")]:
        try:
            candidate = urljoin(url, link.strip()) if link else ""
        except ValueError:  # an unclosed IPv6 literal
            continue
        if candidate.lower().startswith(("http://", "https://")) and registrable_domain(candidate) == site:
            return candidate
    return ""


def extract(html: str, url: str = "") -> ExtractedPage:
    """Return the article of an HTML page: cleaned body text and its metadata. url is where the
    page was fetched from or, for a page given as html or a file, where the user says it lives."""
    # Parsed once, by our parser: the libraries get trees (which they copy before pruning),
    # never a string they might take for a URL and download.
    tree = parse_html(html)
    if tree is None:
        return ExtractedPage(url=normalize_url(url) if url else "")
    ld = json_ld_article(tree)
    document = trafilatura.bare_extraction(
        tree, url=url or None, with_metadata=True, include_comments=False, include_tables=True,
    )
    found = document.as_dict() if document is not None else {}

    publisher = text_of(ld.get("publisher")) or meta(tree, "og:site_name", "application-name") or (
        found.get("sitename") or ""
    )
    site_names = [name for name in (publisher, meta(tree, "og:site_name"), found.get("sitename") or "")
                  if name]
    site_names += host_names(url)
    declared = [
        text_of(ld.get("headline")), found.get("title") or "", meta(tree, "og:title", "twitter:title"),
        " ".join((tree.findtext(".//title") or "").split()),
    ]
    title = strip_site_suffix(next((text for text in declared if text), ""), site_names)
    title = _visible_headline(title, _headlines(tree), declared, site_names)
    authors = byline.authors(tree, ld, found.get("author") or "", site_names)
    published = dates.published(
        parse_html(html, comments=True), url, dates.declared_stamps(tree, ld), found.get("date") or "",
    )
    canonical = canonical_url(tree, url)
    # The first valid tag the page declares: <html lang>, JSON-LD, OpenGraph, trafilatura's.
    declared = next(filter(None, map(languages.valid, (
        tree.get("lang") or "", text_of(ld.get("inLanguage")), meta(tree, "og:locale"),
        found.get("language") or "",
    ))), "")
    text = (found.get("text") or "").replace("\n", "\n\n")
    first, _, rest = text.partition("\n\n")
    if title and same_name(first, title) and same_name(title, first):
        text = rest  # the headline printed atop the body is the title, not article text
    body = clean_text(text, split_lines=False)
    return ExtractedPage(
        title=title[:500],
        authors=authors,
        published_at=published,
        publisher=publisher[:200],
        url=normalize_url(canonical or url),
        # Believed unless the text clearly reads as another language; detected when not declared.
        language=languages.choose(declared, body),
        body=body,
        description=text_of(ld.get("description")) or found.get("description") or "",
    )
