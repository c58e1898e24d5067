"""The sockets of the live desk: one per open article page, one per open work page.

An article socket joins the stream of its audience (core.audience_of): the team's or the
public's. It is told the events it missed since the position its page was drawn at (or to
reload its state), then every new event except those of its own tab, who else is on the
article and which claims they edit (soft locks). Its user is read again every
FACTCHECK_LIVE_RECHECK_SECONDS: a logged-out session or a revoked role moves it to the public
stream at once, and the page reloads its state.
"""

import asyncio
import contextlib

from asgiref.sync import sync_to_async
from autobahn.exception import Disconnected
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings

from annotations import rules
from annotations.models import Annotation, Article

from . import core
from .announce import DESK_GROUP, FAILURES, article_group
from .auth import current_user
from .middleware import client_id
from .store import STALE_SECONDS, now, store

# Close codes the page understands: try again later (live updates paused), gone, refused.
PAUSED, NOT_FOUND, REFUSED = 4503, 4404, 4401
HEARTBEAT_SECONDS = 30.0
PRESENCE_DELAY = 0.3
# Articles whose presence is about to be told, in this process (its one event loop).
_presence_due: dict[int, asyncio.Future] = {}
LARGEST_MESSAGE = 2000


def _store_call(method: str, *args, **kwargs):
    return sync_to_async(getattr(store(), method), thread_sensitive=False)(*args, **kwargs)


def _who(user) -> dict:
    """Return what the socket needs to know of its user (read in a thread: it asks the database)."""
    team = rules.can_read_drafts(user)
    return {
        "audience": core.audience_of(can_read_drafts=team),
        "user_id": user.pk if user.is_authenticated else None,
        "name": user.get_username() if user.is_authenticated and team else None,
        "editor": rules.is_editor(user),
    }


def _may_edit(user, article: int, annotation: int) -> bool:
    found = Annotation.objects.filter(pk=annotation, article_id=article).first()
    return found is not None and rules.can_edit(user, found)


def _query_client(scope) -> str:
    for part in scope.get("query_string", b"").decode("latin-1").split("&"):
        name, _, value = part.partition("=")
        if name == "client":
            return client_id(value)
    return ""


class LiveSocket(AsyncJsonWebsocketConsumer):
    """What both sockets share: who the user is, failures of the layer, the tab's client id."""

    groups_joined: tuple = ()

    async def __call__(self, scope, receive, send):
        try:
            await super().__call__(scope, receive, send)
        except FAILURES:
            # The layer (Redis) went away under the socket: the page hears "paused" and tries
            # again with backoff; what it misses meanwhile it catches up on, or reloads.
            with contextlib.suppress(Exception):
                await self.disconnect(PAUSED)
            with contextlib.suppress(Exception):
                await send({"type": "websocket.close", "code": PAUSED})

    async def send_json(self, content, close=False):
        """Send to the page; one that has just closed its socket hears nothing more, and that is no error.

        (A group's message can reach the consumer between the page closing the socket and the
        server telling the consumer so; daphne then refuses the send.)
        """
        with contextlib.suppress(Disconnected):
            await super().send_json(content, close=close)

    async def refuse(self, code: int, event: dict | None = None) -> None:
        await self.accept()
        if event:
            await self.send_json(event)
        await self.close(code=code)

    async def join(self, groups) -> bool:
        """Join the layer's groups; False if the layer cannot be reached (live updates paused)."""
        try:
            for group in groups:
                await self.channel_layer.group_add(group, self.channel_name)
        except FAILURES:
            return False
        self.groups_joined = tuple(groups)
        return True

    async def leave_groups(self) -> None:
        with contextlib.suppress(*FAILURES):
            for group in self.groups_joined:
                await self.channel_layer.group_discard(group, self.channel_name)
        self.groups_joined = ()

    async def receive_json(self, content, **kwargs):
        """Ignore what a client sends unless a subclass expects it."""

    @classmethod
    async def decode_json(cls, text_data):
        if len(text_data) > LARGEST_MESSAGE:
            return {}
        try:
            content = await super().decode_json(text_data)
        except ValueError:
            return {}
        return content if isinstance(content, dict) else {}


class ArticleSocket(LiveSocket):
    """/ws/live/articles/<id>/?client=<tab id>"""

    async def connect(self):
        self.article = int(self.scope["url_route"]["kwargs"]["pk"])
        self.client = _query_client(self.scope)
        self.editing = None
        self.tasks = []
        if self.scope.get("live_refused"):
            return await self.refuse(REFUSED, {"type": "refused", "detail": "Invalid token."})
        if not await database_sync_to_async(Article.objects.filter(pk=self.article).exists)():
            return await self.refuse(NOT_FOUND, {"type": "gone"})
        self.who = await database_sync_to_async(_who)(self.scope["user"])
        if not await self.join([article_group(self.article, self.who["audience"])]):
            return await self.refuse(PAUSED, {"type": "paused"})
        await self.accept()
        try:
            await self.visit()
            if self.who["audience"] == core.TEAM:
                await self.live_locks({"locks": await self.held_locks()})
        except FAILURES:
            return await self.close(code=PAUSED)
        self.tasks = [asyncio.ensure_future(self.heartbeat()), asyncio.ensure_future(self.recheck())]
        return None

    async def disconnect(self, code):
        for task in getattr(self, "tasks", []):
            task.cancel()
        await self.leave_groups()
        if hasattr(self, "who"):
            with contextlib.suppress(*FAILURES):
                await _store_call("leave", self.article, self.channel_name)
                released = await _store_call("unlock_all", self.article, self.channel_name)
                if released:
                    await self.tell_locks()
                self.announce_presence()

    # What the client asks

    async def receive_json(self, content, **kwargs):
        kind = content.get("type")
        try:
            if kind == "since":
                await self.catch_up(content)
            elif kind in ("editing", "take_over") and self.who["audience"] == core.TEAM:
                await self.set_editing(content.get("annotation"), take_over=kind == "take_over")
        except FAILURES:
            await self.close(code=PAUSED)

    async def catch_up(self, content):
        """Send the events missed since the client's position, or ask it to reload its state."""
        epoch, seq = content.get("epoch"), content.get("seq")
        since = core.Position(epoch, seq) if isinstance(epoch, str) and isinstance(seq, int) else None
        audience = self.who["audience"]
        current = await _store_call("position", self.article, audience)
        logged = [] if since is None or since.epoch != current.epoch else await _store_call(
            "logged", self.article, audience, since.seq)
        result = core.catch_up(since=since, current=current, logged=logged,
                               limit=settings.FACTCHECK_LIVE_BACKLOG)
        position = {"epoch": current.epoch, "seq": current.seq}
        if result.resync:
            await self.send_json({"type": "resync", "position": position})
        else:
            # The tab's own changes among them are applied again, which changes nothing.
            await self.send_json({"type": "catchup", "events": result.events, "position": position})

    async def set_editing(self, annotation, *, take_over: bool):
        """Take, take over or release the soft lock on an annotation of this article."""
        if annotation is not None and (not isinstance(annotation, int) or not await database_sync_to_async(
                _may_edit)(self.scope["user"], self.article, annotation)):
            return
        previous = self.editing
        if previous is not None and previous != annotation:
            await _store_call("unlock", self.article, previous, self.channel_name)
        self.editing = annotation
        if annotation is None:
            await self.visit()
            await self.tell_locks()
            return
        moment = now()
        wanted = core.Lock(annotation=annotation, connection=self.channel_name, user_id=self.who["user_id"],
                           name=self.who["name"], since=moment, seen=moment)
        before = core.lock_holder(
            next((lock for lock in await _store_call("locks", self.article) if lock.annotation == annotation),
                 None), now=moment, stale=STALE_SECONDS)
        holder = await _store_call("lock", self.article, wanted, take_over=take_over)
        if take_over and before is not None and before.connection != self.channel_name:
            await self.channel_layer.send(before.connection, {
                "type": "live.taken", "annotation": annotation, "by": self.who["name"]})
        if holder.connection != self.channel_name:
            self.editing = None
        await self.visit()
        await self.tell_locks()

    # Presence and locks

    async def visit(self):
        """Record the socket (and what it edits) among the article's visitors; others hear of it soon."""
        await _store_call("visit", self.article, core.Visitor(
            connection=self.channel_name, user_id=self.who["user_id"], name=self.who["name"],
            audience=self.who["audience"], editing=self.editing, seen=now()))
        self.announce_presence()

    def announce_presence(self):
        """Tell the article's sockets who is here, at most once per PRESENCE_DELAY in this process, so
        that a crowd arriving at once costs one message per socket, not one per arrival."""
        article, layer = self.article, self.channel_layer
        if article in _presence_due:
            return

        async def tell():
            await asyncio.sleep(PRESENCE_DELAY)
            _presence_due.pop(article, None)  # arrivals from now on are told again
            with contextlib.suppress(*FAILURES):
                visitors = await _store_call("visitors", article)
                moment = now()
                for gone in [v.connection for v in visitors if moment - v.seen > STALE_SECONDS]:
                    await _store_call("leave", article, gone)  # its server died without a word
                for audience in core.AUDIENCES:
                    await layer.group_send(article_group(article, audience), {
                        "type": "live.presence",
                        "presence": core.presence_for(visitors, audience, now=moment, stale=STALE_SECONDS)})

        _presence_due[article] = asyncio.ensure_future(tell())

    async def held_locks(self) -> list[dict]:
        return core.locks_view(await _store_call("locks", self.article), now=now(), stale=STALE_SECONDS)

    async def tell_locks(self):
        """Tell the team's sockets on the article which claims are being edited, at once."""
        await self.channel_layer.group_send(article_group(self.article, core.TEAM),
                                            {"type": "live.locks", "locks": await self.held_locks()})

    async def heartbeat(self):
        while True:
            await asyncio.sleep(HEARTBEAT_SECONDS)
            with contextlib.suppress(*FAILURES):
                await _store_call("seen", self.article, self.channel_name, now())

    async def recheck(self):
        """Read the user again now and then; a change of audience moves the socket to the other stream."""
        while True:
            await asyncio.sleep(settings.FACTCHECK_LIVE_RECHECK_SECONDS)
            try:
                await self.check_user()
            except FAILURES:
                await self.close(code=PAUSED)
                return

    async def check_user(self):
        user = await current_user(self.scope)
        who = await database_sync_to_async(_who)(user)
        if who == self.who:
            return
        self.scope["user"] = user
        changed_audience = who["audience"] != self.who["audience"]
        self.who = who
        if changed_audience:
            await self.leave_groups()
            if not await self.join([article_group(self.article, who["audience"])]):
                await self.close(code=PAUSED)
                return
            await _store_call("unlock_all", self.article, self.channel_name)
            self.editing = None
            await self.send_json({"type": "resync", "reason": "audience"})
            await self.tell_locks()
        await self.visit()

    # What the layer brings

    async def live_event(self, message):
        event = message["event"]
        if self.client and message.get("client") == self.client:
            # The tab's own change: it knows already, and only moves its position on.
            await self.send_json({"type": "own", "seq": event["seq"], "epoch": event["epoch"]})
            return
        await self.send_json(event)

    async def live_presence(self, message):
        await self.send_json(message["presence"])

    async def live_locks(self, message):
        if self.who["audience"] != core.TEAM:
            return
        locks = [{key: value for key, value in lock.items() if key != "connection"}
                 | {"mine": lock["connection"] == self.channel_name} for lock in message["locks"]]
        await self.send_json({"type": "locks", "locks": locks})

    async def live_taken(self, message):
        if self.editing == message["annotation"]:
            self.editing = None
        await self.send_json({"type": "taken_over", "annotation": message["annotation"], "by": message["by"]})


class DeskSocket(LiveSocket):
    """/ws/live/desk/: My work and the review queue hear of every change to the team's work."""

    async def connect(self):
        self.client = _query_client(self.scope)
        user = self.scope["user"]
        if self.scope.get("live_refused"):
            return await self.refuse(REFUSED, {"type": "refused", "detail": "Invalid token."})
        who = await database_sync_to_async(_who)(user)
        if who["audience"] != core.TEAM:
            return await self.refuse(REFUSED, {"type": "refused",
                                               "detail": "Only fact-checkers have a work list."})
        if not await self.join([DESK_GROUP]):
            return await self.refuse(PAUSED, {"type": "paused"})
        await self.accept()
        self.task = asyncio.ensure_future(self.recheck())
        return None

    async def recheck(self):
        """Read the user again now and then: one who is no longer a fact-checker hears no more."""
        while True:
            await asyncio.sleep(settings.FACTCHECK_LIVE_RECHECK_SECONDS)
            who = await database_sync_to_async(_who)(await current_user(self.scope))
            if who["audience"] != core.TEAM:
                await self.close(code=REFUSED)
                return

    async def disconnect(self, code):
        if getattr(self, "task", None) is not None:
            self.task.cancel()
        await self.leave_groups()

    async def live_work(self, message):
        if self.client and message.get("client") == self.client:
            return
        await self.send_json(message["event"])
