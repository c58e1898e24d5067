"""Pure functions of a published fact-check: its context, its public JSON, its corrections.

Nothing here touches the database: the service layer hands in plain values and stores
what comes back.
"""

import json
import re
from datetime import date, datetime
from typing import Any

from django.utils import translation

from annotations.vocabulary import labels_language, rating_label

# A paragraph longer than this is cut down to a few sentences around the quote.
MAX_CONTEXT = 600
SENTENCES_AROUND = 2
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")

encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def iso(value: datetime | date | None) -> str | None:
    """Format like DRF does: ISO 8601, UTC written as Z."""
    if value is None:
        return None
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _sentence_starts(text: str) -> list[int]:
    return [0, *(match.end() for match in SENTENCE_END.finditer(text))]


def context_span(body: str, start: int, end: int) -> tuple[int, int]:
    """Return the [start, end) of the quote's context: its paragraph, or a few sentences of it.

    A paragraph ends at any line break (text pasted with single line breaks has one
    paragraph per line). A paragraph longer than MAX_CONTEXT is cut to SENTENCES_AROUND
    sentences before and after the quote, so that a public page never shows a whole
    article that was pasted as one block.
    """
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


def public_claim(
    *, annotation: dict[str, Any], article: dict[str, Any], body: str, same_as: list[dict[str, Any]],
    attributions: list[dict[str, Any]], evidence: list[dict[str, Any]],
    organization: str, created_by: str | None, reviewed_by: str | None,
    published_at: datetime, reviewed_at: datetime, date_modified: datetime | None,
    corrections: list[dict[str, Any]],
) -> dict[str, Any]:
    """Return the public JSON of a verified claim: what the API, exports and page show.

    Users appear only by the public display name they chose (else null); the
    organization is the reviewer of record.
    """
    start, end = annotation["start"], annotation["end"]
    # The rating's words in the claim's language, not the reader's (as its ClaimReview).
    with translation.override(labels_language(annotation["language"])):
        label = rating_label(annotation["rating"])
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
        "language": annotation["language"],
        "rating": annotation["rating"],
        "rating_label": label,
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


# What a reader sees; dates, versions and the correction list itself are bookkeeping.
BOOKKEEPING = {
    "published_at", "reviewed_at", "date_modified", "corrections", "version", "updated_at",
    "reviewed_by", "organization",
}


def public_content(claim: dict[str, Any]) -> dict[str, Any]:
    """Return the part of a public claim whose change is a correction."""
    return {key: value for key, value in claim.items() if key not in BOOKKEEPING}


def _names(items: list[dict[str, Any]]) -> list[str]:
    return [f"{a['source']['name']} ({a['stance']})" for a in items]


NOTE_LANGUAGE = "en"


def changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Describe, for a correction note, what a reader sees differently in `new`."""
    said = []
    if old["rating"] != new["rating"]:
        # The note is an English sentence, stored and published once: its rating words are
        # English too, whatever language the verifier's pages are in.
        with translation.override(NOTE_LANGUAGE):
            said.append(
                f"rating changed from {rating_label(old['rating'])} to {rating_label(new['rating'])}"
            )
    if old["claim"] != new["claim"]:
        said.append(f"claim reworded from “{old['claim']}”")
    if old["language"] != new["language"]:
        said.append(f"language changed from {old['language']} to {new['language']}")
    if old["quote"] != new["quote"]:
        said.append("quoted passage changed")
    if old["rationale"] != new["rationale"]:
        said.append("explanation revised")
    if _names(old["attributions"]) != _names(new["attributions"]):
        said.append(
            "attributions changed from " + ("; ".join(_names(old["attributions"])) or "none")
            + " to " + ("; ".join(_names(new["attributions"])) or "none")
        )
    if [e["url"] for e in old["evidence"]] != [e["url"] for e in new["evidence"]]:
        said.append("evidence updated")
    if old["article"]["title"] != new["article"]["title"]:
        said.append(f"article title changed from “{old['article']['title']}”")
    if old["context"]["text"] != new["context"]["text"]:
        said.append("article text around the quote changed")
    if not said and public_content(old) != public_content(new):
        said.append("details updated")
    return said


def correction_note(on: date, what: list[str], reason: str) -> str:
    """Return "Corrected on 30 November 2026: rating changed from X to Y; reason."."""
    parts = [*what]
    if reason.strip():
        parts.append(reason.strip())
    text = "; ".join(parts) or "details updated"
    return f"Corrected on {on.day} {on:%B %Y}: {text.rstrip('.')}."


# What a publisher's edit of the article changes by itself; anything else is ours.
ARTICLE_DRIVEN = ("quoted passage changed", "article text around the quote changed")


def update_note(edited_on: date, reviewed_on: date, what: list[str], reason: str) -> str:
    """Return "The article was updated by its publisher on …; this fact-check was reviewed
    again on …." followed by what our review changed, if anything."""
    note = (
        f"The article was updated by its publisher on {edited_on.day} {edited_on:%B %Y}; "
        f"this fact-check was reviewed again on {reviewed_on.day} {reviewed_on:%B %Y}."
    )
    ours = [item for item in what if item not in ARTICLE_DRIVEN]
    if reason.strip():
        ours.append(reason.strip())
    if ours:
        text = "; ".join(ours).rstrip(".")
        note += f" {text[0].upper()}{text[1:]}."
    return note
