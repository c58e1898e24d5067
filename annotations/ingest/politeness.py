"""One request at a time to each site, and a pause between two, across every worker.

Counted in the shared cache (Redis in production), like the fetch slots: a worker takes a
site's turn with an atomic add, waits out the pause since the last request there, fetches,
notes when the next request may go, and gives the turn back. A turn outlives the longest
fetch, so a worker killed while holding one frees it by itself.
"""

import math
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

from .fetch import FetchBusy

POLL_SECONDS = 0.05


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return (parts.hostname or "").lower() + (f":{parts.port}" if parts.port else "")


@contextmanager
def host_turn(url: str, *, delay: float | None = None, wait: float | None = None) -> Iterator[None]:
    """Hold the site's turn for one request, at least `delay` seconds after its last one.

    Waits up to `wait` seconds (by default the fetch limit plus the delay) for another
    worker's request to the same site, then raises FetchBusy.
    """
    host = host_of(url)
    delay = settings.FACTCHECK_WATCH_HOST_DELAY_SECONDS if delay is None else delay
    wait = settings.FACTCHECK_FETCH_SECONDS + delay if wait is None else wait
    ttl = math.ceil(settings.FACTCHECK_FETCH_SECONDS) * 2 + 5
    lock, after = f"watch:host-turn:{host}", f"watch:host-next:{host}"
    token = uuid.uuid4().hex
    give_up = time.monotonic() + wait
    while not cache.add(lock, token, ttl):
        if time.monotonic() >= give_up:
            raise FetchBusy(f"another request to {host} is under way")
        time.sleep(POLL_SECONDS)
    try:
        pause = (cache.get(after) or 0) - time.time()
        if pause > 0:
            time.sleep(pause)
        yield
    finally:
        cache.set(after, time.time() + delay, max(1, math.ceil(delay) + 1))
        if cache.get(lock) == token:
            cache.delete(lock)
