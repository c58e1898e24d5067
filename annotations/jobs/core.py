"""Pure rules of jobs: their states and how long to wait before the next attempt."""

import random

QUEUED, RUNNING, RETRYING, SUCCEEDED, FAILED = "queued", "running", "retrying", "succeeded", "failed"
ACTIVE = (QUEUED, RUNNING, RETRYING)
# The kinds of job (tasks.py maps each to its work).
REFRESH, WATCH_SITE = "article_refresh", "watch_site"
URL_IMPORT, CLAIM_REPEATS, FEED_FETCH = "url_import", "claim_repeats", "feed_fetch"
KNOWN_CLAIMS_EMBED = "known_claims_embed"
FINISHED = (SUCCEEDED, FAILED)


class Permanent(Exception):
    """A failure that another attempt would meet again (a refused address, a missing article)."""


def backoff(attempt: int, *, base: float, cap: float, jitter: float = 0.1, rng=random.random) -> float:
    """Return the seconds to wait after failed attempt number `attempt` (1 for the first).

    Doubles each time from `base` up to `cap`, give or take `jitter` (a fraction), so that
    jobs that failed together do not all come back in the same second.
    """
    delay = min(cap, base * 2 ** max(0, attempt - 1))
    return delay * (1 + jitter * (2 * rng() - 1))
