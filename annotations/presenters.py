"""Plain-dict representations shared by the API and every export format.

Each function reads only what the selectors prefetch, so presenting a page of
annotations runs no further queries.
"""

import copy
from typing import Any

from django.utils.dateparse import parse_datetime

from .models import Annotation, Article, Attribution, Evidence, Source
from .publishing.core import iso  # the one ISO 8601 writer (as DRF writes dates)


def username(user) -> str | None:
    return user.get_username() if user is not None else None


def source_summary(source: Source | None) -> dict[str, Any] | None:
    if source is None:
        return None
    return {"id": source.pk, "name": source.name, "kind": source.kind}


def attribution_dict(attribution: Attribution) -> dict[str, Any]:
    return {
        "id": attribution.pk,
        "source": source_summary(attribution.source),
        "stance": attribution.stance,
        "url": attribution.url,
        "date": iso(attribution.date),
        "note": attribution.note,
    }


def evidence_dict(evidence: Evidence) -> dict[str, Any]:
    return {
        "id": evidence.pk,
        "url": evidence.url,
        "title": evidence.title,
        "publisher": evidence.publisher,
        "published": iso(evidence.published),
        "excerpt": evidence.excerpt,
        "relation": evidence.relation,
    }


def _children(annotation: Annotation, name: str):
    """The attributions or evidence loaded with the annotation (without building a related
    manager for each: a thousandth of a page each time), else read now."""
    loaded = getattr(annotation, "_prefetched_objects_cache", {}).get(name)
    return loaded if loaded is not None else getattr(annotation, name).all()


def annotation_dict(annotation: Annotation, *, people: bool = True) -> dict[str, Any]:
    """Return the annotation; without `people` (for the public) usernames are left out."""
    result = {
        "id": annotation.pk,
        "article": annotation.article_id,
        "start": annotation.start,
        "end": annotation.end,
        "quote": annotation.quote,
        "prefix": annotation.prefix,
        "suffix": annotation.suffix,
        "claim": annotation.claim,
        "language": annotation.language,
        "rating": annotation.rating,
        "rationale": annotation.rationale,
        "review_state": annotation.review_state,
        "review_comment": annotation.review_comment,
        "same_as": annotation.same_as,
        "attributions": [attribution_dict(a) for a in _children(annotation, "attributions")],
        "evidence": [evidence_dict(e) for e in _children(annotation, "evidence")],
        "created_by": username(annotation.created_by),
        "edited_by": username(annotation.edited_by),
        "reviewed_by": username(annotation.reviewed_by),
        "reviewed_at": iso(annotation.reviewed_at),
        "version": annotation.version,
        "anchor_state": annotation.anchor_state,
        "revision": annotation.revision,
        "previous_quote": annotation.previous_quote,
        "created_at": iso(annotation.created_at),
        "updated_at": iso(annotation.updated_at),
    }
    if not people:
        result |= dict.fromkeys(("created_by", "edited_by", "reviewed_by"))
    return result


SUMMARY_FIELDS = ("id", "start", "end", "rating", "review_state", "version", "created_by", "published")


def annotation_summaries(rows, stance_rows, *, people: bool) -> list[dict[str, Any]]:
    """Return what the annotation view paints and lists of each annotation, from
    selectors.annotation_summary_rows and stance_rows; usernames only with `people` (staff)."""
    stances: dict[int, list[list[str]]] = {}
    for annotation_id, source, stance in stance_rows:
        stances.setdefault(annotation_id, []).append([source, stance])
    return [
        {
            **dict(zip(SUMMARY_FIELDS, row, strict=True)),
            **({} if people else {"created_by": None}),
            "stances": stances.get(row[0], []),
        }
        for row in rows
    ]


def article_summary(article: Article) -> dict[str, Any]:
    return {
        "id": article.pk,
        "title": article.title,
        "url": article.url,
        "publisher": source_summary(article.publisher),
        "published_at": iso(article.published_at),
    }


def as_published(article: Article, fields: dict[str, Any] | None = None) -> Article:
    """Return the article with the title, url, publisher and date its published claims show.

    `fields` defaults to the `published_article` that selectors.article_list gives to
    those who see articles as published. An editor's change of these fields reaches the
    public when a claim of the article is verified again, as the claim's own changes do.
    Without published fields the article is returned as it is; otherwise a copy, which is
    only for showing (never save it).
    """
    if fields is None:
        fields = getattr(article, "published_article", None)
    if not fields:
        return article
    shown = copy.copy(article)
    shown.title, shown.url = fields["title"], fields["url"]
    shown.published_at = parse_datetime(fields["published_at"] or "")
    publisher = fields["publisher"]
    shown.publisher = Source(**publisher) if publisher else None
    return shown
