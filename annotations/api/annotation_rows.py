"""The annotation list presented from plain rows: the same dicts as presenters.annotation_dict.

A page of 1,000 annotations as model instances (with their users, attributions, sources
and evidence) is some 6,000 objects; as rows it is four queries' tuples, and the list is
several times faster. tests/test_api_annotations.py checks that both give the same JSON.
"""

from collections import defaultdict
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from annotations import rules, selectors
from annotations.presenters import iso

# Where a row holds created_by_id, edited_by_id and reviewed_by_id.
USERS = slice(
    selectors.ANNOTATION_ROW.index("created_by_id"), selectors.ANNOTATION_ROW.index("reviewed_by_id") + 1
)


def _attributions(annotation_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    by_annotation = defaultdict(list)
    for annotation_id, pk, source_id, name, kind, stance, url, date, note in selectors.attribution_rows(
        annotation_ids
    ):
        by_annotation[annotation_id].append({
            "id": pk,
            "source": {"id": source_id, "name": name, "kind": kind},
            "stance": stance,
            "url": url,
            "date": iso(date),
            "note": note,
        })
    return by_annotation


def _evidence(annotation_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    by_annotation = defaultdict(list)
    for annotation_id, pk, url, title, publisher, published, excerpt, relation in selectors.evidence_rows(
        annotation_ids
    ):
        by_annotation[annotation_id].append({
            "id": pk,
            "url": url,
            "title": title,
            "publisher": publisher,
            "published": iso(published),
            "excerpt": excerpt,
            "relation": relation,
        })
    return by_annotation


def annotation_dicts(rows: Iterable[tuple], *, user) -> list[dict[str, Any]]:
    """Present rows of selectors.ANNOTATION_ROW as errors.annotation_for shows them to `user`."""
    people, editor = rules.can_read_drafts(user), rules.is_editor(user)
    rows = list(rows)
    ids = [row[0] for row in rows]
    # The public sees no usernames: no query for them.
    users = {user for row in rows for user in row[USERS] if user is not None} if people else set()
    names = selectors.usernames(users) if users else {}
    attributions, evidence = _attributions(ids), _evidence(ids)
    result = []
    for (
        pk, article_id, start, end, quote, prefix, suffix, claim, rating, rationale, review_state,
        review_comment, same_as, created_by, edited_by, reviewed_by, reviewed_at, version,
        anchor_state, revision, previous_quote, created_at, updated_at, editors,
    ) in rows:
        # What rules.can_review reads of an annotation; only editors may review at all.
        review = SimpleNamespace(
            review_state=review_state, editors=editors, created_by_id=created_by,
            edited_by_id=edited_by,
        )
        result.append({
            "id": pk,
            "article": article_id,
            "start": start,
            "end": end,
            "quote": quote,
            "prefix": prefix,
            "suffix": suffix,
            "claim": claim,
            "rating": rating,
            "rationale": rationale,
            "review_state": review_state,
            "review_comment": review_comment,
            "same_as": same_as,
            "attributions": attributions.get(pk, []),
            "evidence": evidence.get(pk, []),
            "created_by": names.get(created_by) if people else None,
            "edited_by": names.get(edited_by) if people else None,
            "reviewed_by": names.get(reviewed_by) if people else None,
            "reviewed_at": iso(reviewed_at),
            "version": version,
            "anchor_state": anchor_state,
            "revision": revision,
            "previous_quote": previous_quote,
            "created_at": iso(created_at),
            "updated_at": iso(updated_at),
            "may_review": editor and rules.can_review(user, review),
        })
    return result
