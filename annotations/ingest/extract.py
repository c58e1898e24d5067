"""Extract an article from an HTML page: body text and metadata, as a plain record.

trafilatura's ``bare_extraction`` finds the body and its own metadata; the page's JSON-LD
(NewsArticle and kin) is read first for headline, authors, dates and publisher because a
newsroom's structured data is more reliable than heuristics, then OpenGraph and the
``<title>``. Cleaning (``clean.clean_text``) is a separate pass applied afterwards.
"""

import html as html_lib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from urllib.parse import urljoin, urlsplit

import trafilatura
from htmldate import find_date
from trafilatura.utils import load_html

from annotations.models import normalize_url

from .clean import clean_text

ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
    "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "report", "webpage",
    "liveblogposting", "socialmediaposting", "scholarlyarticle", "techarticle",
}
TITLE_SEPARATORS = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+")
TRAILING_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|»|/)\s+$")
# "By", "Von", "View all posts by", "Posted on 21 May 2020 by", "Author:", "Auteur"
BYLINE_PREFIX = re.compile(
    r"^(?:[^|]*?\b(?:posts?|posted|written|text|story|reported|geschrieben|publié)\b[^|]*?\s)?"
    r"(?:by|von|par|por|door|di)(?:\s*:?\s+|$)|^(?:author|autor|autorin|auteur|autore|autora)\b\s*:?\s*",
    re.I,
)
NOT_A_PERSON = re.compile(
    r"^(?:no author|unknown|anonymous|follow|staff|admin|administrator)$"
    r"|\b(?:\be\.?\s?V\b\.?|g?GmbH|Inc\.?|Ltd\.?|LLC|Stiftung)(?:\W|$)|@|://|_|:|\d{4}",
    re.I,
)
VISIBLE_BYLINES = (
    '//*[@rel="author"]', '//*[@itemprop="author"]', '//*[contains(concat(" ", @class, " "), " fn ")]',
    '//*[contains(@class, "author") or contains(@class, "byline") or contains(@class, "auteur")]',
)
VISIBLE_BYLINE = re.compile(r"^(?:By|Von|Por|Par)\s+([A-ZÀ-Þ][\w.'’-]*(?:\s+[A-ZÀ-Þ][\w.'’-]*){0,3})$")
LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")
MAX_SUFFIX_WORDS = 6


@dataclass
class ExtractedPage:
    """What a page says about itself; dates are ISO 8601 strings, "" when unknown."""

    title: str = ""
    authors: list[str] = field(default_factory=list)
    published_at: str = ""
    publisher: str = ""
    url: str = ""
    language: str = ""
    body: str = ""
    description: str = ""

    @property
    def byline(self) -> str:
        return ", ".join(self.authors)

    def as_dict(self) -> dict:
        return {**asdict(self), "byline": self.byline}


def _text(value) -> str:
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value") or ""
    if isinstance(value, list):
        value = value[0] if value else ""
    # CMSs often HTML-escape JSON-LD strings ("&#8217;", "&quot;").
    return " ".join(html_lib.unescape(str(value or "")).split())


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
    """Return the page's first JSON-LD object of an article type (NewsArticle first), or {}."""
    found = []
    for script in tree.xpath('//script[contains(translate(@type, "JSONLD", "jsonld"), "ld+json")]'):
        try:
            data = json.loads(script.text_content() or "", strict=False)
        except ValueError:
            continue
        found.extend(item for item in _walk(data) if _types(item) & ARTICLE_TYPES)
    found.sort(key=lambda item: "webpage" in _types(item))  # a WebPage only when nothing better
    return found[0] if found else {}


def _is_site(name: str, site_names: list[str]) -> bool:
    return any(_squash(name) == _squash(site) for site in site_names)


def _person(value: str, site_names: list[str]) -> str:
    """Return value as a byline as the page writes it, or "" when it is none: a URL, an e-mail,
    a handle, an organisation, a date or a placeholder ("No Author")."""
    name = BYLINE_PREFIX.sub("", " ".join(value.split())).strip(" ,;|")
    name = strip_site_suffix(name, site_names)
    if not name or len(name) > 100 or len(name.split()) > 12 or not re.search(r"[^\W\d_]", name):
        return ""
    if NOT_A_PERSON.search(name):
        return ""
    return name


def _people(value, site_names: list[str]) -> list[str]:
    names = []
    for item in value if isinstance(value, list) else [value]:
        name = _person(_text(item), site_names)
        if name and name not in names:
            names.append(name)
    return names


def _meta_authors(tree, site_names: list[str]) -> list[str]:
    """Return the byline the page declares in its meta tags, as written (case, initials kept)."""
    for name in ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "DC.creator",
                 "byl"):
        for element in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]'):
            value = _person(element.get("content") or "", site_names)
            if value:
                return [value]
    return []


def _as_printed(names: list[str], tree, site_names: list[str]) -> list[str]:
    """Return names as the page prints them in its byline elements ("T. V. Raman" for a
    normalized "T V Raman"), which differ from a normalized guess in case and punctuation only."""
    printed = {}
    for element in tree.xpath(" | ".join((*VISIBLE_BYLINES, '//*[@itemprop="name"]')))[:200]:
        text = " ".join(element.text_content().split())
        name = _person(text, site_names) if len(text.split()) <= 6 else ""
        printed.setdefault(_squash(name), name)
    return [printed.get(_squash(name)) or name for name in names]


def _visible_authors(tree, site_names: list[str]) -> list[str]:
    """Return the byline printed on the page: a rel=author / itemprop=author / "author" or
    "byline" element, else a short "By Jane Doe" / "Von Jane Doe" line."""
    for path in VISIBLE_BYLINES:
        for element in tree.xpath(path)[:10]:
            if element.tag in {"meta", "link", "body", "html", "article"} or element.xpath(
                    'ancestor-or-self::*[contains(@class, "comment") or contains(@id, "comment")]'):
                continue
            text = " ".join(element.text_content().split())
            name = _person(re.split(r"\s[|•·]\s", text)[0], site_names) if len(text) <= 120 else ""
            name = name if len(name.split()) <= 5 else ""
            if name and not _is_site(name, site_names):
                return [name]
    for element in tree.xpath("//body//*[self::p or self::span or self::em or self::div or self::strong]"):
        text = " ".join(element.text_content().split())
        following = element.getnext()
        if text.lower() in {"by", "von", "por", "par"} and following is not None:
            text = f"{text} {' '.join(following.text_content().split())}"  # <span>By</span><a>Name</a>
        match = VISIBLE_BYLINE.match(text) if len(text) <= 60 else None
        if match and _person(match[1], site_names) and not _is_site(match[1], site_names):
            return [match[1]]
    return []


def _meta(tree, *names: str) -> str:
    for name in names:
        for element in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]'):
            value = " ".join((element.get("content") or "").split())
            if value:
                return value
    return ""


def _datetime(value: str) -> str:
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


def _published(day: str, stamps: list[str]) -> str:
    """Return the publication date: htmldate's day (measured the most reliable), with the time
    and zone of the page's own JSON-LD or meta stamp when that stamp agrees on the day."""
    day = _datetime(day)[:10]
    for stamp in stamps:
        if stamp and (not day or stamp[:10] == day):
            return stamp
    return day


def _original_day(html: str, url: str) -> str:
    """Return htmldate's original publication day for the page, read with the URL it was given.
    htmldate parses the markup itself (it scored better so than on trafilatura's tree); a string
    that is no markup is never handed over, as htmldate would fetch a bare URL."""
    if "<" not in html:
        return ""
    try:
        return find_date(html, url=url or None, original_date=True, extensive_search=True) or ""
    except ValueError:
        return ""


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def _same_name(a: str, b: str) -> bool:
    return bool(_squash(a) and _squash(b)) and _squash(b).startswith(_squash(a))


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
    names = [name for name in site_names if _squash(name)]
    for match in reversed(list(TITLE_SEPARATORS.finditer(title))):
        rest = title[match.end():]
        if any(_same_name(name, rest) or _same_name(rest, name) for name in names):
            return title[: match.start()].strip()
    first = TITLE_SEPARATORS.search(title)
    if first and any(_squash(title[: first.start()]) == _squash(name) for name in names):
        return title[first.end():].strip()
    return title


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
        if any(_same_name(name, headline) for name in site_names):
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


def extract(html: str, url: str = "") -> ExtractedPage:
    """Return the article of an HTML page: cleaned body text and its metadata."""
    # trafilatura's loader copes with what lxml alone refuses (an XML declaration naming an
    # encoding in a decoded string, broken markup); it gave no date on 2 of 176 pages otherwise.
    tree = load_html(html) if html.strip() else None
    if tree is None:
        return ExtractedPage(url=normalize_url(url) if url else "")
    ld = json_ld_article(tree)
    document = trafilatura.bare_extraction(
        html, url=url or None, with_metadata=True, include_comments=False, include_tables=True,
    )
    found = document.as_dict() if document is not None else {}

    publisher = _text(ld.get("publisher")) or _meta(tree, "og:site_name", "application-name") or (
        found.get("sitename") or ""
    )
    site_names = [name for name in (publisher, _meta(tree, "og:site_name"), found.get("sitename") or "")
                  if name]
    site_names += host_names(url)
    declared = [
        _text(ld.get("headline")), found.get("title") or "", _meta(tree, "og:title", "twitter:title"),
        " ".join((tree.findtext(".//title") or "").split()),
    ]
    title = strip_site_suffix(next((text for text in declared if text), ""), site_names)
    title = _visible_headline(title, _headlines(tree), declared, site_names)
    authors = (
        _people(ld.get("author"), site_names) or _meta_authors(tree, site_names)
        or _as_printed(_people((found.get("author") or "").split(";"), site_names), tree, site_names)
    )
    if all(_is_site(name, site_names) for name in authors):
        # No byline, or the outlet signing its own page: a person's byline printed on it wins.
        authors = _visible_authors(tree, site_names) or authors
    published = _published(_original_day(html, url) or found.get("date") or "", [
        _datetime(_text(ld.get("datePublished"))), _datetime(_meta(tree, "article:published_time")),
    ])
    canonical = ""
    for link in [*tree.xpath('//link[@rel="canonical"]/@href'), _meta(tree, "og:url")]:
        candidate = urljoin(url, link.strip()) if link else ""
        if candidate.lower().startswith(("http://", "https://")):
            canonical = candidate
            break
    language = (tree.get("lang") or _text(ld.get("inLanguage")) or _meta(tree, "og:locale")
                or found.get("language") or "")
    language = language.replace("_", "-").strip()
    text = (found.get("text") or "").replace("\n", "\n\n")
    first, _, rest = text.partition("\n\n")
    if title and _same_name(first, title) and _same_name(title, first):
        text = rest  # the headline printed atop the body is the title, not article text
    return ExtractedPage(
        title=title[:500],
        authors=authors,
        published_at=published,
        publisher=publisher[:200],
        url=normalize_url(canonical or url),
        language=language[:16] if LANGUAGE.match(language) else "",
        body=clean_text(text, split_lines=False),
        description=_text(ld.get("description")) or found.get("description") or "",
    )
