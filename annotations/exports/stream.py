"""Streaming the exports of verified claims, each format registered by identifier (EXPORTERS).

Every format streams text stored at publish time (publishing): JSON Lines the public
JSON, CSV and ClaimReview their records stored with it (PublishedRecords), with the few parts that depend
on the request (the public URL) or on the settings (the organization) put in by the
database. Nothing is parsed or rendered per claim, and an export of any size runs in flat
memory, a chunk at a time.
"""

import json
import struct
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import DatabaseError, connections
from django.db.models import CharField, F, QuerySet, TextField, Value
from django.db.models.expressions import Expression
from django.db.models.functions import Cast, Concat

from annotations.publishing.models import PublishedClaim

from . import claimreview, tabular

CHUNK_SIZE = 2000
# A COPY streams one message per claim; they are sent on in blocks of about this size.
COPY_BLOCK_BYTES = 256 * 1024

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


def _lines(published: QuerySet[PublishedClaim], line: Expression) -> QuerySet:
    return published.order_by("pk").annotate(line=line).values_list("pk", "line")


def joined_lines(published: QuerySet[PublishedClaim], line: Expression, *, end: str = "\n",
                 chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """Yield the `line` of every claim followed by `end`, in id order, chunk_size lines at a time.

    On PostgreSQL the database joins each chunk (string_agg over a keyset page), so Python
    handles one string per chunk rather than one per claim; elsewhere the lines are joined
    here. No chunk is empty.
    """
    connection = connections[published.db]
    if connection.vendor != "postgresql":
        chunk = []
        for _, text in _lines(published, line).iterator(chunk_size):
            chunk.append(text)
            if len(chunk) == chunk_size:
                yield (end.join(chunk) + end).encode()
                chunk = []
        if chunk:
            yield (end.join(chunk) + end).encode()
        return
    last = 0
    with connection.cursor() as cursor:
        while True:
            page = _lines(published.filter(pk__gt=last), line)[:chunk_size]
            try:
                sql, params = page.query.sql_with_params()
            except EmptyResultSet:  # a filter that matches nothing (e.g. review_state=draft)
                return
            cursor.execute(
                f"SELECT count(*), max(page.col1), string_agg(page.col2, %s ORDER BY page.col1) "
                f"FROM ({sql}) AS page (col1, col2)",
                (end, *params),
            )
            count, last, text = cursor.fetchone()
            if count:
                yield (text + end).encode()
            if count < chunk_size:  # the last page: no query to find it empty
                return


# COPY's CSV format writes a value as it is unless it holds the delimiter, the quote
# character or a line break. A JSON text holds none of these: it escapes every control
# character, so each line that COPY sends is the stored text followed by "\n".
COPY_LINES = "COPY ({}) TO STDOUT (FORMAT csv, DELIMITER E'\\x1f', QUOTE E'\\x1e')"


def copied_lines(published: QuerySet[PublishedClaim], line: Expression) -> Iterator[bytes]:
    """Yield the `line` of every claim followed by "\\n", in id order, as PostgreSQL's COPY sends them.

    For lines of JSON only (see COPY_LINES); one statement, streamed by the server, its
    bytes passed on as they come in blocks of about COPY_BLOCK_BYTES. No block is empty.
    """
    return _copied(published, line, COPY_LINES, records=iter)


def _copied(published: QuerySet[PublishedClaim], line: Expression, statement: str, *,
            records: Callable[[Iterable[bytes | memoryview]], Iterable[bytes | memoryview]],
            ) -> Iterator[bytes]:
    """Run COPY `statement` around the query of each claim's `line`; yield its records in blocks."""
    connection = connections[published.db]
    try:
        sql, params = published.order_by("pk").annotate(line=line).values_list("line").query.sql_with_params()
    except EmptyResultSet:
        return
    statement = statement.format(sql)
    started = time.monotonic()
    with connection.cursor() as cursor, cursor.cursor.copy(statement, params) as copy:
        block, size = [], 0
        for record in records(copy):
            block.append(record)
            size += len(record)
            if size >= COPY_BLOCK_BYTES:
                yield b"".join(block)
                block, size = [], 0
        if block:
            yield b"".join(block)
    if connection.queries_logged:  # as Django's debug cursor records what it runs
        connection.queries_log.append(
            {"sql": statement, "time": f"{time.monotonic() - started:.3f}"}
        )


STORED_FIELDS = ("csv_head", "csv_tail", "claimreview_claim", "claimreview_tail")


def stored_records(claim: dict[str, Any]) -> dict[str, str]:
    """Return the PublishedClaim fields that hold the export records of a public claim."""
    csv_head, csv_tail = tabular.csv_parts(claim)
    claimreview_claim, claimreview_tail = claimreview.stored_parts(claim)
    return dict(zip(STORED_FIELDS, (csv_head, csv_tail, claimreview_claim, claimreview_tail), strict=True))


COPY_BINARY = "COPY ({}) TO STDOUT (FORMAT binary)"
BINARY_SIGNATURE = b"PGCOPY\n\xff\r\n\x00"
FIELD = struct.Struct("!hi")  # a tuple's field count, then its one field's length


def binary_records(messages: Iterable[bytes | memoryview]) -> Iterator[bytes]:
    """Yield the one text field of each tuple of a binary COPY stream, as its bytes.

    Parses PostgreSQL's binary COPY format (a signature and header, then per tuple a
    field count and each field's length and bytes, then -1) whatever the stream's
    framing into messages.
    """
    buffer = bytearray()
    header = finished = False
    for message in messages:
        if finished:  # read the stream to its end, so that the connection is free again
            continue
        buffer += message
        position = 0
        if not header:
            if len(buffer) < 19:
                continue
            if buffer[:11] != BINARY_SIGNATURE:
                raise ValueError("not a binary COPY stream")
            position = 19 + int.from_bytes(buffer[15:19], "big")
            header = True
        while len(buffer) - position >= 2:
            if buffer[position:position + 2] == b"\xff\xff":  # the trailer
                finished = True
                break
            if len(buffer) - position < FIELD.size:
                break
            fields, length = FIELD.unpack_from(buffer, position)
            if fields != 1 or length < 0:
                raise ValueError("expected one text field that is not null per tuple")
            end = position + FIELD.size + length
            if end > len(buffer):
                break
            yield bytes(buffer[position + FIELD.size:end])
            position = end
        del buffer[:position]


def copied_records(published: QuerySet[PublishedClaim], line: Expression) -> Iterator[bytes]:
    """Yield the `line` of every claim as it is, in id order, as PostgreSQL's binary COPY sends them.

    For lines of any text (CSV rows hold line breaks); joined in blocks of about
    COPY_BLOCK_BYTES. No block is empty.
    """
    return _copied(published, line, COPY_BINARY, records=binary_records)


def _text(value: str) -> Value:
    return Value(value, output_field=TextField())


def _id() -> Cast:
    return Cast("pk", CharField())


def jsonl_line(base_url: str) -> Expression:
    return F("data")


def csv_line(base_url: str) -> Expression:
    return Concat(
        "records__csv_head", _text(tabular.csv_url_prefix(base_url)), _id(), _text('/"'),
        "records__csv_tail",
        output_field=TextField(),
    )


def claimreview_line(base_url: str) -> Expression:
    return Concat(
        _text(claimreview.OPENING + claimreview.url_prefix(base_url)), _id(),
        _text('/","claimReviewed":'), "records__claimreview_claim",
        _text(',"author":' + claimreview.author_json() + ","), "records__claimreview_tail",
        output_field=TextField(),
    )


def longer_statements(alias: str, chunks: Iterable[bytes]) -> Iterator[bytes]:
    """Yield the chunks with the connection's statement_timeout raised for the export.

    Web requests run under DATABASE_STATEMENT_TIMEOUT (a startup option of the connection);
    a whole export is one long COPY, so it gets DATABASE_EXPORT_STATEMENT_TIMEOUT instead,
    and RESET puts the connection back to its own bound afterwards (or when the client leaves).
    """
    connection = connections[alias]
    if "statement_timeout" not in connection.settings_dict.get("OPTIONS", {}).get("options", ""):
        yield from chunks  # no bound to lift (commands, or bound turned off)
        return
    milliseconds = int(settings.DATABASE_EXPORT_STATEMENT_TIMEOUT * 1000)
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('statement_timeout', %s, false)", [str(milliseconds)])
    try:
        yield from chunks
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute("RESET statement_timeout")
        except DatabaseError:
            pass  # a broken connection is closed and replaced anyway


@dataclass(frozen=True)
class Exporter:
    identifier: str
    media_type: str
    extension: str
    # The text of one claim's record in this format, as a database expression.
    line: Callable[[str], Expression]
    stream: Callable[..., Iterator[bytes]]
    # What follows each record; "" where the record ends its own line (CSV: "\r\n").
    end: str = "\n"

    def export(self, published: QuerySet[PublishedClaim], base_url: str, **options) -> Iterator[bytes]:
        """Stream the published claims, ordered by id, in this format."""
        line = self.line(base_url)
        if connections[published.db].vendor != "postgresql":
            chunks = joined_lines(published, line, end=self.end)
        elif self.end == "\n":
            chunks = longer_statements(published.db, copied_lines(published, line))
        else:
            chunks = longer_statements(published.db, copied_records(published, line))
        return self.stream(chunks, base_url, **options)

    def filename(self, stem: str) -> str:
        return f"{stem}.{self.extension}"


EXPORTERS = {
    exporter.identifier: exporter
    for exporter in (
        Exporter("jsonl", tabular.JSONL_MEDIA_TYPE, "jsonl", jsonl_line, tabular.stream_jsonl),
        Exporter("csv", tabular.CSV_MEDIA_TYPE, "csv", csv_line, tabular.stream_csv, end=""),
        Exporter(
            "claimreview", claimreview.MEDIA_TYPE, "claimreview.json", claimreview_line,
            claimreview.stream_claimreviews,
        ),
    )
}
