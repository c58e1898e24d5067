"""Throttle counters: one atomic increment per request, in Redis, the database or any cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from annotations.ratelimit import counters
from annotations.ratelimit.models import RateCounter
from factcheck.throttling import TokenThrottle
from tests.api_support import client_for

DATABASE_CACHE = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                              "LOCATION": "factcheck_cache"}}


@pytest.fixture
def database_cache(settings, db):
    settings.CACHES = DATABASE_CACHE


@pytest.fixture
def token_rate(settings):
    def set_rate(rate):
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "token": rate},
        }
    return set_rate


def test_the_database_counts_in_one_statement_and_reads_the_previous_window(database_cache):
    RateCounter.objects.create(key="scope:7", count=4, expires="2999-01-01T00:00Z")

    with CaptureQueriesContext(connection) as queries:
        first = counters.hit("scope:8", "scope:7", ttl=120)
    second = counters.hit("scope:8", "scope:7", ttl=120)
    elsewhere = counters.hit("other:8", "other:7", ttl=120)

    assert len(queries) == 1 or (len(queries) == 2 and queries[1]["sql"].startswith("DELETE"))
    assert (first, second, elsewhere) == ((1, 4), (2, 4), (1, 0))
    assert RateCounter.objects.get(key="scope:8").count == 2


def test_the_database_forgets_expired_windows(database_cache, monkeypatch):
    RateCounter.objects.create(key="old:1", count=9, expires="2000-01-01T00:00Z")
    monkeypatch.setattr(counters, "_last_sweep", 0.0)

    counters.hit("new:2", "new:1", ttl=120)

    assert list(RateCounter.objects.values_list("key", flat=True)) == ["new:2"]


def test_any_other_cache_counts_with_add_and_incr(db):
    assert counters.hit("k:2", "k:1", ttl=60) == (1, 0)
    assert counters.hit("k:2", "k:1", ttl=60) == (2, 0)
    assert counters.hit("k:3", "k:2", ttl=60) == (1, 2)


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def throttle_at(clock, monkeypatch):
    monkeypatch.setattr(TokenThrottle, "timer", clock)
    return TokenThrottle()


def test_requests_of_the_previous_window_count_as_long_as_they_overlap(reviewer, token_rate, monkeypatch):
    token_rate("4/minute")
    clock = Clock(6000 * 60 + 50)  # 50 s into a window
    api = client_for(reviewer)
    monkeypatch.setattr(TokenThrottle, "timer", clock)

    before = [api.get("/api/v1/claims/").status_code for _ in range(4)]
    clock.now += 15  # 5 s into the next window: the 4 earlier requests still weigh 11/12 of 4
    after_boundary = api.get("/api/v1/claims/")
    clock.now += 40  # 45 s in: they weigh a quarter, 1 + 1 (refused, counted) + 4/4 < 4
    later = api.get("/api/v1/claims/").status_code

    assert before == [200] * 4
    assert after_boundary.status_code == 429
    # 1 + 4 * (1 - t / 60) <= 4 from t = 15 s, 10 s after this request.
    assert after_boundary["Retry-After"] == "10"
    assert later == 200


def test_a_token_client_is_throttled_with_the_database_counters(database_cache, reviewer, token_rate):
    token_rate("3/minute")
    api = client_for(reviewer)

    statuses = [api.get("/api/v1/claims/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    assert RateCounter.objects.get().count == 4
