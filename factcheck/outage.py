"""Answer 503 quickly and clearly while the database is unreachable, never a 500 traceback.

Views raise OperationalError/InterfaceError when the connection fails; the middleware turns
them into a 503 (JSON under /api/, a small page otherwise) with Retry-After. Failures outside
a view (a session saved on the way out) reach `server_error`, the project's handler500, which
does the same. Django closes a broken connection, and CONN_HEALTH_CHECKS reconnect the next
request, so a process recovers by itself once the database is back.
"""

import logging
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.views.defaults import server_error as django_server_error
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("factcheck.outage")

DATABASE_ERRORS = (OperationalError, InterfaceError)
# The shared cache holds sessions, throttle and login-failure counters: without it, 503 too.
CACHE_ERRORS = (RedisConnectionError, RedisTimeoutError)
DETAIL = "The database is unavailable; please retry shortly."
CACHE_DETAIL = "The shared cache is unavailable; please retry shortly."


def unavailable_response(request, *, cache: bool = False) -> HttpResponse:
    """Return the 503 a client sees while the database (or the shared cache) is unreachable."""
    retry_after = str(settings.FACTCHECK_RETRY_AFTER_SECONDS)
    headers = {"Retry-After": retry_after, "Cache-Control": "no-store"}
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        if cache:
            return JsonResponse({"detail": CACHE_DETAIL, "code": "cache_unavailable"}, status=503,
                                headers=headers)
        return JsonResponse(
            {"detail": DETAIL, "code": "database_unavailable"}, status=503, headers=headers
        )
    # Rendered without the request: context processors would reach for the database.
    page = render_to_string("503.html", {"retry_after": retry_after})
    return HttpResponse(page, status=503, headers=headers)


def is_database_error(exc: BaseException | None) -> bool:
    return isinstance(exc, DATABASE_ERRORS)


def is_cache_error(exc: BaseException | None) -> bool:
    return isinstance(exc, CACHE_ERRORS)


class DatabaseUnavailableMiddleware:
    """Turn a database connection failure inside a view into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if is_database_error(exception):
            logger.warning("database unavailable: %s", type(exception).__name__)
            return unavailable_response(request)
        if is_cache_error(exception):
            logger.warning("cache unavailable: %s", type(exception).__name__)
            return unavailable_response(request, cache=True)
        return None


def server_error(request, template_name="500.html"):
    """Answer 503 when the failure was the database, Django's 500 page otherwise."""
    error = sys.exc_info()[1]
    if is_database_error(error) or is_cache_error(error):
        return unavailable_response(request, cache=is_cache_error(error))
    return django_server_error(request, template_name=template_name)
