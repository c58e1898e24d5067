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
import statistics
import sys
import time

import harness


def run_creates(port: int, token: str, article: int, sources: list[int], count: int, body: str) -> float:
    """POST count annotations over one keep-alive connection; return creates per second."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Token {token}", "Content-Type": "application/json"}
    starts = harness.span_starts(body)
    began = time.perf_counter()
    for i in range(count):
        payload = harness.annotation_payload(i, article, sources, body, starts)
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

    port = args.port or harness.free_port()
    harness.recreate_database(args.server, args.database)
    env = harness.server_env(
        f"{args.server}/{args.database}", REDIS_URL=args.redis, CACHE_KEY_PREFIX="bench-creates"
    )
    body = harness.body_text(200)
    token, article, sources = harness.prepare_writer(env, body)

    gunicorn = harness.start_gunicorn(env, port, workers=args.workers, threads=1)
    try:
        # One short warm-up so imports and connections are not counted.
        run_creates(port, token, article, sources, 20, body)
        rates = [run_creates(port, token, article, sources, args.creates, body) for _ in range(args.runs)]
    finally:
        harness.stop_gunicorn(gunicorn)

    for number, rate in enumerate(rates, 1):
        print(f"run {number}: {args.creates} creates, {rate:.1f} creates/s")
    print(f"median: {statistics.median(rates):.1f} creates/s "
          f"({args.workers} gunicorn workers, PostgreSQL, {'Redis' if args.redis else 'database'} "
          f"cache, one keep-alive client; "
          f"load average {harness.load_average()})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
