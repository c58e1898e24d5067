"""Two minutes of a newsroom's busiest hour through gunicorn on PostgreSQL.

Creates its own database (fc_bench_load) with 50 reviewers, 10 editors and 5 export clients
(each with an API token), --articles articles, --seed verified claims for the exports, and
--hot draft annotations that every editor edits (to provoke lost updates if the If-Match
protection failed). Starts gunicorn (--workers x --threads) on 127.0.0.1, then for
--seconds runs, each in its own thread with one keep-alive connection:

- reviewers: open an article (article + its annotations), create an annotation, edit it
  with If-Match, submit it; think 0.5-1.5 s; repeat;
- editors: read the review queue, verify (4 in 5) or return (1 in 5) an annotation in
  review with If-Match; read a hot annotation and edit it with If-Match; think; repeat;
- export clients: stream the whole JSON Lines export; pause 1 s; repeat.

Reports per endpoint the count, p50/p95/max latency and statuses, requests/second, 5xx,
412s (expected: two editors on one annotation), lost updates, and the invariants.

    .venv/bin/python bench/load.py                     # 120 s, 4 workers x 8 threads
    .venv/bin/python bench/load.py --seconds 30 --workers 2
"""

import argparse
import json
import random
import threading
import time
from collections import defaultdict

import harness
import psycopg

SEED = """
from django.contrib.auth.models import User
from django.utils import timezone
from simple_history.utils import bulk_create_with_history
from annotations import services
from annotations.models import Annotation, Article, Attribution, Source
admin = User.objects.get(username="bench-admin")
articles = list(Article.objects.order_by("id"))
source = Source.objects.order_by("id").first()
now = timezone.now()
made = bulk_create_with_history([
    Annotation(article=articles[n % len(articles)], start=s, end=s + len({span!r}), quote={span!r},
               claim=f"Seeded verified claim {{n}}", rating="false", review_state="verified",
               created_by=admin, reviewed_by=admin, reviewed_at=now)
    for n, s in ((n, {starts!r}[n % {count_starts}]) for n in range({seed}))
], Annotation, batch_size=1000, default_user=admin)
bulk_create_with_history([Attribution(annotation=a, source=source, stance="asserted") for a in made],
                         Attribution, batch_size=1000, default_user=admin)
hot = [services.annotation_create(article=articles[0], user=admin, start={starts!r}[0],
                                  end={starts!r}[0] + len({span!r}), quote={span!r},
                                  claim=f"Hot draft {{n}}", rating="unproven").pk for n in range({hot})]
print(hot)
"""


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.counters = defaultdict(int)
        self.hot_acks = defaultdict(list)  # hot annotation id -> versions acknowledged

    def count(self, name, n=1):
        with self.lock:
            self.counters[name] += n

    def hot_ack(self, pk, version):
        with self.lock:
            self.hot_acks[pk].append(version)


def think(rng):
    time.sleep(rng.uniform(0.5, 1.5))


def reviewer(client, ids, starts, stats, stop, seed):
    rng = random.Random(seed)
    n = 0
    while not stop.is_set():
        n += 1
        article = rng.choice(ids["articles"])
        client.request("GET article", "GET", f"/api/v1/articles/{article}/")
        client.request("GET annotations?article", "GET", f"/api/v1/annotations/?article={article}&limit=50")
        start = rng.choice(starts)
        status, _, body = client.request("POST annotation", "POST", "/api/v1/annotations/", {
            "article": article, "start": start, "end": start + len(harness.SPAN), "quote": harness.SPAN,
            "claim": f"Load claim {seed}-{n}", "rating": "unproven",
            "attributions": [{"source": ids["sources"][0], "stance": "reported"}],
        })
        if status == 201:
            created = json.loads(body)
            status, _, body = client.request(
                "PATCH annotation", "PATCH", f"/api/v1/annotations/{created['id']}/",
                {"rationale": "One source so far.", "rating": "mixed"},
                headers={"If-Match": f'"{created["version"]}"'},
            )
            if status == 200:
                edited = json.loads(body)
                client.request(
                    "POST submit", "POST", f"/api/v1/annotations/{created['id']}/submit/", {},
                    headers={"If-Match": f'"{edited["version"]}"'},
                )
        think(rng)


def editor(client, ids, hot, stats, stop, seed):
    rng = random.Random(seed)
    n = 0
    while not stop.is_set():
        n += 1
        status, _, body = client.request(
            "GET annotations?review_state", "GET", "/api/v1/annotations/?review_state=in_review&limit=20"
        )
        queue = json.loads(body).get("results", []) if status == 200 else []
        if queue:
            item = rng.choice(queue)
            headers = {"If-Match": f'"{item["version"]}"'}
            if rng.random() < 0.8:
                status, _, _ = client.request(
                    "POST verify", "POST", f"/api/v1/annotations/{item['id']}/verify/", {}, headers=headers
                )
            else:
                status, _, _ = client.request(
                    "POST return", "POST", f"/api/v1/annotations/{item['id']}/return/",
                    {"comment": "Needs a second source."}, headers=headers,
                )
        pk = rng.choice(hot)
        status, _, body = client.request("GET annotation", "GET", f"/api/v1/annotations/{pk}/")
        if status == 200:
            current = json.loads(body)
            status, _, body = client.request(
                "PATCH hot annotation", "PATCH", f"/api/v1/annotations/{pk}/",
                {"rationale": f"editor {seed} edit {n}"}, headers={"If-Match": f'"{current["version"]}"'},
            )
            if status == 200:
                stats.hot_ack(pk, json.loads(body)["version"])
        think(rng)


def exporter(client, stats, stop):
    while not stop.is_set():
        status, _, content = client.request(
            "GET claims/export jsonl", "GET", "/api/v1/claims/export/?format=jsonl", stream=True
        )
        if status == 200:
            stats.count("exported lines", content["lines"])
            stats.count("exported bytes", content["bytes"])
        time.sleep(1)


def lost_updates(database_url, stats) -> dict[str, int]:
    with psycopg.connect(database_url) as connection:
        versions = dict(connection.execute(
            "SELECT id, version FROM annotations_annotation WHERE id = ANY(%s)", [list(stats.hot_acks)]
        ).fetchall())
    duplicated = sum(len(acks) - len(set(acks)) for acks in stats.hot_acks.values())
    # Each hot draft starts at version 1 and only acknowledged edits change it.
    miscounted = sum(1 for pk, acks in stats.hot_acks.items() if versions.get(pk) != 1 + len(acks))
    return {
        "acknowledged hot edits sharing a version (lost updates)": duplicated,
        "hot annotations whose version != 1 + acknowledged edits": miscounted,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--reviewers", type=int, default=50)
    parser.add_argument("--editors", type=int, default=10)
    parser.add_argument("--exporters", type=int, default=5)
    parser.add_argument("--articles", type=int, default=20)
    parser.add_argument("--seed", type=int, default=2000, help="verified claims to export")
    parser.add_argument("--hot", type=int, default=5, help="drafts every editor edits")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--database", default="fc_bench_load")
    args = parser.parse_args()

    database_url = f"{args.server}/{args.database}"
    harness.recreate_database(args.server, args.database)
    env = harness.server_env(database_url)
    body = harness.body_text()
    starts = harness.span_starts(body)
    ids = harness.prepare(env, reviewers=args.reviewers + args.exporters, editors=args.editors,
                          articles=args.articles, body=body)
    script = SEED.format(span=harness.SPAN, starts=starts, count_starts=len(starts), seed=args.seed,
                         hot=args.hot)
    output = harness.subprocess.run(
        [harness.PYTHON, str(harness.ROOT / "manage.py"), "shell", "-c", script], env=env,
        cwd=harness.ROOT, check=True, capture_output=True, text=True,
    ).stdout
    hot = json.loads(output.strip().splitlines()[-1])
    tokens = ids["tokens"]
    reviewer_tokens = [tokens[f"bench-reviewer-{n}"] for n in range(args.reviewers)]
    export_tokens = [tokens[f"bench-reviewer-{args.reviewers + n}"] for n in range(args.exporters)]
    editor_tokens = [tokens[f"bench-editor-{n}"] for n in range(args.editors)]

    port = harness.free_port()
    gunicorn = harness.start_gunicorn(env, port, workers=args.workers, threads=args.threads)
    recorder, stats, stop = harness.Recorder(), Stats(), threading.Event()
    client = lambda token: harness.Client(port, token, recorder, timeout=60)  # noqa: E731
    threads = (
        [threading.Thread(target=reviewer, args=(client(t), ids, starts, stats, stop, n), daemon=True)
         for n, t in enumerate(reviewer_tokens)]
        + [threading.Thread(target=editor, args=(client(t), ids, hot, stats, stop, n), daemon=True)
           for n, t in enumerate(editor_tokens)]
        + [threading.Thread(target=exporter, args=(client(t), stats, stop), daemon=True)
           for t in export_tokens]
    )
    load_before = harness.load_average()
    began = time.monotonic()
    try:
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=90)
        elapsed = time.monotonic() - began
        load_after = harness.load_average()
        log = harness.stop_gunicorn(gunicorn)

    entries = recorder.entries
    statuses = defaultdict(int)
    for _, status, _, _ in entries:
        statuses[status] += 1
    report = {
        "clients": {"reviewers": args.reviewers, "editors": args.editors, "exporters": args.exporters},
        "gunicorn": f"{args.workers} workers x {args.threads} threads (gthread)",
        "seconds": round(elapsed, 1),
        "requests": len(entries),
        "requests_per_second": round(len(entries) / elapsed, 1),
        "statuses": dict(sorted(statuses.items())),
        "5xx": sum(n for status, n in statuses.items() if status >= 500),
        "no_answer": statuses.get(0, 0),
        "412": statuses.get(412, 0),
        "by_endpoint": recorder.summary(),
        "exported": {"lines": stats.counters["exported lines"], "bytes": stats.counters["exported bytes"]},
        "lost_updates": lost_updates(database_url, stats),
        "invariants": harness.check_invariants(database_url),
        "tracebacks_in_server_log": log.count("Traceback"),
        "load_average_before": load_before,
        "load_average_after": load_after,
    }
    print(json.dumps(report, indent=2))
    harness.drop_database(args.server, args.database)
    failed = (
        report["5xx"] or report["no_answer"] or any(report["lost_updates"].values())
        or any(report["invariants"].values())
    )
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
