"""COPY on PostgreSQL: the one way many rows go in where people wait for them.

Bulk annotation creates (annotations/storage) and ClaimReview imports (matching/storage)
both write through these two functions; exports stream the other way (exports/).
"""

from collections.abc import Iterable, Sequence

# A text column's value that is already a str (or None) is what Django would send: it is
# passed as it is; every other value goes through its field's own preparation.
TEXT_TYPES = ("CharField", "TextField")


def draw_ids(cursor, table: str, pk_column: str, count: int) -> list[int]:
    """Take `count` ids from the table's own sequence, so later single inserts never collide."""
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
        [table, pk_column, count],
    )
    return sorted(pk for (pk,) in cursor.fetchall())


def copy_rows(cursor, connection, table: str, fields: Sequence, objects: Iterable) -> None:
    """COPY the `fields` of each object (attribute `attname`) into `table`."""
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    plain = [field.get_internal_type() in TEXT_TYPES for field in fields]
    with cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
        for obj in objects:
            row = []
            for field, is_text in zip(fields, plain, strict=True):
                value = getattr(obj, field.attname)
                if not (is_text and (value is None or type(value) is str)):
                    value = field.get_db_prep_save(value, connection)
                row.append(value)
            copy.write_row(row)
