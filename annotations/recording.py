"""Save and delete domain rows as every write does: validated, with who and why in their history."""

import functools

from .models import Annotation
from .textguard import fields as textguard


def clean(instance) -> None:
    """Check a row as its model does, and strip what the text guard refuses from its texts."""
    textguard.clean_instance(instance)
    # A related object held as an instance was just read (or saved): checking that it
    # exists would cost a query per foreign key; the database's constraint still holds.
    loaded = [
        field.name for field in _relations(type(instance))
        if field.is_cached(instance) and getattr(instance, field.name) is not None
    ]
    # Annotation.clean() checks 0 <= start < end <= len(body) itself; having the database
    # evaluate the same CheckConstraint again would cost three statements per save.
    instance.full_clean(
        exclude=loaded, validate_constraints=not isinstance(instance, Annotation),
        validate_unique=_unique_beyond_the_id(type(instance)) or _new_with_an_id(instance),
    )


@functools.cache
def _relations(model) -> list:
    return [field for field in model._meta.concrete_fields if field.is_relation]


@functools.cache
def _unique_beyond_the_id(model) -> bool:
    """Whether Model.validate_unique has anything to check besides the primary key (its
    checks cost a fifth of validating a new annotation, finding nothing to do)."""
    return bool(model._meta.unique_together) or any(
        (field.unique and not field.primary_key)
        or field.unique_for_date or field.unique_for_month or field.unique_for_year
        for field in model._meta.fields
    )


def _new_with_an_id(instance) -> bool:
    """Whether the id is checked: Django checks it only for a new row that brings its own."""
    return instance._state.adding and instance.pk is not None


def save(instance, *, user, reason: str = "") -> None:
    """Validate and save a row, recording `user` and `reason` in its history."""
    clean(instance)
    instance._history_user = user
    instance._change_reason = reason
    instance.save()


def delete(instance, *, user, reason: str = "") -> None:
    """Delete a row, recording `user` and `reason` in its history."""
    instance._history_user = user
    instance._change_reason = reason
    instance.delete()
