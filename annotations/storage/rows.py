"""Write planned annotations, their attributions and evidence, and a history row for each.

`orm_insert` is the reference: the ORM's bulk inserts and django-simple-history's
`bulk_history_create`. PostgreSQL writes the same rows faster: a few annotations with one
statement per table (`statement_insert`: the rows as one array per column, inserted and
copied into the history table together), many with COPY (`copy_insert`: its fixed cost
per table, about a millisecond, pays off from COPY_FROM annotations). tests/test_storage.py
runs each on the same plans as the reference and compares what they stored.
"""

import functools
from collections.abc import Sequence

from django.db import connections, router
from django.utils import timezone

from annotations.copyrows import copy_rows, draw_ids
from annotations.models import Annotation, Attribution, Evidence

from .history import CREATED, copy_sql

BATCH = 1000
COPY_FROM = 50


def _tables(plans: Sequence) -> list[tuple]:
    """(model, history reason, new objects) per table, in the order they are written."""
    return [
        (Annotation, "created", [plan.annotation for plan in plans]),
        (Attribution, "", [child for plan in plans for child in plan.attributions]),
        (Evidence, "", [child for plan in plans for child in plan.evidence]),
    ]


def insert_annotations(plans: Sequence, *, user) -> None:
    """Store the plans (planning.AnnotationPlan), setting every new object's id."""
    if connections[router.db_for_write(Annotation)].vendor != "postgresql":
        orm_insert(plans, user=user)
    elif len(plans) < COPY_FROM:
        statement_insert(plans, user=user)
    else:
        copy_insert(plans, user=user)


def orm_insert(plans: Sequence, *, user) -> None:
    # Each table's history rows get their own time, in the order of the writes, as separate
    # saves would record them (history pages list the newest first).
    for model, reason, objs in _tables(plans):
        if objs:
            model.objects.bulk_create(objs, batch_size=BATCH)
            _history(model).bulk_history_create(
                objs, batch_size=BATCH, default_user=user, default_change_reason=reason,
                default_date=timezone.now(),
            )


@functools.cache
def _history(model):
    """model.history: django-simple-history builds the manager's class on every access."""
    return model.history


def _prepared(objs, fields) -> None:
    """Give the objects what save() would before writing: parents' ids and the times."""
    parents = [field for field in fields if field.is_relation]
    stamped = [field for field in fields
               if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)]
    for obj in objs:
        for field in parents:
            if field.is_cached(obj):
                setattr(obj, field.attname, getattr(obj, field.name).pk)  # a parent stored just now
        for field in stamped:
            field.pre_save(obj, True)  # created_at, updated_at


def _stored(objs, ids, alias: str) -> None:
    for obj, pk in zip(objs, ids, strict=True):
        obj.pk = pk
        obj._state.adding, obj._state.db = False, alias


def _fields(model) -> list:
    return [field for field in model._meta.concrete_fields if not field.primary_key]


def copy_insert(plans: Sequence, *, user) -> None:
    alias = router.db_for_write(Annotation)
    connection = connections[alias]
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model, reason, objs in _tables(plans):
            if not objs:
                continue
            meta, fields = model._meta, _fields(model)
            _prepared(objs, fields)
            ids = draw_ids(cursor, meta.db_table, meta.pk.column, len(objs))
            _stored(objs, ids, alias)
            copy_rows(cursor, connection, meta.db_table, [meta.pk, *fields], objs)
            history = copy_sql(model, connection, quote(meta.db_table))
            cursor.execute(f"{history} WHERE {quote(meta.pk.column)} = ANY(%s)",
                           [timezone.now(), reason, CREATED, user.pk, ids])


def statement_insert(plans: Sequence, *, user) -> None:
    alias = router.db_for_write(Annotation)
    connection = connections[alias]
    with connection.cursor() as cursor:
        for model, reason, objs in _tables(plans):
            if not objs:
                continue
            fields = _fields(model)
            _prepared(objs, fields)
            # One array per column: the statement is the same for any number of rows, so
            # PostgreSQL prepares it once.
            columns = [[field.get_db_prep_save(getattr(obj, field.attname), connection) for obj in objs]
                       for field in fields]
            cursor.execute(_insert_sql(model, connection),
                           [*columns, timezone.now(), reason, CREATED, user.pk])
            _stored(objs, sorted(pk for (pk,) in cursor.fetchall()), alias)


@functools.cache
def _insert_sql(model, connection) -> str:
    """INSERT of rows given as arrays, in their order, and of their history rows; returns the ids."""
    quote = connection.ops.quote_name
    fields = _fields(model)
    names = ", ".join(f"v{n}" for n in range(len(fields)))
    arrays = ", ".join(f"%s::{field.cast_db_type(connection)}[]" for field in fields)
    return (
        f"WITH new AS (INSERT INTO {quote(model._meta.db_table)} "
        f"({', '.join(quote(field.column) for field in fields)}) SELECT {names} FROM unnest({arrays}) "
        f"WITH ORDINALITY AS v({names}, ord) ORDER BY v.ord RETURNING *) "
        f"{copy_sql(model, connection, 'new')} RETURNING {quote(model._meta.pk.column)}"
    )
