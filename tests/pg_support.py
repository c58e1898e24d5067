"""PostgreSQL helpers for the tests that need real databases and real servers."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]

requires_postgresql = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (set DATABASE_URL=postgres://...)"
    ),
]


def postgresql_only(test):
    """Mark a test `postgres` and skip it on SQLite."""
    for mark in requires_postgresql:
        test = mark(test)
    return test


def database_url(name: str | None = None) -> str:
    """Return a postgres:// URL for database `name` (the test database by default)."""
    params = connection.settings_dict
    user = params.get("USER") or "postgres"
    password = f":{params['PASSWORD']}" if params.get("PASSWORD") else ""
    host = params.get("HOST") or "127.0.0.1"
    port = params.get("PORT") or 5432
    return f"postgres://{user}{password}@{host}:{port}/{name or params['NAME']}"


@contextmanager
def maintenance():
    """Yield an autocommit connection to the server's `postgres` database."""
    with psycopg.connect(database_url("postgres"), autocommit=True) as admin:
        yield admin


def create_database(name: str, *, template: str | None = None) -> None:
    drop_database(name)
    with maintenance() as admin:
        clause = f' TEMPLATE "{template}"' if template else ""
        admin.execute(f'CREATE DATABASE "{name}"{clause}')


def drop_database(name: str) -> None:
    with maintenance() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(**env) -> dict[str, str]:
    """Return the environment of a production-like server of this project."""
    return {
        "PATH": os.environ["PATH"], "SECRET_KEY": "two-servers-share-this-secret-key-" + "x" * 20,
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "0", "HASHED_STATIC": "0",
        **env,
    }


def start_gunicorn(port: int, env: dict[str, str], workers: int = 1) -> subprocess.Popen:
    """Start gunicorn on 127.0.0.1:port and return once it answers /healthz."""
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "factcheck.wsgi", "-b", f"127.0.0.1:{port}",
         "-w", str(workers), "--timeout", "60"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return process
        except OSError:
            if process.poll() is not None:
                raise AssertionError(process.stderr.read().decode()) from None
            time.sleep(0.2)
    process.terminate()
    raise AssertionError(f"gunicorn on port {port} did not start")


def stop(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        return process.communicate(timeout=30)[1].decode()
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()[1].decode()
