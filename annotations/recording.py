"""Save and delete domain rows as every write does: validated, with who and why in their history."""

from .models import Annotation
from .textguard import fields as textguard


def clean(instance) -> None:
    """Check a row as its model does, and strip what the text guard refuses from its texts."""
    textguard.clean_instance(instance)
    # A related object held as an instance was just read (or saved): checking that it
    # exists would cost a query per foreign key; the database's constraint still holds.
    loaded = [
        field.name for field in instance._meta.concrete_fields
        if field.is_relation and field.is_cached(instance) and getattr(instance, field.name) is not None
    ]
    # Annotation.clean() checks 0 <= start < end <= len(body) itself; having the database
    # evaluate the same CheckConstraint again would cost three statements per save.
    instance.full_clean(exclude=loaded, validate_constraints=not isinstance(instance, Annotation))


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
