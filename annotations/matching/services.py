"""Known claims: store imported ClaimReviews, keep the stored index in step, answer similar()."""

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from annotations.jobs import core as jobs_core
from annotations.jobs import services as jobs
from annotations.publishing.models import PublishedClaim

from . import core, embedding, ratings, storage
from . import text as text_functions
from .claimreview import Rejected, clean_record
from .index import KINDS, Document
from .mirror import mirror
from .models import ClaimReviewRecord, KnownClaim, review_key

MAX_LIMIT = 50
RECORD_FIELDS = [
    "url", "claim_reviewed", "headline", "description", "rating_label", "rating_value",
    "best_rating", "worst_rating", "author_name", "author_url", "date_published", "claim_author",
    "claim_date", "appearance", "language", "original",
]


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)
    unchanged: int = 0  # only counted when asked to leave unchanged reviews alone (feeds)

    def as_dict(self) -> dict[str, Any]:
        return {"created": self.created, "updated": self.updated, "rejected": self.rejected}


# Up to this many claims are embedded before a write returns (a claim published, a small
# import: well under a second); a larger import stores its claims without vectors, findable
# by their words at once, and a background job embeds them (`known_claims_embed`).
EMBED_NOW = 64
EMBED_BATCH = 256


def _stored_rows(documents: list[Document], now) -> list[KnownClaim]:
    """Return the index rows of documents, embedded now if they are few, else by a job."""
    if len(documents) <= EMBED_NOW:
        documents = core.with_vectors(documents)
    else:
        # Once the rows are committed, so that the job sees them (the scheduler's tick starts
        # another if a job that was finishing just then missed them).
        transaction.on_commit(known_claims_embed_start)
    embedded = [d.vector for d in documents if d.vector is not None]
    vectors = iter(embedding.many_to_bytes(np.stack(embedded)) if embedded else [])
    return [
        KnownClaim(
            kind=d.kind, ref_id=d.id, claim=d.claim, context=d.context,
            vector=None if d.vector is None else next(vectors), active=True, changed_at=now,
        )
        for d in documents
    ]


def known_claims_unembedded() -> bool:
    return KnownClaim.objects.filter(active=True, vector__isnull=True).exists()


def known_claims_embed_start():
    """Start the embedding job, unless one is waiting or running already."""
    return jobs.job_start(kind=jobs_core.KNOWN_CLAIMS_EMBED, key=jobs_core.KNOWN_CLAIMS_EMBED)


def known_claims_embed(*, progress=None) -> int:
    """Embed the known claims stored without a vector, a batch per transaction; return how many."""
    done = 0
    while True:
        with transaction.atomic():
            rows = list(
                KnownClaim.objects.select_for_update(skip_locked=True)
                .filter(active=True, vector__isnull=True)
                .order_by("id")
                .values_list("id", "claim", "context")[:EMBED_BATCH]
            )
            if not rows:
                return done
            texts = [core.semantic_text(claim, context) for _, claim, context in rows]
            vectors = embedding.many_to_bytes(embedding.embed(texts))
            now = timezone.now()
            storage.index_vectors_update([
                KnownClaim(id=pk, vector=vector, changed_at=now)
                for (pk, *_), vector in zip(rows, vectors, strict=True)
            ])
            transaction.on_commit(mirror.poke)
        done += len(rows)
        if progress:
            progress(done)


def _store_index_rows(rows: list[KnownClaim]) -> None:
    storage.index_rows_upsert(rows)
    transaction.on_commit(mirror.poke)


def claimreviews_import(*, records: list[Any], user, batch: int = 2000, only_changed: bool = False
                        ) -> ImportResult:
    """Store the valid ClaimReviews (new ones created, known url + claim updated), list the rest.

    One transaction: a failure stores nothing. `only_changed` leaves the reviews stored exactly
    as they come alone (counted as unchanged), so a feed fetched again re-indexes only what changed.
    """
    result = ImportResult()
    cleaned: dict[str, dict[str, Any]] = {}
    for number, record in enumerate(records):
        try:
            fields = clean_record(record)
        except Rejected as error:
            result.rejected.append({"index": number, "reason": str(error)})
            continue
        cleaned[review_key(fields["url"], fields["claim_reviewed"])] = fields
    if only_changed:
        result.unchanged = _drop_unchanged(cleaned, batch)
    keys = list(cleaned)
    with transaction.atomic():
        for start in range(0, len(keys), batch):
            chunk = keys[start : start + batch]
            created, updated = _upsert_records({key: cleaned[key] for key in chunk}, user=user)
            result.created += created
            result.updated += updated
    return result


def _drop_unchanged(cleaned: dict[str, dict[str, Any]], batch: int) -> int:
    """Remove from `cleaned` the reviews stored with the same original; return how many."""
    keys, dropped = list(cleaned), 0
    for start in range(0, len(keys), batch):
        chunk = keys[start : start + batch]
        stored = ClaimReviewRecord.objects.filter(key__in=chunk).values_list("key", "original")
        for key, original in stored:
            if original == cleaned[key]["original"]:
                del cleaned[key]
                dropped += 1
    return dropped


def _upsert_records(cleaned: dict[str, dict[str, Any]], *, user) -> tuple[int, int]:
    now = timezone.now()
    existing = dict(ClaimReviewRecord.objects.filter(key__in=list(cleaned)).values_list("key", "id"))
    new = [
        ClaimReviewRecord(key=key, imported_by=user, created_at=now, updated_at=now, **fields)
        for key, fields in cleaned.items() if key not in existing
    ]
    storage.records_insert(new)
    changed = [
        ClaimReviewRecord(id=existing[key], key=key, updated_at=now, **fields)
        for key, fields in cleaned.items() if key in existing
    ]
    storage.records_update(changed, [*RECORD_FIELDS, "updated_at"])
    ids = {record.key: record.pk for record in [*new, *changed]}
    if any(pk is None for pk in ids.values()):
        # A database that returns no ids from a bulk insert: read them back.
        ids = dict(ClaimReviewRecord.objects.filter(key__in=list(cleaned)).values_list("key", "id"))
    documents = [core.external_document(ids[key], fields) for key, fields in cleaned.items()]
    _store_index_rows(_stored_rows(documents, now))
    return len(new), len(changed)


@transaction.atomic
def claimreviews_delete(*, records: QuerySet[ClaimReviewRecord]) -> int:
    """Delete imported reviews and take them out of the index; return how many were deleted."""
    ids = list(records.values_list("pk", flat=True))
    ClaimReviewRecord.objects.filter(pk__in=ids).delete()
    claimreviews_forget(ids)
    return len(ids)


def _forget(kind: str, ids: list[int]) -> None:
    KnownClaim.objects.filter(kind=kind, ref_id__in=ids, active=True).update(
        active=False, vector=None, changed_at=timezone.now()
    )
    transaction.on_commit(mirror.poke)


def claimreviews_forget(ids: list[int]) -> None:
    """Take deleted imported reviews out of the index."""
    _forget(KnownClaim.Kind.EXTERNAL, ids)


def published_changed(annotation_id: int) -> None:
    """Index the published version of a claim (what readers see), or take it out if there is none."""
    published = PublishedClaim.objects.filter(pk=annotation_id).values_list("claim", "quote").first()
    if published is None:
        _forget(KnownClaim.Kind.VERIFIED, [annotation_id])
    else:
        _store_index_rows(_stored_rows([core.verified_document(annotation_id, *published)], timezone.now()))


def reindex(*, progress=None, batch: int = 2000) -> int:
    """Recompute every stored index entry from its source, then rebuild this process's copy."""
    done = 0
    with transaction.atomic():
        now = timezone.now()
        KnownClaim.objects.update(active=False, vector=None, changed_at=now)
        published = PublishedClaim.objects.order_by("pk").values_list("pk", "claim", "quote")
        documents = [core.verified_document(pk, claim, quote) for pk, claim, quote in published]
        for start in range(0, len(documents), batch):
            _store_index_rows(_stored_rows(documents[start : start + batch], now))
            done += len(documents[start : start + batch])
            if progress:
                progress(done)
        records = ClaimReviewRecord.objects.order_by("id").values_list(
            "id", "claim_reviewed", "headline", "description"
        )
        chunk: list[Document] = []
        for pk, claim_reviewed, headline, description in records.iterator(chunk_size=batch):
            fields = {"claim_reviewed": claim_reviewed, "headline": headline, "description": description}
            chunk.append(core.external_document(pk, fields))
            if len(chunk) >= batch:
                _store_index_rows(_stored_rows(chunk, now))
                done += len(chunk)
                chunk = []
                if progress:
                    progress(done)
        _store_index_rows(_stored_rows(chunk, now))
        done += len(chunk)
        if progress:
            progress(done)
        KnownClaim.objects.filter(active=False).delete()
    mirror.reset()
    return done


# Reading


def _verified_result(claim: dict[str, Any], language: str, score: float, base_url: str) -> dict[str, Any]:
    return {
        "kind": "verified",
        "id": claim["id"],
        "claim": claim["claim"] or claim["quote"],
        "language": language,
        "rating": claim["rating"],
        "rating_label": claim["rating_label"] if claim["rating"] else "",
        "url": f"{base_url}/claims/{claim['id']}/",
        "score": score,
        "reviewed_by": claim["organization"],
        "date": claim["reviewed_at"][:10] if claim["reviewed_at"] else None,
        "article": claim["article"],
        "attributions": _attributions(claim),
    }


def _attributions(claim: dict[str, Any]) -> list[dict[str, Any]]:
    """The published claim's sources and stances, as a starting point for a new annotation.

    By name and kind, not id: a source merged away since publication is found again by name.
    """
    return [
        {"source": {"name": item["source"]["name"], "kind": item["source"]["kind"]}, "stance": item["stance"]}
        for item in claim.get("attributions", [])
        if item.get("source")
    ]


def _external_result(record: ClaimReviewRecord, score: float) -> dict[str, Any]:
    return {
        "kind": "external",
        "id": record.pk,
        "claim": record.claim_reviewed,
        "language": record.language,
        "rating": ratings.our_rating(
            record.rating_label, record.rating_value, record.best_rating, record.worst_rating
        ),
        "rating_label": ratings.rating_label(record.rating_label, record.rating_value, record.best_rating),
        "url": record.url,
        "score": score,
        "reviewed_by": record.author_name,
        "date": record.date_published.isoformat() if record.date_published else None,
        "article": None,
        # A ClaimReview names who made the claim, not how each source stood on it.
        "attributions": [],
    }


def similar(*, text: str, kind: str = "all", limit: int = 10, base_url: str = "") -> list[dict[str, Any]]:
    """Return the known claims most like text, best first, as plain dicts (three queries at most)."""
    if kind not in ("all", *KINDS):
        raise ValueError(f"kind must be all, verified or external, not {kind!r}.")
    limit = max(1, min(limit, MAX_LIMIT))
    hits = core.similar(mirror.current(), text, kind=kind, limit=limit + 5)
    return _hydrate(hits, base_url)[:limit]


def _hydrate(hits: list[tuple[str, int, float]], base_url: str) -> list[dict[str, Any]]:
    """Present index hits, dropping any whose record is gone (two queries at most)."""
    wanted = {name: [pk for hit_kind, pk, _ in hits if hit_kind == name] for name in KINDS}
    published = {}
    if wanted["verified"]:
        # Our own claim is in its article's language (read in the same query, a join).
        claims = PublishedClaim.objects.filter(pk__in=wanted["verified"]).annotate(
            article_language=F("article__language")
        )
        published = {claim.pk: (claim.public, claim.article_language) for claim in claims}
    records = {}
    if wanted["external"]:
        records = ClaimReviewRecord.objects.defer("original").in_bulk(wanted["external"])
    results = []
    for hit_kind, pk, score in hits:
        if hit_kind == "verified" and pk in published:
            public, language = published[pk]
            results.append(_verified_result(public, language, score, base_url))
        elif hit_kind == "external" and pk in records:
            results.append(_external_result(records[pk], score))
    return results


# Linking


def same_as_resolve(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the links {kind, id, url} to known claims, each checked to exist; url set by us."""
    wanted = {name: [item["id"] for item in items if item["kind"] == name] for name in KINDS}
    verified = set()
    if wanted["verified"]:
        verified = set(PublishedClaim.objects.filter(pk__in=wanted["verified"]).values_list("pk", flat=True))
    external = {}
    if wanted["external"]:
        external = dict(ClaimReviewRecord.objects.filter(pk__in=wanted["external"]).values_list("pk", "url"))
    links, seen = [], set()
    site = settings.FACTCHECK_SITE_URL.rstrip("/")
    for item in items:
        key = (item["kind"], item["id"])
        if key in seen:
            continue
        seen.add(key)
        if item["kind"] == "verified" and item["id"] in verified:
            links.append({"kind": "verified", "id": item["id"], "url": f"{site}/claims/{item['id']}/"})
        elif item["kind"] == "external" and item["id"] in external:
            links.append({"kind": "external", "id": item["id"], "url": external[item["id"]]})
        else:
            raise ValidationError(f"No known {item['kind']} claim {item['id']}.")
    return links


KNOWN_IN_ARTICLE_TTL = 24 * 3600
# Candidates looked at per sentence besides the article's own verified claims, which are skipped.
KNOWN_IN_ARTICLE_CANDIDATES = 3


def article_known_claims(*, article, base_url: str = "") -> list[dict[str, Any]]:
    """Return the sentences of the article's body that repeat a known claim, with the best match.

    The article's own verified claims are annotated already, so they are no match: the best
    match is the best of the others (the same claim verified on another article included).

    Computed once per body revision and state of the index, then served from the cache.
    """
    index = mirror.current()
    key = f"matching:known:{article.pk}:{article.body_sha256}:{mirror.marker_key()}"
    found = cache.get(key)
    if found is None:
        found = []
        own = set(PublishedClaim.objects.filter(article=article).values_list("pk", flat=True))
        for start, end, sentence in text_functions.sentences(article.body)[:500]:
            hits = core.similar(index, sentence, limit=KNOWN_IN_ARTICLE_CANDIDATES + len(own))
            best = next(
                (hit for hit in hits
                 if hit[2] >= core.SUGGEST and not (hit[0] == "verified" and hit[1] in own)),
                None,
            )
            if best is not None:
                found.append((start, end, sentence, best))
        cache.set(key, found, KNOWN_IN_ARTICLE_TTL)
    presented = _hydrate([best for *_, best in found], base_url)
    by_key = {(match["kind"], match["id"]): match for match in presented}
    results = []
    for start, end, sentence, (kind, pk, _) in found:
        match = by_key.get((kind, pk))
        # A claim published on this article since the list was cached: annotated already.
        if match is None or (match["article"] and match["article"]["id"] == article.pk):
            continue
        results.append({"start": start, "end": end, "sentence": sentence, "match": match})
    return results
