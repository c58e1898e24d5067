"""One JSON line per request, errors with tracebacks, and no secret in any line."""

import json
import logging

import pytest
from django.test import Client

from factcheck.requestlog import JsonFormatter
from tests.api_support import client_for


@pytest.fixture
def log_lines(caplog):
    """Return the log lines, formatted as the production handler writes them."""
    caplog.set_level(logging.INFO)
    formatter = JsonFormatter()
    return lambda: [formatter.format(record) for record in caplog.records]


def request_lines(lines):
    return [json.loads(line) for line in lines if '"event": "request"' in line]


def test_each_request_is_one_json_line_with_its_id_echoed(client, reviewer, article, log_lines):
    client.force_login(reviewer)

    response = client.get(f"/articles/{article.pk}/")

    [entry] = request_lines(log_lines())
    assert entry["request_id"] == response["X-Request-ID"]
    assert len(entry["request_id"]) == 32
    assert {key: entry[key] for key in ("method", "path", "status", "user_id", "logger", "level")} == {
        "method": "GET", "path": f"/articles/{article.pk}/", "status": 200, "user_id": reviewer.pk,
        "logger": "factcheck.request", "level": "INFO",
    }
    assert isinstance(entry["duration_ms"], float)
    assert all("\n" not in line for line in log_lines())


def test_a_request_id_from_the_proxy_is_kept_and_a_forged_one_replaced(client, db):
    kept = client.get("/healthz", HTTP_X_REQUEST_ID="edge-1234.abc")
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID="bad id\nwith newline")

    assert kept["X-Request-ID"] == "edge-1234.abc"
    assert replaced["X-Request-ID"] != "bad id\nwith newline"
    assert len(replaced["X-Request-ID"]) == 32


def test_anonymous_requests_log_no_user(client, db, log_lines):
    client.get("/api/v1/claims/")

    [entry] = request_lines(log_lines())
    assert entry["user_id"] is None
    assert entry["status"] == 200


def test_token_clients_are_logged_by_user_id(reviewer, log_lines):
    client_for(reviewer).get("/api/v1/annotations/")

    [entry] = request_lines(log_lines())
    assert entry["user_id"] == reviewer.pk


def test_no_password_token_or_session_id_reaches_the_log(reviewer, log_lines):
    reviewer.set_password("correct horse battery staple")
    reviewer.save()
    client = Client()
    client.post("/accounts/login/", {"username": "rita", "password": "correct horse battery staple"})
    client.post("/accounts/login/", {"username": "rita", "password": "wrong-secret-guess"})
    session_id = client.cookies["sessionid"].value
    api = client_for(reviewer)
    token = api._credentials["HTTP_AUTHORIZATION"].split()[1]
    api.get("/api/v1/claims/?token=leaked-in-url&api_key=k-123&stance=denied")

    text = "\n".join(log_lines())
    for secret in ("correct horse battery staple", "wrong-secret-guess", session_id, token,
                   "leaked-in-url", "k-123"):
        assert secret not in text
    [*_, last] = request_lines(log_lines())
    assert last["query"] == "token=%5Bredacted%5D&api_key=%5Bredacted%5D&stance=denied"


def test_errors_are_logged_with_their_traceback(reviewer, log_lines, monkeypatch):
    from annotations import selectors

    def broken(**kwargs):
        raise RuntimeError("the article list broke")

    monkeypatch.setattr(selectors, "article_list", broken)
    client = Client(raise_request_exception=False)
    client.force_login(reviewer)

    response = client.get("/")

    assert response.status_code == 500
    [error] = [json.loads(line) for line in log_lines() if '"level": "ERROR"' in line]
    assert error["logger"] == "django.request"
    assert error["request_id"] == response["X-Request-ID"]
    assert "Traceback (most recent call last)" in error["traceback"]
    assert "RuntimeError: the article list broke" in error["traceback"]


# gunicorn's access log (factcheck/gunicorn_conf.py), as configured by `-c python:factcheck.gunicorn_conf`.

class _Response:
    status = "200 OK"
    sent = 42
    headers = [("Content-Type", "application/json"), ("Set-Cookie", "sessionid=cookie-secret")]


class _Request:
    headers = [
        ("AUTHORIZATION", "Token header-secret"), ("COOKIE", "sessionid=cookie-secret"),
        ("USER-AGENT", "curl/8"),
    ]


def gunicorn_access_line(tmp_path, access_log_format=None) -> str:
    from datetime import timedelta

    from gunicorn.config import Config

    from factcheck import gunicorn_conf

    cfg = Config()
    for name, value in vars(gunicorn_conf).items():  # as gunicorn applies a config module
        if name in cfg.settings:
            cfg.set(name, value)
    cfg.set("accesslog", str(tmp_path / "access.log"))
    if access_log_format:
        cfg.set("access_log_format", access_log_format)
    environ = {
        "REQUEST_METHOD": "GET", "RAW_URI": "/api/v1/claims/?token=secret&password=x&q=donbas",
        "PATH_INFO": "/api/v1/claims/", "QUERY_STRING": "token=secret&password=x&q=donbas",
        "SERVER_PROTOCOL": "HTTP/1.1", "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": "http://127.0.0.1/claims/?api_key=referer-secret&page=2",
        "HTTP_AUTHORIZATION": "Token header-secret", "HTTP_COOKIE": "sessionid=cookie-secret",
    }
    logger = cfg.logger_class(cfg)
    logger.access(_Response(), _Request(), environ, timedelta(milliseconds=5))
    for handler in [*logger.access_log.handlers, *logger.error_log.handlers]:
        handler.close()  # gunicorn's loggers are process-wide: leave no open file behind
    logger.access_log.handlers.clear()
    return (tmp_path / "access.log").read_text()


def test_the_gunicorn_access_log_redacts_secret_query_values(tmp_path):
    line = gunicorn_access_line(tmp_path)

    assert '"GET /api/v1/claims/?token=%5Bredacted%5D&password=%5Bredacted%5D&q=donbas HTTP/1.1" 200' in line
    assert "api_key=%5Bredacted%5D&page=2" in line
    assert "secret" not in line and "password=x" not in line


def test_the_gunicorn_access_log_writes_no_credentials_whatever_its_format(tmp_path):
    line = gunicorn_access_line(tmp_path, (
        '%(q)s %({authorization}i)s %({cookie}i)s %({set-cookie}o)s %({query_string}e)s '
        '%({raw_uri}e)s %({http_cookie}e)s %({http_authorization}e)s %(U)s %({user-agent}i)s'
    ))

    assert "secret" not in line and "password=x" not in line
    assert "/api/v1/claims/ curl/8" in line
