"""What a page needs to follow an article live: its audience and where its streams stand."""

import redis

from annotations import rules

from .announce import paused, trip
from .core import audience_of
from .store import store


def article_position(article_pk: int, user) -> dict:
    """Return the page's live settings; read before the annotations, so no later event is missed.

    An event numbered after this position may already be in the page's annotations: the
    page applies it again (by version), which changes nothing.
    """
    audience = audience_of(can_read_drafts=rules.can_read_drafts(user))
    unknown = {"audience": audience, "epoch": "", "seq": 0}  # the page reads its state once live
    if paused():
        return unknown
    try:
        position = store().position(article_pk, audience)
    except (redis.RedisError, OSError):  # live updates paused; the page works
        trip()
        return unknown
    return {"audience": audience, "epoch": position.epoch, "seq": position.seq}
