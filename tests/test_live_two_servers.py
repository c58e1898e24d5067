"""Two ASGI server processes behind one Redis: a change made through one reaches the sockets of the other."""

import asyncio
import http.client
import json

import pytest
from websockets.asyncio.client import connect

from annotations.apikeys.services import api_key_issue
from tests import factories
from tests.live_servers import AsgiServer, PrivateRedis, server_environment

QUOTE = "refuted a story by the Financial Times"


@pytest.fixture
def two_servers(transactional_db):
    redis = PrivateRedis().start()
    env = server_environment(**redis.env())
    servers = []
    try:
        servers = [AsgiServer(env).start(), AsgiServer(env).start()]
        yield servers
    finally:
        for server in servers:
            server.stop()
        redis.stop()
    assert [log for server in servers for log in server.tracebacks()] == []


def post(server: AsgiServer, path: str, payload: dict, token: str) -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    try:
        conn.request("POST", path, body=json.dumps(payload),
                     headers={"Authorization": f"Token {token}", "Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, json.loads(response.read() or b"null")
    finally:
        conn.close()


async def next_of_type(socket, kind: str, seconds: float = 5.0) -> dict:
    async with asyncio.timeout(seconds):
        while True:
            message = json.loads(await socket.recv())
            if message.get("type") == kind:
                return message


def test_a_change_made_through_one_server_reaches_a_socket_of_the_other(two_servers, roles):
    first, second = two_servers
    article = factories.ArticleFactory()
    _, editor_key = api_key_issue(user=factories.editor(username="eddie"))
    _, reviewer_key = api_key_issue(user=factories.reviewer(username="rita"))

    async def scenario():
        url = f"ws://127.0.0.1:{first.port}/ws/live/articles/{article.pk}/"
        async with connect(url, additional_headers={"Authorization": f"Token {editor_key}"}) as socket:
            await next_of_type(socket, "presence")
            status, created = await asyncio.to_thread(
                post, second, "/api/v1/annotations/",
                {"article": article.pk, "quote": QUOTE, "claim": "The FT reported it", "rating": "false"},
                reviewer_key)
            assert status == 201, created
            return created, await next_of_type(socket, "annotation")

    created, event = asyncio.run(scenario())

    assert event == {
        "type": "annotation", "kind": "created", "article": article.pk, "actor": "rita", "id": created["id"],
        "seq": 1, "epoch": event["epoch"],
        "annotation": {"id": created["id"], "start": created["start"], "end": created["end"],
                       "rating": "false", "review_state": "draft", "version": 1, "created_by": "rita",
                       "published": False, "stances": []},
    }


def test_presence_spans_the_servers(two_servers, roles):
    first, second = two_servers
    article = factories.ArticleFactory()
    _, editor_key = api_key_issue(user=factories.editor(username="eddie"))
    _, reviewer_key = api_key_issue(user=factories.reviewer(username="rita"))
    path = f"/ws/live/articles/{article.pk}/"

    async def scenario():
        async with connect(f"ws://127.0.0.1:{first.port}{path}",
                           additional_headers={"Authorization": f"Token {editor_key}"}) as eddie:
            await next_of_type(eddie, "presence")
            async with connect(f"ws://127.0.0.1:{second.port}{path}",
                               additional_headers={"Authorization": f"Token {reviewer_key}"}):
                while True:
                    presence = await next_of_type(eddie, "presence")
                    if len(presence["people"]) == 2:
                        return presence

    assert asyncio.run(scenario()) == {
        "type": "presence", "people": [{"name": "eddie", "editing": []}, {"name": "rita", "editing": []}],
        "others": 0,
    }
