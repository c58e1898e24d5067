"""Fetch and extract many pages at once: bounded concurrency, a delay between hits on one host."""

import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

from django.conf import settings

from . import fetch
from .extract import ExtractedPage
from .services import page_fetch


class HostPacer:
    """Space out requests to the same host by at least delay seconds."""

    def __init__(self, delay: float):
        self.delay = delay
        self.lock = threading.Lock()
        self.next_slot: dict[str, float] = {}

    def wait(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        with self.lock:
            now = time.monotonic()
            slot = max(now, self.next_slot.get(host, now))
            self.next_slot[host] = slot + self.delay
        if slot > now:
            time.sleep(slot - now)


def fetch_pages(
    urls: list[str], *, workers: int = 4, delay: float = 1.0, fetcher=None,
) -> Iterator[tuple[str, ExtractedPage | None, str | None]]:
    """Yield (url, page, None) or (url, None, reason) for each URL, in the order given."""
    pacer = HostPacer(delay)

    def one(url: str):
        pacer.wait(url)
        try:
            return url, page_fetch(url, fetcher=fetcher), None
        except fetch.FetchError as error:
            return url, None, str(error)

    # More workers than the process may fetch at once would only be refused (FetchBusy).
    workers = min(workers, settings.FACTCHECK_FETCH_MAX_CONCURRENT)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        yield from pool.map(one, urls)
