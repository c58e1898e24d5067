"""The services' door to the live desk: announce a change inside the write's transaction; it
is read back, numbered and sent once the transaction commits (never for a rolled-back write).

A change reaches each article socket of the audiences that may read it (core.views_of) and the
team's work pages (My work, the review queue). Sending never fails a write: while Redis is
unreachable, changes are not sent (the sockets say live updates are paused, and reload their
state when they are back).
"""

import asyncio
import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar

import redis
from asgiref.sync import async_to_sync
from channels.exceptions import ChannelFull
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from django.db import transaction

from . import core, events
from .store import store

logger = logging.getLogger("annotations.live")

# The browser tab that made the current request (X-Live-Client), so that it is not told of
# its own changes; set by annotations.live.middleware.
client: ContextVar[str] = ContextVar("live_client", default="")
DESK_GROUP = "live.desk"
# More annotations than this in one article in one write (a bulk create): one resync instead.
MOST_EVENTS_PER_WRITE = 50
SEND_SECONDS = 2.0
# After a failure to reach the layer, sending is not tried again for this long (a Redis that hangs
# would otherwise hold every write for SEND_SECONDS).
PAUSE_SECONDS = 1.0
FAILURES = (redis.RedisError, OSError, ChannelFull, asyncio.TimeoutError)


def article_group(article: int, audience: str) -> str:
    return f"live.article.{article}.{audience}"


def _actor(user) -> str | None:
    return user.get_username() if user is not None and user.is_authenticated else None


def annotation(annotation, kind: str, *, user) -> None:
    """Announce that an annotation was created, edited, submitted, verified or returned."""
    items, actor, client_id = [(annotation.pk, annotation.article_id)], _actor(user), client.get()
    _after_commit(lambda: _annotations(items, kind, actor, client_id))


def annotations_created(plans, *, user) -> None:
    """Announce annotations just stored from their plans (a single or a bulk create); their
    summaries are what was written, so nothing is read back after the commit."""
    changes = events.created_changes(plans, actor=_actor(user), client=client.get())
    _after_commit(lambda: publish(_per_write(changes)))


def annotation_deleted(annotation, *, user) -> None:
    """Announce that an annotation was deleted."""
    change = core.Change(article=annotation.article_id, kind="deleted", annotation=annotation.pk,
                         actor=_actor(user), client=client.get())
    _after_commit(lambda: publish([change]))


def suggestions_changed(article, *, user) -> None:
    """Announce that the article's suggestion list changed (a dismissal)."""
    change = core.Change(article=article.pk, kind=core.SUGGESTIONS, actor=_actor(user), client=client.get())
    _after_commit(lambda: publish([change]))


def article_changed(article, *, user) -> None:
    """Announce that the article's text or fields changed: open pages reload their state."""
    change = core.Change(article=article.pk, kind=core.ARTICLE, actor=_actor(user), client=client.get())
    _after_commit(lambda: publish([change]))


def _after_commit(send) -> None:
    # robust: a failure to send is logged, never raised into the write that is already committed.
    transaction.on_commit(send, robust=True)


def _annotations(items: list[tuple[int, int]], kind: str, actor: str | None, client_id: str) -> None:
    if _paused():
        _lost(article for _, article in items)
        return
    publish(_per_write(events.annotation_changes(items, kind=kind, actor=actor, client=client_id)))


def _per_write(changes: list[core.Change]) -> list[core.Change]:
    """The changes to send for one write: an article with too many of them is told to resync."""
    per_article: dict[int, list[core.Change]] = {}
    for change in changes:
        per_article.setdefault(change.article, []).append(change)
    sent = []
    for article, article_changes in per_article.items():
        if len(article_changes) > MOST_EVENTS_PER_WRITE:
            first = article_changes[0]
            sent.append(core.Change(article=article, kind=core.RESYNC, actor=first.actor,
                                    client=first.client))
        else:
            sent.extend(article_changes)
    return sent


_pause = {"until": 0.0}
# Articles whose changes could not be sent: their pages are told to reload their state once
# sending works again, since they cannot know what they missed.
_lost_articles: set[int] = set()
_pause_guard = threading.Lock()


def _paused() -> bool:
    return time.monotonic() < _pause["until"]


def paused() -> bool:
    """Whether the live desk's Redis failed a moment ago (nothing is tried for PAUSE_SECONDS)."""
    return _paused()


def trip() -> None:
    """Note that the live desk's Redis failed: nothing is tried for PAUSE_SECONDS."""
    with _pause_guard:
        _pause["until"] = time.monotonic() + PAUSE_SECONDS


_retry = {"timer": None}


def _lost(articles) -> None:
    """Remember articles whose changes were not sent, and try to tell their pages again soon."""
    with _pause_guard:
        _lost_articles.update(articles)
        timer = _retry["timer"]
        if _lost_articles and (timer is None or not timer.is_alive()):
            timer = _retry["timer"] = threading.Timer(PAUSE_SECONDS + 0.5, _tell_lost)
            timer.daemon = True
            timer.start()


def _tell_lost() -> None:
    with _pause_guard:
        _retry["timer"] = None
    publish([])


def publish(changes: list[core.Change]) -> None:
    """Number each change's events in its article's streams and send them (after the commit)."""
    if _paused():
        _lost(change.article for change in changes)
        return
    with _pause_guard:
        lost = sorted(_lost_articles)
        _lost_articles.clear()
    changes = [core.Change(article=article, kind=core.RESYNC) for article in lost] + list(changes)
    if not changes:
        return
    messages = []
    try:
        for change in changes:
            for audience, event in core.views_of(change).items():
                if event is None:
                    continue
                position = store().append(change.article, audience, event,
                                          keep=settings.FACTCHECK_LIVE_BACKLOG)
                messages.append((article_group(change.article, audience), {
                    "type": "live.event", "client": change.client,
                    "event": {**event, "seq": position.seq, "epoch": position.epoch},
                }))
            if change.kind != core.SUGGESTIONS:
                messages.append((DESK_GROUP, {"type": "live.work", "client": change.client, "event": {
                    "type": "work", "kind": change.kind, "article": change.article,
                    "id": change.annotation, "actor": change.actor,
                }}))
        articles = sorted({change.article for change in changes})
        layer = get_channel_layer()
        if isinstance(layer, InMemoryChannelLayer):
            _run(_send_all, layer, messages)
        else:
            _sender.send(_send_all(layer, messages), articles)
    except FAILURES as error:
        _failed(error, changes)


def _failed(error: BaseException, changes_or_articles) -> None:
    trip()
    _lost(getattr(item, "article", item) for item in changes_or_articles)
    logger.warning("live updates not sent: %s: %s", type(error).__name__, error)


def _run(send, layer, messages) -> None:
    """Send to the in-memory layer on the server's own event loop (async_to_sync from a request's
    thread reaches it), or from another thread if this one runs an event loop itself."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        async_to_sync(send)(layer, messages)
        return
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(async_to_sync(send), layer, messages).result()


class Sender:
    """One event loop per process, in a thread of its own, sends to the Redis layer: its connections
    stay open between writes, and a write does not wait for the sending (events are numbered
    already, so pages put them in order whatever order they arrive in)."""

    def __init__(self):
        self.loop = None
        self.guard = threading.Lock()

    def send(self, coroutine, articles: list[int]) -> None:
        with self.guard:
            if self.loop is None:
                self.loop = asyncio.new_event_loop()
                threading.Thread(target=self.loop.run_forever, name="live-sender", daemon=True).start()
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        future.add_done_callback(lambda done: self.sent(done, articles))

    @staticmethod
    def sent(future, articles: list[int]) -> None:
        error = future.exception()
        if error is None:
            return
        if isinstance(error, FAILURES):
            _failed(error, articles)
        else:
            logger.error("live updates not sent", exc_info=error)


_sender = Sender()


async def _send_all(layer, messages: list[tuple[str, dict]]) -> None:
    async with asyncio.timeout(SEND_SECONDS):
        for group, message in messages:
            await layer.group_send(group, message)
