"""Abuse: API rate limits per client kind, login throttling per pair, address and account, body sizes."""

import json

import pytest
from django.conf import settings
from django.contrib.admin.sites import site
from django.contrib.auth import get_user_model
from django.core import signing
from django.test import Client, override_settings
from rest_framework.throttling import SimpleRateThrottle

from tests.api_support import client_for

RATES = {"anon": "3/minute", "user": "4/minute", "token": "5/minute"}


@pytest.fixture
def tight_rates(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": RATES}


def statuses(client, count, path="/api/v1/claims/"):
    return [client.get(path).status_code for _ in range(count)]


def test_default_rates_are_generous():
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    parse = SimpleRateThrottle.parse_rate

    assert {scope: parse(None, rates[scope]) for scope in rates} == {
        "anon": (600, 60), "user": (3000, 60), "token": (6000, 60),
    }


def test_anonymous_clients_are_throttled_per_address(tight_rates, db):
    first, other = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")

    assert statuses(first, 4) == [200, 200, 200, 429]
    response = first.get("/api/v1/claims/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert statuses(other, 1) == [200]


def test_session_users_are_throttled_per_user(tight_rates, reviewer, other_reviewer):
    client = Client()
    client.force_login(reviewer)
    other = Client()
    other.force_login(other_reviewer)

    assert statuses(client, 5, "/api/v1/annotations/") == [200, 200, 200, 200, 429]
    assert statuses(other, 1, "/api/v1/annotations/") == [200]


def test_token_clients_have_their_own_rate(tight_rates, reviewer):
    api = client_for(reviewer)

    assert statuses(api, 6) == [200] * 5 + [429]


def test_writes_count_too_and_change_nothing_once_throttled(tight_rates, reviewer, article):
    from annotations.models import Annotation

    api = client_for(reviewer)
    answers = [
        api.post("/api/v1/annotations/", {"article": article.pk, "quote": "Trump", "claim": f"c{n}"},
                 format="json").status_code
        for n in range(6)
    ]

    assert answers == [201] * 5 + [429]
    assert Annotation.objects.count() == 5


# Login throttling (factcheck/loginguard.py through django-axes, counted in the cache).

PASSWORD = "a sound passphrase 42"


@pytest.fixture
def rita(reviewer):
    reviewer.set_password(PASSWORD)
    reviewer.save()
    return reviewer


def login(username, password, address="10.1.1.1", client=None):
    client = client or Client(REMOTE_ADDR=address)
    response = client.post("/accounts/login/", {"username": username, "password": password},
                           REMOTE_ADDR=address)
    return response.status_code, client


@override_settings(AXES_FAILURE_LIMIT=3)
def test_failures_from_one_address_lock_that_username_and_address_pair(rita):
    failures = [login("rita", "guess", address="10.2.0.1")[0] for _ in range(3)]

    status, _ = login("rita", PASSWORD, address="10.2.0.1")

    assert failures == [200, 200, 429]  # the form again, then locked
    assert status == 429


@override_settings(AXES_FAILURE_LIMIT=5)
def test_a_strangers_failures_do_not_lock_the_owner_out_from_elsewhere(rita):
    attacker = [login("rita", "guess", address="10.2.9.9")[0] for _ in range(6)]

    owner, client = login("rita", PASSWORD, address="10.2.1.1")

    assert attacker[-2:] == [429, 429]
    assert owner == 302
    assert client.get("/api/v1/annotations/").status_code == 200
    assert login("rita", PASSWORD, address="10.2.9.9")[0] == 429  # the pair stays locked


@override_settings(FACTCHECK_LOGIN_ADDRESS_FAILURE_LIMIT=3)
def test_an_address_is_locked_after_failures_on_any_accounts(rita):
    for name in ("alice", "bob", "carol"):
        login(name, "guess", address="10.3.0.1")

    locked, _ = login("rita", PASSWORD, address="10.3.0.1")
    elsewhere, client = login("rita", PASSWORD, address="10.3.0.2")

    assert locked == 429
    assert elsewhere == 302
    assert client.get("/api/v1/annotations/").status_code == 200


@override_settings(AXES_FAILURE_LIMIT=3, FACTCHECK_LOGIN_ADDRESS_FAILURE_LIMIT=3)
def test_a_username_that_looks_like_an_address_does_not_lock_that_address(rita):
    for n in range(3):
        login("10.3.1.7", "guess", address=f"10.3.1.{n + 20}")

    assert login("rita", PASSWORD, address="10.3.1.7")[0] == 302


@override_settings(AXES_FAILURE_LIMIT=5, FACTCHECK_LOGIN_ACCOUNT_FAILURE_LIMIT=8)
def test_guessing_from_many_addresses_pauses_the_account_for_new_browsers(rita):
    failures = [login("rita", "guess", address=f"10.6.0.{n}")[0] for n in range(8)]

    status, _ = login("rita", PASSWORD, address="10.6.1.1")

    assert failures == [200] * 7 + [429]
    assert status == 429


@override_settings(AXES_FAILURE_LIMIT=5, FACTCHECK_LOGIN_ACCOUNT_FAILURE_LIMIT=8)
def test_a_browser_that_logged_in_before_is_not_paused_by_guessing_elsewhere(rita):
    status, earlier = login("rita", PASSWORD, address="10.7.0.1")
    assert status == 302
    device = Client()  # the same browser later, logged out: only the device cookie remains
    device.cookies["factcheck_login_device"] = earlier.cookies["factcheck_login_device"].value
    for n in range(10):
        login("rita", "guess", address=f"10.7.1.{n}")

    trusted, _ = login("rita", PASSWORD, address="10.7.2.1", client=device)
    stranger, _ = login("rita", PASSWORD, address="10.7.2.2")

    assert trusted == 302
    assert stranger == 429


@override_settings(AXES_FAILURE_LIMIT=5, FACTCHECK_LOGIN_ACCOUNT_FAILURE_LIMIT=8)
def test_a_trusted_device_cookie_is_for_its_own_account_and_cannot_be_forged(rita, other_reviewer):
    other_reviewer.set_password(PASSWORD)
    other_reviewer.save()
    _status, device = login("omar", PASSWORD, address="10.8.0.1")
    for n in range(8):
        login("rita", "guess", address=f"10.8.1.{n}")
    forged = Client()
    forged.cookies["factcheck_login_device"] = signing.dumps(
        ["rita"], key="not the secret key", salt="factcheck.loginguard.trusted-device"
    )

    assert login("rita", PASSWORD, address="10.8.2.1", client=device)[0] == 429
    assert login("rita", PASSWORD, address="10.8.2.2", client=forged)[0] == 429


@override_settings(AXES_FAILURE_LIMIT=3)
def test_the_lockout_page_says_what_to_do(rita):
    for _ in range(3):
        _status, client = login("rita", "guess")

    response = client.post("/accounts/login/", {"username": "rita", "password": PASSWORD})

    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()
    assert "ask an administrator to unlock it" in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3, FACTCHECK_LOGIN_ACCOUNT_FAILURE_LIMIT=6)
def test_an_admin_unlocks_an_account(rita, admin_user, rf):
    for n in range(6):
        login("rita", "guess", address=f"10.4.0.{n % 2}")  # pairs at 3: locked
    assert login("rita", PASSWORD, address="10.4.0.0")[0] == 429  # the pair
    assert login("rita", PASSWORD, address="10.4.0.50")[0] == 429  # the account, new browser

    model_admin = site._registry[get_user_model()]
    request = rf.post("/admin/auth/user/")
    request.user = admin_user
    request._messages = _Messages()
    model_admin.unlock_login(request, get_user_model().objects.filter(pk=rita.pk))

    assert login("rita", PASSWORD, address="10.4.0.50")[0] == 302
    assert login("rita", PASSWORD, address="10.4.0.0")[0] == 302


class _Messages(list):
    def add(self, level, message, extra_tags=""):
        self.append(message)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_successful_login_resets_the_pair_count(rita):
    login("rita", "guess", address="10.5.0.1")
    login("rita", "guess", address="10.5.0.1")
    assert login("rita", PASSWORD, address="10.5.0.1")[0] == 302

    login("rita", "guess", address="10.5.0.1")

    assert login("rita", PASSWORD, address="10.5.0.1")[0] == 302


# Request size limits on every path.

@override_settings(FACTCHECK_MAX_BODY_BYTES=1000)
@pytest.mark.parametrize("path", ["/accounts/login/", "/articles/new/", "/api/v1/sources/", "/admin/login/"])
def test_an_oversized_body_is_refused_413_everywhere(client, db, path):
    response = client.post(path, data="x" * 2000, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 413


def test_a_form_with_too_many_fields_is_refused(db):
    client = Client()
    fields = "&".join(f"f{n}=1" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))

    response = client.post("/accounts/login/", data=fields, content_type="application/x-www-form-urlencoded")

    assert response.status_code == 400


# Each view declares its own body limit (factcheck/limits.py); the path's shape grants none.

THREE_MB = 3 * 1024 * 1024


def padded(value) -> str:
    """Return the value as JSON padded with whitespace (still valid JSON) to over 3 MB."""
    return json.dumps(value) + " " * THREE_MB


def test_a_claimreview_import_above_the_default_body_limit_is_accepted(editor):
    from tests.matching_corpus import corpus

    assert settings.FACTCHECK_MAX_BODY_BYTES < THREE_MB < settings.FACTCHECK_MAX_IMPORT_BYTES
    response = client_for(editor).post(
        "/api/v1/claimreviews/import/", data=padded(corpus()[:2]), content_type="application/json"
    )

    assert response.status_code == 200, response.content[:200]
    assert response.json()["created"] == 2


def test_a_bulk_create_above_the_default_body_limit_is_accepted(reviewer, article):
    start = article.body.index("Trump")
    items = [{"article": article.pk, "start": start, "end": start + 5, "quote": "Trump"}]

    response = client_for(reviewer).post(
        "/api/v1/annotations/bulk/", data=padded(items), content_type="application/json"
    )

    assert response.status_code == 201, response.content[:200]


@pytest.mark.parametrize("path", [
    "/api/v1/articles/1/annotations/bulk/", "/articles/1/annotations/bulk/",
    "/api/v1/claims/annotations/bulk/", "/nowhere/annotations/bulk/", "/api/v1/sources/",
])
def test_no_other_path_borrows_a_large_limit_by_its_shape(reviewer, path):
    response = client_for(reviewer).post(path, data=padded([]), content_type="application/json")

    assert response.status_code == 413


def test_a_declared_limit_is_read_from_the_named_setting(settings):
    from factcheck.limits import body_limit, view_limit

    @body_limit("FACTCHECK_MAX_IMPORT_BYTES")
    def upload(request):
        raise AssertionError("not called")

    settings.FACTCHECK_MAX_IMPORT_BYTES = 12345
    assert view_limit(upload) == 12345
    assert view_limit(lambda request: None) == settings.FACTCHECK_MAX_BODY_BYTES


@pytest.mark.parametrize("path", ["/api/v1/sources/", "/api/v1/annotations/bulk/", "/accounts/login/"])
def test_a_chunked_body_without_a_length_is_refused_411(reviewer, path):
    # Under WSGI Django reads a body without Content-Length as empty: refuse it openly instead.
    response = client_for(reviewer).post(
        path, data='{"name": "x"}', content_type="application/json",
        CONTENT_LENGTH="", HTTP_TRANSFER_ENCODING="chunked",
    )

    assert response.status_code == 411
