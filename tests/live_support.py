"""Sockets of the live desk in the test process: the ASGI application driven by channels' communicator."""

import json

from channels.testing import WebsocketCommunicator
from django.test import Client

from factcheck.asgi import application

ORIGIN = (b"origin", b"http://testserver")


def session_cookie(user) -> bytes:
    client = Client()
    client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


async def open_socket(path: str, *, cookie: bytes | None = None, token: str | None = None, origin=True):
    """Connect to a live socket with a session cookie (session_cookie), a token, or anonymously."""
    headers = [ORIGIN] if origin else []
    if cookie is not None:
        headers.append((b"cookie", cookie))
    if token is not None:
        headers.append((b"authorization", f"Token {token}".encode()))
    socket = WebsocketCommunicator(application, path, headers=headers)
    connected, _ = await socket.connect()
    socket.accepted = connected
    return socket


async def received(socket, *, seconds: float = 1.0) -> list[dict]:
    """Return every message the socket receives until it stays quiet for `seconds`."""
    messages = []
    # A timeout of receive_from would cancel the application: wait with receive_nothing instead.
    while not await socket.receive_nothing(timeout=seconds, interval=0.01):
        messages.append(json.loads(await socket.receive_from()))
    return messages


def of_type(messages, *types) -> list[dict]:
    return [message for message in messages if message.get("type") in types]
