"""Re-anchor spans in a new body: exact quote with context, else fuzzy, else orphaned.

Pure: plain spans in, plain placements out. An exact quote is found as
``anchoring.locate`` finds it (context decides among repeats, the old position breaks
ties). A lightly edited quote is found with rapidfuzz: the window of the new body that
best aligns with the old quote, widened to whole words, or the text between the old
prefix and suffix; it is accepted at FUZZY_THRESHOLD similarity or more.
"""

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from annotations import anchoring

# Similarity (0-100, rapidfuzz ratio) a changed quote needs to stay attached.
FUZZY_THRESHOLD = 80
# How far past the quote's length the prefix/suffix bracket may stretch.
BRACKET_SLACK = 2.0
WORD = re.compile(r"\w", re.UNICODE)
BOUNDARY_START = re.compile(r"(?<!\w)\w")
BOUNDARY_END = re.compile(r"\w(?!\w)|[.!?,;:)\"”’]")


@dataclass(frozen=True)
class Span:
    id: int
    start: int
    end: int
    quote: str
    prefix: str = ""
    suffix: str = ""
    state: str = "anchored"


@dataclass(frozen=True)
class Placement:
    """Where a span sits in the new body; state anchored|fuzzy|orphaned."""

    id: int
    state: str
    start: int
    end: int
    quote: str
    prefix: str
    suffix: str

    def differs_from(self, span: Span) -> bool:
        return (self.state, self.start, self.end, self.quote, self.prefix, self.suffix) != (
            span.state, span.start, span.end, span.quote, span.prefix, span.suffix
        )


def _widen(body: str, start: int, end: int) -> tuple[int, int]:
    """Grow a window to whole words and drop the spaces at its ends."""
    while start > 0 and WORD.match(body[start - 1]) and WORD.match(body[start]):
        start -= 1
    while end < len(body) and WORD.match(body[end]) and WORD.match(body[end - 1]):
        end += 1
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    return start, end


def _boundaries(body: str, start: int, end: int, steps: int = 4) -> tuple[list[int], list[int]]:
    """Return word starts around start and word ends around end, up to steps words either way."""
    starts = [match.start() for match in BOUNDARY_START.finditer(body, max(0, start - 60), start + 60)]
    ends = [match.end() for match in BOUNDARY_END.finditer(body, max(0, end - 60), end + 60)]
    starts = sorted(starts, key=lambda p: abs(p - start))[: steps * 2 + 1] or [start]
    ends = sorted(ends, key=lambda p: abs(p - end))[: steps * 2 + 1] or [end]
    return starts, ends


def _refine(body: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """Move each end of a window by a few words where that makes it more like the quote."""
    starts, ends = _boundaries(body, start, end)
    scored = [
        (fuzz.ratio(quote, body[s:e]), -abs(s - start) - abs(e - end), s, e)
        for s in starts for e in ends if s < e
    ]
    if not scored:
        return start, end
    _, _, start, end = max(scored)
    return start, end


def _bracketed(body: str, span: Span) -> tuple[int, int] | None:
    """Return the text between the old prefix and suffix, when both are still there."""
    if len(span.prefix) < 8 or len(span.suffix) < 8:
        return None
    limit = int(len(span.quote) * BRACKET_SLACK) + 16
    position = body.find(span.prefix)
    while position != -1:
        start = position + len(span.prefix)
        end = body.find(span.suffix, start, start + limit + len(span.suffix))
        if end > start:
            return start, end
        position = body.find(span.prefix, position + 1)
    return None


def fuzzy_locate(body: str, span: Span) -> tuple[int, int, float] | None:
    """Return (start, end, score) of the best match of an edited quote, or None below threshold."""
    candidates = []
    bracket = _bracketed(body, span)
    if bracket:
        candidates.append(bracket)
    alignment = fuzz.partial_ratio_alignment(span.quote, body, score_cutoff=FUZZY_THRESHOLD)
    if alignment is not None:
        candidates.append((alignment.dest_start, alignment.dest_end))
    best = None
    for start, end in candidates:
        start, end = _refine(body, span.quote, *_widen(body, start, end))
        if start >= end:
            continue
        score = fuzz.ratio(span.quote, body[start:end])
        if score >= FUZZY_THRESHOLD and (best is None or score > best[2]):
            best = (start, end, score)
    return best


def _placement(body: str, span: Span, state: str, start: int, end: int) -> Placement:
    selector = anchoring.quote_selector(body, start, end)
    return Placement(span.id, state, start, end, selector.exact, selector.prefix, selector.suffix)


def reanchor(new_body: str, spans: list[Span]) -> list[Placement]:
    """Place each span in new_body; an orphan keeps its old offsets and quote."""
    placements = []
    for span in spans:
        try:
            start, end = anchoring.locate(new_body, span.quote, span.prefix, span.suffix, hint=span.start)
        except anchoring.AnchoringError:
            found = fuzzy_locate(new_body, span)
            if found is None:
                placements.append(Placement(
                    span.id, "orphaned", span.start, span.end, span.quote, span.prefix, span.suffix
                ))
            else:
                placements.append(_placement(new_body, span, "fuzzy", found[0], found[1]))
            continue
        # An exact match keeps a fuzzy annotation fuzzy: its quote is still not the one verified.
        state = "fuzzy" if span.state == "fuzzy" else "anchored"
        placements.append(_placement(new_body, span, state, start, end))
    return placements
