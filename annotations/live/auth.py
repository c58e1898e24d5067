"""Who is on a socket: a script's `Authorization: Token <key>`, or the browser's session cookie.

A browser sends its cookies with any WebSocket, whatever page opened it, so a socket that
relies on the session must come from one of our own pages (its Origin among ALLOWED_HOSTS);
a token is no ambient credential, so a script with one needs no Origin.
"""

from importlib import import_module

from channels.auth import AuthMiddlewareStack, get_user
from channels.db import database_sync_to_async
from channels.security.websocket import AllowedHostsOriginValidator
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.base import SessionBase

from annotations.apikeys.services import api_key_find


def token_from(scope) -> str | None:
    """Return the key of an `Authorization: Token <key>` header, if the socket has one."""
    for name, value in scope.get("headers", ()):
        if name == b"authorization":
            scheme, _, key = value.decode("latin-1").partition(" ")
            if scheme.lower() == "token" and key.strip():
                return key.strip()
    return None


def token_user(key: str):
    api_key = api_key_find(key)
    if api_key is None or not api_key.user.is_active:
        return None
    return api_key.user


async def current_user(scope):
    """Read the socket's user again (logged out since? key revoked? role taken away?)."""
    key = scope.get("live_token")
    if key is not None:
        return await database_sync_to_async(token_user)(key) or AnonymousUser()
    session = scope.get("session")
    if not isinstance(session, SessionBase) or session.session_key is None:
        return AnonymousUser()
    # Not the socket's own copy, read when it connected: the session as it is stored now.
    fresh = import_module(settings.SESSION_ENGINE).SessionStore(session.session_key)
    return await get_user({"session": fresh})


class LiveAuthMiddleware:
    """Put the socket's user in scope["user"]: by token, else by session (same-origin only)."""

    def __init__(self, inner):
        self.inner = inner
        self.by_session = AllowedHostsOriginValidator(AuthMiddlewareStack(inner))

    async def __call__(self, scope, receive, send):
        key = token_from(scope)
        if key is None:
            return await self.by_session(scope, receive, send)
        user = await database_sync_to_async(token_user)(key)
        scope = {**scope, "live_token": key, "user": user or AnonymousUser(), "live_refused": user is None}
        return await self.inner(scope, receive, send)
