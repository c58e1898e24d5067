"""Create many annotations at once, each planned as a single create is.

Every item goes through `planning.plan_annotation`, the path of a single create; the
plans are then stored together (`storage.insert_annotations`: COPY on PostgreSQL). All
or nothing by default: one invalid item and nothing is stored.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from annotations import planning, rules, services, storage
from annotations.live import announce as live

MAX_ITEMS = 10_000
# Attributions and evidence in one request, all items together: ten per item on average,
# about three times what realistic annotations carry, so a full request stays seconds of work.
MAX_CHILDREN = 100_000


@dataclass
class BulkOutcome:
    """ids: the created ids in input order (None where an item was refused)."""

    ids: list[int | None]
    errors: list[dict] = field(default_factory=list)  # [{"index": i, "errors": {...}}]


class BulkRejected(Exception):
    """At least one item is invalid and the request is all or nothing."""

    def __init__(self, errors: list[dict]):
        super().__init__(f"{len(errors)} invalid item(s).")
        self.errors = errors


def _messages(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return error.message_dict
    return {"non_field_errors": error.messages}


@transaction.atomic
def annotation_bulk_create(*, user, items: Sequence[Mapping[str, Any] | None],
                           rejected: Mapping[int, dict] | None = None,
                           partial: bool = False) -> BulkOutcome:
    """Create the items (the fields of annotation_create, "article" an id) in one go.

    `rejected` holds the errors already found for some indexes (their items are None).
    Raises BulkRejected, storing nothing, when any item is invalid and not `partial`.
    """
    if not rules.can_create(user):
        raise PermissionDenied("You may not create annotations.")
    if len(items) > MAX_ITEMS:
        raise ValidationError(f"At most {MAX_ITEMS:,} annotations per request; got {len(items):,}.")
    errors = dict(rejected or {})
    ctx = services.planning_context([item for item in items if item is not None], user=user)
    plans: dict[int, planning.AnnotationPlan] = {}
    for index, item in enumerate(items):
        if item is None or index in errors:
            continue
        try:
            plans[index] = planning.plan_annotation(item, ctx)
        except ValidationError as error:
            errors[index] = _messages(error)
    listed = [{"index": index, "errors": errors[index]} for index in sorted(errors)]
    if listed and not partial:
        raise BulkRejected(listed)
    storage.insert_annotations(list(plans.values()), user=user)
    live.annotations_created(list(plans.values()), user=user)
    ids: list[int | None] = [None] * len(items)
    for index, plan in plans.items():
        ids[index] = plan.annotation.pk
    return BulkOutcome(ids=ids, errors=listed)
