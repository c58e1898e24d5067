"""Pure parts of alerts: what a change did to one checked passage, and how it is shown."""

from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from annotations.ingest import diffs
from annotations.textguard.core import same_name_key

MOVED, FUZZY, ORPHANED = "moved", "fuzzy", "orphaned"
OUTCOME_LABELS = {
    MOVED: _("Quote intact, text around it changed"),
    FUZZY: _("Quote edited: re-attached to the closest text"),
    ORPHANED: _("Quote gone: no longer found in the article"),
}


def passage_change(*, annotation_id: int, claim: str, review_state: str, outcome: str,
                   quote_before: str, quote_after: str, context_before: str,
                   context_after: str) -> dict[str, Any]:
    """Return the stored record of what a new body did to one checked annotation."""
    return {
        "annotation": annotation_id, "claim": claim, "review_state": review_state, "outcome": outcome,
        "quote_before": quote_before, "quote_after": quote_after,
        "context_before": context_before, "context_after": context_after,
    }


def presented(change: dict[str, Any]) -> dict[str, Any]:
    """Return a passage change with its label and the word diff of its context."""
    return {
        **change,
        "outcome_label": str(OUTCOME_LABELS.get(change["outcome"], change["outcome"])),
        "diff": diffs.diff(change["context_before"], change["context_after"]),
    }


def summary(title: str, changes: list[dict[str, Any]]) -> str:
    """Return the alert's stored summary: in English, as every stored record is."""
    count = len(changes)
    return f"“{title}” changed {count} checked passage{'s' if count != 1 else ''}"


REPEATABLE_RATINGS = ("false", "mostly_false")


def speakers_of(sentence: tuple[int, int], speakers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the suggested sources whose claim overlaps the sentence [start, end)."""
    start, end = sentence
    return [
        speaker for speaker in speakers
        if speaker.get("source") and speaker["start"] < end and start < speaker["end"]
    ]


def same_source(speaker_names: set[str], original_names: set[str]) -> bool:
    """Whether two sets of names (each source's name and aliases) name one source."""
    keys = {same_name_key(name) for name in original_names if name}
    return any(same_name_key(name) in keys for name in speaker_names if name)


def repeat_summary(speaker: str, rating_label: str, rated_on: date | None) -> str:
    """Return "Donald Trump repeated a claim rated False on 21 Oct 2025" (stored, in English)."""
    when = f" on {rated_on.day} {rated_on:%b %Y}" if rated_on else ""
    return f"{speaker} repeated a claim rated {rating_label}{when}"
