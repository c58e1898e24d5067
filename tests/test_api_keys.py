"""API keys: never readable after they are issued, yet every issued key keeps working."""

import datetime as dt
import importlib
from io import StringIO
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from rest_framework.test import APIClient

from annotations.apikeys import core
from annotations.apikeys.models import ApiKey
from annotations.apikeys.services import api_key_issue

move_legacy_tokens = importlib.import_module("annotations.migrations.0005_api_keys").move_legacy_tokens


def token_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def drafts_seen(key: str):
    """Return the status and the number of drafts a client with this key lists."""
    response = token_client(key).get("/api/v1/annotations/", {"review_state": "draft"})
    return response.status_code, response.json().get("count")


def test_drfs_token_admin_is_gone(client, admin_user):
    api_key_issue(user=admin_user)
    client.force_login(admin_user)

    assert client.get("/admin/authtoken/tokenproxy/").status_code == 404
    assert client.get("/admin/authtoken/token/").status_code == 404
    assert "authtoken" not in client.get(reverse("admin:index")).content.decode()


def test_a_key_is_stored_only_as_its_digest_and_prefix(reviewer):
    api_key, key = api_key_issue(user=reviewer)

    stored = ApiKey.objects.filter(pk=api_key.pk).values().get()
    assert len(key) == 40
    assert stored["prefix"] == key[:8]
    assert stored["digest"] == core.key_digest(key) != key
    assert key not in [str(value) for value in stored.values()]


def test_a_key_authenticates_by_its_digest(reviewer, draft):
    _, key = api_key_issue(user=reviewer)

    assert drafts_seen(key) == (200, 1)
    wrong = token_client(key[:-1] + ("0" if key[-1] != "0" else "1")).get("/api/v1/annotations/")
    assert (wrong.status_code, wrong.json()) == (401, {"detail": "Invalid token."})
    # The digest itself is no key: a leaked database row does not open the API.
    assert token_client(core.key_digest(key)).get("/api/v1/annotations/").status_code == 401


def test_issuing_a_new_key_retires_the_old_one(reviewer, draft):
    _, old = api_key_issue(user=reviewer)
    _, new = api_key_issue(user=reviewer)

    assert drafts_seen(new) == (200, 1)
    assert token_client(old).get("/api/v1/annotations/").status_code == 401


def test_an_inactive_users_key_is_refused(reviewer):
    _, key = api_key_issue(user=reviewer)
    reviewer.is_active = False
    reviewer.save()

    response = token_client(key).get("/api/v1/annotations/")

    assert (response.status_code, response.json()) == (401, {"detail": "User inactive or deleted."})


def _legacy_table():
    """Create DRF's token table as an earlier deployment had it."""
    created = "timestamp with time zone" if connection.vendor == "postgresql" else "datetime"
    with connection.cursor() as cursor:
        cursor.execute(
            f'CREATE TABLE authtoken_token ("key" varchar(40) PRIMARY KEY, created {created} NOT NULL, '
            "user_id integer NOT NULL UNIQUE)"
        )


def test_the_migration_keeps_existing_tokens_working_and_erases_them(reviewer, editor, draft):
    from django.apps import apps

    _legacy_table()
    legacy = {reviewer.pk: "a" * 40, editor.pk: "0123456789abcdef0123456789abcdef01234567"}
    with connection.cursor() as cursor:
        for user_id, key in legacy.items():
            cursor.execute(
                "INSERT INTO authtoken_token (\"key\", created, user_id) VALUES (%s, %s, %s)",
                [key, dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC), user_id],
            )

    move_legacy_tokens(apps, SimpleNamespace(connection=connection))

    assert drafts_seen(legacy[reviewer.pk]) == (200, 1)
    assert token_client(legacy[editor.pk]).get("/api/v1/annotations/").status_code == 200
    assert ApiKey.objects.get(user=editor).prefix == "01234567"
    assert ApiKey.objects.get(user=editor).created == dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM authtoken_token")
        assert cursor.fetchone() == (0,)


def test_the_migration_without_a_legacy_table_does_nothing(reviewer):
    from django.apps import apps

    move_legacy_tokens(apps, SimpleNamespace(connection=connection))

    assert not ApiKey.objects.exists()


def test_drf_create_token_prints_a_working_key_once(reviewer, draft):
    out = StringIO()
    call_command("drf_create_token", "rita", stdout=out)

    key = out.getvalue().split()[2]
    assert out.getvalue() == f"Generated token {key} for user rita\n"
    assert drafts_seen(key) == (200, 1)
    with pytest.raises(CommandError, match=r"already has a key \(starts " + key[:8]):
        call_command("drf_create_token", "rita", stdout=StringIO())


def test_drf_create_token_reset_replaces_the_key(reviewer, draft):
    _, old = api_key_issue(user=reviewer)
    out = StringIO()

    call_command("drf_create_token", "rita", "--reset", stdout=out)

    new = out.getvalue().split()[2]
    assert drafts_seen(new) == (200, 1)
    assert token_client(old).get("/api/v1/annotations/").status_code == 401


def test_drf_create_token_refuses_an_unknown_user(db):
    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        call_command("drf_create_token", "nobody")
