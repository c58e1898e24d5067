"""Public read-only lists and exports read the replica; writes and the writer's reads the primary."""

import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.test import RequestFactory

from annotations.apikeys.models import ApiKey
from annotations.apikeys.services import api_key_issue
from annotations.matching.models import KnownClaim
from annotations.models import Annotation
from annotations.publishing.models import PublishedClaim
from factcheck import db_router
from factcheck.db_router import ReplicaRouter, pin_to_primary, reading_from, wants_replica
from tests import factories
from tests.pg_support import (
    ROOT,
    create_database,
    database_url,
    drop_database,
    free_port,
    postgresql_only,
)

router = ReplicaRouter()


@pytest.fixture
def with_replica(monkeypatch):
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)


def test_without_a_replica_everything_reads_the_primary():
    with reading_from("replica"):
        assert router.db_for_read(Annotation) == "default"


def test_routed_reads_go_to_the_replica_except_accounts_and_sessions(with_replica):
    with reading_from("replica"):
        assert router.db_for_read(Annotation) == "replica"
        assert router.db_for_read(get_user_model()) == "default"
        assert router.db_for_read(ApiKey) == "default"
        assert router.db_for_read(Session) == "default"
    assert router.db_for_read(Annotation) == "default"


def test_the_known_claims_index_always_reads_the_primary(with_replica):
    """Read from two databases that lag each other, its marker would go backwards and rebuild."""
    with reading_from("replica"):
        assert router.db_for_read(KnownClaim) == "default"


def test_writes_and_migrations_always_go_to_the_primary(with_replica):
    with reading_from("replica"):
        assert router.db_for_write(Annotation) == "default"
    assert router.allow_migrate("default", "annotations")
    assert not router.allow_migrate("replica", "annotations")


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/api/v1/claims/", True),
        ("get", "/api/v1/claims/export/?format=jsonl", True),
        ("get", "/api/v1/w3c/annotations/", True),
        ("post", "/api/v1/claims/", False),
        ("get", "/api/v1/annotations/", False),
        ("get", "/articles/1/", False),
    ],
)
def test_only_public_reads_are_sent_to_the_replica(method, path, expected):
    request = getattr(RequestFactory(), method)(path)

    assert wants_replica(request) is expected


def test_a_search_sent_as_a_post_does_not_pin_its_client_to_the_primary(
    db, client, roles, with_replica, settings
):
    client.force_login(factories.reviewer())
    reader = RequestFactory().get("/api/v1/claims/")
    reader.COOKIES[settings.SESSION_COOKIE_NAME] = client.cookies[settings.SESSION_COOKIE_NAME].value

    response = client.post("/api/v1/claims/similar/", {"text": "Donbas"}, content_type="application/json")

    assert response.status_code == 200
    assert wants_replica(reader) is True
    written = client.post("/api/v1/articles/", {"title": "t", "body": "b"}, content_type="application/json")
    assert written.status_code == 201
    assert wants_replica(reader) is False


def test_a_client_that_has_just_written_reads_the_primary(db):
    writer = RequestFactory(HTTP_AUTHORIZATION="Token abc").get("/api/v1/claims/")
    other = RequestFactory(HTTP_AUTHORIZATION="Token xyz").get("/api/v1/claims/")

    pin_to_primary(RequestFactory(HTTP_AUTHORIZATION="Token abc").post("/api/v1/annotations/"))

    assert wants_replica(writer) is False
    assert wants_replica(other) is True


@postgresql_only
def test_replica_serves_public_reads_and_the_primary_everything_else(transactional_db, roles):
    """A second database on the same server stands in for the replica; its rows differ on purpose."""
    from django.db import connection

    writer = factories.reviewer(username="writer")
    _, key = api_key_issue(user=writer)
    shared = factories.verified_claim(claim="shared claim")
    primary, replica = connection.settings_dict["NAME"], connection.settings_dict["NAME"] + "_replica"
    connection.close()  # a template database must have no other session
    create_database(replica, template=primary)
    try:
        import psycopg

        with psycopg.connect(database_url(replica), autocommit=True) as conn:
            conn.execute(
                f"UPDATE {Annotation._meta.db_table} SET claim = 'seen on the replica' WHERE id = %s",
                [shared.pk],
            )
            # The public reads serve the published version.
            conn.execute(
                f"UPDATE {PublishedClaim._meta.db_table} SET claim = 'seen on the replica', "
                "data = replace(data, '\"claim\":\"shared claim\"', '\"claim\":\"seen on the replica\"') "
                "WHERE annotation_id = %s",
                [shared.pk],
            )
        factories.verified_claim(article=shared.article, claim="only on the primary")

        result = subprocess.run(
            [sys.executable, "-m", "tests.replica_probe", key], cwd=ROOT, capture_output=True,
            text=True, timeout=120,
            env={"PATH": os.environ["PATH"], "SECRET_KEY": "x" * 50,
                 "DATABASE_URL": database_url(primary), "DATABASE_REPLICA_URL": database_url(replica),
                 "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "0", "HASHED_STATIC": "0",
                 "FACTCHECK_CACHE": "locmem"},
        )
        assert result.returncode == 0, result.stderr
        seen = json.loads(result.stdout.strip().splitlines()[-1])

        with psycopg.connect(database_url(replica)) as conn:
            on_replica = conn.execute(
                f"SELECT count(*) FROM {Annotation._meta.db_table} WHERE claim = 'written now'"
            ).fetchone()[0]
    finally:
        drop_database(replica)

    assert seen == {
        "anonymous_list": ["seen on the replica"],
        "anonymous_export": ["seen on the replica"],
        "writer_list_before_writing": ["seen on the replica"],
        "annotations_list": ["only on the primary", "shared claim"],
        "write_status": 201,
        "writer_list_after_writing": ["only on the primary", "shared claim"],
        "writer_annotations_after_writing": ["only on the primary", "shared claim", "written now"],
        "anonymous_list_after_writing": ["seen on the replica"],
    }
    assert Annotation.objects.filter(claim="written now").count() == 1
    assert on_replica == 0


@postgresql_only
def test_while_the_replica_refuses_connections_the_primary_serves_its_reads(transactional_db, roles):
    factories.verified_claim(claim="on the primary")
    closed = free_port()  # a loopback port nothing listens on

    result = subprocess.run(
        [sys.executable, "-m", "tests.replica_probe", "--unreachable"], cwd=ROOT, capture_output=True,
        text=True, timeout=120,
        env={"PATH": os.environ["PATH"], "SECRET_KEY": "x" * 50, "DATABASE_URL": database_url(),
             "DATABASE_REPLICA_URL": f"postgres://postgres@127.0.0.1:{closed}/replica",
             "ALLOWED_HOSTS": "testserver", "SECURE_SSL_REDIRECT": "0", "HASHED_STATIC": "0",
             "FACTCHECK_CACHE": "locmem", "FACTCHECK_REPLICA_RETRY_SECONDS": "600"},
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "lists": [["on the primary"]] * 3,
        "readyz": [
            200, {"status": "ok", "database": "ok", "migrations": "applied", "replica": "unreachable"},
        ],
        "connect_attempts": 1,  # then left alone for FACTCHECK_REPLICA_RETRY_SECONDS
    }
    assert "replica unreachable, its reads go to the primary: OperationalError" in result.stderr
