"""Flat exports of published claims: JSON Lines (the stored JSON, one per line) and CSV."""

import csv
import io
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

from .claimreview import claim_url

JSONL_MEDIA_TYPE = "application/x-ndjson; charset=utf-8"
CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
# Spreadsheets read UTF-8 without guessing a legacy code page when the file starts with it.
BOM = "\ufeff"

# What a reader looks for first; ids, offsets and context last, for programs. Columns
# added later go at the end, so that readers that count columns keep working.
CSV_COLUMNS = (
    "Claim", "Rating", "Rating code", "Who said it", "Article", "Public URL", "Verified (UTC)",
    "Corrections", "Rationale", "Evidence", "Same claim as", "Publisher", "Article URL",
    "Article published (UTC)", "First published (UTC)", "Claim id", "Article id", "Quote", "Context", "Start",
    "End", "Prefix", "Suffix", "Language",
)

# A spreadsheet runs a cell that starts with one of these as a formula; where the cell
# is split at a separator (",", ";", tab or "|" in some locales and import dialogs), the
# text after the separator starts a cell too.
FORMULA_TRIGGER = re.compile(r"(^|[,;\t|])([ ]*)(?=[=+\-@\t\r])")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = frozenset(",;\t|")


def stream_jsonl(chunks: Iterable[bytes], base_url: str = "") -> Iterator[bytes]:
    """Yield the stored public JSON of each claim, one per line, a chunk of lines at a time."""
    yield from chunks


def cell(value: Any) -> Any:
    """Return value for a CSV cell, defusing text that a spreadsheet would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, str):
        # Most cells (ids, dates, URLs, names) hold no separator: only their start matters.
        if not SEPARATORS.intersection(value):
            return "'" + value if value.startswith(TRIGGERS) else value
        return FORMULA_TRIGGER.sub(r"\1\2'", value)
    return value


# Spreadsheets (Excel on opening, Calc with "Detect special numbers") turn a text cell
# that reads as a boolean, a number, a percentage, a date or a time into one, quoted or
# not: the rating "True" became the boolean TRUE. No CSV syntax marks a cell as text in
# both (Excel ignores a leading apostrophe in a CSV; ="True" is a formula), so such a
# cell starts with an invisible WORD JOINER, which no spreadsheet reads as part of a
# number. Only cells that would be converted get it; programs read JSON Lines.
WORD_JOINER = "\u2060"
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
COERCIBLE = re.compile(
    r"\s*(?:true|false"
    # Numbers, fractions, percentages, currency amounts, dates and times written in digits.
    r"|[-+(]?[$€£¥]?[\d.,:/\- ]*\d[\d.,:/\- ]*(?:e[-+]?\d+)?\)?\s*(?:%|[ap]\.?m\.?)?"
    # Dates with a month name: "22 October 2025", "Oct 22", "October 2025".
    rf"|(?:\d{{1,4}}[ ,.\-/]*)?{MONTH}(?:[ ,.\-/]*\d{{1,4}}){{0,2}})\s*",
    re.IGNORECASE,
)


def text_cell(value: str) -> str:
    """Return a text cell that spreadsheets keep as text: defused, then guarded if coercible."""
    value = cell(value)
    return WORD_JOINER + value if COERCIBLE.fullmatch(value) else value


def sheet_time(value: str | None) -> str:
    """Return an ISO 8601 time as "2025-10-22 11:30:00" in UTC, which spreadsheets read as a date."""
    if not value:
        return ""
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def attributions_summary(claim: dict[str, Any]) -> str:
    """Return "Financial Times (reported); Donald Trump (denied)" for a claim dict."""
    return "; ".join(f"{a['source']['name']} ({a['stance']})" for a in claim["attributions"])


def csv_row(claim: dict[str, Any], base_url: str) -> list[Any]:
    article = claim["article"]
    publisher = article["publisher"]
    text = text_cell
    return [
        text(claim["claim"]), text(claim["rating_label"]), text(claim["rating"]),
        text(attributions_summary(claim)), text(article["title"]),
        cell(claim_url(base_url, claim["id"])), sheet_time(claim["reviewed_at"]),
        text(" ".join(correction["note"] for correction in claim["corrections"])),
        text(claim["rationale"]),
        # URLs hold no spaces, so "; " separates them unambiguously.
        cell("; ".join(evidence["url"] for evidence in claim["evidence"])),
        cell("; ".join(link["url"] for link in claim["same_as"])),
        text(publisher["name"] if publisher else ""), cell(article["url"]),
        sheet_time(article["published_at"]), sheet_time(claim["published_at"]), claim["id"],
        article["id"], text(claim["quote"]), text(claim["context"]["text"]), claim["start"],
        claim["end"], text(claim["prefix"]), text(claim["suffix"]), text(claim["language"]),
    ]


def _csv_text(rows: Iterable[list[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC).writerows(rows)
    return buffer.getvalue()


# The public URL is the one cell that depends on the request (its scheme and host): the
# row is stored in two parts around it, and each export puts its own URL in between.
URL_COLUMN = CSV_COLUMNS.index("Public URL")


def csv_parts(claim: dict[str, Any]) -> tuple[str, str]:
    """Return the CSV row of a claim before and after its public URL cell, separators included.

    `head + csv_url_cell(base_url, id) + tail` is the row that csv_row() gives, line end
    included; publishing stores both parts so that an export only streams stored text.
    """
    row = csv_row(claim, "")
    head = _csv_text([row[:URL_COLUMN]]).removesuffix("\r\n") + ","
    return head, "," + _csv_text([row[URL_COLUMN + 1:]])


def csv_url_prefix(base_url: str) -> str:
    """Return the public URL cell up to the claim id: '"https://host/claims/'.

    cell() defuses only the start of a text and what follows a separator, and a claim's
    path holds neither, so the cell of the whole URL is the cell of the base followed by
    the path; quoting doubles only the base's quotes.
    """
    return '"' + cell(base_url.rstrip("/")).replace('"', '""') + "/claims/"


def csv_header(*, bom: bool = True) -> str:
    return (BOM if bom else "") + _csv_text([CSV_COLUMNS])


def stream_csv(chunks: Iterable[bytes], base_url: str = "", *, bom: bool = True) -> Iterator[bytes]:
    """Yield a header row, then the stored rows (every text cell quoted), a chunk at a time."""
    yield csv_header(bom=bom).encode()
    yield from chunks
