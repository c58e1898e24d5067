"""Pure parts of alerts: what a change did to one checked passage, and how it is shown."""

from typing import Any

from annotations.ingest import diffs

MOVED, FUZZY, ORPHANED = "moved", "fuzzy", "orphaned"
OUTCOME_LABELS = {
    MOVED: "Quote intact, text around it changed",
    FUZZY: "Quote edited: re-attached to the closest text",
    ORPHANED: "Quote gone: no longer found in the article",
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
        "outcome_label": OUTCOME_LABELS.get(change["outcome"], change["outcome"]),
        "diff": diffs.diff(change["context_before"], change["context_after"]),
    }


def summary(title: str, changes: list[dict[str, Any]]) -> str:
    count = len(changes)
    return f"“{title}” changed {count} checked passage{'s' if count != 1 else ''}"
