"""What migration 0004_published_claims needs to publish the claims verified before it.

A frozen copy of annotations.publishing.services.public_claim (with what it calls from
annotations.publishing.core: public_claim, context_of, context_span, iso, rating_label,
encode) as of 7 December 2026, so that the migration keeps producing what it produced
when it was written. Do not change it when the live code changes. It imports nothing of
annotations or factcheck and works on the historical models of apps.get_model(): field
reads and related managers only. (Its name starts with "_": the migration loader skips it.)
"""

import json
import re
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist

# A paragraph longer than this is cut down to a few sentences around the quote.
MAX_CONTEXT = 600
SENTENCES_AROUND = 2
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")

RATING_LABELS = {
    "true": "True", "mostly_true": "Mostly true", "mixed": "Half true",
    "mostly_false": "Mostly false", "false": "False", "misleading": "Misleading",
    "missing_context": "Missing context", "misattributed": "Misattributed",
    "unproven": "Unproven", "satire": "Satire", "": "Not rated",
}

encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def iso(value: datetime | date | None) -> str | None:
    """Format like DRF does: ISO 8601, UTC written as Z."""
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def rating_label(rating: str) -> str:
    return RATING_LABELS.get(rating or "", rating)


def _sentence_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in SENTENCE_END.finditer(text))]


def context_span(body: str, start: int, end: int) -> tuple[int, int]:
    """Return the [start, end) of the quote's context: its paragraph, or a few sentences of it."""
    paragraph_start = body.rfind("\n", 0, start) + 1
    # The quote may itself span line breaks: the context ends with its last line.
    newline = body.find("\n", end)
    paragraph_end = newline if newline != -1 else len(body)
    if paragraph_end - paragraph_start <= MAX_CONTEXT:
        return paragraph_start, paragraph_end
    before = body[paragraph_start:start]
    # Starts of the sentences before the quote (a start at the quote itself is not one).
    starts = [s for s in _sentence_starts(before) if s < len(before)] or [len(before)]
    context_start = paragraph_start + starts[max(0, len(starts) - SENTENCES_AROUND)]
    after = body[end:paragraph_end]
    ends = [match.start() for match in SENTENCE_END.finditer(after)]
    context_end = end + ends[SENTENCES_AROUND - 1] if len(ends) >= SENTENCES_AROUND else paragraph_end
    # A sentence-less block still gets a bounded context, cut at a space.
    limit = MAX_CONTEXT // 2
    if start - context_start > limit:
        cut = body.find(" ", start - limit, start)
        context_start = cut + 1 if cut != -1 else start - limit
    if context_end - end > limit:
        cut = body.rfind(" ", end, end + limit)
        context_end = cut if cut > end else end + limit
    return context_start, context_end


def context_of(body: str, start: int, end: int) -> dict[str, Any]:
    """Return {"start", "text"}: the quote's context as a public page shows it."""
    context_start, context_end = context_span(body, start, end)
    return {"start": context_start, "text": body[context_start:context_end]}


def core_public_claim(
    *, annotation: dict[str, Any], article: dict[str, Any], body: str, same_as: list[dict[str, Any]],
    attributions: list[dict[str, Any]], evidence: list[dict[str, Any]],
    organization: str, created_by: str | None, reviewed_by: str | None,
    published_at: datetime, reviewed_at: datetime, date_modified: datetime | None,
    corrections: list[dict[str, Any]],
) -> dict[str, Any]:
    """Return the public JSON of a verified claim (publishing.core.public_claim)."""
    start, end = annotation["start"], annotation["end"]
    return {
        "id": annotation["id"],
        "article": article,
        "start": start,
        "end": end,
        "quote": annotation["quote"],
        "prefix": annotation["prefix"],
        "suffix": annotation["suffix"],
        "context": context_of(body, start, end),
        "claim": annotation["claim"],
        "rating": annotation["rating"],
        "rating_label": rating_label(annotation["rating"]),
        "rationale": annotation["rationale"],
        "review_state": "verified",
        "same_as": same_as,
        "attributions": attributions,
        "evidence": evidence,
        "organization": organization,
        "created_by": created_by,
        "reviewed_by": reviewed_by,
        "published_at": iso(published_at),
        "reviewed_at": iso(reviewed_at),
        "date_modified": iso(date_modified),
        "corrections": corrections,
        "version": annotation["version"],
        "created_at": iso(annotation["created_at"]),
        "updated_at": iso(annotation["updated_at"]),
    }


def display_name(user) -> str | None:
    """Return the public display name a user chose, or None (never the login name)."""
    if user is None:
        return None
    try:
        return user.public_profile.display_name or None
    except ObjectDoesNotExist:
        return None


def _source(source) -> dict[str, Any] | None:
    if source is None:
        return None
    return {"id": source.pk, "name": source.name, "kind": source.kind}


def public_claim(annotation, *, published_at, reviewed_at, date_modified,
                 corrections: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the public JSON of a (historical) annotation as it stands."""
    article = annotation.article
    return core_public_claim(
        annotation={
            field: getattr(annotation, field)
            for field in (
                "id", "start", "end", "quote", "prefix", "suffix", "claim", "rating", "rationale",
                "version", "created_at", "updated_at",
            )
        },
        # Annotations have no same_as before migration 0011.
        same_as=[],
        article={
            "id": article.pk,
            "title": article.title,
            "url": article.url,
            "publisher": _source(article.publisher),
            "published_at": iso(article.published_at),
        },
        body=article.body,
        attributions=[
            {
                "id": a.pk, "source": _source(a.source), "stance": a.stance, "url": a.url,
                "date": iso(a.date), "note": a.note,
            }
            for a in annotation.attributions.all()
        ],
        evidence=[
            {
                "id": e.pk, "url": e.url, "title": e.title, "publisher": e.publisher,
                "published": iso(e.published), "excerpt": e.excerpt, "relation": e.relation,
            }
            for e in annotation.evidence.all()
        ],
        organization=settings.FACTCHECK_ORGANIZATION_NAME,
        created_by=display_name(annotation.created_by),
        reviewed_by=display_name(annotation.reviewed_by),
        published_at=published_at,
        reviewed_at=reviewed_at,
        date_modified=date_modified,
        corrections=corrections,
    )
