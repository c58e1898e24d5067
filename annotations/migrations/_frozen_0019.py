"""The CSV row parts as 0019 computes them: a frozen copy, so the migration imports no live code.

Same output as annotations.exports.tabular.csv_parts when 0019 was written (text cells
that a spreadsheet would convert start with a WORD JOINER, times in UTC as
"YYYY-MM-DD HH:MM:SS"). Its name starts with an underscore, so Django's loader skips it.
"""

import csv
import io
import re
from datetime import UTC, datetime
from typing import Any

FORMULA_TRIGGER = re.compile(r"(^|[,;\t|])([ ]*)(?=[=+\-@\t\r])")
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SEPARATORS = frozenset(",;\t|")
WORD_JOINER = "\u2060"
MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
         r"|sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
COERCIBLE = re.compile(
    r"\s*(?:true|false"
    r"|[-+(]?[$€£¥]?[\d.,:/\- ]*\d[\d.,:/\- ]*(?:e[-+]?\d+)?\)?\s*(?:%|[ap]\.?m\.?)?"
    rf"|(?:\d{{1,4}}[ ,.\-/]*)?{MONTH}(?:[ ,.\-/]*\d{{1,4}}){{0,2}})\s*",
    re.IGNORECASE,
)
URL_COLUMN = 5


def cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        if not SEPARATORS.intersection(value):
            return "'" + value if value.startswith(TRIGGERS) else value
        return FORMULA_TRIGGER.sub(r"\1\2'", value)
    return value


def text_cell(value: str) -> str:
    value = cell(value)
    return WORD_JOINER + value if COERCIBLE.fullmatch(value) else value


def sheet_time(value: str | None) -> str:
    if not value:
        return ""
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def csv_row(claim: dict[str, Any]) -> list[Any]:
    article = claim["article"]
    publisher = article["publisher"]
    text = text_cell
    summary = "; ".join(f"{a['source']['name']} ({a['stance']})" for a in claim["attributions"])
    return [
        text(claim["claim"]), text(claim["rating_label"]), text(claim["rating"]), text(summary),
        text(article["title"]), f"/claims/{claim['id']}/", sheet_time(claim["reviewed_at"]),
        text(" ".join(correction["note"] for correction in claim["corrections"])),
        text(claim["rationale"]),
        cell("; ".join(evidence["url"] for evidence in claim["evidence"])),
        cell("; ".join(link["url"] for link in claim["same_as"])),
        text(publisher["name"] if publisher else ""), cell(article["url"]),
        sheet_time(article["published_at"]), sheet_time(claim["published_at"]), claim["id"],
        article["id"], text(claim["quote"]), text(claim["context"]["text"]), claim["start"],
        claim["end"], text(claim["prefix"]), text(claim["suffix"]),
    ]


def _csv_text(rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, quoting=csv.QUOTE_NONNUMERIC).writerows(rows)
    return buffer.getvalue()


def csv_parts(claim: dict[str, Any]) -> tuple[str, str]:
    """Return the stored CSV row before and after its public URL cell, separators included."""
    row = csv_row(claim)
    head = _csv_text([row[:URL_COLUMN]]).removesuffix("\r\n") + ","
    return head, "," + _csv_text([row[URL_COLUMN + 1:]])
