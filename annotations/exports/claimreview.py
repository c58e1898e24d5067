"""schema.org ClaimReview for verified claims, built from plain claim dicts.

Google requires claimReviewed, reviewRating.alternateName and url, and recommends author,
datePublished and itemReviewed (a Claim with author, datePublished and appearance).
"""

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from annotations.models import RATING_SCALE, Attribution, Source
from annotations.vocabulary import labels_language, rating_label

MEDIA_TYPE = "application/ld+json; charset=utf-8"

PERSON_KINDS = {Source.Kind.PERSON, Source.Kind.ANONYMOUS}

# How each stance reads in the rating explanation ("Donald Trump denied it.").
STANCE_SENTENCES = {
    Attribution.Stance.ASSERTED: _("%(source)s made the claim."),
    Attribution.Stance.REPORTED: _("%(source)s reported it."),
    Attribution.Stance.CONFIRMED: _("%(source)s confirmed it."),
    Attribution.Stance.DENIED: _("%(source)s denied it."),
    Attribution.Stance.DISPUTED: _("%(source)s disputed it."),
    Attribution.Stance.NO_RESPONSE: _("%(source)s did not respond."),
}

# Where a claim is seen to come from: whoever made it, else whoever published it.
AUTHOR_STANCES = (Attribution.Stance.ASSERTED, Attribution.Stance.REPORTED)


def claim_url(base_url: str, pk: int) -> str:
    """Return the absolute URL of a claim's public page."""
    return f"{base_url.rstrip('/')}/claims/{pk}/"


def _date(value: str | None) -> str | None:
    return value[:10] if value else None


def _agent(source: dict[str, Any]) -> dict[str, Any]:
    kind = "Person" if source["kind"] in PERSON_KINDS else "Organization"
    return {"@type": kind, "name": source["name"]}


def _organization() -> dict[str, Any]:
    return {
        "@type": "Organization",
        "name": settings.FACTCHECK_ORGANIZATION_NAME,
        "url": settings.FACTCHECK_ORGANIZATION_URL,
    }


def _rating(claim: dict[str, Any]) -> dict[str, Any]:
    rating = claim["rating"]
    explanation = [
        STANCE_SENTENCES[a["stance"]] % {"source": a["source"]["name"]} for a in claim["attributions"]
    ]
    if claim["rationale"]:
        explanation.append(claim["rationale"])
    result = {
        "@type": "Rating",
        "alternateName": rating_label(rating),
    }
    if rating in RATING_SCALE:
        result |= {"ratingValue": RATING_SCALE[rating], "bestRating": 5, "worstRating": 1}
    if explanation:
        result["ratingExplanation"] = " ".join(explanation)
    return result


def _article(article: dict[str, Any]) -> dict[str, Any]:
    result = {"@type": "NewsArticle", "headline": article["title"]}
    if article["url"]:
        result["url"] = article["url"]
    if article["published_at"]:
        result["datePublished"] = _date(article["published_at"])
    if article["publisher"]:
        result["publisher"] = _agent(article["publisher"])
    return result


def _item_reviewed(claim: dict[str, Any]) -> dict[str, Any]:
    """Return the Claim: its author, when it was made, and where it appeared."""
    article = claim["article"]
    author = next(
        (
            attribution
            for stance in AUTHOR_STANCES
            for attribution in claim["attributions"]
            if attribution["stance"] == stance
        ),
        None,
    )
    item: dict[str, Any] = {"@type": "Claim"}
    if author:
        item["author"] = _agent(author["source"])
    date = _date((author or {}).get("date") or article["published_at"])
    if date:
        item["datePublished"] = date
    appearance = [_article(article)]
    for attribution in claim["attributions"]:
        if attribution["stance"] in AUTHOR_STANCES and attribution["url"]:
            work = {
                "@type": "CreativeWork",
                "url": attribution["url"],
                "author": _agent(attribution["source"]),
            }
            if attribution["date"]:
                work["datePublished"] = attribution["date"]
            appearance.append(work)
    item["appearance"] = appearance
    return item


def from_claim(claim: dict[str, Any], base_url: str) -> dict[str, Any]:
    """Return the ClaimReview of a published claim's public JSON.

    datePublished is the first publication; a corrected claim adds dateModified.
    """
    # The rating's words follow the claim's language, not the reader's.
    with translation.override(labels_language(claim["language"])):
        rating = _rating(claim)
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_url(base_url, claim["id"]),
        "claimReviewed": claim["claim"] or claim["quote"],
        "author": _organization(),
        "reviewRating": rating,
        "itemReviewed": _item_reviewed(claim),
    }
    date = _date(claim["published_at"] or claim["reviewed_at"] or claim["updated_at"])
    if date:
        review["datePublished"] = date
    if claim.get("date_modified"):
        review["dateModified"] = _date(claim["date_modified"])
    # The language of the claim reviewed (and of its claimReviewed text).
    review["inLanguage"] = claim["language"]
    return review


# What every stored ClaimReview starts with, up to its URL.
OPENING = '{"@context":"https://schema.org","@type":"ClaimReview","url":'
# The keys of from_claim() that come before the stored tail, in order.
HEAD_KEYS = ("@context", "@type", "url", "claimReviewed", "author")

encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def stored_parts(claim: dict[str, Any]) -> tuple[str, str]:
    """Return the JSON of claimReviewed and the rest of the ClaimReview after its author.

    The URL (which depends on the request) and the author (the organization, from the
    settings) are put in by each export, so that from_claim(claim, base_url) is
    OPENING + url + ',"claimReviewed":' + claim_json + ',"author":' + author + ',' + rest.
    """
    review = from_claim(claim, "")
    rest = {key: value for key, value in review.items() if key not in HEAD_KEYS}
    return encode(review["claimReviewed"]), encode(rest)[1:]


def url_prefix(base_url: str) -> str:
    """Return the JSON of a claim's URL up to the claim id: '"https://host/claims/'."""
    return encode(claim_url(base_url, 0)).removesuffix('0/"')


def author_json() -> str:
    return encode(_organization())


def stream_claimreviews(chunks: Iterable[bytes], base_url: str = "") -> Iterator[bytes]:
    """Yield a JSON array of ClaimReview objects from chunks of them one per line."""
    opening = b"["
    for chunk in chunks:
        # A JSON text holds no raw line break, so each one ends an object.
        yield opening + chunk.removesuffix(b"\n").replace(b"\n", b",\n")
        opening = b",\n"
    yield b"[]\n" if opening == b"[" else b"]\n"
