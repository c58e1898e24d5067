"""How many pages may be fetched at once: per process and per user, refused rather than queued.

A fetch holds a server thread for up to FACTCHECK_FETCH_SECONDS. Without a cap, a few
imports of slow pages take every thread of a worker and the site stops answering; so a
process fetches at most FACTCHECK_FETCH_MAX_CONCURRENT pages at once, and a user at most
FACTCHECK_FETCH_MAX_PER_USER, counted in the shared cache so that every process and
server counts together. A fetch over either cap fails at once (FetchBusy, 429); nothing
waits for a slot.
"""

import math
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import cache

from .fetch import FetchBusy

_lock = threading.Lock()
_active = 0


@contextmanager
def fetch_slot(user=None) -> Iterator[None]:
    """Hold one of this process's fetch slots and one of the user's, or raise FetchBusy."""
    global _active
    with _lock:
        if _active >= settings.FACTCHECK_FETCH_MAX_CONCURRENT:
            raise FetchBusy("the server is fetching as many pages as it may at once; try again shortly")
        _active += 1
    try:
        with _user_slot(user):
            yield
    finally:
        with _lock:
            _active -= 1


@contextmanager
def _user_slot(user) -> Iterator[None]:
    if user is None or not user.is_authenticated:  # commands: the process cap is enough
        yield
        return
    limit = settings.FACTCHECK_FETCH_MAX_PER_USER
    # A slot outlives the fetch's deadline, so a process killed mid-fetch frees it by itself.
    ttl = math.ceil(settings.FACTCHECK_FETCH_SECONDS) * 2 + 5
    token = uuid.uuid4().hex
    for index in range(limit):
        key = f"ingest:fetch-slot:{user.pk}:{index}"
        if cache.add(key, token, ttl):
            break
    else:
        raise FetchBusy(f"you are fetching {limit} pages at once already; wait for one to finish")
    try:
        yield
    finally:
        cache.delete(key)
