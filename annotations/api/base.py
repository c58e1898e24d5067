"""What every /api/v1 endpoint shares: reading a row id from a path."""

from rest_framework.exceptions import NotFound

MAX_ID = 2**63 - 1  # the largest bigint: a larger id names no row and must not reach the database


def parse_id(value) -> int:
    """Return the row id a path names, or raise NotFound for anything that can name no row."""
    text = str(value)
    if not (text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID):
        raise NotFound()
    return int(text)
