"""Stop or freeze PostgreSQL for 10 s under steady writes through gunicorn; check answers and invariants.

Starts its own private PostgreSQL cluster (initdb in a temporary directory, a free loopback
port, removed afterwards) unless --cluster names a pg_ctlcluster cluster of this machine,
creates its database (fc_bench_outage) there, starts gunicorn on 127.0.0.1, runs several
writer clients (create an annotation with attributions and evidence, then edit it with
If-Match) and one reader (claims list, a page, /readyz), then for --down seconds either

- stops the cluster (--mode stop: connections are refused or reset), or
- freezes it (--mode freeze: SIGSTOP to the postmaster and every backend; connections stay
  open and acknowledged but nothing answers, as with a hung host behind a live network),

brings it back (always, in a `finally`), keeps writing until every client has succeeded
again, then checks:

- every answer while the database was away was a 503, within the bound (5 s when stopped;
  when frozen, the client-side deadline plus the connect timeout, plus 1 s);
- no 500 and no answer slower than that bound at any time; recovery time afterwards;
- every annotation's history has exactly `version` entries; no attribution or evidence
  without its annotation; every acknowledged write is stored; no unacknowledged one is.

    .venv/bin/python bench/outage.py                       # private cluster, stopped 10 s
    .venv/bin/python bench/outage.py --mode freeze         # private cluster, frozen 10 s
    .venv/bin/python bench/outage.py --cluster main --server postgres://postgres@127.0.0.1:5432

With --cluster, it stops (or freezes) that cluster of the machine: its other users see it too.
"""
import argparse
import contextlib
import json
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import harness
import psycopg

CLUSTER_VERSION = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1] if Path(
    "/etc/postgresql").is_dir() else ""


BIN = Path(f"/usr/lib/postgresql/{CLUSTER_VERSION}/bin") if CLUSTER_VERSION else None


def as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run the command as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class PrivateCluster:
    """A throw-away cluster of this machine's PostgreSQL binaries on a free loopback port."""

    def __init__(self):
        self.port = harness.free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="fc_bench_outage_"))
        self.data = self.directory / "data"
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.directory, user.pw_uid, user.pw_gid)
        subprocess.run(
            as_postgres([str(BIN / "initdb"), "-D", str(self.data), "-U", "postgres",
                         "--auth=trust", "--no-sync"]),
            check=True, capture_output=True, timeout=120,
        )
        self.server = f"postgres://postgres@127.0.0.1:{self.port}"

    def pg_ctl(self, action: str) -> None:
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                   f"-c unix_socket_directories={self.directory}")
        command = [str(BIN / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", "-l",
                   str(self.directory / "log"), action]
        if action == "start":
            command += ["-o", options]
        if action == "stop":
            command += ["-m", "fast"]
        subprocess.run(as_postgres(command), check=True, capture_output=True, timeout=90)

    def postmaster(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def remove(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self.pg_ctl("stop")
        shutil.rmtree(self.directory, ignore_errors=True)


class SharedCluster:
    """A pg_ctlcluster cluster of this machine (others may be using it)."""

    def __init__(self, name: str, server: str):
        self.name, self.server = name, server
        self.data = Path(subprocess.run(
            ["pg_conftool", CLUSTER_VERSION, name, "show", "-s", "data_directory"],
            check=True, capture_output=True, text=True, timeout=30,
        ).stdout.strip())

    def pg_ctl(self, action: str) -> None:
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", CLUSTER_VERSION, self.name, action],
            check=True, capture_output=True, timeout=60,
        )

    def postmaster(self) -> int:
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def remove(self) -> None:
        """Leave the machine's own cluster in place (only a private cluster is removed)."""


def cluster_processes(postmaster: int) -> list[int]:
    """Return the postmaster and its children (the backends and background workers)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError, ValueError):
            # The parent pid is the second field after the parenthesized command name.
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == postmaster:
                children.append(int(stat.parent.name))
    return [postmaster, *children]


def freeze(cluster) -> list[int]:
    stopped = cluster_processes(cluster.postmaster())
    for pid in stopped:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGSTOP)
    return stopped


def thaw(stopped: list[int]) -> None:
    for pid in stopped:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGCONT)


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
    parser.add_argument("--down", type=float, default=10.0, help="seconds PostgreSQL stays away")
    parser.add_argument("--mode", choices=["stop", "freeze"], default="stop")
    parser.add_argument("--deadline", type=float, default=3.0,
                        help="the server's client-side deadline on a database wait (freeze mode)")
    parser.add_argument("--before", type=float, default=8.0, help="seconds of writes before the stop")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432",
                        help="with --cluster: the server that cluster serves")
    parser.add_argument("--database", default="fc_bench_outage")
    parser.add_argument("--cluster", default="", help="a pg_ctlcluster cluster of this machine to "
                        "stop or freeze (default: a private cluster of its own)")
    args = parser.parse_args()
    if not CLUSTER_VERSION:
        print("No PostgreSQL under /etc/postgresql; this bench needs its binaries.")
        return 2
    if args.cluster:
        cluster = SharedCluster(args.cluster, args.server)
    else:
        cluster = PrivateCluster()
        cluster.pg_ctl("start")
    try:
        return run(args, cluster)
    finally:
        cluster.remove()


def run(args, cluster) -> int:
    database_url = f"{cluster.server}/{args.database}"
    harness.recreate_database(cluster.server, args.database)
    connect_timeout = 2
    # The longest a request may wait on a database that is away, and then some.
    bound = 5.0 if args.mode == "stop" else args.deadline + connect_timeout + 1
    env = harness.server_env(
        database_url, DATABASE_CLIENT_DEADLINE=str(args.deadline),
        DATABASE_CONNECT_TIMEOUT=str(connect_timeout),
    )
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
    frozen: list[int] = []
    try:
        for thread in [*writers, reader]:
            thread.start()
        time.sleep(args.before)
        stopped_at = time.monotonic()
        if args.mode == "freeze":
            frozen = freeze(cluster)
        else:
            cluster.pg_ctl("stop")
        down_at = time.monotonic()
        time.sleep(args.down)
    finally:
        # Always bring PostgreSQL back, whatever happened above: others may use it.
        restart_issued_at = time.monotonic()
        if args.mode == "freeze":
            thaw(frozen)
        elif not postgres_is_up(cluster.server):
            cluster.pg_ctl("start")
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
        "mode": args.mode, "cluster": args.cluster or "private", "answer_bound_s": bound,
        "writers": args.writers, "database_down_s": round(restart_issued_at - down_at, 1),
        "stop_command_s": round(down_at - stopped_at, 1),
        "start_command_s": round(started_at - restart_issued_at, 1),
        "requests": len(entries), "requests_while_down": len(during),
        "statuses_while_down": dict(sorted(statuses_during.items())),
        "non_503_while_down": sum(1 for e in during if e[1] != 503),
        "answers_over_bound": sum(1 for e in entries if e[2] > bound),
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
            for e in entries if e[2] > bound
        ][:30],
        "server_log_tail": log.strip().splitlines()[-15:],
        "by_endpoint": recorder.summary(),
        "invariants": {**harness.check_invariants(database_url), **check_writes(database_url, writers)},
        "load_average": harness.load_average(),
        "elapsed_s": round(time.monotonic() - began, 1),
    }
    invariants = dict(report["invariants"])
    if args.mode == "freeze":
        # A write whose single statement (or COMMIT) had reached the server when it froze is
        # answered 503 at the deadline, yet the server commits it once it runs again: its
        # outcome is unknown to the client. At most one per writer; more is a failure.
        in_flight = ("unacknowledged creates that were stored", "unacknowledged edits that were stored",
                     "stored annotations no client was told about")
        phantoms = [invariants.pop(name) for name in in_flight]
        report["in_flight_writes_stored_although_503"] = phantoms[0] + phantoms[1]
        invariants["more in-flight writes stored than writers"] = int(
            phantoms[0] + phantoms[1] > args.writers or phantoms[2] > phantoms[0]
        )
    print(json.dumps(report, indent=2))
    harness.drop_database(cluster.server, args.database)
    failed = (
        report["non_503_while_down"] or report["answers_over_bound"] or report["5xx_other_than_503"]
        or any(invariants.values()) or report["recovery_s_all_writers"] is None
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
