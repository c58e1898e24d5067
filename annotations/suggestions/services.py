"""Suggestions for stored articles: computed once per body, names matched to stored sources,
annotated spans marked, dismissals applied."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _

from annotations import rules, selectors
from annotations.ingest import revisions
from annotations.live import announce as live
from annotations.models import Article, Attribution, Source

from .anchor import suggestion_anchor
from .core import suggest
from .languages import code_of
from .models import SuggestionDismissal, SuggestionSet
from .resolve import KnownSource

STANCES = {choice for choice, _label in Attribution.Stance.choices}


def _sources_stamp() -> str:
    stats = Source.objects.aggregate(count=Count("id"), changed=Max("updated_at"))
    changed = stats["changed"].isoformat() if stats["changed"] else "-"
    return f"{stats['count']}:{changed}"


def _known_sources() -> list[KnownSource]:
    return [
        KnownSource(key=str(pk), name=name, kind=kind, aliases=tuple(aliases or ()))
        for pk, name, kind, aliases in Source.objects.values_list("id", "name", "kind", "aliases")
    ]


def _present(found) -> dict:
    source = None
    if found.source is not None:
        source = {
            "start": found.source.start, "end": found.source.end, "text": found.source.text,
            "name": found.source_name, "kind": found.source_kind or Source.Kind.PERSON,
            "source_id": int(found.source_key) if found.source_key else None,
        }
    return {
        "start": found.content.start, "end": found.content.end, "quote": found.content.text,
        "cue": {"start": found.cue.start, "end": found.cue.end, "text": found.cue.text},
        "source": source, "stance": found.stance, "direct": found.direct, "score": found.score,
        "sentence": list(found.sentence),
    }


def _computed(article: Article) -> list[dict]:
    """Return the article's suggestions for its current body, from the store when fresh.

    The article's language chooses the words the rules read (English when it has none);
    the stamp names it, so results are recomputed when the language is corrected.
    """
    stamp = f"{code_of(article.language)}|{_sources_stamp()}"
    stored = SuggestionSet.objects.filter(article=article, body_sha256=article.body_sha256).first()
    if stored is not None and stored.sources_stamp == stamp:
        return stored.results
    results = [_present(found) for found in suggest(article.body, _known_sources(),
                                                    language=article.language)]
    try:
        with transaction.atomic():
            # Results for bodies the article no longer has are not needed again.
            SuggestionSet.objects.filter(article=article).exclude(
                body_sha256=article.body_sha256).delete()
            SuggestionSet.objects.update_or_create(
                article=article, body_sha256=article.body_sha256,
                defaults={"sources_stamp": stamp, "results": results},
            )
    except IntegrityError:
        pass  # another request stored the same body's results a moment ago
    return results


def _key(start: int, end: int, stance: str, source_name: str) -> tuple:
    return (start, end, stance, source_name or "")


def _dismissed(article: Article, results: list[dict]) -> set[int]:
    """Return the indexes of `results` dismissed: by anchor, or (for dismissals stored before
    anchors) by offsets in the same body; those older ones gain their anchor when matched."""
    rows = list(SuggestionDismissal.objects.filter(article=article).values_list(
        "id", "anchor", "body_sha256", "start", "end", "stance", "source_name"))
    if not rows:
        return set()
    anchors = {row[1] for row in rows if row[1]}
    legacy = {_key(*row[3:]): row[0] for row in rows
              if not row[1] and row[2] == article.body_sha256}
    hidden = set()
    for index, result in enumerate(results):
        anchor = suggestion_anchor(article.body, result)
        name = result["source"]["name"] if result["source"] else ""
        old = legacy.get(_key(result["start"], result["end"], result["stance"], name))
        if anchor in anchors:
            hidden.add(index)
        elif old is not None:
            hidden.add(index)
            try:
                with transaction.atomic():
                    SuggestionDismissal.objects.filter(pk=old, anchor="").update(anchor=anchor)
            except IntegrityError:
                pass  # the same suggestion was dismissed again meanwhile, with its anchor
    return hidden


def article_suggestions(*, article: Article, user) -> dict:
    """Return {"revision", "results"}: the suggestions not dismissed, ordered by start.

    `annotated` marks a suggestion that an annotation the user may read covers: counting
    drafts for someone who may not read them would tell where they are.
    """
    results = _computed(article)
    dismissed = _dismissed(article, results)
    spans = list(
        selectors.annotations_visible_to(user).filter(article=article).values_list("start", "end")
    )
    shown = []
    for index, result in enumerate(results):
        if index in dismissed:
            continue
        start, end = result["start"], result["end"]
        covered = any(min(end, e) - max(start, s) >= (end - start) / 2 for s, e in spans)
        entry = {key: value for key, value in result.items() if key != "sentence"}
        shown.append({**entry, "annotated": covered})
    shown.sort(key=lambda r: (r["start"], r["cue"]["start"]))
    return {"revision": revisions.current_number(article), "results": shown}


@transaction.atomic
def suggestion_dismiss(*, article: Article, start: int, end: int, stance: str,
                       source_name: str = "", user) -> SuggestionDismissal:
    """Hide a current suggestion of the article for every reviewer while its sentence (with
    its quote, cue and source) reads the same, wherever the rest of the body changes."""
    if not rules.can_create(user):
        raise PermissionDenied(_("You may not dismiss suggestions."))
    if stance not in STANCES:
        raise ValidationError({"stance": _("%(stance)s is not a stance.") % {"stance": repr(stance)}})
    wanted = _key(start, end, stance, source_name)
    for result in _computed(article):
        name = result["source"]["name"] if result["source"] else ""
        if _key(result["start"], result["end"], result["stance"], name) == wanted:
            break
    else:
        raise ValidationError(_("The article has no such suggestion; it may have changed."))
    live.suggestions_changed(article, user=user)
    anchor = suggestion_anchor(article.body, result)
    same = SuggestionDismissal.objects.filter(article=article).filter(
        Q(anchor=anchor) | Q(anchor="", body_sha256=article.body_sha256, start=start, end=end,
                             stance=stance, source_name=source_name or ""))
    dismissal = same.first()
    if dismissal is not None:
        return dismissal  # already dismissed (maybe under another body with the same sentence)
    try:
        with transaction.atomic():
            return SuggestionDismissal.objects.create(
                article=article, anchor=anchor, body_sha256=article.body_sha256, start=start,
                end=end, stance=stance, source_name=source_name or "",
                quote=article.body[start:end], dismissed_by=user,
            )
    except IntegrityError:
        return same.get()  # another reviewer dismissed it a moment ago


def article_speakers(*, article: Article) -> list[dict]:
    """Return who speaks where in the article's current body: each suggestion's span, sentence,
    source and stance, dismissed or not (the watch compares speakers, it shows nothing)."""
    return [
        {"start": r["start"], "end": r["end"], "sentence": r["sentence"], "source": r["source"],
         "stance": r["stance"]}
        for r in _computed(article)
    ]
