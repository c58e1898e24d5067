"""Find an article's authors: JSON-LD, then meta tags, then trafilatura's guess, then the byline
printed on the page; names are kept as the page writes them."""

import re

from .markup import is_site, squash, strip_site_suffix, text_of

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
# "By Jane Doe", "Von J. D. am 3. Mai", "Autorin: Jane Doe, Redakteurin": a name after a label,
# alone or followed by a date ("on", "am", "le", "el", "em", "il") or a role after a comma.
VISIBLE_BYLINE = re.compile(
    r"^(?:By|Von|Por|Par|(?:Author|Autor|Autorin|Auteur|Autore|Autora)\s*:)\s+"
    r"([A-ZÀ-Þ][\w.'’-]*(?:\s+[A-ZÀ-Þ][\w.'’-]*){0,3})(?:\s*,\s.*|\s+(?:on|am|le|el|em|il)\s+.*\d.*)?$"
)
# A role the outlet gives its writer: "Demo-Wire-Experte Jane Doe", "Jane Doe Demo Wire Staff".
ROLES = (r"(?:staff|reporter|writer|correspondent|contributor|columnist|editor|experte|expertin|redakteur"
         r"|redakteurin|korrespondent|korrespondentin|autor|autorin|rédaction|redacción|redação)")
BYLINE_LABEL = re.compile(r"^\W*(?:by|von|por|par|author|autor|autorin|auteur|autore|autora)\W*$", re.I)
META_AUTHORS = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "DC.creator",
                "byl")


def person(value: str, site_names: list[str]) -> str:
    """Return value as a byline as the page writes it, or "" when it is none: a URL, an e-mail,
    a handle, an organisation, a date or a placeholder ("No Author")."""
    name = BYLINE_PREFIX.sub("", " ".join(value.split())).strip(" ,;|")
    name = _without_site_role(strip_site_suffix(name, site_names), site_names)
    if not name or len(name) > 100 or len(name.split()) > 12 or not re.search(r"[^\W\d_]", name):
        return ""
    if NOT_A_PERSON.search(name):
        return ""
    return name


def _without_site_role(name: str, site_names: list[str]) -> str:
    """Drop the outlet's name and the role it gives around a byline ("Demo-Wire-Experte Jane Doe",
    "Jane Doe Demo Wire Staff"); a role alone ("Jane Doe, Reporter") is the page's own wording."""
    for site in site_names:
        words = [re.escape(word) for word in re.split(r"[\W_]+", site) if word]
        if not words or squash(site) not in squash(name):
            continue
        site_words = r"[\s-]+".join(words)
        for pattern in (rf"^{site_words}[\s-]*{ROLES}\s+(?=\S)", rf"(?<=\S)\s+{site_words}(?:\s+{ROLES})?$"):
            shorter = re.sub(pattern, "", name, flags=re.I)
            if shorter != name and len(shorter.split()) >= 2:
                return shorter
    return name


def people(value, site_names: list[str]) -> list[str]:
    """Return the distinct bylines of a JSON-LD author value (one or a list)."""
    names = []
    for item in value if isinstance(value, list) else [value]:
        name = person(text_of(item), site_names)
        if name and name not in names:
            names.append(name)
    return names


def organisations(value) -> list[str]:
    """Return the names of the JSON-LD authors typed as an Organization (the outlet, an agency)."""
    items = value if isinstance(value, list) else [value]
    return [text_of(item) for item in items
            if isinstance(item, dict) and "organization" in str(item.get("@type", "")).lower()]


def meta_authors(tree, site_names: list[str]) -> list[str]:
    """Return the byline the page declares in its meta tags, as written (case, initials kept)."""
    for name in META_AUTHORS:
        for element in tree.xpath(f'//meta[@property="{name}" or @name="{name}" or @itemprop="{name}"]'):
            value = person(element.get("content") or "", site_names)
            if value:
                return [value]
    return []


def as_printed(names: list[str], tree, site_names: list[str]) -> list[str]:
    """Return names as the page prints them in its byline elements ("T. V. Raman" for a
    normalized "T V Raman"), which differ from a normalized guess in case and punctuation only."""
    printed = {}
    for element in tree.xpath(" | ".join((*VISIBLE_BYLINES, '//*[@itemprop="name"]')))[:200]:
        text = " ".join(element.text_content().split())
        name = person(text, site_names) if len(text.split()) <= 6 else ""
        printed.setdefault(squash(name), name)
    return [printed.get(squash(name)) or name for name in names]


def _completed(name: str, printed) -> str:
    """Return the full name a page prints for a first name alone in its metadata ("Jane" ->
    "Jane Doe" when the printed byline is "Jane Doe", not "Jane janeblog"), else name."""
    if len(name.split()) != 1:
        return name
    for candidate in printed:
        words = candidate.split()
        if 2 <= len(words) <= 4 and words[0].lower() == name.lower() and all(w[:1].isupper() for w in words):
            return candidate
    return name


def _named_inside(element, site_names: list[str]) -> str:
    """Return the name heading or linking an author box longer than a byline (a name, then a
    biography): its first heading, link or bold text that reads as a capitalised name."""
    kinds = "self::h2 or self::h3 or self::h4 or self::a or self::strong or self::b"
    # innermost only: "<h3><a>Jane Doe</a><a>Follow</a></h3>" reads "Jane DoeFollow" as a whole
    for inner in element.xpath(f".//*[({kinds}) and not(.//*[{kinds}])]")[:5]:
        text = " ".join(inner.text_content().split())
        words = text.split()
        if 2 <= len(words) <= 4 and all(word[:1].isupper() for word in words):
            return person(text, site_names)
    return ""


def visible_authors(tree, site_names: list[str]) -> list[str]:
    """Return the byline printed on the page: a rel=author / itemprop=author / "author" or
    "byline" element, else a short "By Jane Doe" / "Von Jane Doe" line."""
    for path in VISIBLE_BYLINES:
        for element in tree.xpath(path)[:10]:
            if element.tag in {"meta", "link", "body", "html", "article"} or element.xpath(
                    'ancestor-or-self::*[contains(@class, "comment") or contains(@id, "comment")]'):
                continue
            text = " ".join(element.text_content().split())
            name = person(re.split(r"\s[|•·]\s", text)[0], site_names) if len(text) <= 120 else ""
            name = name if 0 < len(name.split()) <= 5 else _named_inside(element, site_names)
            if name and not is_site(name, site_names):
                return [name]
    for element in tree.xpath("//body//*[self::p or self::span or self::em or self::div or self::strong"
                              " or self::h4 or self::h5 or self::dt]"):
        text = " ".join(element.text_content().split())
        following = element.getnext()
        if following is not None and BYLINE_LABEL.match(text):
            # <span>By</span><a>Name</a>, <h4>Autor</h4><p><a>Name</a></p>: the label names the byline
            name = person(" ".join(following.text_content().split()), site_names)
            if name and len(name.split()) <= 5 and not is_site(name, site_names):
                return [name]
            continue
        match = VISIBLE_BYLINE.match(text) if len(text) <= 100 else None
        if match and person(match[1], site_names) and not is_site(match[1], site_names):
            return [match[1]]
    return []


def authors(tree, ld: dict, guessed: str, site_names: list[str]) -> list[str]:
    """Return the article's authors from its JSON-LD (ld), meta tags, trafilatura's guess
    ("A; B") and, when none of them names a person, the byline printed on the page."""
    declared = ld.get("author")
    signers = [*site_names, *organisations(declared)]
    found = (
        people(declared, site_names) or meta_authors(tree, site_names)
        or people(guessed.split(";"), site_names)
    )
    if all(is_site(name, signers) for name in found):
        # No byline, or the outlet signing its own page: a person's byline printed on it wins.
        found = visible_authors(tree, site_names) or found
    elif len(found) == 1 and len(found[0].split()) == 1:
        found = [_completed(found[0], visible_authors(tree, site_names))]
    return as_printed(found, tree, site_names)
