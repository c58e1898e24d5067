"""Export formats for verified claims: one small module each, registered here by identifier.

Every format streams the stored public JSON of the published claims (publishing), a
chunk at a time, so an export of any size runs in flat memory; JSON Lines writes the
stored text as it is.
"""

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
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


def joined_text_chunks(published: QuerySet[PublishedClaim], chunk_size: int = CHUNK_SIZE) -> Texts:
    """Yield the stored JSON texts of chunk_size claims joined by newlines, in id order.

    On PostgreSQL the database joins each chunk (string_agg over a keyset page), so Python
    handles one string per chunk rather than one per claim; elsewhere the texts are joined
    here. Either way the result is the stored texts as they are.
    """
    connection = connections[published.db]
    if connection.vendor != "postgresql":
        for chunk in text_chunks(published, chunk_size):
            yield ["\n".join(chunk)]
        return
    last = 0
    with connection.cursor() as cursor:
        while True:
            page = published.filter(pk__gt=last).order_by("pk").values_list("pk", "data")[:chunk_size]
            try:
                sql, params = page.query.sql_with_params()
            except EmptyResultSet:  # a filter that matches nothing (e.g. review_state=draft)
                return
            cursor.execute(
                f"SELECT count(*), max(page.col1), string_agg(page.col2, E'\\n' ORDER BY page.col1) "
                f"FROM ({sql}) AS page (col1, col2)",
                params,
            )
            count, last, text = cursor.fetchone()
            if count:
                yield [text]
            if count < chunk_size:  # the last page: no query to find it empty
                return


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
        chunks = joined_text_chunks(published) if self.raw else claim_chunks(published)
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
