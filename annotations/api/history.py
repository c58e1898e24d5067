"""The change history of an annotation, its attributions and its evidence, as plain dicts."""

from bisect import bisect_right
from typing import Any

from django.contrib.auth import get_user_model

from annotations import presenters
from annotations.models import Annotation, Attribution, Evidence, Source
from annotations.publishing.models import Correction

HISTORY_TYPES = {"+": "created", "~": "changed", "-": "deleted"}
# Bookkeeping that every change touches; the entry's own fields carry it.
UNLISTED = {"id", "annotation", "version", "created_at", "updated_at", "editors"}
OBJECTS = (("annotation", Annotation), ("attribution", Attribution), ("evidence", Evidence))


def _tracked_fields(model) -> list:
    return [field for field in model._meta.concrete_fields if field.name not in UNLISTED]


def _value(record, field) -> Any:
    value = getattr(record, field.attname)
    if hasattr(value, "isoformat"):
        return presenters.iso(value)
    return value


def _changes(fields, previous, record) -> list[dict[str, Any]]:
    """List the fields that differ from the previous record (all set ones on create/delete)."""
    if record.history_type == "+":
        pairs = [(field.name, None, _value(record, field)) for field in fields]
    elif record.history_type == "-":
        pairs = [(field.name, _value(record, field), None) for field in fields]
    else:
        pairs = [
            (field.name, _value(previous, field) if previous is not None else None,
             _value(record, field))
            for field in fields
        ]
    if record.history_type == "~":
        return [{"field": name, "old": old, "new": new} for name, old, new in pairs if old != new]
    return [
        {"field": name, "old": old, "new": new}
        for name, old, new in pairs if (old, new) != (None, None) and "" not in (old, new)
    ]


def _records(model, **lookup):
    return list(
        model.history.filter(**lookup)
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )


USER_FIELDS = {"created_by", "edited_by", "reviewed_by", "added_by"}


def _reference_kind(field: str) -> str | None:
    if field in USER_FIELDS:
        return "user"
    return "source" if field == "source" else None


def _name_references(entries: list[dict[str, Any]]) -> None:
    """Show users as usernames and sources as {id, name, kind} instead of bare ids."""
    wanted = {"user": set(), "source": set()}
    for entry in entries:
        for change in entry["changes"]:
            if kind := _reference_kind(change["field"]):
                wanted[kind].update(v for v in (change["old"], change["new"]) if v is not None)
    User = get_user_model()
    names = {"user": {}, "source": {}}
    if wanted["user"]:
        users = User.objects.filter(pk__in=wanted["user"])
        names["user"] = dict(users.values_list("pk", User.USERNAME_FIELD))
    if wanted["source"]:
        sources = Source.objects.filter(pk__in=wanted["source"])
        names["source"] = {source.pk: presenters.source_summary(source) for source in sources}
    for entry in entries:
        for change in entry["changes"]:
            if kind := _reference_kind(change["field"]):
                for side in ("old", "new"):
                    if change[side] is not None:
                        change[side] = names[kind].get(change[side], change[side])


def annotation_history(annotation_id: int) -> list[dict[str, Any]]:
    """Return every recorded change of the annotation and its children, oldest first."""
    records = {
        "annotation": _records(Annotation, id=annotation_id),
        "attribution": _records(Attribution, annotation_id=annotation_id),
        "evidence": _records(Evidence, annotation_id=annotation_id),
    }
    # Children carry no version; they get the annotation's version at the time of the change.
    annotation_times = [record.history_date for record in records["annotation"]]
    entries = []
    for order, (name, model) in enumerate(OBJECTS):
        fields = _tracked_fields(model)
        previous_by_object = {}
        for record in records[name]:
            previous = previous_by_object.get(record.id)
            previous_by_object[record.id] = record
            if name == "annotation":
                version = record.version
            else:
                index = bisect_right(annotation_times, record.history_date) - 1
                version = records["annotation"][index].version if index >= 0 else None
            entries.append((record.history_date, order, record.history_id, {
                "id": record.history_id,
                "at": presenters.iso(record.history_date),
                "user": presenters.username(record.history_user),
                "type": HISTORY_TYPES[record.history_type],
                "object": name,
                "object_id": record.id,
                "version": version,
                "comment": record.history_change_reason or "",
                "changes": _changes(fields, previous, record),
            }))
    # Corrections of the published claim, with the note the public reads.
    for correction in Correction.objects.filter(published_id=annotation_id).select_related(
        "verified_by"
    ):
        entries.append((correction.corrected_at, len(OBJECTS), correction.pk, {
            "id": correction.pk,
            "at": presenters.iso(correction.corrected_at),
            "user": presenters.username(correction.verified_by),
            "type": "created",
            "object": "correction",
            "object_id": correction.pk,
            "version": None,
            "comment": correction.note,
            "changes": [{"field": "rating", "old": correction.previous_rating, "new": correction.rating}]
            if correction.previous_rating != correction.rating else [],
        }))
    entries.sort(key=lambda item: item[:3])
    result = [entry for *_, entry in entries]
    _name_references(result)
    return result
