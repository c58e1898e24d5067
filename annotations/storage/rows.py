"""Insert rows and their history rows: one statement per annotation, COPY for many rows."""

import functools
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import connections, models, router
from django.utils import timezone

from annotations.models import Annotation

from .history import CREATED, copy_sql

BATCH = 1000


def one_statement_writes() -> bool:
    """Whether insert_annotation writes with one statement (which is a transaction of its own)."""
    return connections[router.db_for_write(Annotation)].vendor == "postgresql"


def _fields(model, *, without: tuple[str, ...] = ()) -> list:
    return [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in without]


def _values(obj, fields, connection) -> list:
    # pre_save fills auto_now(_add) fields on the object, as save() would.
    return [field.get_db_prep_save(field.pre_save(obj, True), connection) for field in fields]


# Fields whose attribute COPY takes as it is (psycopg adapts it by its Python type): they
# need neither pre_save (auto_now) nor a conversion (JSON).
_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)


def _copy_values(obj, fields, connection) -> list:
    return [
        getattr(obj, attname) if attname else field.get_db_prep_save(field.pre_save(obj, True), connection)
        for field, attname in _copy_plan(tuple(fields))
    ]


@functools.cache
def _copy_plan(fields: tuple) -> list[tuple]:
    plain = [isinstance(field, _PLAIN) and not isinstance(field, models.JSONField) for field in fields]
    return [(field, field.attname if simple else "") for field, simple in zip(fields, plain, strict=True)]


def _stored(obj, pk, alias: str) -> None:
    obj.pk = pk
    obj._state.adding, obj._state.db = False, alias


@functools.cache
def _row_plan(fields: tuple) -> list[tuple]:
    """(field, attname, stamped, plain) per field: stamped ones get the time, as pre_save gives it."""
    return [
        (field, field.attname, getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False),
         bool(attname))
        for field, attname in _copy_plan(fields)
    ]


def _row_values(row: Mapping[str, Any], fields, connection, now) -> list:
    """A row given as {attname: value} in COPY's columns; what it leaves out gets the model's default."""
    values = []
    for field, name, stamped, plain in _row_plan(tuple(fields)):
        value = now if stamped else row[name] if name in row else field.get_default()
        values.append(value if plain else field.get_db_prep_save(value, connection))
    return values


def insert_with_history(objs: Sequence, model, *, user, reason: str, now=None) -> None:
    """Insert the new objects (setting their ids), then copy their rows into the history table."""
    if not objs:
        return
    alias = router.db_for_write(model)
    connection = connections[alias]
    now = now or timezone.now()
    if connection.vendor == "postgresql":
        fields = _fields(model)
        ids = _copy(model, connection, [_copy_values(obj, fields, connection) for obj in objs])
        for obj, pk in zip(objs, ids, strict=True):
            _stored(obj, pk, alias)
    else:
        model.objects.bulk_create(objs, batch_size=BATCH)
        ids = [obj.pk for obj in objs]
    _copy_history(model, connection, ids, user=user, reason=reason, now=now)


def insert_rows_with_history(rows: Sequence[Mapping[str, Any]], model, *, user, reason: str) -> list[int]:
    """Insert rows given as {attname: value} (defaults fill the rest) with history; return their ids.

    The same rows as insert_with_history would write for model instances holding these
    values, without building the instances on PostgreSQL.
    """
    if not rows:
        return []
    connection = connections[router.db_for_write(model)]
    now = timezone.now()
    if connection.vendor == "postgresql":
        fields = _fields(model)
        ids = _copy(model, connection, [_row_values(row, fields, connection, now) for row in rows])
    else:
        objs = model.objects.bulk_create([model(**row) for row in rows], batch_size=BATCH)
        ids = [obj.pk for obj in objs]
    _copy_history(model, connection, ids, user=user, reason=reason, now=now)
    return ids


def _copy_history(model, connection, ids: list[int], *, user, reason: str, now) -> None:
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    copy = copy_sql(model, connection, table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"{copy} WHERE {pk} = ANY(%s)", [now, reason, CREATED, user.pk, ids])
            return
        for at in range(0, len(ids), BATCH):
            chunk = ids[at:at + BATCH]
            cursor.execute(
                f"{copy} WHERE {pk} IN ({', '.join(['%s'] * len(chunk))})",
                [now, reason, CREATED, user.pk, *chunk],
            )


def _copy(model, connection, rows: Sequence[list]) -> list[int]:
    """COPY the rows (values in _fields order) into model's table under ids drawn from its sequence."""
    quote = connection.ops.quote_name
    table, pk = model._meta.db_table, model._meta.pk.column
    fields = _fields(model)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk, len(rows)],
        )
        ids = sorted(row[0] for row in cursor.fetchall())
        columns = ", ".join(quote(column) for column in [pk, *(f.column for f in fields)])
        with cursor.cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy:
            for row, pk_value in zip(rows, ids, strict=True):
                copy.write_row([pk_value, *row])
    return ids


def insert_annotation(annotation: Annotation, children: Sequence[tuple[type, Sequence]], *,
                      user, reason: str = "created", child_reason: str = "") -> None:
    """Insert a new annotation and its new children ((model, objects) pairs), with history rows.

    On PostgreSQL one statement writes all of them (data-modifying CTEs); elsewhere the
    caller's transaction holds an insert per table and an INSERT ... SELECT per history table.
    """
    alias = router.db_for_write(Annotation)
    connection = connections[alias]
    # Each table's history rows get their own time, read in the order of the writes, as
    # separate saves would record them (history pages list the newest first).
    if connection.vendor != "postgresql":
        insert_with_history([annotation], Annotation, user=user, reason=reason)
        for model, objs in children:
            for obj in objs:
                obj.annotation = annotation
            insert_with_history(objs, model, user=user, reason=child_reason)
        return
    quote = connection.ops.quote_name

    def columns(fields) -> str:
        return ", ".join(quote(field.column) for field in fields)

    pk = quote(Annotation._meta.pk.column)
    fields = _fields(Annotation)
    params = _values(annotation, fields, connection)
    ctes = [
        f"a AS (INSERT INTO {quote(Annotation._meta.db_table)} ({columns(fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))}) RETURNING *)",
        f"ha AS ({copy_sql(Annotation, connection, 'a')})",
    ]
    params += [timezone.now(), reason, CREATED, user.pk]
    written = []
    for model, objs in children:
        if not objs:
            continue
        # One INSERT ... SELECT per table, in the order of the items: ids follow it. Each
        # column's values go as one array, so the statement is the same whatever the number
        # of items (prepared once) and psycopg keeps its parsed form (it does up to 50 values).
        parent = model._meta.get_field("annotation")
        fields = _fields(model, without=("annotation",))
        now = timezone.now()
        name, child_pk = f"c{len(written)}", quote(model._meta.pk.column)
        rows = [_values(obj, fields, connection) for obj in objs]
        params += [list(values) for values in zip(*rows, strict=True)]
        arrays = ", ".join(f"%s::{field.cast_db_type(connection)}[]" for field in fields)
        names = ", ".join(f"v{n}" for n in range(len(fields)))
        ctes.append(
            f"{name} AS (INSERT INTO {quote(model._meta.db_table)} ({quote(parent.column)}, "
            f"{columns(fields)}) SELECT a.{pk}, {names} FROM a, unnest({arrays}) WITH ORDINALITY "
            f"AS v({names}, ord) ORDER BY v.ord RETURNING *)"
        )
        ctes.append(f"h{name} AS ({copy_sql(model, connection, name)} ORDER BY {child_pk})")
        params += [now, child_reason, CREATED, user.pk]
        written.append((name, objs, child_pk))
    selected = ", ".join([
        f"(SELECT {pk} FROM a)",
        *(f"ARRAY(SELECT {child_pk} FROM {name} ORDER BY {child_pk})" for name, _, child_pk in written),
    ])
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(ctes)} SELECT {selected}", params)
        ids = cursor.fetchone()
    _stored(annotation, ids[0], alias)
    for (_, objs, _), child_ids in zip(written, ids[1:], strict=True):
        for obj, child_id in zip(objs, child_ids, strict=True):
            obj.annotation = annotation
            _stored(obj, child_id, alias)
