"""Pure text functions behind every span: normalize, select, locate, validate.

Offsets are Unicode code points into the normalized body (Python ``str`` indexing),
half-open, as the W3C TextPositionSelector defines them. Nothing here touches the ORM.
"""

import unicodedata
from dataclasses import dataclass
from itertools import islice

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

CONTEXT_LENGTH = 32
# Scoring every repeat of a one-letter quote in a 2 MB body would take a minute.
MAX_CANDIDATES = 10_000


class AnchoringError(ValueError):
    """A span or a quote that does not fit the text; field names the input at fault."""

    def __init__(self, message: str, field: str = "quote"):
        super().__init__(message)
        self.field = field


class QuoteNotFound(AnchoringError):
    pass


class QuoteAmbiguous(AnchoringError):
    pass


@dataclass(frozen=True)
class TextQuote:
    exact: str
    prefix: str = ""
    suffix: str = ""


def normalize_body(text: str) -> str:
    """Return text in NFC with CRLF and lone CR turned into LF; nothing else changes."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))


def validate_span(body: str, start: int, end: int, quote: str | None = None) -> None:
    """Raise AnchoringError unless 0 <= start < end <= len(body) and the quote matches."""
    if start < 0:
        raise AnchoringError(_("start must be 0 or more, got %(start)s.") % {"start": start}, "start")
    if start >= end:
        raise AnchoringError(
            _("start (%(start)s) must be less than end (%(end)s).") % {"start": start, "end": end}, "end"
        )
    if end > len(body):
        raise AnchoringError(
            _("end (%(end)s) is past the end of the body (%(length)s characters).")
            % {"end": end, "length": len(body)},
            "end",
        )
    if quote is not None and body[start:end] != quote:
        raise AnchoringError(
            _("quote does not match the text at %(start)s-%(end)s: the body has %(text)s there.")
            % {"start": start, "end": end, "text": repr(body[start:end])}
        )


def quote_selector(body: str, start: int, end: int) -> TextQuote:
    """Return the exact text of a span with up to 32 code points of context on each side."""
    validate_span(body, start, end)
    return TextQuote(
        exact=body[start:end],
        prefix=body[max(0, start - CONTEXT_LENGTH) : start],
        suffix=body[end : end + CONTEXT_LENGTH],
    )


def _occurrences(body: str, exact: str):
    position = body.find(exact)
    while position != -1:
        yield position
        position = body.find(exact, position + 1)


def _context_score(body: str, start: int, end: int, prefix: str, suffix: str) -> int:
    """Count the context characters that agree, reading outwards from the span."""
    score = 0
    for offset in range(1, min(len(prefix), start) + 1):
        if body[start - offset] != prefix[-offset]:
            break
        score += 1
    for offset in range(min(len(suffix), len(body) - end)):
        if body[end + offset] != suffix[offset]:
            break
        score += 1
    return score


def locate(
    body: str, exact: str, prefix: str = "", suffix: str = "", hint: int | None = None
) -> tuple[int, int]:
    """Return (start, end) of the quote in body, choosing among repeats by context.

    Repeats are told apart by how much of prefix/suffix they agree with; a tie is
    broken by the position hint (nearest start wins) or, without one, refused.
    """
    if not exact:
        raise QuoteNotFound(_("quote must not be empty."))
    candidates = list(islice(_occurrences(body, exact), MAX_CANDIDATES + 1))
    if len(candidates) > MAX_CANDIDATES:
        raise QuoteAmbiguous(
            _("quote %(quote)s occurs more than %(limit)s times; give start and end.")
            % {"quote": _excerpt(exact), "limit": MAX_CANDIDATES}
        )
    if not candidates:
        raise QuoteNotFound(_("quote %(quote)s is not in the article body.") % {"quote": _excerpt(exact)})
    if len(candidates) > 1:
        scores = {
            start: _context_score(body, start, start + len(exact), prefix, suffix) for start in candidates
        }
        best = max(scores.values())
        candidates = [start for start in candidates if scores[start] == best]
    if len(candidates) > 1:
        if hint is None:
            raise QuoteAmbiguous(
                ngettext(
                    "quote %(quote)s occurs %(count)s time; "
                    "give a prefix or suffix (or start/end) to choose one.",
                    "quote %(quote)s occurs %(count)s times; "
                    "give a prefix or suffix (or start/end) to choose one.",
                    len(candidates),
                )
                % {"quote": _excerpt(exact), "count": len(candidates)}
            )
        candidates.sort(key=lambda start: (abs(start - hint), start))
    start = candidates[0]
    return start, start + len(exact)


def reanchor(new_body: str, selector: TextQuote, old_start: int) -> tuple[int, int]:
    """Return where a span of an earlier version of a body sits in its new version."""
    return locate(new_body, selector.exact, selector.prefix, selector.suffix, hint=old_start)


def _excerpt(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")
