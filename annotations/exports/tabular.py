"""Flat exports of verified claims: JSON Lines (one claim_dict per line) and CSV."""

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet

from annotations.models import Annotation

from . import pg_json

JSONL_MEDIA_TYPE = "application/x-ndjson; charset=utf-8"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"

# Named like the JSON fields; the article's fields carry an article_ prefix.
CSV_COLUMNS = (
    "id", "article_id", "article_title", "article_url", "publisher", "article_published_at",
    "start", "end", "quote", "prefix", "suffix", "claim", "rating", "rationale", "review_state",
    "attributions", "evidence", "same_as", "created_by", "edited_by", "reviewed_by", "reviewed_at",
    "version", "created_at", "updated_at",
)

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def stream_jsonl(chunks: Iterable[list[dict[str, Any]]], base_url: str = "") -> Iterator[bytes]:
    """Yield one JSON object per line, a chunk of claims at a time."""
    for chunk in chunks:
        if chunk:
            yield ("\n".join(map(_encode, chunk)) + "\n").encode()


def stream_jsonl_postgresql(annotations: QuerySet[Annotation], base_url: str = "") -> Iterator[bytes]:
    """Yield one JSON object per line as PostgreSQL builds them (same objects, looser spacing)."""
    for chunk in pg_json.claim_json_chunks(annotations):
        yield ("\n".join(chunk) + "\n").encode()


def cell(value: Any) -> Any:
    """Return value for a CSV cell, defusing text that a spreadsheet would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def attributions_summary(claim: dict[str, Any]) -> str:
    """Return "Financial Times (reported); Donald Trump (denied)" for a claim dict."""
    return "; ".join(f"{a['source']['name']} ({a['stance']})" for a in claim["attributions"])


def csv_row(claim: dict[str, Any]) -> list[Any]:
    article = claim["article"]
    publisher = article["publisher"]
    return [
        cell(value)
        for value in (
            claim["id"], article["id"], article["title"], article["url"],
            publisher["name"] if publisher else "", article["published_at"],
            claim["start"], claim["end"], claim["quote"], claim["prefix"], claim["suffix"],
            claim["claim"], claim["rating"], claim["rationale"], claim["review_state"],
            attributions_summary(claim),
            # URLs hold no spaces, so "; " separates them unambiguously.
            "; ".join(evidence["url"] for evidence in claim["evidence"]),
            "; ".join(link["url"] for link in claim["same_as"]),
            claim["created_by"], claim["edited_by"], claim["reviewed_by"], claim["reviewed_at"],
            claim["version"], claim["created_at"], claim["updated_at"],
        )
    ]


def stream_csv(chunks: Iterable[list[dict[str, Any]]], base_url: str = "") -> Iterator[bytes]:
    """Yield a header row, then one row per claim, a chunk of claims at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for chunk in chunks:
        writer.writerows(map(csv_row, chunk))
        yield buffer.getvalue().encode()
        buffer.seek(0)
        buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode()
