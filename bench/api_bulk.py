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
import statistics
import sys
import time

import harness


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

    port = args.port or harness.free_port()
    harness.recreate_database(args.server, args.database)
    env = harness.server_env(f"{args.server}/{args.database}")
    body = harness.body_text(200)
    token, article, sources = harness.prepare_writer(env, body)
    starts = harness.span_starts(body)
    items = [harness.annotation_payload(n, article, sources, body, starts) for n in range(args.items)]

    gunicorn = harness.start_gunicorn(env, port, workers=1, threads=1, timeout=600)
    try:
        run_bulk(port, token, items[:50], args.jsonl)  # warm-up
        rates = [run_bulk(port, token, items, args.jsonl) for _ in range(args.runs)]
    finally:
        harness.stop_gunicorn(gunicorn)

    for number, rate in enumerate(rates, 1):
        print(f"run {number}: {args.items} annotations in one request, {rate:.0f} annotations/s")
    print(f"median: {statistics.median(rates):.0f} annotations/s "
          f"({'JSON Lines' if args.jsonl else 'JSON array'}, one gunicorn worker, PostgreSQL; "
          f"load average {harness.load_average()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
