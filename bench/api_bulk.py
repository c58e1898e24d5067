"""Measure POST /api/v1/annotations/bulk/ through gunicorn on PostgreSQL.

Creates (or recreates) its own database, migrates it, adds an editor with an API token,
an article and two sources, starts gunicorn on 127.0.0.1, and POSTs batches of N
annotations (the payload of bench/api_creates.py: claim, rating, two attributions, one
evidence link) as one JSON array, or as JSON Lines with --jsonl. Reports annotations per
second (whole request, parsing to commit) for each run and the median of the runs.

    .venv/bin/python bench/api_bulk.py                   # 10,000 annotations x 3 runs
    .venv/bin/python bench/api_bulk.py --items 5000 --runs 5 --jsonl
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


def payloads(article: int, sources: list[int], count: int, body: str) -> list[dict]:
    span = len("the talks on the summit")
    start_of = [i * len(SENTENCE) + SENTENCE.index("the talks") for i in range(body.count(SENTENCE))]
    items = []
    for i in range(count):
        start = start_of[i % len(start_of)]
        items.append({
            "article": article, "start": start, "end": start + span,
            "quote": body[start:start + span], "claim": f"Talks resume next week ({i})",
            "rating": "unproven", "rationale": "Only one anonymous source.",
            "attributions": [
                {"source": sources[0], "stance": "reported"},
                {"source": sources[1], "stance": "asserted", "note": "speaking anonymously"},
            ],
            "evidence": [{"url": f"https://evidence.example/{i}", "relation": "context"}],
        })
    return items


def run_bulk(port: int, token: str, items: list[dict], jsonl: bool) -> float:
    """POST the items in one request; return annotations per second."""
    if jsonl:
        data = "".join(json.dumps(item) + "\n" for item in items).encode()
        kind = "application/x-ndjson"
    else:
        data, kind = json.dumps(items).encode(), "application/json"
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
    headers = {"Authorization": f"Token {token}", "Content-Type": kind}
    began = time.perf_counter()
    connection.request("POST", "/api/v1/annotations/bulk/", data, headers)
    response = connection.getresponse()
    content = response.read()
    elapsed = time.perf_counter() - began
    connection.close()
    if response.status != 201:
        raise RuntimeError(f"bulk create answered {response.status}: {content[:300]!r}")
    ids = json.loads(content)["ids"]
    if len(ids) != len(items) or None in ids:
        raise RuntimeError("bulk create did not answer an id per item")
    return len(items) / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000, help="annotations per request")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jsonl", action="store_true", help="send JSON Lines instead of an array")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="fc_bench_bulk")
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
    }
    manage = [PYTHON, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, cwd=ROOT, check=True)
    body = SENTENCE * 200
    output = subprocess.run(
        [*manage, "shell", "-c", SETUP.replace("{body!r}", repr(body))],
        env=env, cwd=ROOT, check=True, capture_output=True, text=True,
    ).stdout.split()
    token, article, *sources = output[-4], int(output[-3]), int(output[-2]), int(output[-1])
    items = payloads(article, sources, args.items, body)

    gunicorn = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "factcheck.wsgi:application",
         "--bind", f"127.0.0.1:{args.port}", "--workers", "1",
         "--worker-class", "gthread", "--threads", "1", "--timeout", "600",
         "--log-level", "warning"],
        env=env, cwd=ROOT,
    )
    try:
        wait_for_port(args.port)
        if gunicorn.poll() is not None:
            raise RuntimeError(f"gunicorn exited; is port {args.port} taken?")
        run_bulk(args.port, token, items[:50], args.jsonl)  # warm-up
        rates = [run_bulk(args.port, token, items, args.jsonl) for _ in range(args.runs)]
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)

    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    for number, rate in enumerate(rates, 1):
        print(f"run {number}: {args.items} annotations in one request, {rate:.0f} annotations/s")
    print(f"median: {statistics.median(rates):.0f} annotations/s "
          f"({'JSON Lines' if args.jsonl else 'JSON array'}, one gunicorn worker, PostgreSQL; "
          f"load average {load})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
