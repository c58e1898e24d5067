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
from contextvars import ContextVar
from functools import partial

import redis
from asgiref.sync import async_to_sync
from channels.exceptions import ChannelFull
from channels.layers import get_channel_layer
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
# After a failure to reach the layer, sending is not tried again for this long.
PAUSE_SECONDS = 5.0
FAILURES = (redis.RedisError, OSError, ChannelFull, asyncio.TimeoutError)


def article_group(article: int, audience: str) -> str:
    return f"live.article.{article}.{audience}"


def _actor(user) -> str | None:
    return user.get_username() if user is not None and user.is_authenticated else None


def annotation(annotation, kind: str, *, user) -> None:
    """Announce that an annotation was created, edited, submitted, verified or returned."""
    _after_commit(partial(_annotations, [annotation.pk], kind, _actor(user), client.get()))


def annotations_created(annotations, *, user) -> None:
    """Announce the annotations of one bulk create."""
    _after_commit(partial(_annotations, [a.pk for a in annotations], "created", _actor(user), client.get()))


def annotation_deleted(annotation, *, user) -> None:
    """Announce that an annotation was deleted."""
    change = core.Change(article=annotation.article_id, kind="deleted", annotation=annotation.pk,
                         actor=_actor(user), client=client.get())
    _after_commit(partial(publish, [change]))


def suggestions_changed(article, *, user) -> None:
    """Announce that the article's suggestion list changed (a dismissal)."""
    change = core.Change(article=article.pk, kind=core.SUGGESTIONS, actor=_actor(user), client=client.get())
    _after_commit(partial(publish, [change]))


def article_changed(article, *, user) -> None:
    """Announce that the article's text or fields changed: open pages reload their state."""
    change = core.Change(article=article.pk, kind=core.ARTICLE, actor=_actor(user), client=client.get())
    _after_commit(partial(publish, [change]))


def _after_commit(send) -> None:
    # robust: a failure to send is logged, never raised into the write that is already committed.
    transaction.on_commit(send, robust=True)


def _annotations(pks: list[int], kind: str, actor: str | None, client_id: str) -> None:
    if _paused():
        return
    changes = events.annotation_changes(pks, kind=kind, actor=actor, client=client_id)
    per_article: dict[int, list[core.Change]] = {}
    for change in changes:
        per_article.setdefault(change.article, []).append(change)
    sent = []
    for article, article_changes in per_article.items():
        if len(article_changes) > MOST_EVENTS_PER_WRITE:
            sent.append(core.Change(article=article, kind=core.RESYNC, actor=actor, client=client_id))
        else:
            sent.extend(article_changes)
    publish(sent)


_pause = {"until": 0.0}
_pause_guard = threading.Lock()


def _paused() -> bool:
    return time.monotonic() < _pause["until"]


def publish(changes: list[core.Change]) -> None:
    """Number each change's events in its article's streams and send them (after the commit)."""
    if not changes or _paused():
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
        async_to_sync(_send_all)(messages)
    except FAILURES as error:
        with _pause_guard:
            _pause["until"] = time.monotonic() + PAUSE_SECONDS
        logger.warning("live updates not sent: %s: %s", type(error).__name__, error)


async def _send_all(messages: list[tuple[str, dict]]) -> None:
    layer = get_channel_layer()
    async with asyncio.timeout(SEND_SECONDS):
        for group, message in messages:
            await layer.group_send(group, message)
