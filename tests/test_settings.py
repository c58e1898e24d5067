import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def manage(*args, **env):
    """Run manage.py in a clean environment holding only `env` (and PATH)."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={"PATH": os.environ["PATH"], **env},
    )


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    result = manage("check")
    assert result.returncode != 0
    assert "Set SECRET_KEY in the environment" in result.stderr


def test_starts_without_secret_key_in_debug():
    result = manage("check", DEBUG="1", DATABASE_URL="sqlite:///:memory:")
    assert result.returncode == 0, result.stderr


def test_production_settings_pass_the_deploy_check():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="factcheck.example",
        DATABASE_URL="sqlite:///:memory:",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("url", "engine"),
    [
        ("postgres://u@db.example:5432/factcheck", "django.db.backends.postgresql"),
        ("sqlite:////tmp/factcheck.sqlite3", "django.db.backends.sqlite3"),
    ],
)
def test_database_comes_from_database_url(url, engine):
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    result = manage("shell", "-c", code, DEBUG="1", DATABASE_URL=url)
    assert result.stdout.strip().splitlines()[-1] == engine, result.stderr


def test_debug_is_off_unless_asked_for():
    code = "from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS)"
    result = manage("shell", "-c", code, SECRET_KEY="x" * 50, DATABASE_URL="sqlite:///:memory:")
    assert result.stdout.strip().splitlines()[-1] == "False []"


@pytest.mark.parametrize(("flag", "options"), [(None, "True 5"), ("0", "None None")])
def test_postgresql_statements_are_prepared_unless_turned_off(flag, options):
    code = (
        "from django.conf import settings; o = settings.DATABASES['default']['OPTIONS']; "
        "print(o.get('server_side_binding'), o.get('prepare_threshold'), o['connect_timeout'])"
    )
    env = {"DATABASE_PREPARED_STATEMENTS": flag} if flag else {}
    result = manage("shell", "-c", code, DEBUG="1", DATABASE_URL="postgres://u@db.example/f", **env)
    assert result.stdout.strip().splitlines()[-1] == f"{options} 3", result.stderr
