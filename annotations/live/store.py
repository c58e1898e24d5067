"""Where the live desk keeps its state: per-article event logs, presence and soft locks.

Redis when LIVE_REDIS_URL is set, so that every server process shares them; otherwise the
memory of the one process that serves both the pages and the sockets (`make run`). Every
call is synchronous and short; the consumers call it from a worker thread.
"""

import json
import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import asdict

import redis
from django.conf import settings
from django.core.signals import setting_changed

from .core import Lock, Position, Visitor

# Presence and locks of a socket not seen for this long are gone (its server died).
STALE_SECONDS = 90.0
# An article's log, presence and locks are forgotten this long after its last change.
KEEP_SECONDS = 24 * 3600


def new_epoch() -> str:
    return secrets.token_hex(8)


class MemoryStore:
    """The state of one process, for a server without Redis."""

    def __init__(self):
        self._lock = threading.Lock()
        self._epochs: dict[tuple, str] = {}
        self._seqs: dict[tuple, int] = defaultdict(int)
        self._logs: dict[tuple, deque] = {}
        self._visitors: dict[int, dict[str, Visitor]] = defaultdict(dict)
        self._locks: dict[int, dict[int, Lock]] = defaultdict(dict)

    def append(self, article: int, audience: str, event: dict, *, keep: int) -> Position:
        key = (article, audience)
        with self._lock:
            self._seqs[key] += 1
            epoch = self._epochs.setdefault(key, new_epoch())
            log = self._logs.get(key)
            if log is None or log.maxlen != keep:
                log = self._logs[key] = deque(log or (), maxlen=keep)
            log.append((self._seqs[key], event))
            return Position(epoch, self._seqs[key])

    def position(self, article: int, audience: str) -> Position:
        key = (article, audience)
        with self._lock:
            return Position(self._epochs.setdefault(key, new_epoch()), self._seqs[key])

    def logged(self, article: int, audience: str, after: int) -> list[tuple[int, dict]]:
        with self._lock:
            return [(seq, event) for seq, event in self._logs.get((article, audience), ()) if seq > after]

    def visit(self, article: int, visitor: Visitor) -> None:
        with self._lock:
            self._visitors[article][visitor.connection] = visitor

    def leave(self, article: int, connection: str) -> None:
        with self._lock:
            self._visitors[article].pop(connection, None)

    def visitors(self, article: int) -> list[Visitor]:
        with self._lock:
            return list(self._visitors[article].values())

    def lock(self, article: int, lock: Lock, *, take_over: bool) -> Lock:
        with self._lock:
            current = self._locks[article].get(lock.annotation)
            if (current is not None and not take_over and current.connection != lock.connection
                    and lock.seen - current.seen <= STALE_SECONDS):
                return current
            if current is not None and current.connection == lock.connection:
                lock = Lock(**{**asdict(lock), "since": current.since})
            self._locks[article][lock.annotation] = lock
            return lock

    def unlock(self, article: int, annotation: int, connection: str) -> bool:
        with self._lock:
            current = self._locks[article].get(annotation)
            if current is None or current.connection != connection:
                return False
            del self._locks[article][annotation]
            return True

    def unlock_all(self, article: int, connection: str) -> list[int]:
        with self._lock:
            mine = [pk for pk, lock in self._locks[article].items() if lock.connection == connection]
            for pk in mine:
                del self._locks[article][pk]
            return mine

    def locks(self, article: int) -> list[Lock]:
        with self._lock:
            return list(self._locks[article].values())

    def seen(self, article: int, connection: str, now: float) -> None:
        """Say that a socket is still there: its presence and its locks hold on."""
        with self._lock:
            visitor = self._visitors[article].get(connection)
            if visitor is not None:
                self._visitors[article][connection] = Visitor(**{**asdict(visitor), "seen": now})
            for pk, lock in self._locks[article].items():
                if lock.connection == connection:
                    self._locks[article][pk] = Lock(**{**asdict(lock), "seen": now})


APPEND = """
local seq = redis.call('HINCRBY', KEYS[1], 'seq', 1)
redis.call('HSETNX', KEYS[1], 'epoch', ARGV[2])
local epoch = redis.call('HGET', KEYS[1], 'epoch')
redis.call('ZADD', KEYS[2], seq, seq .. ':' .. ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[3]) + 1))
redis.call('EXPIRE', KEYS[2], ARGV[4])
return {seq, epoch}
"""
POSITION = """
redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1])
return redis.call('HMGET', KEYS[1], 'epoch', 'seq')
"""
LOCK = """
local current = redis.call('HGET', KEYS[1], ARGV[1])
local wanted = cjson.decode(ARGV[2])
if current then
  local held = cjson.decode(current)
  if held.connection == wanted.connection then
    wanted.since = held.since
  elseif ARGV[3] ~= '1' and wanted.seen - held.seen <= tonumber(ARGV[4]) then
    return current
  end
end
local value = cjson.encode(wanted)
redis.call('HSET', KEYS[1], ARGV[1], value)
redis.call('EXPIRE', KEYS[1], ARGV[5])
return value
"""
UNLOCK = """
local current = redis.call('HGET', KEYS[1], ARGV[1])
if current and cjson.decode(current).connection == ARGV[2] then
  redis.call('HDEL', KEYS[1], ARGV[1])
  return 1
end
return 0
"""
UNLOCK_ALL = """
local mine = {}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  if cjson.decode(all[i + 1]).connection == ARGV[1] then
    redis.call('HDEL', KEYS[1], all[i])
    table.insert(mine, all[i])
  end
end
return mine
"""
SEEN = """
local visitor = redis.call('HGET', KEYS[1], ARGV[1])
if visitor then
  local value = cjson.decode(visitor)
  value.seen = tonumber(ARGV[2])
  redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(value))
  redis.call('EXPIRE', KEYS[1], ARGV[3])
end
local all = redis.call('HGETALL', KEYS[2])
for i = 1, #all, 2 do
  local lock = cjson.decode(all[i + 1])
  if lock.connection == ARGV[1] then
    lock.seen = tonumber(ARGV[2])
    redis.call('HSET', KEYS[2], all[i], cjson.encode(lock))
  end
end
return 1
"""


class RedisStore:
    """The state shared by every server process, in Redis."""

    def __init__(self, url: str, prefix: str):
        self.redis = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
        self.prefix = prefix
        self._append = self.redis.register_script(APPEND)
        self._position = self.redis.register_script(POSITION)
        self._lock = self.redis.register_script(LOCK)
        self._unlock = self.redis.register_script(UNLOCK)
        self._unlock_all = self.redis.register_script(UNLOCK_ALL)
        self._seen = self.redis.register_script(SEEN)

    def _key(self, *parts) -> str:
        return ":".join([self.prefix, *map(str, parts)])

    def append(self, article: int, audience: str, event: dict, *, keep: int) -> Position:
        seq, epoch = self._append(
            keys=[self._key("a", article, audience, "pos"), self._key("a", article, audience, "log")],
            args=[json.dumps(event, separators=(",", ":")), new_epoch(), keep, KEEP_SECONDS],
        )
        return Position(epoch.decode(), int(seq))

    def position(self, article: int, audience: str) -> Position:
        epoch, seq = self._position(keys=[self._key("a", article, audience, "pos")], args=[new_epoch()])
        return Position(epoch.decode(), int(seq or 0))

    def logged(self, article: int, audience: str, after: int) -> list[tuple[int, dict]]:
        members = self.redis.zrangebyscore(self._key("a", article, audience, "log"), f"({after}", "+inf")
        logged = []
        for member in members:
            seq, _, event = member.decode().partition(":")
            logged.append((int(seq), json.loads(event)))
        return logged

    def visit(self, article: int, visitor: Visitor) -> None:
        key = self._key("p", article)
        with self.redis.pipeline() as pipe:
            pipe.hset(key, visitor.connection, json.dumps(asdict(visitor)))
            pipe.expire(key, KEEP_SECONDS)
            pipe.execute()

    def leave(self, article: int, connection: str) -> None:
        self.redis.hdel(self._key("p", article), connection)

    def visitors(self, article: int) -> list[Visitor]:
        return [Visitor(**json.loads(value)) for value in self.redis.hvals(self._key("p", article))]

    def lock(self, article: int, lock: Lock, *, take_over: bool) -> Lock:
        value = self._lock(
            keys=[self._key("l", article)],
            args=[lock.annotation, json.dumps(asdict(lock)), "1" if take_over else "0", STALE_SECONDS,
                  KEEP_SECONDS],
        )
        return Lock(**json.loads(value))

    def unlock(self, article: int, annotation: int, connection: str) -> bool:
        return bool(self._unlock(keys=[self._key("l", article)], args=[annotation, connection]))

    def unlock_all(self, article: int, connection: str) -> list[int]:
        return [int(pk) for pk in self._unlock_all(keys=[self._key("l", article)], args=[connection])]

    def locks(self, article: int) -> list[Lock]:
        return [Lock(**json.loads(value)) for value in self.redis.hvals(self._key("l", article))]

    def seen(self, article: int, connection: str, now: float) -> None:
        self._seen(keys=[self._key("p", article), self._key("l", article)],
                   args=[connection, now, KEEP_SECONDS])


_store: MemoryStore | RedisStore | None = None
_store_guard = threading.Lock()


def store() -> MemoryStore | RedisStore:
    """Return the process's store for the configured Redis (or memory)."""
    global _store
    with _store_guard:
        if _store is None:
            url = settings.LIVE_REDIS_URL
            _store = RedisStore(url, settings.LIVE_KEY_PREFIX) if url else MemoryStore()
        return _store


def _forget_store(*, setting, **kwargs) -> None:
    global _store
    if setting in ("LIVE_REDIS_URL", "LIVE_KEY_PREFIX"):
        with _store_guard:
            _store = None


setting_changed.connect(_forget_store)


def now() -> float:
    return time.time()
