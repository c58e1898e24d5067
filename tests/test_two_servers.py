"""Two app servers on two ports share PostgreSQL and Redis: sessions and throttles span both."""

import http.client
import json
import re
import time
import uuid
from urllib.parse import urlencode

import pytest
import redis
from django.contrib.auth.hashers import make_password

from annotations.apikeys.services import api_key_issue
from tests import factories
from tests.pg_support import database_url, free_port, postgresql_only, server_env, start_gunicorn, stop

REDIS_URL = "redis://127.0.0.1:6379/0"
PASSWORD = "a sound passphrase 42"


class Server:
    """A base URL on loopback and plain HTTP requests to it (cookies passed by hand)."""

    def __init__(self, port: int):
        self.port = port

    def request(self, method, path, *, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request(method, path, body=body, headers=headers or {})
            response = conn.getresponse()
            return response.status, response.getheaders(), response.read()
        finally:
            conn.close()


def cookies_from(headers) -> dict[str, str]:
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            found[key] = rest.split(";", 1)[0]
    return found


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{key}={value}" for key, value in cookies.items())


def log_in(server: Server, username: str, password: str) -> dict[str, str]:
    """Log in through the login form of `server`; return the cookies it set."""
    _, headers, page = server.request("GET", "/accounts/login/")
    cookies = cookies_from(headers)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1).decode()
    status, headers, _ = server.request(
        "POST", "/accounts/login/",
        body=urlencode({"username": username, "password": password, "csrfmiddlewaretoken": token}),
        headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie_header(cookies)},
    )
    assert status == 302
    return {**cookies, **cookies_from(headers)}


@pytest.fixture
def two_servers(transactional_db):
    """Start two gunicorn servers on the test database and a private corner of Redis."""
    prefix = f"fc-test-{uuid.uuid4().hex[:12]}"
    env = server_env(
        DATABASE_URL=database_url(), REDIS_URL=REDIS_URL, CACHE_KEY_PREFIX=prefix,
        FACTCHECK_THROTTLE_ANON="5/minute",
    )
    ports = [free_port(), free_port()]
    processes = []
    try:
        for port in ports:
            processes.append(start_gunicorn(port, env))
        yield [Server(port) for port in ports]
    finally:
        logs = [stop(process) for process in processes]
        client = redis.Redis.from_url(REDIS_URL)
        for key in client.scan_iter(match=f"{prefix}:*"):
            client.delete(key)
    assert all("Traceback" not in log for log in logs), logs


@postgresql_only
def test_a_session_made_on_one_server_works_on_the_other(two_servers, roles, settings):
    first, second = two_servers
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    user = factories.reviewer(username="rita")
    user.password = make_password(PASSWORD, hasher="pbkdf2_sha256")  # what the servers check
    user.save()

    cookies = log_in(first, "rita", PASSWORD)
    assert "sessionid" in cookies
    status, _, page = second.request("GET", "/", headers={"Cookie": cookie_header(cookies)})

    assert status == 200
    assert b'class="account__name"' in page and b'>rita</a>' in page


@postgresql_only
def test_a_throttle_counts_requests_on_both_servers(two_servers):
    first, second = two_servers

    statuses = [
        (first if n % 2 == 0 else second).request("GET", "/api/v1/claims/")[0] for n in range(6)
    ]

    assert statuses == [200, 200, 200, 200, 200, 429]


def claim_verified_on_one_is_found_by_the_other(
    first: Server, second: Server, *, reviewer_token: str, editor_token: str, article_id: int,
    quote: str, claim: str, timeout: float = 5.0,
) -> dict:
    """Verify a claim through `first`; return the hit for it on `second`'s similar-claims search.

    Raises AssertionError when `second` has not found it after `timeout` seconds.
    """

    def api(server, method, path, token, payload=None, **headers):
        status, _, body = server.request(
            method, path, body=json.dumps(payload) if payload is not None else None,
            headers={"Authorization": f"Token {token}", "Content-Type": "application/json", **headers},
        )
        return status, json.loads(body or b"null")

    status, created = api(first, "POST", "/api/v1/annotations/", reviewer_token,
                          {"article": article_id, "quote": quote, "claim": claim, "rating": "false"})
    assert status == 201, created
    version = created["version"]
    status, submitted = api(first, "POST", f"/api/v1/annotations/{created['id']}/submit/", reviewer_token,
                            {}, **{"If-Match": f'"{version}"'})
    assert status == 200, submitted
    status, verified = api(first, "POST", f"/api/v1/annotations/{created['id']}/verify/", editor_token,
                           {}, **{"If-Match": f'"{submitted["version"]}"'})
    assert status == 200, verified
    deadline = time.monotonic() + timeout
    while True:
        status, found = api(second, "GET", "/api/v1/claims/similar/?" + urlencode({"text": claim}),
                            editor_token)
        assert status == 200, found
        for hit in found["results"]:
            if (hit["kind"], hit["id"]) == ("verified", created["id"]):
                return hit
        if time.monotonic() > deadline:
            raise AssertionError(f"claim {created['id']} not found on the second server: {found}")
        time.sleep(0.2)


@postgresql_only
def test_a_claim_verified_on_one_server_is_found_by_the_other(two_servers, roles):
    first, second = two_servers
    reviewer, editor = factories.reviewer(username="rita"), factories.editor(username="eddie")
    article = factories.ArticleFactory()
    _, reviewer_key = api_key_issue(user=reviewer)
    _, editor_key = api_key_issue(user=editor)

    hit = claim_verified_on_one_is_found_by_the_other(
        first, second, reviewer_token=reviewer_key, editor_token=editor_key, article_id=article.pk,
        quote="refuted a story by the Financial Times",
        claim="Trump pressed Zelenskyy to give up the whole Donbas region",
    )

    assert hit["claim"] == "Trump pressed Zelenskyy to give up the whole Donbas region"
    assert hit["rating"] == "false"
