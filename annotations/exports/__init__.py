"""Export formats for verified claims: one small module each, registered here by identifier.

Every format streams the stored public JSON of the published claims (publishing), a
chunk at a time, so an export of any size runs in flat memory; JSON Lines writes the
stored text as it is.
"""

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from annotations.publishing.models import PublishedClaim

from . import claimreview, tabular

CHUNK_SIZE = 2000

Texts = Iterable[list[str]]
Chunks = Iterable[list[dict[str, Any]]]


def text_chunks(published: QuerySet[PublishedClaim], chunk_size: int = CHUNK_SIZE) -> Texts:
    """Yield lists of stored public JSON texts, in id order."""
    chunk = []
    for data in published.order_by("pk").values_list("data", flat=True).iterator(chunk_size):
        chunk.append(data)
        if len(chunk) == chunk_size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def claim_chunks(published: QuerySet[PublishedClaim], chunk_size: int = CHUNK_SIZE) -> Chunks:
    """Yield lists of public claim dicts, in id order."""
    loads = json.JSONDecoder().decode
    for chunk in text_chunks(published, chunk_size):
        yield [loads(text) for text in chunk]


@dataclass(frozen=True)
class Exporter:
    identifier: str
    media_type: str
    extension: str
    stream: Callable[..., Iterator[bytes]]
    # The format writes the stored JSON texts as they are, without parsing them.
    raw: bool = False

    def export(self, published: QuerySet[PublishedClaim], base_url: str, **options) -> Iterator[bytes]:
        """Stream the published claims, ordered by id, in this format."""
        chunks = text_chunks(published) if self.raw else claim_chunks(published)
        return self.stream(chunks, base_url, **options)

    def filename(self, stem: str) -> str:
        return f"{stem}.{self.extension}"


EXPORTERS = {
    exporter.identifier: exporter
    for exporter in (
        Exporter("jsonl", tabular.JSONL_MEDIA_TYPE, "jsonl", tabular.stream_jsonl, raw=True),
        Exporter("csv", tabular.CSV_MEDIA_TYPE, "csv", tabular.stream_csv),
        Exporter(
            "claimreview", claimreview.MEDIA_TYPE, "claimreview.json",
            claimreview.stream_claimreviews,
        ),
    )
}
