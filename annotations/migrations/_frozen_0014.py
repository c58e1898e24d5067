"""What migration 0014_published_export_records needs to compute the stored export records.

A frozen copy of annotations.exports.stored_records (with what it calls from
annotations.exports.tabular: csv_parts, csv_row, cell, attributions_summary; and from
annotations.exports.claimreview: stored_parts, from_claim and its helpers, with the
rating, stance and source-kind vocabularies of annotations.models written out) as of
7 December 2026, so that the migration keeps producing what it produced when it was
written. Do not change it when the live code changes. It imports nothing of annotations
or factcheck. (Its name starts with "_": the migration loader skips it.)
"""

import csv
import io
import json
import re
from collections.abc import Iterable
from typing import Any

from django.conf import settings

# annotations.models.Rating: value -> label.
RATING_LABELS = {
    "true": "True", "mostly_true": "Mostly true", "mixed": "Half true",
    "mostly_false": "Mostly false", "false": "False", "misleading": "Misleading",
    "missing_context": "Missing context", "misattributed": "Misattributed",
    "unproven": "Unproven", "satire": "Satire",
}
# annotations.models.RATING_SCALE: position on ClaimReview's five-point scale.
RATING_SCALE = {"true": 5, "mostly_true": 4, "mixed": 3, "mostly_false": 2, "false": 1}

# Source.Kind.PERSON and Source.Kind.ANONYMOUS.
PERSON_KINDS = {"person", "anonymous"}

# How each stance (Attribution.Stance) reads in the rating explanation ("Donald Trump denied it.").
STANCE_SENTENCES = {
    "asserted": "{} made the claim.",
    "reported": "{} reported it.",
    "confirmed": "{} confirmed it.",
    "denied": "{} denied it.",
    "disputed": "{} disputed it.",
    "no_response": "{} did not respond.",
}

# Where a claim is seen to come from: whoever made it, else whoever published it.
AUTHOR_STANCES = ("asserted", "reported")


# exports.claimreview


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
        STANCE_SENTENCES[a["stance"]].format(a["source"]["name"]) for a in claim["attributions"]
    ]
    if claim["rationale"]:
        explanation.append(claim["rationale"])
    result = {
        "@type": "Rating",
        "alternateName": RATING_LABELS[rating] if rating else "Not rated",
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
    """Return the ClaimReview of a published claim's public JSON."""
    review = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": claim_url(base_url, claim["id"]),
        "claimReviewed": claim["claim"] or claim["quote"],
        "author": _organization(),
        "reviewRating": _rating(claim),
        "itemReviewed": _item_reviewed(claim),
    }
    date = _date(claim["published_at"] or claim["reviewed_at"] or claim["updated_at"])
    if date:
        review["datePublished"] = date
    if claim.get("date_modified"):
        review["dateModified"] = _date(claim["date_modified"])
    return review


# The keys of from_claim() that come before the stored tail, in order.
HEAD_KEYS = ("@context", "@type", "url", "claimReviewed", "author")

encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def stored_parts(claim: dict[str, Any]) -> tuple[str, str]:
    """Return the JSON of claimReviewed and the rest of the ClaimReview after its author."""
    review = from_claim(claim, "")
    rest = {key: value for key, value in review.items() if key not in HEAD_KEYS}
    return encode(review["claimReviewed"]), encode(rest)[1:]


# exports.tabular

CSV_COLUMNS = (
    "Claim", "Rating", "Rating code", "Who said it", "Article", "Public URL", "Verified",
    "Corrections", "Rationale", "Evidence", "Same claim as", "Publisher", "Article URL",
    "Article published", "First published", "Claim id", "Article id", "Quote", "Context", "Start",
    "End", "Prefix", "Suffix",
)

# A spreadsheet runs a cell that starts with one of these as a formula; where the cell
# is split at a separator, the text after the separator starts a cell too.
FORMULA_TRIGGER = re.compile(r"(^|[,;\t|])([ ]*)(?=[=+\-@\t\r])")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = frozenset(",;\t|")


def cell(value: Any) -> Any:
    """Return value for a CSV cell, defusing text that a spreadsheet would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, str):
        if not SEPARATORS.intersection(value):
            return "'" + value if value.startswith(TRIGGERS) else value
        return FORMULA_TRIGGER.sub(r"\1\2'", value)
    return value


def attributions_summary(claim: dict[str, Any]) -> str:
    """Return "Financial Times (reported); Donald Trump (denied)" for a claim dict."""
    return "; ".join(f"{a['source']['name']} ({a['stance']})" for a in claim["attributions"])


def csv_row(claim: dict[str, Any], base_url: str) -> list[Any]:
    article = claim["article"]
    publisher = article["publisher"]
    return [
        cell(value)
        for value in (
            claim["claim"], claim["rating_label"], claim["rating"], attributions_summary(claim),
            article["title"], claim_url(base_url, claim["id"]), claim["reviewed_at"],
            " ".join(correction["note"] for correction in claim["corrections"]),
            claim["rationale"],
            "; ".join(evidence["url"] for evidence in claim["evidence"]),
            "; ".join(link["url"] for link in claim["same_as"]),
            publisher["name"] if publisher else "", article["url"], article["published_at"],
            claim["published_at"], claim["id"], article["id"], claim["quote"],
            claim["context"]["text"], claim["start"], claim["end"], claim["prefix"],
            claim["suffix"],
        )
    ]


def _csv_text(rows: Iterable[list[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC).writerows(rows)
    return buffer.getvalue()


URL_COLUMN = CSV_COLUMNS.index("Public URL")


def csv_parts(claim: dict[str, Any]) -> tuple[str, str]:
    """Return the CSV row of a claim before and after its public URL cell, separators included."""
    row = csv_row(claim, "")
    head = _csv_text([row[:URL_COLUMN]]).removesuffix("\r\n") + ","
    return head, "," + _csv_text([row[URL_COLUMN + 1:]])


# exports.stored_records

STORED_FIELDS = ("csv_head", "csv_tail", "claimreview_claim", "claimreview_tail")


def stored_records(claim: dict[str, Any]) -> dict[str, str]:
    """Return the PublishedRecords fields that hold the export records of a public claim."""
    csv_head, csv_tail = csv_parts(claim)
    claimreview_claim, claimreview_tail = stored_parts(claim)
    return dict(zip(STORED_FIELDS, (csv_head, csv_tail, claimreview_claim, claimreview_tail), strict=True))
