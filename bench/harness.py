"""What the benches share: a throw-away database, gunicorn, HTTP, write payloads, invariants.

Everything runs on loopback: PostgreSQL on 127.0.0.1:5432 and gunicorn on a free port.
"""

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SENTENCE = "Officials said the talks on the summit would resume next week, a spokesperson added. "
SPAN = "the talks on the summit"

SETUP = """
import json
from django.contrib.auth.models import Group, User
from annotations.apikeys.services import api_key_issue
from annotations import services
groups = {{"reviewer": Group.objects.get(name="Reviewer"), "editor": Group.objects.get(name="Editor")}}
tokens = {{}}
for role, count in (("reviewer", {reviewers}), ("editor", {editors})):
    for n in range(count):
        user = User.objects.create_user(f"bench-{{role}}-{{n}}", is_staff=True)
        user.groups.add(groups[role])
        tokens[user.username] = api_key_issue(user=user)[1]
admin = User.objects.create_user("bench-admin", is_staff=True)
admin.groups.add(groups["editor"])
articles = [services.article_create(user=admin, title=f"Bench article {{n}}", body={body!r}).pk
            for n in range({articles})]
sources = [services.source_create(user=admin, name=n, kind=k).pk
           for n, k in (("Bench Wire", "news_outlet"), ("Bench Spokesperson", "person"))]
print(json.dumps({{"tokens": tokens, "articles": articles, "sources": sources}}))
"""


# One editor with an API token, an article and two sources: what the write benches post to.
WRITER_SETUP = """
from django.contrib.auth.models import Group, User
from annotations.apikeys.services import api_key_issue
from annotations import services
user, _ = User.objects.get_or_create(username="bench-editor", defaults={{"is_staff": True}})
user.groups.add(Group.objects.get(name="Editor"))
_, key = api_key_issue(user=user)
article = services.article_create(user=user, title="Bench article", body={body!r})
sources = [services.source_create(user=user, name=n, kind=k)
           for n, k in (("Bench Wire", "news_outlet"), ("Bench Spokesperson", "person"))]
print(key, article.pk, sources[0].pk, sources[1].pk)
"""


def prepare_writer(env: dict[str, str], body: str) -> tuple[str, int, list[int]]:
    """Migrate the database and add an editor, an article and two sources; return token and ids."""
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, cwd=ROOT, check=True)
    output = subprocess.run(
        [*manage, "shell", "-c", WRITER_SETUP.format(body=body)],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.split()
    return output[-4], int(output[-3]), [int(output[-2]), int(output[-1])]


def annotation_payload(n: int, article: int, sources: list[int], body: str, starts: list[int]) -> dict:
    """The n-th annotation the write benches create: span, claim, rating, two attributions, evidence."""
    start = starts[n % len(starts)]
    return {
        "article": article, "start": start, "end": start + len(SPAN),
        "quote": body[start:start + len(SPAN)], "claim": f"Talks resume next week ({n})",
        "rating": "unproven", "rationale": "Only one anonymous source.",
        "attributions": [
            {"source": sources[0], "stance": "reported"},
            {"source": sources[1], "stance": "asserted", "note": "speaking anonymously"},
        ],
        "evidence": [{"url": f"https://evidence.example/{n}", "relation": "context"}],
    }


def body_text(sentences: int = 60) -> str:
    return SENTENCE * sentences


def span_starts(body: str) -> list[int]:
    return [i * len(SENTENCE) + SENTENCE.index(SPAN) for i in range(body.count(SENTENCE))]


def recreate_database(server: str, name: str) -> None:
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def drop_database(server: str, name: str) -> None:
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(database_url: str, **extra) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "bench-only-secret-key-not-for-production",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "HASHED_STATIC": "0",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def prepare(env: dict[str, str], *, reviewers: int, editors: int, articles: int, body: str) -> dict:
    """Migrate the database and add users with tokens, articles and sources; return their ids."""
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, cwd=ROOT, check=True)
    script = SETUP.format(reviewers=reviewers, editors=editors, articles=articles, body=body)
    output = subprocess.run(
        [*manage, "shell", "-c", script], env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def start_gunicorn(env: dict[str, str], port: int, *, workers: int, threads: int,
                   timeout: int = 60) -> subprocess.Popen:
    """Start gunicorn (app loaded before the fork, so every worker is ready at once).

    Its log goes to a temporary file: a pipe nobody reads fills up and blocks every worker.
    """
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed by stop_gunicorn
    process = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "factcheck.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--preload",
         "--worker-class", "gthread", "--threads", str(threads), "--keep-alive", "30",
         "--timeout", str(timeout), "--log-level", "warning"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log,
    )
    process.log = log
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=2).request("GET", "/healthz")
            return process
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {read_log(process)[-2000:]}") from None
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not listen on port {port}")


def read_log(process: subprocess.Popen) -> str:
    process.log.seek(0)
    return process.log.read().decode(errors="replace")


def stop_gunicorn(process: subprocess.Popen) -> str:
    """Stop gunicorn and return what it logged."""
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    text = read_log(process)
    process.log.close()
    return text


class Client:
    """One keep-alive connection; every request is timed and recorded."""

    def __init__(self, port: int, token: str, recorder: "Recorder", timeout: float = 30):
        self.port, self.token, self.recorder, self.timeout = port, token, recorder, timeout
        self.connection = None

    def request(self, label: str, method: str, path: str, payload=None, headers=None, stream=False):
        """Return (status, headers, body); status 0 means no answer (connection error/timeout)."""
        all_headers = {"Authorization": f"Token {self.token}", **(headers or {})}
        body = None
        if payload is not None:
            body = json.dumps(payload)
            all_headers["Content-Type"] = "application/json"
        began = time.monotonic()
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            self.connection.request(method, path, body, all_headers)
            response = self.connection.getresponse()
            if stream:
                size, lines = 0, 0
                while chunk := response.read(65536):
                    size += len(chunk)
                    lines += chunk.count(b"\n")
                content = {"bytes": size, "lines": lines}
            else:
                content = response.read()
            status, response_headers = response.status, dict(response.getheaders())
            if response_headers.get("Connection", "").lower() == "close":
                self.close()
        except (OSError, http.client.HTTPException) as error:
            self.close()
            status, response_headers, content = 0, {}, str(error).encode()
        self.recorder.record(label, status, time.monotonic() - began, began)
        return status, response_headers, content

    def close(self):
        if self.connection is not None:
            self.connection.close()
            self.connection = None


class Recorder:
    """Thread-safe log of (label, status, seconds, started-at) for every request."""

    def __init__(self):
        self.lock = threading.Lock()
        self.entries: list[tuple[str, int, float, float]] = []

    def record(self, label, status, seconds, started):
        with self.lock:
            self.entries.append((label, status, seconds, started))

    def summary(self) -> dict:
        by_label = defaultdict(list)
        statuses = defaultdict(lambda: defaultdict(int))
        for label, status, seconds, _ in self.entries:
            by_label[label].append(seconds)
            statuses[label][status] += 1
        return {
            label: {
                "count": len(times),
                "p50_ms": round(statistics.median(times) * 1000, 1),
                "p95_ms": round(percentile(times, 95) * 1000, 1),
                "max_ms": round(max(times) * 1000, 1),
                "statuses": dict(sorted(statuses[label].items())),
            }
            for label, times in sorted(by_label.items())
        }


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


INVARIANTS = {
    "annotations whose history does not have exactly `version` entries": """
        SELECT count(*) FROM annotations_annotation a
        WHERE a.version <> (SELECT count(*) FROM annotations_historicalannotation h WHERE h.id = a.id)
    """,
    "attributions without their annotation": """
        SELECT count(*) FROM annotations_attribution t
        LEFT JOIN annotations_annotation a ON a.id = t.annotation_id WHERE a.id IS NULL
    """,
    "evidence without its annotation": """
        SELECT count(*) FROM annotations_evidence e
        LEFT JOIN annotations_annotation a ON a.id = e.annotation_id WHERE a.id IS NULL
    """,
}


def check_invariants(database_url: str) -> dict[str, int]:
    with psycopg.connect(database_url) as connection:
        return {name: connection.execute(sql).fetchone()[0] for name, sql in INVARIANTS.items()}


def load_average() -> str:
    return ", ".join(f"{value:.1f}" for value in os.getloadavg())


def in_process_environment(database_url: str) -> None:
    """Set the defaults a bench needs to run Django in its own process (DEBUG off)."""
    for name, value in (
        ("DATABASE_URL", database_url), ("DJANGO_SETTINGS_MODULE", "factcheck.settings"),
        ("SECRET_KEY", "benchmark-only-key"), ("ALLOWED_HOSTS", "testserver"),
        ("SECURE_SSL_REDIRECT", "0"), ("LOG_LEVEL", "WARNING"),
    ):
        os.environ.setdefault(name, value)
