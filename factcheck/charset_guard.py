"""Answer 400 to a request whose Content-Type charset is a codec but no text encoding.

Django takes any charset Python's codec registry knows (``base64``, ``rot13``,
``undefined``…) as the request's encoding and decodes the query string with it while
the request object is built, before any middleware or view: such a request would be a
500. It is refused here, in front of Django, with the API's message.
"""

import codecs
import json

from django.utils.http import parse_header_parameters

from annotations.ingest.charsets import codec_for


def _hostile(content_type: str) -> str | None:
    charset = parse_header_parameters(content_type)[1].get("charset")
    if not charset or codec_for(charset):
        return None
    try:
        codecs.lookup(charset)
    except LookupError:  # Django ignores a charset Python does not know
        return None
    return charset


def guard_charset(app):
    """Wrap a WSGI application so that it never sees a hostile request charset."""

    def application(environ, start_response):
        charset = _hostile(environ.get("CONTENT_TYPE", ""))
        if charset is None:
            return app(environ, start_response)
        body = json.dumps({"detail": f"Unknown charset {charset!r}; send UTF-8."}).encode()
        start_response("400 Bad Request", [
            ("Content-Type", "application/json"), ("Content-Length", str(len(body))),
        ])
        return [body]

    return application


def guard_charset_asgi(app):
    """Wrap an ASGI application so that no HTTP request with a hostile charset reaches it."""

    async def application(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        headers = scope.get("headers", ())
        content_type = next((value for name, value in headers if name == b"content-type"), b"")
        charset = _hostile(content_type.decode("latin-1"))
        if charset is None:
            return await app(scope, receive, send)
        body = json.dumps({"detail": f"Unknown charset {charset!r}; send UTF-8."}).encode()
        await send({"type": "http.response.start", "status": 400, "headers": [
            (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
        ]})
        await send({"type": "http.response.body", "body": body})
        return None

    return application
