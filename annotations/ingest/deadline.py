"""A hard wall-clock deadline for one fetch, enforced from outside the blocking calls.

A socket timeout bounds one recv, not the fetch: a server that drips a byte a second keeps
every recv short and the fetch alive as long as it likes (status line, headers, chunk-size
lines, a gzip header). So a timer thread shuts the fetch's sockets down when the deadline
passes, which makes a recv blocked in any layer (http.client, TLS, the decoder) return at
once. Name resolution cannot be interrupted: it runs in a thread of its own, and the fetch
stops waiting for it at the deadline.
"""

import contextlib
import socket
import threading
import time
from collections.abc import Callable

import urllib3
from urllib3.connection import HTTPConnection, HTTPSConnection


def _shutdown(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed, or never connected
        sock.shutdown(socket.SHUT_RDWR)


class Deadline:
    """The moment a fetch must end by; at that moment every watched socket is shut down."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        self._lock = threading.Lock()
        self._sockets: list[socket.socket] = []
        self._timer = threading.Timer(max(seconds, 0), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return self.at - time.monotonic()

    def passed(self) -> bool:
        return self.expired or self.remaining() <= 0

    def watch(self, sock: socket.socket) -> None:
        """Shut sock down when the deadline passes (at once if it has)."""
        # A duplicate descriptor: wrapping in TLS detaches the original socket object, and
        # shutting either descriptor down ends the one connection they share.
        watched = sock.dup()
        with self._lock:
            self._sockets.append(watched)
            expired = self.expired
        if expired:
            _shutdown(watched)

    def close(self) -> None:
        """Stop the timer and let go of the watched sockets (the fetch is over)."""
        self._timer.cancel()
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            sock.close()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shutdown(sock)


def resolve_before(resolver: Callable[[str, int], list[str]], host: str, port: int,
                   deadline: Deadline) -> list[str]:
    """Return resolver(host, port), or raise TimeoutError when the deadline passes first."""
    outcome: dict = {}
    done = threading.Event()

    def run():
        try:
            outcome["addresses"] = resolver(host, port)
        except BaseException as error:  # handed to the waiting thread
            outcome["error"] = error
        finally:
            done.set()

    # A daemon thread: a lookup stuck in getaddrinfo is abandoned, not waited for.
    threading.Thread(target=run, name="fetch-resolve", daemon=True).start()
    if not done.wait(max(deadline.remaining(), 0)):
        raise TimeoutError(f"resolving {host} took too long")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["addresses"]


class _Watched:
    deadline: Deadline | None = None

    def _new_conn(self) -> socket.socket:
        sock = super()._new_conn()
        if self.deadline is not None:
            self.deadline.watch(sock)
        return sock


class _WatchedHTTPConnection(_Watched, HTTPConnection):
    pass


class _WatchedHTTPSConnection(_Watched, HTTPSConnection):
    pass


class _WatchedPool:
    def __init__(self, *args, deadline: Deadline, **kwargs):
        super().__init__(*args, **kwargs)
        self.deadline = deadline

    def _new_conn(self):
        conn = super()._new_conn()
        conn.deadline = self.deadline
        return conn


class HTTPPool(_WatchedPool, urllib3.HTTPConnectionPool):
    """An HTTP connection pool whose sockets the deadline shuts down."""

    ConnectionCls = _WatchedHTTPConnection


class HTTPSPool(_WatchedPool, urllib3.HTTPSConnectionPool):
    """An HTTPS connection pool whose sockets the deadline shuts down."""

    ConnectionCls = _WatchedHTTPSConnection
