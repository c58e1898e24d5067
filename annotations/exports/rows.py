"""Read claims in chunks as the plain dicts of presenters.claim_dict, without model instances.

An export of a hundred thousand claims would spend most of its time building model
instances (ten per claim: the annotation, its article, publisher, authors, attributions,
sources and evidence). This reader fetches tuples over a server-side cursor instead, three
queries per chunk, and assembles the same dicts; tests pin it to presenters.claim_dict.
"""

from collections import defaultdict
from collections.abc import Iterator
from itertools import islice
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from annotations.models import Annotation, Attribution, Evidence
from annotations.presenters import iso

CHUNK_SIZE = 2000


def _annotation_fields() -> tuple[str, ...]:
    username = get_user_model().USERNAME_FIELD
    return (
        "id", "article_id", "start", "end", "quote", "prefix", "suffix", "claim", "rating",
        "rationale", "review_state", "review_comment", "same_as", f"created_by__{username}",
        f"edited_by__{username}", f"reviewed_by__{username}", "reviewed_at", "version",
        "created_at", "updated_at",
        "article__title", "article__url", "article__publisher_id", "article__publisher__name",
        "article__publisher__kind", "article__published_at",
    )


ATTRIBUTION_FIELDS = (
    "annotation_id", "id", "source_id", "source__name", "source__kind", "stance", "url", "date",
    "note",
)
EVIDENCE_FIELDS = (
    "annotation_id", "id", "url", "title", "publisher", "published", "excerpt", "relation",
)


def _attributions(chunk: Q) -> dict[int, list[dict[str, Any]]]:
    found = defaultdict(list)
    rows = (
        Attribution.objects.filter(chunk)
        .order_by("annotation_id", "id")
        .values_list(*ATTRIBUTION_FIELDS)
    )
    for annotation_id, pk, source_id, name, kind, stance, url, date, note in rows:
        found[annotation_id].append({
            "id": pk,
            "source": {"id": source_id, "name": name, "kind": kind},
            "stance": stance,
            "url": url,
            "date": iso(date),
            "note": note,
        })
    return found


def _evidence(chunk: Q) -> dict[int, list[dict[str, Any]]]:
    found = defaultdict(list)
    rows = Evidence.objects.filter(chunk).order_by("id").values_list(*EVIDENCE_FIELDS)
    for annotation_id, pk, url, title, publisher, published, excerpt, relation in rows:
        found[annotation_id].append({
            "id": pk,
            "url": url,
            "title": title,
            "publisher": publisher,
            "published": iso(published),
            "excerpt": excerpt,
            "relation": relation,
        })
    return found


def claim_chunks(
    annotations: QuerySet[Annotation], *, chunk_size: int = CHUNK_SIZE
) -> Iterator[list[dict[str, Any]]]:
    """Yield the annotations, ordered by id, as lists of claim dicts of up to chunk_size."""
    annotations = annotations.select_related(None).prefetch_related(None).order_by("id")
    rows = annotations.values_list(*_annotation_fields()).iterator(chunk_size=chunk_size)
    while chunk := list(islice(rows, chunk_size)):
        # The chunk's children are those of the filtered annotations in its id range. The
        # range lets the database read them off the foreign key index; the subquery keeps
        # out annotations the filters dropped. A list of thousands of ids would cost more
        # to send than to read.
        first, last = chunk[0][0], chunk[-1][0]
        children = Q(
            annotation_id__gte=first, annotation_id__lte=last,
            annotation__in=annotations.filter(id__gte=first, id__lte=last).values("id"),
        )
        attributions, evidence = _attributions(children), _evidence(children)
        yield [
            {
                "id": pk,
                "article": {
                    "id": article_id,
                    "title": title,
                    "url": article_url,
                    "publisher": (
                        {"id": publisher_id, "name": publisher_name, "kind": publisher_kind}
                        if publisher_id is not None else None
                    ),
                    "published_at": iso(published_at),
                },
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
                "created_by": created_by,
                "edited_by": edited_by,
                "reviewed_by": reviewed_by,
                "reviewed_at": iso(reviewed_at),
                "version": version,
                "created_at": iso(created_at),
                "updated_at": iso(updated_at),
            }
            for (
                pk, article_id, start, end, quote, prefix, suffix, claim, rating, rationale,
                review_state, review_comment, same_as, created_by, edited_by, reviewed_by, reviewed_at,
                version, created_at, updated_at, title, article_url, publisher_id, publisher_name,
                publisher_kind, published_at,
            ) in chunk
        ]
