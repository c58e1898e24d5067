"""A client-side deadline on each database wait of a request, for a database that stops answering.

A server that is frozen (stopped process, hung host behind a live proxy, a full disk) often
keeps its TCP connections open and acknowledged: no reset arrives, keepalives are answered by
the kernel, and the server-side statement_timeout never fires because the server does not
run. libpq would then wait forever, and so would the request and the worker thread.

So every statement a request runs through Django, and the connection health check at its
start, is registered with one watchdog thread per process. If a wait outlives its bound
(statement_timeout plus a grace, FACTCHECK_DB_CLIENT_DEADLINE_SECONDS), the watchdog shuts the
connection's socket down: libpq's wait returns at once with an error, Django raises
OperationalError, and the request is answered 503 (factcheck/outage.py); the broken
connection is replaced on the next request. `/readyz` uses a much shorter bound.
"""

import os
import socket
import threading
import time
from contextlib import ExitStack, contextmanager

from django.conf import settings
from django.db import connections
from django.urls import Resolver404, get_resolver

TICK_SECONDS = 0.1
_bound = threading.local()


class Watchdog:
    """Shut down the sockets of database waits that outlive their deadline."""

    def __init__(self):
        self._lock = threading.Lock()
        self._waits: dict[int, tuple[float, int]] = {}  # token -> (deadline, socket fd)
        self._next_token = 0
        self._pid = None

    def arm(self, fd: int, seconds: float) -> int:
        with self._lock:
            if self._pid != os.getpid():  # first use, or a forked child without the thread
                self._pid = os.getpid()
                threading.Thread(target=self._run, name="db-deadline", daemon=True).start()
            self._next_token += 1
            self._waits[self._next_token] = (time.monotonic() + seconds, fd)
            return self._next_token

    def disarm(self, token: int) -> None:
        with self._lock:
            self._waits.pop(token, None)

    def _run(self) -> None:
        while True:
            time.sleep(TICK_SECONDS)
            now = time.monotonic()
            with self._lock:
                # Under the lock: a wait cannot end (and its fd be reused) while it is cut.
                for token, (deadline, fd) in list(self._waits.items()):
                    if now >= deadline:
                        del self._waits[token]
                        _shut_down(fd)


def _shut_down(fd: int) -> None:
    try:
        # shutdown() acts on the socket itself, so a duplicate of the descriptor is enough.
        sock = socket.socket(fileno=os.dup(fd))
    except OSError:
        return
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    finally:
        sock.close()


watchdog = Watchdog()


def current_bound() -> float:
    return getattr(_bound, "seconds", None) or settings.FACTCHECK_DB_CLIENT_DEADLINE_SECONDS


@contextmanager
def bounded(seconds: float):
    """Give each database wait inside the block at most `seconds` (e.g. the readiness probe)."""
    previous = getattr(_bound, "seconds", None)
    _bound.seconds = seconds
    try:
        yield
    finally:
        _bound.seconds = previous


@contextmanager
def deadline_on(raw_connection):
    """Cut the raw connection's socket if the block waits longer than the current bound."""
    seconds = current_bound()
    if not seconds or raw_connection is None:
        yield
        return
    try:
        fd = raw_connection.fileno()
    except Exception:  # already closed: nothing to wait on, Django reports the error itself
        yield
        return
    token = watchdog.arm(fd, seconds)
    try:
        yield
    finally:
        watchdog.disarm(token)


def statement_deadline(execute, sql, params, many, context):
    with deadline_on(context["connection"].connection):
        return execute(sql, params, many, context)


def view_bound(request) -> float | None:
    """Return the bound the view of this path declares (db_deadline_setting), if any."""
    try:
        match = get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
    except Resolver404:
        return None
    name = getattr(match.func, "db_deadline_setting", None)
    return getattr(settings, name) if name else None


class DatabaseDeadlineMiddleware:
    """Bound every PostgreSQL wait of the request (health check and statements).

    A view may declare a shorter bound by naming a setting, as /readyz does:
    ``readyz.db_deadline_setting = "FACTCHECK_READYZ_DB_SECONDS"``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with ExitStack() as stack:
            seconds = view_bound(request)
            if seconds:
                stack.enter_context(bounded(seconds))
            for alias in connections:
                wrapper = connections[alias]
                if wrapper.vendor != "postgresql":
                    continue
                stack.enter_context(wrapper.execute_wrapper(statement_deadline))
                # CONN_HEALTH_CHECKS run "SELECT 1" beneath Django's wrappers: run it here,
                # bounded, so that Django finds it done.
                with deadline_on(wrapper.connection):
                    wrapper.close_if_health_check_failed()
            return self.get_response(request)
