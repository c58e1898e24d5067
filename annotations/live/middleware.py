"""Note which browser tab made a request (X-Live-Client), so that its own changes are not echoed to it."""

import re

from .announce import client

CLIENT_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def client_id(value: str) -> str:
    """Return a tab's client id if it looks like one (letters, digits, hyphens), else ""."""
    return value if CLIENT_ID.match(value or "") else ""


class LiveClientMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = client.set(client_id(request.headers.get("X-Live-Client", "")))
        try:
            return self.get_response(request)
        finally:
            client.reset(token)
