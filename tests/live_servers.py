"""Real ASGI servers (daphne) on the test database, for tests that need real sockets and browsers."""

import shutil
import subprocess
import sys
import time
import urllib.request

import redis
from django.conf import settings
from django.db import connection

from tests.pg_support import ROOT, database_url, free_port


def test_database_url() -> str:
    """Return the URL of the test database, which the servers share with the test."""
    if connection.vendor == "postgresql":
        return database_url()
    return f"sqlite:///{connection.settings_dict['NAME']}"


def server_environment(**extra) -> dict[str, str]:
    """Return a production-like server's environment on the test database.

    The secret key is the test's, so the sessions a test signs in with are valid there too.
    """
    return {
        "PATH": "/usr/bin:/bin", "SECRET_KEY": settings.SECRET_KEY, "DATABASE_URL": test_database_url(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "SECURE_SSL_REDIRECT": "0", "HASHED_STATIC": "0",
        "FACTCHECK_CACHE": "locmem", "LOG_LEVEL": "WARNING", **extra,
    }


class AsgiServer:
    """One daphne process serving factcheck.asgi on 127.0.0.1; stop and start it again at will."""

    def __init__(self, env: dict[str, str], port: int | None = None):
        self.env = env
        self.port = port or free_port()
        self.process = None
        self.logs = []

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "AsgiServer":
        self.process = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(self.port),
             "factcheck.asgi:application"],
            cwd=ROOT, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.url}/healthz", timeout=2)
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise AssertionError(self.process.stderr.read().decode()) from None
                time.sleep(0.2)
        self.stop()
        raise AssertionError(f"daphne on port {self.port} did not start")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            _, err = self.process.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            _, err = self.process.communicate()
        self.logs.append(err.decode())
        self.process = None

    def tracebacks(self) -> list[str]:
        return [log for log in self.logs if "Traceback" in log]


class PrivateRedis:
    """A Redis server of the test's own on a free loopback port, which a test may stop and start."""

    def __init__(self):
        self.port = free_port()
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> "PrivateRedis":
        binary = shutil.which("redis-server")
        if binary is None:
            raise AssertionError("redis-server is not installed (Debian: apt-get install redis-server)")
        self.process = subprocess.Popen(
            [binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                return self
            except redis.ConnectionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def env(self) -> dict[str, str]:
        return {"LIVE_REDIS_URL": self.url}

    def settings(self, settings) -> None:
        """Point the test process at the same Redis, so that its own writes are announced there too."""
        settings.LIVE_REDIS_URL = self.url
        settings.CHANNEL_LAYERS = {"default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [self.url], "prefix": f"{settings.LIVE_KEY_PREFIX}:asgi"},
        }}
