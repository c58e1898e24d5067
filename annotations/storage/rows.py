"""Write planned annotations, their attributions and evidence, and a history row for each.

`orm_insert` is the reference: the ORM's bulk inserts and django-simple-history's
`bulk_history_create`. `copy_insert` writes the same rows on PostgreSQL with COPY and
one `INSERT ... SELECT` per history table; tests/test_storage.py runs both on the same
plans and compares what they stored.
"""

from collections.abc import Sequence

from django.db import connections, router
from django.utils import timezone

from annotations.copyrows import copy_rows, draw_ids
from annotations.models import Annotation, Attribution, Evidence

from .history import CREATED, copy_sql

BATCH = 1000
# Below this many annotations a statement per table is as quick as COPY (which draws its ids first).
COPY_FROM = 20


def _tables(plans: Sequence) -> list[tuple]:
    """(model, history reason, new objects) per table, in the order they are written."""
    return [
        (Annotation, "created", [plan.annotation for plan in plans]),
        (Attribution, "", [child for plan in plans for child in plan.attributions]),
        (Evidence, "", [child for plan in plans for child in plan.evidence]),
    ]


def insert_annotations(plans: Sequence, *, user) -> None:
    """Store the plans (planning.AnnotationPlan), setting every new object's id."""
    connection = connections[router.db_for_write(Annotation)]
    if connection.vendor == "postgresql" and len(plans) >= COPY_FROM:
        copy_insert(plans, user=user)
    else:
        orm_insert(plans, user=user)


def orm_insert(plans: Sequence, *, user) -> None:
    # Each table's history rows get their own time, in the order of the writes, as separate
    # saves would record them (history pages list the newest first).
    for model, reason, objs in _tables(plans):
        if objs:
            model.objects.bulk_create(objs, batch_size=BATCH)
            model.history.bulk_history_create(
                objs, batch_size=BATCH, default_user=user, default_change_reason=reason,
                default_date=timezone.now(),
            )


def copy_insert(plans: Sequence, *, user) -> None:
    alias = router.db_for_write(Annotation)
    connection = connections[alias]
    with connection.cursor() as cursor:
        for model, reason, objs in _tables(plans):
            if not objs:
                continue
            meta = model._meta
            fields = [field for field in meta.concrete_fields if not field.primary_key]
            for obj in objs:
                for field in fields:
                    if field.is_relation and field.is_cached(obj):
                        setattr(obj, field.attname, getattr(obj, field.name).pk)  # a parent stored just now
                    field.pre_save(obj, True)  # created_at, updated_at, as save() sets them
            ids = draw_ids(cursor, meta.db_table, meta.pk.column, len(objs))
            for obj, pk in zip(objs, ids, strict=True):
                obj.pk = pk
                obj._state.adding, obj._state.db = False, alias
            copy_rows(cursor, connection, meta.db_table, [meta.pk, *fields], objs)
            cursor.execute(
                f"{copy_sql(model, connection, connection.ops.quote_name(meta.db_table))} "
                f"WHERE {connection.ops.quote_name(meta.pk.column)} = ANY(%s)",
                [timezone.now(), reason, CREATED, user.pk, ids],
            )
