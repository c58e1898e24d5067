"""Import a list of web addresses as articles: the work of an import job, resumable.

Outcomes come in the order of the list and the tally says how many addresses are done, so
a job run again (a retry, a worker killed half-way) goes on after the last address it
recorded; an address whose import took but was not recorded yet is found again as a
duplicate of what it stored, never stored twice.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from .batch import fetch_pages
from .services import article_import

CREATED, DUPLICATE, FAILED = "created", "duplicate", "failed"
MAX_URLS = 10_000


def clean_urls(lines) -> list[str]:
    """Return the addresses of a pasted list or file: one a line, blanks and # comments left out."""
    return [line.strip() for line in lines if line.strip() and not line.strip().startswith("#")]


def new_tally() -> dict:
    return {"done": 0, CREATED: 0, DUPLICATE: 0, FAILED: 0, "failures": []}


def urls_import(urls: list[str], *, user, tally: dict | None = None, fetcher=None, workers: int = 2,
                delay: float | None = None, progress: Callable[[dict], None] | None = None) -> dict:
    """Import the addresses after the `tally["done"]` first; return the tally of all.

    The tally: {"done", "created", "duplicate", "failed", "failures": [{"url", "error"}]}.
    `progress(tally)` is told after each address (the job stores it).
    """
    tally = {**new_tally(), **(tally or {})}
    delay = settings.FACTCHECK_WATCH_HOST_DELAY_SECONDS if delay is None else delay
    for url, page, error in fetch_pages(urls[tally["done"]:], workers=workers, delay=delay, fetcher=fetcher):
        if error is None:
            try:
                _, duplicate = article_import(user=user, page=page, given_url=url)
            except (ValidationError, PermissionDenied) as refused:
                error = "; ".join(getattr(refused, "messages", [str(refused)]))
            else:
                tally[DUPLICATE if duplicate else CREATED] += 1
        if error is not None:
            tally[FAILED] += 1
            tally["failures"].append({"url": url, "error": error})
        tally["done"] += 1
        if progress is not None:
            progress(tally)
    return tally
