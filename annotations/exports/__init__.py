"""Export formats for verified claims: one small module each, registered here by identifier.

Every format streams bytes from chunks of plain claim dicts (presenters.claim_dict, or the
equal dicts of rows.claim_chunks), so an export of any size runs in flat memory.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from annotations.models import Annotation

from . import claimreview, rows, tabular

Chunks = Iterable[list[dict[str, Any]]]


@dataclass(frozen=True)
class Exporter:
    identifier: str
    media_type: str
    extension: str
    stream: Callable[[Chunks, str], Iterator[bytes]]
    # Streams straight from a queryset on PostgreSQL, which then builds the output itself.
    postgresql_stream: Callable[[QuerySet[Annotation], str], Iterator[bytes]] | None = None

    def export(self, annotations: QuerySet[Annotation], base_url: str) -> Iterator[bytes]:
        """Stream the annotations, ordered by id, in this format."""
        if self.postgresql_stream is not None and connection.vendor == "postgresql":
            return self.postgresql_stream(annotations, base_url)
        return self.stream(rows.claim_chunks(annotations), base_url)

    def filename(self, stem: str) -> str:
        return f"{stem}.{self.extension}"


EXPORTERS = {
    exporter.identifier: exporter
    for exporter in (
        Exporter(
            "jsonl", tabular.JSONL_MEDIA_TYPE, "jsonl", tabular.stream_jsonl,
            postgresql_stream=tabular.stream_jsonl_postgresql,
        ),
        Exporter("csv", tabular.CSV_MEDIA_TYPE, "csv", tabular.stream_csv),
        Exporter(
            "claimreview", claimreview.MEDIA_TYPE, "claimreview.json",
            claimreview.stream_claimreviews,
        ),
    )
}
