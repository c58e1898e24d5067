"""Send read-only public reads to the replica, everything else to the primary.

A request reads the replica only when DATABASE_REPLICA_URL is set, it is a GET/HEAD under
one of FACTCHECK_REPLICA_PATHS (the verified claims, their exports, the W3C container), and
its client has not written anything in the last FACTCHECK_REPLICA_PIN_SECONDS: a client that
has just written reads the primary, so it always sees its own writes. Writes, sessions,
users, tokens, throttle counters and the known-claims index always use the primary. A POST to
a view that declares ``writes_nothing = True`` (a search sent as a body) does not pin its
client. While the replica refuses connections the primary serves its reads too, and the
replica is tried again after FACTCHECK_REPLICA_RETRY_SECONDS.
"""

import contextvars
import hashlib
import logging
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

REPLICA = "replica"
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
PRIMARY_ONLY_APPS = {"auth", "sessions", "contenttypes", "admin", "axes"}
PRIMARY_ONLY_MODELS = {
    # A key issued a moment ago must authenticate at once, whatever the replica lag.
    "annotations.apikey",
    # Each process's known-claims index follows one table: read from two databases that lag
    # each other, its marker would go backwards and rebuild the index again and again.
    "annotations.knownclaim",
}

_read_alias: contextvars.ContextVar[str] = contextvars.ContextVar(
    "factcheck_read_alias", default=DEFAULT_DB_ALIAS
)


logger = logging.getLogger("factcheck.replica")

# Until when (time.monotonic()) this process leaves the replica alone after it refused.
_resting_until = [0.0]


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def replica_reachable() -> bool:
    """Return whether the replica takes connections (this thread's connection is opened or checked).

    After a refusal it is not tried again for FACTCHECK_REPLICA_RETRY_SECONDS, so that the
    reads sent to the primary meanwhile do not each wait for the connect timeout.
    """
    if time.monotonic() < _resting_until[0]:
        return False
    replica = connections[REPLICA]
    try:
        replica.close_if_health_check_failed()
        replica.ensure_connection()
    except DatabaseError as error:
        _resting_until[0] = time.monotonic() + settings.FACTCHECK_REPLICA_RETRY_SECONDS
        logger.warning("replica unreachable, its reads go to the primary: %s", type(error).__name__)
        return False
    return True


@contextmanager
def reading_from(alias: str):
    """Route reads inside the block to `alias` (the replica or the primary)."""
    token = _read_alias.set(alias)
    try:
        yield
    finally:
        _read_alias.reset(token)


class ReplicaRouter:
    """Reads go where the current request was routed; writes and migrations to the primary."""

    def db_for_read(self, model, **hints):
        alias = _read_alias.get()
        if alias != DEFAULT_DB_ALIAS and (
            not replica_configured()
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or model._meta.label_lower in PRIMARY_ONLY_MODELS
        ):
            return DEFAULT_DB_ALIAS
        return alias

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def writer_key(request) -> str | None:
    """Return who sent the request (token or session), known without a database query."""
    authorization = request.headers.get("Authorization", "")
    if authorization.startswith("Token "):
        digest = hashlib.sha256(authorization[6:].strip().encode()).hexdigest()[:32]
        return f"replica-pin:token:{digest}"
    session_key = request.COOKIES.get(settings.SESSION_COOKIE_NAME)
    if session_key:
        digest = hashlib.sha256(session_key.encode()).hexdigest()[:32]
        return f"replica-pin:session:{digest}"
    return None


def pin_to_primary(request) -> None:
    """Make this client read the primary for a while (it has just written)."""
    key = writer_key(request)
    if key:
        cache.set(key, 1, timeout=settings.FACTCHECK_REPLICA_PIN_SECONDS)


def is_pinned(request) -> bool:
    key = writer_key(request)
    return bool(key and cache.get(key))


def wants_replica(request) -> bool:
    return (
        request.method in SAFE_METHODS
        and any(request.path.startswith(prefix) for prefix in settings.FACTCHECK_REPLICA_PATHS)
        and not is_pinned(request)
    )


def routed(chunks, alias: str):
    """Yield the chunks of a streamed body, each produced while reading from `alias`."""
    iterator = iter(chunks)
    while True:
        with reading_from(alias):
            chunk = next(iterator, None)
        if chunk is None:
            return
        yield chunk


def declares_writes_nothing(view_func) -> bool:
    """Return whether a view says that its unsafe methods store nothing (a search sent as a POST)."""
    view = getattr(view_func, "cls", None) or getattr(view_func, "view_class", None) or view_func
    return getattr(view, "writes_nothing", False)


class ReplicaRoutingMiddleware:
    """Choose the database a request reads from; remember clients that have just written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.writes_nothing = declares_writes_nothing(view_func)

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        alias = REPLICA if wants_replica(request) and replica_reachable() else DEFAULT_DB_ALIAS
        request.read_database = alias
        with reading_from(alias):
            response = self.get_response(request)
        if response.streaming:
            # The body is produced after this returns: keep reading from the same database.
            response.streaming_content = routed(response.streaming_content, alias)
        if (
            request.method not in SAFE_METHODS
            and response.status_code < 400
            and not getattr(request, "writes_nothing", False)
        ):
            pin_to_primary(request)
        return response
