"""W3C Web Annotation representations of verified claims, built from plain claim dicts.

A claim is an Annotation with motivation "assessing" whose target is the article, selected
by TextQuoteSelector and TextPositionSelector (offsets in code points, as our own), and
whose bodies carry the rating (classifying), the claim restated (identifying), the
rationale (describing), each attribution as a tag and each piece of evidence as a link.

``same_as`` (the known claims a reviewer marked as this same claim: another of our verified
claims or another fact-checker's ClaimReview) becomes one more body each: a SpecificResource
whose ``source`` is the known claim's URL, with purpose "identifying" — the model's purpose
for saying what the target is, which keeps these apart from evidence (purpose "linking").
"""

from typing import Any

from django.utils import translation

from annotations.vocabulary import labels_language, rating_label

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
LDP_CONTEXT = "http://www.w3.org/ns/ldp.jsonld"
MEDIA_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"'
PAGE_SIZE = 100
LABEL = "Verified claims"


def annotation_url(base_url: str, pk: int) -> str:
    return f"{base_url.rstrip('/')}/api/v1/w3c/annotations/{pk}/"


def article_api_url(base_url: str, pk: int) -> str:
    return f"{base_url.rstrip('/')}/api/v1/articles/{pk}/"


def _text(value: str, purpose: str, language: str | None = None) -> dict[str, Any]:
    body = {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}
    if language:
        body["language"] = language
    return body


def _bodies(claim: dict[str, Any]) -> list[dict[str, Any]]:
    bodies = []
    if claim["rating"]:
        # The rating's words in the claim's language, not the reader's, as in ClaimReview.
        with translation.override(labels_language(claim["language"])):
            bodies.append(_text(rating_label(claim["rating"]), "classifying"))
    # The claim is restated in its own language; a rationale may be written in the newsroom's.
    if claim["claim"]:
        bodies.append(_text(claim["claim"], "identifying", claim["language"]))
    if claim["rationale"]:
        bodies.append(_text(claim["rationale"], "describing"))
    bodies.extend(
        _text(f"{a['source']['name']} ({a['stance']})", "tagging") for a in claim["attributions"]
    )
    bodies.extend(
        {"type": "SpecificResource", "source": evidence["url"], "purpose": "linking"}
        for evidence in claim["evidence"]
    )
    bodies.extend(
        {"type": "SpecificResource", "source": link["url"], "purpose": "identifying"}
        for link in claim.get("same_as") or []
    )
    return bodies


def annotation(claim: dict[str, Any], base_url: str, *, embedded: bool = False) -> dict[str, Any]:
    """Return the Annotation of a claim dict; embedded ones inherit @context from their page."""
    article = claim["article"]
    result: dict[str, Any] = {} if embedded else {"@context": CONTEXT}
    result |= {
        "id": annotation_url(base_url, claim["id"]),
        "type": "Annotation",
        "motivation": "assessing",
        "created": claim["created_at"],
        "modified": claim["date_modified"] or claim["published_at"],
        # The organization vouches for a published claim; staff logins are never shown.
        "creator": {"type": "Organization", "name": claim["organization"]},
    }
    result["body"] = _bodies(claim)
    result["target"] = {
        "source": article["url"] or article_api_url(base_url, article["id"]),
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": claim["quote"],
                "prefix": claim["prefix"],
                "suffix": claim["suffix"],
            },
            {"type": "TextPositionSelector", "start": claim["start"], "end": claim["end"]},
        ],
    }
    if claim.get("anchor_state") == "orphaned":
        # Its offsets point into an earlier revision; the quote alone still identifies it.
        del result["target"]["selector"][1]
    return result


def page(
    claims: list[dict[str, Any]], base_url: str, *, page_id: str, collection_id: str,
    total: int, start_index: int, next_id: str | None, prev_id: str | None,
    embedded: bool = False,
) -> dict[str, Any]:
    """Return an AnnotationPage of claims, with its collection described in partOf."""
    result: dict[str, Any] = {} if embedded else {"@context": CONTEXT}
    result |= {"id": page_id, "type": "AnnotationPage"}
    if not embedded:
        result["partOf"] = {"id": collection_id, "label": LABEL, "total": total}
    if next_id:
        result["next"] = next_id
    if prev_id:
        result["prev"] = prev_id
    result["startIndex"] = start_index
    result["items"] = [annotation(claim, base_url, embedded=True) for claim in claims]
    return result


def collection(
    *, collection_id: str, total: int, first: dict[str, Any] | None,
    last_id: str | None,
) -> dict[str, Any]:
    """Return the AnnotationCollection (an LDP basic container) with its first page embedded."""
    result: dict[str, Any] = {
        "@context": [CONTEXT, LDP_CONTEXT],
        "id": collection_id,
        "type": ["BasicContainer", "AnnotationCollection"],
        "label": LABEL,
        "total": total,
    }
    if first is not None:
        result["first"] = first
        result["last"] = last_id
    return result
