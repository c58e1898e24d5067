"""Stop PostgreSQL for 10 s under steady writes through gunicorn; check answers and invariants.

Creates its own database (fc_bench_outage), starts gunicorn on 127.0.0.1, runs several writer
clients (create an annotation with attributions and evidence, then edit it with If-Match) and
one reader (claims list, a page), stops the PostgreSQL cluster of this machine for --down
seconds, starts it again (always, in a `finally`), keeps writing until every client has
succeeded again, then checks:

- every answer while the database was down was a 503, within 5 s (the reader asks for the
  claims list, a public claim page and /readyz, all of which need the database);
- no 500 and no answer slower than 5 s at any time; recovery time after the restart;
- every annotation's history has exactly `version` entries; no attribution or evidence
  without its annotation; every acknowledged write is stored; no unacknowledged one is.

    .venv/bin/python bench/outage.py               # 6 writers, 10 s outage
    .venv/bin/python bench/outage.py --writers 8 --down 10

It stops the machine's PostgreSQL: other users of that server see the outage too.
"""

import argparse
import json
import subprocess
import threading
import time
from pathlib import Path

import harness
import psycopg

CLUSTER_VERSION = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1] if Path(
    "/etc/postgresql").is_dir() else ""


def pg_ctl(action: str, cluster: str = "main") -> None:
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", CLUSTER_VERSION, cluster, action],
        check=True, capture_output=True, timeout=60,
    )


def postgres_is_up(server: str) -> bool:
    try:
        with psycopg.connect(f"{server}/postgres", connect_timeout=2):
            return True
    except psycopg.OperationalError:
        return False


class Writer(threading.Thread):
    """Create an annotation, then edit it once with If-Match; remember what was acknowledged."""

    def __init__(self, number, client, article, sources, body, stop_event):
        super().__init__(daemon=True)
        self.number, self.client, self.article, self.sources = number, client, article, sources
        self.starts = harness.span_starts(body)
        self.body, self.stop_event = body, stop_event
        self.acknowledged: dict[int, str] = {}  # annotation id -> last acknowledged claim
        self.unacknowledged_creates: list[str] = []
        self.unacknowledged_edits: list[tuple[int, str]] = []
        self.successes: list[float] = []

    def run(self):
        n = 0
        while not self.stop_event.is_set():
            n += 1
            claim = f"writer {self.number} claim {n}"
            start = self.starts[n % len(self.starts)]
            status, _, content = self.client.request("create", "POST", "/api/v1/annotations/", {
                "article": self.article, "start": start, "end": start + len(harness.SPAN),
                "quote": harness.SPAN, "claim": claim, "rating": "unproven",
                "attributions": [{"source": self.sources[0], "stance": "reported"},
                                 {"source": self.sources[1], "stance": "asserted"}],
                "evidence": [{"url": f"https://evidence.example/{self.number}/{n}", "relation": "context"}],
            })
            if status != 201:
                self.unacknowledged_creates.append(claim)
                time.sleep(0.2)
                continue
            self.successes.append(time.monotonic())
            created = json.loads(content)
            self.acknowledged[created["id"]] = claim
            edited = f"{claim} (edited)"
            status, _, content = self.client.request(
                "edit", "PATCH", f"/api/v1/annotations/{created['id']}/", {"claim": edited},
                headers={"If-Match": f'"{created["version"]}"'},
            )
            if status == 200:
                self.acknowledged[created["id"]] = edited
                self.successes.append(time.monotonic())
            else:
                self.unacknowledged_edits.append((created["id"], edited))
                time.sleep(0.2)


class Reader(threading.Thread):
    def __init__(self, client, stop_event):
        super().__init__(daemon=True)
        self.client, self.stop_event = client, stop_event

    def run(self):
        while not self.stop_event.is_set():
            self.client.request("claims list", "GET", "/api/v1/claims/?page_size=20")
            self.client.request("claim page", "GET", "/claims/1/")
            self.client.request("readyz", "GET", "/readyz")
            time.sleep(0.1)


def check_writes(database_url: str, writers: list[Writer]) -> dict[str, int]:
    with psycopg.connect(database_url) as connection:
        stored = dict(connection.execute("SELECT id, claim FROM annotations_annotation").fetchall())
    stored_claims = set(stored.values())
    lost = sum(1 for w in writers for pk, claim in w.acknowledged.items() if stored.get(pk) != claim)
    phantom_creates = sum(1 for w in writers for claim in w.unacknowledged_creates if claim in stored_claims)
    phantom_edits = sum(1 for w in writers for pk, claim in w.unacknowledged_edits if stored.get(pk) == claim)
    unknown = len(set(stored) - {pk for w in writers for pk in w.acknowledged})
    return {
        "acknowledged writes not stored (or overwritten)": lost,
        "unacknowledged creates that were stored": phantom_creates,
        "unacknowledged edits that were stored": phantom_edits,
        "stored annotations no client was told about": unknown,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=6)
    parser.add_argument("--down", type=float, default=10.0, help="seconds PostgreSQL stays stopped")
    parser.add_argument("--before", type=float, default=8.0, help="seconds of writes before the stop")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="fc_bench_outage")
    parser.add_argument("--cluster", default="main", help="the pg_ctlcluster cluster serving --server")
    args = parser.parse_args()
    if not CLUSTER_VERSION:
        print("No PostgreSQL cluster under /etc/postgresql; this bench stops and starts it.")
        return 2

    database_url = f"{args.server}/{args.database}"
    harness.recreate_database(args.server, args.database)
    env = harness.server_env(database_url)
    body = harness.body_text()
    ids = harness.prepare(env, reviewers=args.writers + 1, editors=0, articles=1, body=body)
    tokens = list(ids["tokens"].values())
    port = harness.free_port()
    gunicorn = harness.start_gunicorn(env, port, workers=args.workers, threads=4)
    recorder = harness.Recorder()
    stop_event = threading.Event()
    writers = [
        Writer(n, harness.Client(port, tokens[n], recorder, timeout=10), ids["articles"][0],
               ids["sources"], body, stop_event)
        for n in range(args.writers)
    ]
    reader = Reader(harness.Client(port, tokens[-1], recorder, timeout=10), stop_event)
    began = time.monotonic()
    stopped_at = started_at = None
    try:
        for thread in [*writers, reader]:
            thread.start()
        time.sleep(args.before)
        stopped_at = time.monotonic()
        pg_ctl("stop", args.cluster)
        down_at = time.monotonic()
        time.sleep(args.down)
    finally:
        # Always bring PostgreSQL back, whatever happened above: others use it.
        restart_issued_at = time.monotonic()
        if not postgres_is_up(args.server):
            pg_ctl("start", args.cluster)
        started_at = time.monotonic()
    try:
        deadline = started_at + 60
        while time.monotonic() < deadline and not all(
            any(t > restart_issued_at for t in w.successes) for w in writers
        ):
            time.sleep(0.1)
        recovered = [min((t for t in w.successes if t > restart_issued_at), default=None) for w in writers]
        time.sleep(3)
    finally:
        stop_event.set()
        for thread in [*writers, reader]:
            thread.join(timeout=20)
        log = harness.stop_gunicorn(gunicorn)

    entries = recorder.entries
    # Certainly down: from the stop command's return to the start command's issue.
    during = [e for e in entries if down_at <= e[3] and e[3] + e[2] <= restart_issued_at]
    statuses_during: dict[int, int] = {}
    for _, status, _, _ in during:
        statuses_during[status] = statuses_during.get(status, 0) + 1
    report = {
        "writers": args.writers, "database_down_s": round(restart_issued_at - down_at, 1),
        "stop_command_s": round(down_at - stopped_at, 1),
        "start_command_s": round(started_at - restart_issued_at, 1),
        "requests": len(entries), "requests_while_down": len(during),
        "statuses_while_down": dict(sorted(statuses_during.items())),
        "non_503_while_down": sum(1 for e in during if e[1] != 503),
        "answers_over_5s": sum(1 for e in entries if e[2] > 5),
        "max_answer_s_while_down": round(max((e[2] for e in during), default=0), 3),
        "5xx_other_than_503": sum(1 for e in entries if e[1] >= 500 and e[1] != 503),
        "no_answer": sum(1 for e in entries if e[1] == 0),
        # From the start command: PostgreSQL itself needs part of this to accept connections.
        "recovery_s_first_write": round(min(t for t in recovered if t) - restart_issued_at, 2)
        if any(recovered) else None,
        "recovery_s_all_writers": round(max(recovered) - restart_issued_at, 2) if all(recovered) else None,
        "tracebacks_in_server_log": log.count("Traceback"),
        "slow_answers": [
            {"endpoint": e[0], "status": e[1], "started_s_after_stop": round(e[3] - stopped_at, 2),
             "seconds": round(e[2], 2)}
            for e in entries if e[2] > 5
        ][:30],
        "server_log_tail": log.strip().splitlines()[-15:],
        "by_endpoint": recorder.summary(),
        "invariants": {**harness.check_invariants(database_url), **check_writes(database_url, writers)},
        "load_average": harness.load_average(),
        "elapsed_s": round(time.monotonic() - began, 1),
    }
    print(json.dumps(report, indent=2))
    harness.drop_database(args.server, args.database)
    failed = (
        report["non_503_while_down"] or report["answers_over_5s"] or report["5xx_other_than_503"]
        or any(report["invariants"].values()) or report["recovery_s_all_writers"] is None
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
