"""COPY on PostgreSQL: the one way many rows go in where people wait for them.

Bulk annotation creates (annotations/storage) and ClaimReview imports (matching/storage)
both write through these two functions; exports stream the other way (exports/).
"""

from collections.abc import Iterable, Sequence

# Fields whose value psycopg adapts as Django would send it (str, int, bool, date, aware
# datetime, None): passed as they are. Every other value (JSON, say) goes through its
# field's own preparation.
PLAIN_TYPES = frozenset({
    "CharField", "TextField", "IntegerField", "PositiveIntegerField", "BigIntegerField",
    "SmallIntegerField", "PositiveSmallIntegerField", "BooleanField", "ForeignKey", "AutoField",
    "BigAutoField", "DateField", "DateTimeField",
})


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
    prepared = [(field.attname, field.get_internal_type() not in PLAIN_TYPES and field) for field in fields]
    with cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
        for obj in objects:
            copy.write_row([
                field.get_db_prep_save(getattr(obj, name), connection) if field else getattr(obj, name)
                for name, field in prepared
            ])
