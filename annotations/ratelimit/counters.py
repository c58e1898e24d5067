"""Count a request in the current window and read the previous window, in one round trip.

Where the counters live follows the shared cache: Redis (one pipelined SET NX / INCR / GET),
the database (one `INSERT ... ON CONFLICT DO UPDATE ... RETURNING`, in the RateCounter
table), or any other Django cache (add + incr, e.g. local memory in the tests). Each is
atomic, so processes and servers sharing the store count together.
"""

import time
from datetime import timedelta

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.redis import RedisCache
from django.db import connections, router
from django.utils import timezone

from .models import RateCounter

# Expired rows are deleted at most this often per process.
SWEEP_SECONDS = 60
_last_sweep = 0.0


def hit(key: str, previous_key: str, ttl: int) -> tuple[int, int]:
    """Count one request under key; return (its count, including this one; previous_key's count)."""
    cache = caches[DEFAULT_CACHE_ALIAS]
    if isinstance(cache, RedisCache):
        return _hit_redis(cache, key, previous_key, ttl)
    if isinstance(cache, DatabaseCache):
        return _hit_database(key, previous_key, ttl)
    return _hit_cache(cache, key, previous_key, ttl)


def _hit_redis(cache: RedisCache, key: str, previous_key: str, ttl: int) -> tuple[int, int]:
    stored, previous = cache.make_and_validate_key(key), cache.make_and_validate_key(previous_key)
    client = cache._cache.get_client(stored, write=True)
    pipe = client.pipeline(transaction=False)
    pipe.set(stored, 0, ex=ttl, nx=True)
    pipe.incr(stored)
    pipe.get(previous)
    _, count, before = pipe.execute()
    return int(count), int(before or 0)


def _hit_database(key: str, previous_key: str, ttl: int) -> tuple[int, int]:
    global _last_sweep
    alias = router.db_for_write(RateCounter)
    connection = connections[alias]
    table = connection.ops.quote_name(RateCounter._meta.db_table)
    key_column, count_column = connection.ops.quote_name("key"), connection.ops.quote_name("count")
    expires = timezone.now() + timedelta(seconds=ttl)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({key_column}, {count_column}, expires) VALUES (%s, 1, %s) "
            f"ON CONFLICT ({key_column}) DO UPDATE SET {count_column} = {table}.{count_column} + 1 "
            f"RETURNING {count_column}, "
            f"(SELECT p.{count_column} FROM {table} p WHERE p.{key_column} = %s)",
            [key, connection.ops.adapt_datetimefield_value(expires), previous_key],
        )
        count, before = cursor.fetchone()
        if count == 1 and time.monotonic() - _last_sweep > SWEEP_SECONDS:
            _last_sweep = time.monotonic()
            cursor.execute(
                f"DELETE FROM {table} WHERE expires < %s",
                [connection.ops.adapt_datetimefield_value(timezone.now())],
            )
    return count, before or 0


def _hit_cache(cache, key: str, previous_key: str, ttl: int) -> tuple[int, int]:
    cache.add(key, 0, ttl)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, ttl)
        count = 1
    return count, cache.get(previous_key, 0)
