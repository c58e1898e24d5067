"""Attribution rules beyond the basic forms: lexicon gaps, adjectives that look like verbs,
"as per", coordination, possessive speakers and pronoun subjects (pure finder, no database)."""

import pytest

from annotations.suggestions.core import suggest


def found(text):
    """Return (source text, source name, cue, stance, content) for each suggestion."""
    return [
        (r.source.text if r.source else None, r.source_name, r.cue.text, r.stance, r.content.text)
        for r in suggest(text)
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ('"The ferry will sail at noon," the harbour master clarified.',
     ("the harbour master", "clarified", "asserted", '"The ferry will sail at noon,"')),
    ("A union delegate articulated that the strike would go on.",
     ("A union delegate", "articulated", "asserted", "that the strike would go on")),
    ("The lab has verified that the water samples were clean.",
     ("The lab", "has verified", "confirmed", "that the water samples were clean")),
    ("Norway's chief negotiator conveyed that the quota offer still stood.",
     ("Norway's chief negotiator", "conveyed", "asserted", "that the quota offer still stood")),
])
def test_clarified_articulated_conveyed_verified_are_reporting_verbs(text, expected):
    assert [(source, cue, stance, content) for source, _n, cue, stance, content in found(text)] == [
        expected]


def test_clarified_with_a_plain_object_is_not_a_statement():
    assert found("The coach hardly clarified the matter at the briefing.") == []
