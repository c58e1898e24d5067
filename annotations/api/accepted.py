"""A fast check of input that a serializer accepts, compiled once from the serializer's fields.

`accepted_path(serializer)` returns a function that takes one input (a parsed JSON value)
and returns exactly what `serializer.run_validation` would return for it, or raises
`Undecided` when the input is not plainly valid. The rules are read from the fields
themselves (types, required, defaults, null, blank, trimming, choices, validators, nested
serializers, validate_<field> methods), so each rule is still written once; the check
only takes the common, valid shapes (a str for a CharField, an int for an IntegerField)
and leaves everything else to DRF, which decides and words the errors. So it can be
faster, never more lenient, and never says anything itself.
"""

from collections.abc import Callable
from typing import Any

from django.core import validators as django_validators
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import fields, serializers
from rest_framework.fields import SkipField, empty
from rest_framework.validators import ProhibitSurrogateCharactersValidator

from .serializers import StrictSerializer


class Undecided(Exception):
    """The fast check does not vouch for this input: ask the serializer."""


Check = Callable[[Any], Any]
# Serializer parsing the check reproduces: DRF's, and StrictSerializer's refusal of unknown fields.
_KNOWN_SERIALIZER_PARSING = (serializers.Serializer.to_internal_value, StrictSerializer.to_internal_value)
OMIT = object()  # a value the serializer leaves out of its result


def accepted_path(serializer: serializers.Serializer) -> Check:
    """Return the fast check of what `serializer.run_validation` accepts."""
    if not _own(serializer, serializers.Serializer, "run_validation", "run_validators") or (
        type(serializer).to_internal_value not in _KNOWN_SERIALIZER_PARSING
    ):
        raise TypeError(f"{type(serializer).__name__} parses its input its own way")
    return _serializer_check(serializer)


class Validator:
    """A serializer and its fast check, built once and reused for many inputs.

    Building a serializer deep-copies its fields, which costs more than validating an
    input, and `run_validation` keeps no state between calls. Not for sharing between
    threads: a related field's queryset is evaluated per call, but keep one per thread.
    """

    def __init__(self, serializer_class: type[serializers.Serializer]):
        self.serializer = serializer_class()
        self.accepted = accepted_path(self.serializer)

    def __call__(self, data: Any) -> Any:
        """Return the validated data, or raise DRF's ValidationError worded by the serializer."""
        try:
            return self.accepted(data)
        except Undecided:
            return self.serializer.run_validation(data)


def _own(field, cls, *names) -> bool:
    """Whether `field` is a `cls` that validates with cls's own methods (no override)."""
    return isinstance(field, cls) and all(
        getattr(type(field), name) is getattr(cls, name) for name in names
    )


def _validator_check(validator) -> Check:
    """One validator as a plain test: a known Django/DRF validator inline, any other called."""
    limit = getattr(validator, "limit_value", None)
    if callable(limit):
        return _called(validator)
    kind = type(validator)
    if kind is django_validators.MaxLengthValidator:
        return lambda value: len(value) <= limit or _undecided()
    if kind is django_validators.MinLengthValidator:
        return lambda value: len(value) >= limit or _undecided()
    if kind is django_validators.MaxValueValidator:
        return lambda value: value <= limit or _undecided()
    if kind is django_validators.MinValueValidator:
        return lambda value: value >= limit or _undecided()
    if kind is django_validators.ProhibitNullCharactersValidator:
        return lambda value: "\x00" not in value or _undecided()
    if kind is ProhibitSurrogateCharactersValidator:
        return _no_surrogates
    return _called(validator)


def _called(validator) -> Check:
    if getattr(validator, "requires_context", False):
        raise TypeError("validators that need their field are left to DRF")

    def check(value):
        try:
            validator(value)
        except (serializers.ValidationError, DjangoValidationError):
            raise Undecided from None

    return check


def _undecided():
    raise Undecided


def _no_surrogates(value: str):
    try:
        value.encode("utf-8")  # strict UTF-8 refuses exactly the surrogate code points
    except UnicodeEncodeError:
        raise Undecided from None


def _field_check(field) -> Check:
    """The check of one present value of `field` (absent and null values: `_present_or_default`)."""
    try:
        validators = [_validator_check(validator) for validator in field.validators]
    except TypeError:
        return _drf(field)
    if _own(field, serializers.ListSerializer, "run_validation", "to_internal_value",
            "run_child_validation", "run_validators", "validate"):
        return _list_check(field, validators)
    if _own(field, serializers.Serializer, "run_validation", "run_validators") and (
        type(field).to_internal_value in _KNOWN_SERIALIZER_PARSING
    ):
        try:
            return _serializer_check(field)
        except TypeError:
            return _drf(field)
    if _own(field, fields.CharField, "run_validation", "to_internal_value", "run_validators"):
        return _char_check(field, validators)
    if _own(field, fields.IntegerField, "run_validation", "to_internal_value", "run_validators"):
        return _int_check(validators)
    if _own(field, fields.ChoiceField, "run_validation", "to_internal_value", "run_validators"):
        return _choice_check(field, validators)
    return _drf(field)


def _drf(field) -> Check:
    """A field the fast check does not know: its own run_validation decides, errors undecided."""

    def check(value):
        try:
            return field.run_validation(value)
        except (serializers.ValidationError, DjangoValidationError):
            raise Undecided from None

    return check


def _run(validators, value):
    for validator in validators:
        validator(value)
    return value


def _int_check(validators) -> Check:
    def check(value):
        if type(value) is not int:  # a bool, float or numeric string is left to DRF
            raise Undecided
        return _run(validators, value)

    return check


def _char_check(field, validators) -> Check:
    allow_blank, trim = field.allow_blank, field.trim_whitespace

    def check(value):
        if type(value) is not str:
            raise Undecided
        if trim:
            value = value.strip()
        if not value:
            if allow_blank:
                return ""
            raise Undecided
        return _run(validators, value)

    return check


def _choice_check(field, validators) -> Check:
    choices, allow_blank = field.choice_strings_to_values, field.allow_blank

    def check(value):
        if type(value) is not str:
            raise Undecided
        if value == "" and allow_blank:
            return _run(validators, "")
        if value not in choices:
            raise Undecided
        return _run(validators, choices[value])

    return check


def _list_check(field, validators) -> Check:
    child = _field_check(field.child)
    allow_empty, longest, shortest = field.allow_empty, field.max_length, field.min_length

    def check(value):
        if type(value) is not list:
            raise Undecided
        if (not value and not allow_empty) or (longest is not None and len(value) > longest) or (
            shortest is not None and len(value) < shortest
        ):
            raise Undecided
        items = [child(item) for item in value]
        _run(validators, items)
        return _validated(field, items)

    return check


def _validated(serializer, value):
    try:
        value = serializer.validate(value)
    except (serializers.ValidationError, DjangoValidationError):
        raise Undecided from None
    if value is None:
        raise Undecided
    return value


def _present_or_default(field) -> Callable[[Any], Any]:
    """Wrap a field's check with DRF's rules for an absent or null value (validate_empty_values)."""
    check = _field_check(field)
    required, allow_null = field.required, field.allow_null

    def value_of(value):
        if value is empty:
            if required:
                raise Undecided
            try:
                return field.get_default()
            except SkipField:
                return OMIT
        if value is None:
            if allow_null:
                return None
            raise Undecided
        return check(value)

    return value_of


def _serializer_check(serializer) -> Check:
    accepted = getattr(serializer, "accepted_fields", None)  # StrictSerializer: refuse the others
    steps = []
    for field in serializer._writable_fields:
        if field.source_attrs != [field.field_name]:
            raise TypeError(f"{field.field_name}: fields with another source are not compiled")
        method = getattr(serializer, "validate_" + field.field_name, None)
        steps.append((field.field_name, _present_or_default(field), method))
    # Serializer.run_validators first adds the read-only defaults; with validators, ask DRF.
    if serializer.validators:
        raise TypeError("serializer-level validators are left to DRF")

    def check(data):
        if type(data) is not dict:
            raise Undecided
        if accepted is not None and not accepted.issuperset(data):
            raise Undecided
        result = {}
        for name, value_of, method in steps:
            value = value_of(data.get(name, empty))
            if value is OMIT:
                continue
            if method is not None:
                try:
                    value = method(value)
                except (serializers.ValidationError, DjangoValidationError):
                    raise Undecided from None
            result[name] = value
        return _validated(serializer, result)

    return check
