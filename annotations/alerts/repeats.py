"""Speaker repeats: an article in which a source repeats a claim we (or another fact-checker)
rated false or mostly false raises a `claim_repeated` alert.

A sentence of the article must match the known claim (the known-claims index, as the article
page's "Known claims like this one" does) and the attribution suggestions must name, for that sentence, the
source that asserted the original: by name or alias for our verified claims, by the claim's
author for an imported ClaimReview.
"""

from datetime import date
from typing import Any

from django.db.models import Q

from annotations.matching import services as known_claims
from annotations.matching.models import ClaimReviewRecord
from annotations.models import Article, Attribution, Source
from annotations.suggestions import services as suggestions

from . import core
from .models import Alert


def _names(source_names: set[str]) -> set[str]:
    """Return the names and aliases of the stored sources called so, with the names themselves."""
    found = set(source_names)
    query = Q()
    for name in source_names:
        query |= Q(name__iexact=name)
    if query:
        for name, aliases in Source.objects.filter(query).values_list("name", "aliases"):
            found.update([name, *(aliases or [])])
    return found


def _speaker_names(speaker: dict[str, Any]) -> set[str]:
    source = speaker["source"]
    names = {source["name"]}
    if source.get("source_id"):
        stored = Source.objects.filter(pk=source["source_id"]).values_list("name", "aliases").first()
        if stored:
            names.update([stored[0], *(stored[1] or [])])
    return names


def _original_speakers(match: dict[str, Any]) -> set[str]:
    if match["kind"] == "verified":
        asserted = Attribution.Stance.ASSERTED
        return {a["source"]["name"] for a in match["attributions"] if a["stance"] == asserted}
    author = ClaimReviewRecord.objects.filter(pk=match["id"]).values_list("claim_author", flat=True).first()
    return {author} if author else set()


def claim_repeats_check(*, article: Article, base_url: str = "") -> list[Alert]:
    """Raise a claim_repeated alert for each sentence of the article in which the source of a
    known false (or mostly false) claim repeats it; return the alerts (each raised once)."""
    known = [
        found for found in known_claims.article_known_claims(article=article, base_url=base_url)
        if found["match"]["rating"] in core.REPEATABLE_RATINGS
    ]
    if not known:
        return []
    speakers = suggestions.article_speakers(article=article)
    alerts = []
    for found in known:
        match = found["match"]
        original = _names(_original_speakers(match))
        if not original:
            continue
        for speaker in core.speakers_of((found["start"], found["end"]), speakers):
            if core.same_source(_speaker_names(speaker), original):
                alerts.append(_raise(article, found, speaker, base_url))
                break
    return alerts


def _raise(article: Article, found: dict[str, Any], speaker: dict[str, Any], base_url: str) -> Alert:
    match = found["match"]
    rated_on = date.fromisoformat(match["date"]) if match.get("date") else None
    name = speaker["source"]["name"]
    alert, _ = Alert.objects.get_or_create(
        key=f"claim_repeated:{article.pk}:{match['kind']}:{match['id']}:{found['start']}",
        defaults={
            "kind": Alert.Kind.CLAIM_REPEATED, "article": article,
            "summary": core.repeat_summary(name, match["rating_label"] or match["rating"], rated_on)[:500],
            "data": {
                "speaker": name, "sentence": found["sentence"], "start": found["start"], "end": found["end"],
                "match": {key: match[key] for key in ("kind", "id", "claim", "rating", "rating_label", "url",
                                                      "reviewed_by", "date")},
            },
        },
    )
    return alert
