"""Cursor pagination that answers any cursor it cannot use with 404 "Invalid cursor"."""

import binascii
from base64 import b64decode
from urllib.parse import parse_qs

from django.core.exceptions import ValidationError
from django.db import connections, router
from rest_framework.exceptions import NotFound
from rest_framework.pagination import CursorPagination

CURSOR_KEYS = {"o", "r", "p"}  # offset, reverse, position: what DRF's encode_cursor writes


def well_formed(encoded: str) -> bool:
    """Return whether a cursor is strict base64 of a query string with DRF's keys, each once.

    DRF's own decoding skips characters that are not base64 and ignores unknown keys, so
    any garbage read as "the first page".
    """
    try:
        querystring = b64decode(encoded.encode("ascii"), validate=True).decode("ascii")
        tokens = parse_qs(querystring, keep_blank_values=True, strict_parsing=bool(querystring))
    except (binascii.Error, ValueError):
        return False
    return set(tokens) <= CURSOR_KEYS and all(len(values) == 1 for values in tokens.values())


class StrictCursorPagination(CursorPagination):
    """Check a cursor's position against the ordering field before it reaches the database.

    DRF decodes the cursor's offset and direction safely but hands its position to the
    queryset as it came: "p=abc" on an integer ordering raised ValueError, a position past
    the column's range OverflowError, a NUL byte a database error: each a 500. Cursors are
    opaque to clients, so a position that cannot come from us is simply an invalid cursor.
    """

    model = None

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is not None and not well_formed(encoded):
            raise NotFound(self.invalid_cursor_message)
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None and not self._valid_position(cursor.position):
            raise NotFound(self.invalid_cursor_message)
        return cursor

    def _valid_position(self, position: str) -> bool:
        if "\x00" in position:
            return False
        if self.model is None:
            return True
        name = self.ordering[0].lstrip("-")  # DRF keeps the ordering as a tuple
        field = self.model._meta.pk if name == "pk" else self.model._meta.get_field(name)
        field = getattr(field, "target_field", field)  # a one-to-one primary key: its target's type
        try:
            value = field.to_python(position)
        except (ValidationError, ValueError, TypeError, OverflowError):
            return False
        if isinstance(value, int):
            ops = connections[router.db_for_read(self.model)].ops
            low, high = ops.integer_field_range(field.get_internal_type())
            return (low is None or low <= value) and (high is None or value <= high)
        return True
