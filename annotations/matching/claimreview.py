"""Pure reading of schema.org ClaimReview records: feeds in, clean fields or a reason out."""

import json
import math
from datetime import date, datetime
from typing import Any

from annotations.jsonnest import deeper_than
from annotations.textguard.core import normalize_name, strip_bidi_controls

MAX_LENGTH = {
    "claimReviewed": 5000,
    "url": 2000,
    "headline": 1000,
    "description": 10000,
    "name": 200,
    "alternateName": 200,
    "inLanguage": 35,
}
MAX_RECORD_BYTES = 200_000
# A ClaimReview is four or five levels deep; far deeper is no review, and would cost
# recursion wherever the record is read again (JSON encoders, the admin's display).
MAX_DEPTH = 64
# A JSON body nested deeper is not parsed at all: parsing recurses once per level.
MAX_BODY_DEPTH = 256
DATE_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y")


class Rejected(ValueError):
    """A record that cannot be stored, with the reason in plain words."""


class NotAFeed(ValueError):
    """A body that is neither JSON nor JSON Lines of ClaimReviews."""


def records_from_json(payload: Any) -> list[Any]:
    """Return the ClaimReview items of a JSON array, a DataFeed or a single ClaimReview."""
    if isinstance(payload, list):
        return payload
    if isinstance(payload, dict):
        if _is_type(payload, "DataFeed") or "dataFeedElement" in payload:
            elements = payload.get("dataFeedElement")
            if not isinstance(elements, list):
                raise NotAFeed("A DataFeed needs a dataFeedElement list.")
            return [_unwrap(element) for element in elements]
        return [payload]
    raise NotAFeed("Expected a JSON array of ClaimReviews or a DataFeed object.")


def _unwrap(element: Any) -> Any:
    if isinstance(element, dict) and "item" in element and not _is_type(element, "ClaimReview"):
        item = element["item"]
        if isinstance(item, list) and len(item) == 1:
            return item[0]
        return item
    return element


def records_from_lines(lines) -> list[Any]:
    """Return one record per non-blank line of JSON Lines; a line that is not JSON is kept as a reject."""
    records = []
    for line in lines:
        if isinstance(line, bytes):
            line = line.decode("utf-8")
        if not line.strip():
            continue
        if deeper_than(line, MAX_DEPTH):
            records.append(_Unparsable(line, DEEP_RECORD))
            continue
        try:
            records.append(_loads(line))
        except (ValueError, RecursionError):
            records.append(_Unparsable(line))
    return records


class _Unparsable:
    def __init__(self, line: str, reason: str = "The line is not JSON."):
        self.line = line
        self.reason = reason


def loads(content: str) -> Any:
    """Parse a whole JSON body as the import reads it, or raise NotAFeed with the reason."""
    if deeper_than(content, MAX_BODY_DEPTH):
        raise NotAFeed(f"The JSON is nested deeper than {MAX_BODY_DEPTH} levels.")
    try:
        return _loads(content)
    except ValueError as error:
        raise NotAFeed(f"The body is not JSON: {error}.") from error


def parse_body(body: bytes, *, lines: bool) -> list[Any]:
    """Return the records of a request body: JSON (array or DataFeed) or JSON Lines."""
    try:
        content = body.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise NotAFeed("The body is not UTF-8 text.") from error
    if lines:
        # Only "\n" ends a record: U+2028 and friends are legal inside JSON strings.
        records = records_from_lines(content.split("\n"))
        if records and all(isinstance(record, _Unparsable) for record in records):
            raise NotAFeed("No line of the body is JSON.")
        return records
    return records_from_json(loads(content))


# Values no database stores are kept in place as refusals, so that only their record is
# rejected: NaN and Infinity (Python's json reads them; JSON and PostgreSQL do not), and
# numbers beyond a float (1e999 reads as infinity).


class _Refused:
    def __init__(self, reason: str):
        self.reason = reason


def _constant(name: str) -> _Refused:
    return _Refused(f"is {name}, which JSON does not allow")


def _too_large(text: str) -> _Refused:
    shown = text if len(text) <= 24 else text[:20] + "…"
    return _Refused(f"is a number too large to store ({shown})")


def _float(text: str) -> float | _Refused:
    value = float(text)
    return value if math.isfinite(value) else _too_large(text)


def _loads(text: str) -> Any:
    # Integers are left to json: beyond 4300 digits it refuses them (ValueError), and a
    # rating that large is refused by _number; any other stores as a JSON number.
    return json.loads(text, parse_constant=_constant, parse_float=_float)


# Tokens that matter for nesting; an escape is consumed whole, so \" never ends a string.
DEEP_RECORD = f"The record is nested deeper than {MAX_DEPTH} levels."


def _bad_text(text: str) -> str:
    """What makes a string unstorable (PostgreSQL refuses NUL; UTF-8 has no lone surrogates), or ""."""
    if "\x00" in text:
        return "a NUL character (\\u0000)"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        return f"a lone surrogate (\\u{ord(text[error.start]):04x}), which is not text"
    return ""


def _unstorable(record: Any) -> str:
    """Return why a parsed record cannot be stored as it is, or "" (iteratively: no recursion)."""
    stack = [(record, "", 1)]
    while stack:
        value, path, depth = stack.pop()
        if depth > MAX_DEPTH:
            return DEEP_RECORD
        if isinstance(value, dict):
            for key, item in value.items():
                problem = _bad_text(key)
                if problem:
                    return f"A key{' in ' + path if path else ''} contains {problem}."
                stack.append((item, f"{path}.{key}" if path else key, depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{index}]", depth + 1) for index, item in enumerate(value))
        elif isinstance(value, str):
            problem = _bad_text(value)
            if problem:
                return f"{path or 'The record'} contains {problem}."
        elif isinstance(value, _Refused):
            return f"{path or 'The record'} {value.reason}."
    return ""


def _is_type(value: dict, name: str) -> bool:
    kind = value.get("@type")
    return kind == name or (isinstance(kind, list) and name in kind)


def _text(record: dict, key: str, *, required: bool = False, limit_key: str | None = None) -> str:
    value = record.get(key)
    if value is None or value == "":
        if required:
            raise Rejected(f"{key} is required.")
        return ""
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if not isinstance(value, str):
        raise Rejected(f"{key} must be a string, not {type(value).__name__}.")
    limit = MAX_LENGTH.get(limit_key or key, 1000)
    if len(value) > limit:
        raise Rejected(f"{key} is longer than {limit} characters.")
    value = value.strip()
    if required and not value:
        raise Rejected(f"{key} is required.")
    return value


def _url(value: Any, key: str) -> str:
    if not isinstance(value, str):
        raise Rejected(f"{key} must be a string, not {type(value).__name__}.")
    value = value.strip()
    if len(value) > MAX_LENGTH["url"]:
        raise Rejected(f"{key} is longer than {MAX_LENGTH['url']} characters.")
    if not value.lower().startswith(("http://", "https://")) or " " in value:
        raise Rejected(f"{key} must be an http(s) URL.")
    return value


def _date(value: Any, key: str) -> date | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise Rejected(f"{key} must be a date string, not {type(value).__name__}.")
    if len(value) > 64:
        raise Rejected(f"{key} is not a date.")
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(value, form).date()
        except ValueError:
            continue
    # An unreadable date is not worth losing the review for; the original keeps it.
    return None


def _number(value: Any, key: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise Rejected(f"{key} must be a number.")
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer past any float
            number = math.nan
    elif isinstance(value, str) and len(value) < 32:
        try:
            number = float(value)
        except ValueError:
            number = math.nan
    else:
        number = math.nan
    if not math.isfinite(number):  # "NaN" or "1e999" as strings, too
        raise Rejected(f"{key} must be a number.")
    return number


def _party(value: Any, key: str) -> tuple[str, str]:
    """Return (name, url) of an author given as an object, a list of them or a plain name."""
    if value is None or value == "":
        return "", ""
    if isinstance(value, list):
        if not value:
            return "", ""
        value = value[0]
    if isinstance(value, str):
        if len(value) > MAX_LENGTH["name"]:
            raise Rejected(f"{key} is longer than {MAX_LENGTH['name']} characters.")
        return value.strip(), ""
    if not isinstance(value, dict):
        raise Rejected(f"{key} must be an object or a name.")
    name = _text(value, "name", limit_key="name") or _text(value, "alternateName", limit_key="name")
    url = value.get("url") or ""
    url = _url(url, f"{key}.url") if url else ""
    return name, url


def _one_object(record: dict, name: str, what: str) -> dict:
    """Return the object under name ({} when absent; a list of one is that one)."""
    value = record.get(name) or {}
    if isinstance(value, list) and len(value) == 1:
        value = value[0]
    if not isinstance(value, dict):
        raise Rejected(f"{name} must be {what}.")
    return value


def _appearances(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    items = value if isinstance(value, list) else [value]
    urls = []
    for item in items[:50]:
        if isinstance(item, dict):
            item = item.get("url")
        if item:
            urls.append(_url(item, "itemReviewed.appearance"))
    return urls


def _language(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("alternateName") or value.get("name") or ""
    if not isinstance(value, str):
        raise Rejected("inLanguage must be a string or a Language object.")
    if len(value) > MAX_LENGTH["inLanguage"]:
        raise Rejected("inLanguage is too long.")
    return value.strip()


def clean_record(record: Any) -> dict[str, Any]:
    """Return the stored fields of one ClaimReview, or raise Rejected with the reason."""
    if isinstance(record, _Unparsable):
        raise Rejected(record.reason)
    if isinstance(record, _Refused):
        raise Rejected(f"The record {record.reason}.")
    if not isinstance(record, dict):
        raise Rejected(f"A ClaimReview must be an object, not {type(record).__name__}.")
    problem = _unstorable(record)
    if problem:
        raise Rejected(problem)
    if "@type" in record and not _is_type(record, "ClaimReview"):
        raise Rejected(f"@type must be ClaimReview, not {record['@type']!r}.")
    if len(json.dumps(record, ensure_ascii=False)) > MAX_RECORD_BYTES:
        raise Rejected(f"The record is larger than {MAX_RECORD_BYTES} characters.")
    claim_reviewed = _text(record, "claimReviewed", required=True)
    if "url" not in record or record["url"] in (None, ""):
        raise Rejected("url is required.")
    url = _url(record["url"], "url")
    rating = _one_object(record, "reviewRating", "a Rating object")
    author_name, author_url = _party(record.get("author"), "author")
    item = _one_object(record, "itemReviewed", "a Claim object")
    claim_author, _ = _party(item.get("author"), "itemReviewed.author")
    appearance = _appearances(item.get("appearance")) + _appearances(item.get("firstAppearance"))
    # The text guard of our own names and short texts: names lose invisible characters
    # (and compare as people see them), texts lose direction controls; `original` stays whole.
    claim_reviewed = strip_bidi_controls(claim_reviewed).strip()
    if not claim_reviewed:
        raise Rejected("claimReviewed is required.")
    headline = _text(record, "headline") or _text(record, "name", limit_key="headline")
    return {
        "url": url,
        "claim_reviewed": claim_reviewed,
        "headline": strip_bidi_controls(headline),
        "description": strip_bidi_controls(_text(record, "description")),
        "rating_label": normalize_name(_text(rating, "alternateName")),
        "rating_value": _number(rating.get("ratingValue"), "reviewRating.ratingValue"),
        "best_rating": _number(rating.get("bestRating"), "reviewRating.bestRating"),
        "worst_rating": _number(rating.get("worstRating"), "reviewRating.worstRating"),
        "author_name": normalize_name(author_name),
        "author_url": author_url,
        "date_published": _date(record.get("datePublished"), "datePublished"),
        "claim_author": normalize_name(claim_author),
        "claim_date": _date(item.get("datePublished"), "itemReviewed.datePublished"),
        "appearance": list(dict.fromkeys(appearance)),
        "language": _language(record.get("inLanguage") or ""),
        "original": record,
    }


def searchable(fields: dict[str, Any]) -> tuple[str, str]:
    """Return the (claim, context) texts the index searches for an imported review."""
    context = " ".join(part for part in (fields.get("headline"), fields.get("description")) if part)
    return fields["claim_reviewed"], context
