import pytest
from django.db import OperationalError, connection

from factcheck import health


@pytest.fixture(autouse=True)
def forget_migration_state(monkeypatch):
    monkeypatch.setattr(health, "_migrated", set())


def refuse(execute, sql, params, many, context):
    raise OperationalError("connection refused")


def test_healthz_answers_without_touching_the_database(client, db):
    with connection.execute_wrapper(refuse):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_readyz_is_ok_when_the_database_answers_and_is_migrated(client, db):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "migrations": "applied"}


def test_readyz_is_503_with_the_pending_migrations(client, db, monkeypatch):
    monkeypatch.setattr(health, "pending_migrations", lambda alias: ["annotations.0099_future"])

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json() == {
        "status": "unavailable", "reason": "unapplied migrations",
        "pending": ["annotations.0099_future"],
    }


def test_readyz_is_503_when_the_database_is_unreachable(client, db):
    with connection.execute_wrapper(refuse):
        response = client.get("/readyz")

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json() == {
        "status": "unavailable", "reason": "database unreachable", "error": "OperationalError",
    }


def test_health_endpoints_need_no_login(client, db):
    assert client.get("/healthz").status_code == 200
    assert client.get("/readyz").status_code == 200


def test_readyz_is_503_when_the_shared_cache_is_unreachable(client, db, monkeypatch):
    from django.core.cache.backends.locmem import LocMemCache
    from redis.exceptions import ConnectionError as RedisConnectionError

    def refuse(self, *args, **kwargs):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(LocMemCache, "get", refuse)

    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable", "reason": "cache unreachable", "error": "ConnectionError",
    }
