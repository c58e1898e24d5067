"""One JSON line per request, errors with their tracebacks, and a request id for each.

The line holds method, path, status, duration, user id and request id; never a query string
value that could be a secret, a header, a cookie or a body.
"""

import json
import logging
import re
import time
import traceback
import uuid
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode

from django.utils.functional import empty

logger = logging.getLogger("factcheck.request")

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's id is kept when it looks like one; anything else is replaced.
VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")
SECRET_PARAMETERS = re.compile(r"(token|key|secret|pass|auth|session|csrf|signature)", re.I)


def request_id_for(request) -> str:
    incoming = request.headers.get(REQUEST_ID_HEADER, "")
    return incoming if VALID_REQUEST_ID.match(incoming) else uuid.uuid4().hex


def redacted_query(query_string: str) -> str:
    """Return the query string with the values of secret-looking parameters replaced."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    return urlencode(
        [(name, "[redacted]" if SECRET_PARAMETERS.search(name) else value) for name, value in pairs]
    )


def user_id_of(request):
    """Return the id of the user the request was authenticated as, without a database query."""
    user = getattr(request, "user", None)
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is empty or wrapped is None:
        return None  # never evaluated: the view did not need to know
    return wrapped.pk if getattr(wrapped, "is_authenticated", False) else None


class RequestLogMiddleware:
    """Give each request an id (echoed in X-Request-ID) and log it as one JSON line."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        request.request_id = request_id_for(request)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request.request_id
        query = request.META.get("QUERY_STRING", "")
        logger.info(
            "request",
            extra={
                "event": "request",
                "request_id": request.request_id,
                "method": request.method,
                "path": request.path,  # no path carries a secret: password reset by mail is off
                "query": redacted_query(query) if query else "",
                "status": response.status_code,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
                "user_id": user_id_of(request),
                "streaming": response.streaming,
            },
        )
        return response


# Attributes every LogRecord has; anything else was passed in `extra`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """Format a log record as one JSON object on one line, with its traceback if any."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and not name.startswith("_") and name != "request":
                entry[name] = value
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "request_id"):
            entry.setdefault("request_id", request.request_id)
        if record.exc_info:
            entry["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(entry, default=str, ensure_ascii=False)
