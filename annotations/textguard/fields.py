"""Which stored fields get which treatment; services and model forms apply it before validating.

Names are normalized (so the uniqueness check compares what people see); the short texts
people write lose direction controls. Article bodies, quotes and evidence excerpts are
left whole: they are what a document says, and offsets point into bodies.
"""

from .core import normalize_name, strip_bidi_controls

CLEANERS = {
    "annotations.source": {"name": normalize_name, "description": strip_bidi_controls},
    "annotations.article": {"title": strip_bidi_controls, "byline": strip_bidi_controls},
    "annotations.annotation": {
        "claim": strip_bidi_controls, "rationale": strip_bidi_controls,
        "review_comment": strip_bidi_controls,
    },
    "annotations.attribution": {"note": strip_bidi_controls},
    "annotations.evidence": {"title": strip_bidi_controls, "publisher": strip_bidi_controls},
}


def clean_value(model, field: str, value):
    """Return value as it is stored in model's field."""
    cleaner = CLEANERS.get(model._meta.label_lower, {}).get(field)
    return cleaner(value) if cleaner and isinstance(value, str) else value


def clean_instance(instance) -> None:
    """Clean the instance's guarded fields in place."""
    for field, cleaner in CLEANERS.get(instance._meta.label_lower, {}).items():
        value = getattr(instance, field)
        if isinstance(value, str):
            setattr(instance, field, cleaner(value))
