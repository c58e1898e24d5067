"""The ranker: text in, ``(kind, id, score)`` out. Pure: no database, no Django."""

import dataclasses
from typing import Any

from . import claimreview, embedding, text
from .index import Document, KnownClaimIndex, Tuning


def new_index(tuning: Tuning | None = None) -> KnownClaimIndex:
    return KnownClaimIndex(embedding.DIM, tuning)


def semantic_text(claim: str, context: str) -> str:
    """The text a known claim is embedded from."""
    return normalize(claim)


def normalize(value: str) -> str:
    return text.normalize(value)


def external_document(record_id: int, fields: dict[str, Any], vector=None) -> Document:
    """The index document of an imported ClaimReview (cleaned fields)."""
    claim, context = claimreview.searchable(fields)
    return Document("external", record_id, claim, context, vector)


def verified_document(annotation_id: int, claim: str, quote: str, vector=None) -> Document:
    """The index document of one of our verified annotations: the restated claim and the quote."""
    return Document("verified", annotation_id, claim or quote, quote, vector)


def with_vectors(documents: list[Document]) -> list[Document]:
    """Return the documents with their embeddings computed where missing."""
    missing = [d for d in documents if d.vector is None]
    vectors = embedding.embed([semantic_text(d.claim, d.context) for d in missing])
    filled = iter(vectors)
    return [d if d.vector is not None else dataclasses.replace(d, vector=next(filled)) for d in documents]


def index_documents(index: KnownClaimIndex, documents: list[Document], batch: int = 2000) -> None:
    for start in range(0, len(documents), batch):
        index.add(with_vectors(documents[start : start + batch]))


# Below this fused score a match by meaning is noise (on the CLEF development split most
# right answers score above it, few wrong ones do); the article's list and the search page
# show what reaches it.
SUGGEST = 0.15


def similar(index: KnownClaimIndex, query: str, *, kind: str = "all", limit: int = 10,
            tuning: Tuning | None = None) -> list[tuple[str, int, float]]:
    """Rank the known claims against query text; best first, score in [0, 1]."""
    lexical_query = text.normalize(query, drop_signature=False)
    vector = embedding.embed([text.normalize(query)])[0]
    if tuning is not None:
        saved, index.tuning = index.tuning, tuning
        try:
            return index.search(lexical_query, vector, kind=kind, limit=limit)
        finally:
            index.tuning = saved
    return index.search(lexical_query, vector, kind=kind, limit=limit)
