"""While the database is unreachable every request gets a quick, clear 503; then it recovers."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import InterfaceError, OperationalError, connection
from django.test import Client

from annotations.models import Annotation
from factcheck.outage import server_error
from tests.api_support import client_for

ROOT = Path(__file__).resolve().parents[1]


def database_down(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


def test_api_answers_503_json_with_retry_after_when_the_database_is_down(reviewer, article):
    api = client_for(reviewer)

    with connection.execute_wrapper(database_down):
        response = api.post(
            "/api/v1/annotations/", {"article": article.pk, "quote": "Trump"}, format="json"
        )

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == {
        "detail": "The database is unavailable; please retry shortly.",
        "code": "database_unavailable",
    }
    assert not Annotation.objects.exists()


def down_once_written(table: str):
    """A database that goes away right after a write to `table`: every later read fails."""
    written = []

    def wrapper(execute, sql, params, many, context):
        if written and sql.lstrip().upper().startswith("SELECT"):
            raise OperationalError("server closed the connection unexpectedly")
        result = execute(sql, params, many, context)
        if sql.lstrip().upper().startswith(("INSERT", "UPDATE")) and f'"{table}"' in sql:
            written.append(sql)
        return result

    return wrapper


def test_a_write_whose_answer_cannot_be_read_is_not_stored(reviewer, editor, article, in_review):
    """A 503 means the write did not take, so the client may safely send it again."""
    from annotations import services
    from annotations.models import Article
    from annotations.publishing.models import PublishedClaim

    draft = services.annotation_create(article=article, user=reviewer, quote="Trump", claim="A claim")
    draft_before, review_before = Annotation.objects.get(pk=draft.pk), Annotation.objects.get(pk=in_review.pk)
    history = Annotation.history.count()
    with connection.execute_wrapper(down_once_written(Annotation._meta.db_table)):
        edited = client_for(reviewer).patch(
            f"/api/v1/annotations/{draft.pk}/", {"claim": "changed"}, format="json", HTTP_IF_MATCH='"1"'
        )
    with connection.execute_wrapper(down_once_written(Annotation._meta.db_table)):
        verified = client_for(editor).post(
            f"/api/v1/annotations/{in_review.pk}/verify/", {}, format="json",
            HTTP_IF_MATCH=f'"{in_review.version}"',
        )
    articles = Article.objects.count()
    with connection.execute_wrapper(down_once_written(Article._meta.db_table)):
        added = client_for(editor).post(
            "/api/v1/articles/", {"title": "Talks", "body": "Talks resume."}, format="json"
        )

    assert [edited.status_code, verified.status_code, added.status_code] == [503, 503, 503]
    assert (Annotation.objects.get(pk=draft.pk).claim, Annotation.objects.get(pk=draft.pk).version) == (
        draft_before.claim, draft_before.version,
    )
    assert Annotation.objects.get(pk=in_review.pk).review_state == review_before.review_state == "in_review"
    assert not PublishedClaim.objects.exists()
    assert Annotation.history.count() == history
    assert Article.objects.count() == articles


def test_api_answers_503_when_the_shared_cache_is_down(reviewer, monkeypatch):
    from django.core.cache.backends.locmem import LocMemCache
    from redis.exceptions import TimeoutError as RedisTimeoutError

    def stall(self, *args, **kwargs):
        raise RedisTimeoutError("Timeout reading from 127.0.0.1:6379")

    monkeypatch.setattr(LocMemCache, "get", stall)  # the throttles read it first

    response = client_for(reviewer).get("/api/v1/annotations/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == {
        "detail": "The shared cache is unavailable; please retry shortly.", "code": "cache_unavailable",
    }


def test_pages_answer_503_with_a_page_when_the_database_is_down(client, reviewer):
    client.force_login(reviewer)

    with connection.execute_wrapper(database_down):
        response = client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response["Content-Type"].startswith("text/html")
    assert "Factcheck is temporarily unavailable" in response.content.decode()


def test_a_failure_outside_the_view_is_a_503_too(reviewer, monkeypatch):
    # Saving the session happens in middleware, after the view, out of process_exception's reach.
    from django.contrib.sessions.middleware import SessionMiddleware

    def broken_save(self, request, response):
        raise InterfaceError("connection already closed")

    monkeypatch.setattr(SessionMiddleware, "process_response", broken_save)
    client = Client(raise_request_exception=False)

    response = client.get("/")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert "Factcheck is temporarily unavailable" in response.content.decode()


@pytest.mark.parametrize(
    ("error", "status"), [(OperationalError("gone"), 503), (RuntimeError("a bug"), 500)]
)
def test_the_error_handler_answers_503_only_for_the_database(rf, error, status):
    request = rf.get("/")
    try:
        raise error
    except Exception:
        response = server_error(request)

    assert response.status_code == status


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer")


def fetch(url: str, **headers) -> tuple[int, dict, bytes, float]:
    started = time.monotonic()
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            status, head, body = response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        status, head, body = error.code, dict(error.headers), error.read()
    return status, head, body, time.monotonic() - started


def test_a_server_whose_database_is_unreachable_answers_503_within_5_seconds(tmp_path):
    """A real gunicorn with PostgreSQL nowhere to be found: no hang, no traceback."""
    port = free_port()
    closed = free_port()  # nothing listens there
    env = {
        "PATH": os.environ["PATH"],
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed}/factcheck",
        "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0", "HASHED_STATIC": "0",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "factcheck.wsgi", "-b", f"127.0.0.1:{port}",
         "-w", "1", "--timeout", "30"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/healthz")

        assert fetch(f"{base}/healthz")[0] == 200
        for path, kind in [("/", "text/html"), ("/api/v1/claims/", "application/json"),
                           ("/readyz", "application/json"), ("/articles/1/", "text/html")]:
            status, head, body, seconds = fetch(base + path)
            assert status == 503, (path, body)
            assert head["Content-Type"].startswith(kind), path
            assert seconds < 5, (path, seconds)
            assert b"Traceback" not in body
    finally:
        server.terminate()
        log = server.communicate(timeout=30)[1].decode()
    assert "Traceback" not in log
