"""Many rows at once: ``COPY`` on PostgreSQL, ``bulk_create`` elsewhere; the same rows either way.

An import of thousands of ClaimReviews spends most of its time in the database driver
when Django's bulk insert quotes every value into the statement; ``COPY`` streams the rows
instead (5,000 reviews and their index rows: about 4 s down to well under one on the bench).
"""

from django.db import connection, transaction

from annotations.copyrows import copy_rows, draw_ids

from .models import ClaimReviewRecord, KnownClaim

INDEX_FIELDS = ["claim", "context", "vector", "active", "changed_at"]
# Below this many rows a plain statement is as quick and needs no staging table.
COPY_MIN_ROWS = 10


def _copyable(rows: list) -> bool:
    return connection.vendor == "postgresql" and len(rows) >= COPY_MIN_ROWS


def records_insert(records: list[ClaimReviewRecord]) -> None:
    """Insert new records and set their ids."""
    if not _copyable(records):
        ClaimReviewRecord.objects.bulk_create(records, batch_size=1000)
        return
    meta = ClaimReviewRecord._meta
    with transaction.atomic(), connection.cursor() as cursor:
        for record, pk in zip(records, draw_ids(cursor, meta.db_table, meta.pk.column, len(records)),
                              strict=True):
            record.pk = pk
        copy_rows(cursor, connection, meta.db_table, list(meta.concrete_fields), records)


def records_update(records: list[ClaimReviewRecord], names: list[str]) -> None:
    """Write the named fields of existing records (Django's bulk update is one CASE per field and row)."""
    if not _copyable(records):
        ClaimReviewRecord.objects.bulk_update(records, names, batch_size=1000)
        return
    meta = ClaimReviewRecord._meta
    quote = connection.ops.quote_name
    fields = [meta.pk, *(meta.get_field(name) for name in names)]
    table, pk = quote(meta.db_table), quote(meta.pk.column)
    updates = ", ".join(f"{quote(field.column)} = s.{quote(field.column)}" for field in fields[1:])
    _through_stage(
        "matching_record_stage", table, fields, records,
        lambda stage, columns: f"UPDATE {table} AS t SET {updates} FROM {stage} AS s WHERE t.{pk} = s.{pk}",
    )


def index_rows_upsert(rows: list[KnownClaim]) -> None:
    """Insert index rows, or update the row of the same kind and id."""
    if not _copyable(rows):
        KnownClaim.objects.bulk_create(
            rows, batch_size=1000, update_conflicts=True, unique_fields=["kind", "ref_id"],
            update_fields=INDEX_FIELDS,
        )
        return
    meta = KnownClaim._meta
    quote = connection.ops.quote_name
    fields = [meta.get_field(name) for name in ["kind", "ref_id", *INDEX_FIELDS]]
    table = quote(meta.db_table)
    updates = ", ".join(
        f"{quote(meta.get_field(name).column)} = EXCLUDED.{quote(meta.get_field(name).column)}"
        for name in INDEX_FIELDS
    )
    _through_stage(
        "matching_knownclaim_stage", table, fields, rows,
        lambda stage, columns: (
            f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {stage} "
            f"ON CONFLICT ({quote('kind')}, {quote('ref_id')}) DO UPDATE SET {updates}"
        ),
    )


def index_vectors_update(rows: list[KnownClaim]) -> None:
    """Write the vectors of index rows embedded after they were stored."""
    KnownClaim.objects.bulk_update(rows, ["vector", "changed_at"], batch_size=1000)


def _through_stage(stage_name: str, table: str, fields: list, rows: list, statement) -> None:
    """COPY rows into a staging table with table's columns for fields, then run statement(stage, columns)."""
    quote = connection.ops.quote_name
    stage = quote(stage_name)
    columns = ", ".join(quote(field.column) for field in fields)
    # The staging table lives until the end of the transaction.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMPORARY TABLE IF NOT EXISTS {stage} ON COMMIT DROP AS "
            f"SELECT {columns} FROM {table} WITH NO DATA"
        )
        copy_rows(cursor, connection, stage_name, fields, rows)
        cursor.execute(statement(stage, columns))
        cursor.execute(f"TRUNCATE {stage}")
