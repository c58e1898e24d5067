"""Measure sequential annotation creates through gunicorn on PostgreSQL.

Creates (or recreates) its own database, migrates it, adds an editor with an API token,
an article and two sources, starts gunicorn on 127.0.0.1, and then one client with a
keep-alive connection (http.client) POSTs N annotations one after another, each with a
claim, a rating, two attributions and one evidence link. Reports creates per second for
each run and the median of the runs.

    .venv/bin/python bench/api_creates.py                # 500 creates x 3 runs
    .venv/bin/python bench/api_creates.py --creates 2000 --runs 5 --workers 2
"""

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SENTENCE = "Officials said the talks on the summit would resume next week, a spokesperson added. "

SETUP = """
from django.contrib.auth.models import Group, User
from annotations.apikeys.services import api_key_issue
from annotations import services
user, _ = User.objects.get_or_create(username="bench-editor", defaults={"is_staff": True})
user.groups.add(Group.objects.get(name="Editor"))
_, key = api_key_issue(user=user)
article = services.article_create(user=user, title="Bench article", body={body!r})
sources = [services.source_create(user=user, name=n, kind=k)
           for n, k in (("Bench Wire", "news_outlet"), ("Bench Spokesperson", "person"))]
print(key, article.pk, sources[0].pk, sources[1].pk)
"""


def recreate_database(server: str, name: str) -> None:
    with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"gunicorn did not listen on port {port} within {timeout} s")


def run_creates(port: int, token: str, article: int, sources: list[int], count: int, body: str) -> float:
    """POST count annotations over one keep-alive connection; return creates per second."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    span = len("the talks on the summit")
    start_of = [i * len(SENTENCE) + SENTENCE.index("the talks") for i in range(body.count(SENTENCE))]
    began = time.perf_counter()
    for i in range(count):
        start = start_of[i % len(start_of)]
        payload = {
            "article": article, "start": start, "end": start + span,
            "quote": body[start:start + span], "claim": f"Talks resume next week ({i})",
            "rating": "unproven", "rationale": "Only one anonymous source.",
            "attributions": [
                {"source": sources[0], "stance": "reported"},
                {"source": sources[1], "stance": "asserted", "note": "speaking anonymously"},
            ],
            "evidence": [{"url": f"https://evidence.example/{i}", "relation": "context"}],
        }
        connection.request("POST", "/api/v1/annotations/", json.dumps(payload), headers)
        response = connection.getresponse()
        content = response.read()
        if response.status != 201:
            raise RuntimeError(f"create {i} answered {response.status}: {content[:300]!r}")
    elapsed = time.perf_counter() - began
    connection.close()
    return count / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--creates", type=int, default=500, help="creates per run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="fc_bench_creates")
    parser.add_argument(
        "--redis", default="",
        help="REDIS_URL for the shared cache (throttle counters), e.g. redis://127.0.0.1:6379/0, "
             "as deployed on several servers; default: the database cache table",
    )
    args = parser.parse_args()

    args.port = args.port or free_port()
    recreate_database(args.server, args.database)
    env = {
        **os.environ,
        "DATABASE_URL": f"{args.server}/{args.database}",
        "SECRET_KEY": "bench-only-secret-key-not-for-production",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "HASHED_STATIC": "0",
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": args.redis,
        "CACHE_KEY_PREFIX": "bench-creates",
    }
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, cwd=ROOT, check=True)
    body = SENTENCE * 200
    output = subprocess.run(
        [*manage, "shell", "-c", SETUP.replace("{body!r}", repr(body))],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.split()
    token, article, *sources = output[-4], int(output[-3]), int(output[-2]), int(output[-1])

    gunicorn = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "factcheck.wsgi:application",
         "--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers),
         "--worker-class", "gthread", "--threads", "1", "--keep-alive", "30",
         "--log-level", "warning"],
        env=env, cwd=ROOT,
    )
    try:
        wait_for_port(args.port)
        if gunicorn.poll() is not None:
            raise RuntimeError(f"gunicorn exited; is port {args.port} taken?")
        # One short warm-up so imports and connections are not counted.
        run_creates(args.port, token, article, sources, 20, body)
        rates = [
            run_creates(args.port, token, article, sources, args.creates, body)
            for _ in range(args.runs)
        ]
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    for number, rate in enumerate(rates, 1):
        print(f"run {number}: {args.creates} creates, {rate:.1f} creates/s")
    print(f"median: {statistics.median(rates):.1f} creates/s "
          f"({args.workers} gunicorn workers, PostgreSQL, {'Redis' if args.redis else 'database'} "
          f"cache, one keep-alive client; "
          f"load average {load})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
