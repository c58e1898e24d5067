"""The ASGI application: HTTP guarded as under WSGI, and `manage.py runserver` serving it (daphne's)."""

from asgiref.sync import async_to_sync
from django.core.management import get_commands

from factcheck.asgi import application


def test_runserver_is_daphnes_so_it_serves_the_live_sockets_too():
    assert get_commands()["runserver"] == "daphne"


def test_an_asgi_request_with_a_hostile_charset_is_refused_before_django():
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/api/v1/annotations/", "query_string": b"",
             "headers": [(b"content-type", b"application/json; charset=rot13")], "asgi": {"version": "3.0"}}
    async_to_sync(application)(scope, receive, send)

    assert sent[0]["status"] == 400
    assert sent[1]["body"] == b'{"detail": "Unknown charset \'rot13\'; send UTF-8."}'
