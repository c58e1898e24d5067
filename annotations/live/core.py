"""What a live event says to whom, what a reconnecting client missed, who is here: plain data only.

Two audiences read an article's events: the team (whoever may read drafts) and the public
(anonymous visitors, users without a role, export clients). Each audience has its own
sequence, so a public client never sees a gap where a draft changed, and never learns that
one did.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

TEAM = "team"
PUBLIC = "public"
AUDIENCES = (TEAM, PUBLIC)

# What the client does with an event.
UPSERT = "annotation"  # paint or repaint one annotation from its summary
REMOVE = "removed"  # the annotation is gone, or no longer readable by this audience
SUGGESTIONS = "suggestions"  # the suggestion list changed (a dismissal)
ARTICLE = "article"  # the article's text or fields changed: reload the state
RESYNC = "resync"  # too much changed at once: reload the state


def audience_of(*, can_read_drafts: bool) -> str:
    """Return the audience of a connection from what its user may read."""
    return TEAM if can_read_drafts else PUBLIC


@dataclass(frozen=True)
class Change:
    """One change to an article, as every audience would be told of it.

    `summary`: the annotation as the team's annotation view paints it (None: deleted);
    `published`: the claim has a public version (it may be under correction now).
    """

    article: int
    kind: str  # created, edited, submitted, verified, returned, deleted, dismissed, article, bulk
    annotation: int | None = None
    summary: Mapping[str, Any] | None = None
    actor: str | None = None
    client: str = ""
    published: bool = False


def public_summary(summary: Mapping[str, Any]) -> dict[str, Any]:
    """Return what the public sees of a verified annotation's summary: no staff usernames."""
    return {**summary, "created_by": None}


def views_of(change: Change) -> dict[str, dict[str, Any] | None]:
    """Return the event each audience receives for a change (None: that audience hears nothing).

    The team hears everything, with who did it. The public hears of verified claims only: a
    claim it could see that goes back into review (a correction) is removed from its page, a
    draft is never mentioned, and nobody is named.
    """
    team: dict[str, Any] = {"kind": change.kind, "article": change.article, "actor": change.actor}
    if change.kind == SUGGESTIONS:
        return {TEAM: {**team, "type": SUGGESTIONS}, PUBLIC: None}
    if change.kind in (ARTICLE, RESYNC):
        return {TEAM: {**team, "type": change.kind},
                PUBLIC: {"type": change.kind, "kind": change.kind, "article": change.article}}
    if change.summary is None:
        team_event = {**team, "type": REMOVE, "id": change.annotation}
        # Only drafts are deleted, and the public never had them.
        return {TEAM: team_event, PUBLIC: None}
    team_event = {**team, "type": UPSERT, "id": change.annotation, "annotation": dict(change.summary)}
    if change.summary.get("review_state") == "verified":
        public = {"type": UPSERT, "kind": change.kind, "article": change.article, "id": change.annotation,
                  "annotation": public_summary(change.summary)}
    elif change.published:
        public = {"type": REMOVE, "kind": change.kind, "article": change.article, "id": change.annotation}
    else:
        public = None
    return {TEAM: team_event, PUBLIC: public}


@dataclass(frozen=True)
class Position:
    """Where an article's event stream of one audience stands: its epoch and last sequence number.

    The epoch changes when the stream's memory is lost (a server without Redis restarted,
    Redis emptied), so a client's numbers from before mean nothing any more.
    """

    epoch: str
    seq: int


@dataclass(frozen=True)
class CatchUp:
    """What a reconnecting client gets: the events it missed, or `resync` (reload the state)."""

    events: list[dict[str, Any]] = field(default_factory=list)
    resync: bool = False


def catch_up(*, since: Position | None, current: Position, logged: Iterable[tuple[int, dict]],
             limit: int) -> CatchUp:
    """Return the events after `since` from the logged (seq, event) pairs, or ask for a resync.

    A resync is asked when the client's numbers belong to another epoch or lie ahead of the
    stream, when more than `limit` events were missed, or when the log no longer holds every
    missed event.
    """
    if since is None or since.epoch != current.epoch or since.seq > current.seq:
        return CatchUp(resync=True)
    missing = current.seq - since.seq
    if missing == 0:
        return CatchUp()
    if missing > limit:
        return CatchUp(resync=True)
    events = sorted(((seq, event) for seq, event in logged if since.seq < seq <= current.seq),
                    key=lambda pair: pair[0])
    if [seq for seq, _ in events] != list(range(since.seq + 1, current.seq + 1)):
        return CatchUp(resync=True)
    return CatchUp(events=[{**event, "seq": seq} for seq, event in events])


# Presence and soft locks


@dataclass(frozen=True)
class Visitor:
    """One open socket on an article: who, in which audience, and what they edit."""

    connection: str
    user_id: int | None
    name: str | None
    audience: str
    editing: int | None = None
    seen: float = 0.0


def presence_for(visitors: Iterable[Visitor], audience: str, *, now: float, stale: float) -> dict[str, Any]:
    """Return who is on the article as `audience` may know it: names for the team only.

    A person with several tabs counts once; the public (anonymous visitors, users without a
    role) is counted, never named. Visitors not seen for `stale` seconds have gone (their
    server died without saying so).
    """
    alive = [visitor for visitor in visitors if now - visitor.seen <= stale]
    team: dict[int, dict[str, Any]] = {}
    public_users, anonymous = set(), 0
    for visitor in sorted(alive, key=lambda v: (v.name or "", v.connection)):
        if visitor.audience != TEAM or visitor.user_id is None:
            if visitor.user_id is None:
                anonymous += 1
            else:
                public_users.add(visitor.user_id)
            continue
        person = team.setdefault(visitor.user_id, {"name": visitor.name, "editing": []})
        if visitor.editing is not None and visitor.editing not in person["editing"]:
            person["editing"].append(visitor.editing)
    others = anonymous + len(public_users)
    if audience != TEAM:
        return {"type": "presence", "count": len(team) + others}
    return {"type": "presence", "people": list(team.values()), "others": others}


@dataclass(frozen=True)
class Lock:
    """A soft lock: `name` is editing annotation `annotation` through socket `connection`."""

    annotation: int
    connection: str
    user_id: int
    name: str
    since: float
    seen: float


def lock_holder(lock: Lock | None, *, now: float, stale: float) -> Lock | None:
    """Return the lock if it still holds (its socket was seen within `stale` seconds)."""
    if lock is None or now - lock.seen > stale:
        return None
    return lock


def locks_view(locks: Iterable[Lock], *, now: float, stale: float) -> list[dict[str, Any]]:
    """Return the live locks as the team sees them."""
    held = [lock for lock in locks if lock_holder(lock, now=now, stale=stale)]
    return [{"annotation": lock.annotation, "name": lock.name, "user": lock.user_id, "since": lock.since,
             "connection": lock.connection} for lock in sorted(held, key=lambda lock: lock.annotation)]
