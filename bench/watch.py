"""The watch at scale: N watched articles on many local sites, 90% answering 304, checked by
Celery workers with their default settings; checks per second and the workers' memory.

Everything stays on loopback: PostgreSQL on 127.0.0.1:5432 (its own database, recreated), Redis
on 127.0.0.1:6379 (db 14 as broker, db 13 as the shared cache, keys of this run only), and the
sites: one asyncio process listening on `--sites` ports of 127.0.0.1 (each port is a site to
the watch's politeness). Article n lives at /a/n on site n % sites; nine in ten answer a
conditional GET with 304, the tenth answers 200 with the page the article was stored from
(so it is extracted and found unchanged).

    .venv/bin/python bench/watch.py                    # 10,000 articles, 400 sites, 2 runs
    .venv/bin/python bench/watch.py --articles 2000 --sites 100 --runs 1
"""

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

SERVER = "postgres://postgres@127.0.0.1:5432"
NAME = "fc_bench_watch"
BROKER = "redis://127.0.0.1:6379/14"
TICK = 60.0
CACHE = "redis://127.0.0.1:6379/13"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story {n} | Bench Wire</title>
</head><body><main><article><h1>Story {n}</h1>
<p>The minister said on Tuesday that the talks on the summit would resume next week, according to
two officials who spoke on condition of anonymity about the schedule of story {n}.</p>
<p>A spokesperson declined to comment on the report, which was first published by a local paper
and then picked up by several agencies across the region.</p>
<p>Opposition leaders said the plan would cost more than the government had admitted and asked
for the full figures to be published before the vote.</p>
</article></main></body></html>"""

SETUP = """
import json
from datetime import timedelta
from django.contrib.auth.models import User
from django.utils import timezone
from annotations.ingest.extract import extract
from annotations.models import Annotation, Article
page = {page!r}
ports = {ports!r}
user = User.objects.create_user("bench-watch", is_staff=True)
now = timezone.now()
articles = []
for n in range({articles}):
    body = extract(page.format(n=n)).body
    url = f"http://127.0.0.1:{{ports[n % len(ports)]}}/a/{{n}}"
    articles.append(Article(title=f"Story {{n}}", body=body, url=url, created_by=user,
                            published_at=now - timedelta(days=30)))
Article.objects.bulk_create(articles, batch_size=2000)
quote = "the talks on the summit would resume next week"
annotations = []
for article in Article.objects.all():
    start = article.body.index(quote)
    annotations.append(Annotation(article=article, start=start, end=start + len(quote), quote=quote,
                                  claim="Talks resume next week", review_state="in_review", created_by=user))
Annotation.objects.bulk_create(annotations, batch_size=2000)
print(json.dumps({{"articles": Article.objects.count()}}))
"""

PRIME = """
from datetime import timedelta
from django.utils import timezone
from annotations.ingest.models import ArticleWatch
from annotations.models import Article
past = timezone.now() - timedelta(seconds=1)
rows = []
for pk, url in Article.objects.values_list("pk", "url"):
    n = int(url.rsplit("/", 1)[1])
    rows.append(ArticleWatch(article_id=pk, host=url.split("/")[2], next_check_at=past,
                             etag='"v1"' if n % 10 else ""))
ArticleWatch.objects.all().delete()
ArticleWatch.objects.bulk_create(rows, batch_size=2000)
"""

START = """
from annotations.jobs.tasks import watch_due
print(len(watch_due()))
"""

SPAN = """
from django.db.models import Max, Min, Sum
from annotations.jobs.models import Job
span = Job.objects.filter(kind="watch_site", state="succeeded").aggregate(
    a=Min("started_at"), b=Max("finished_at"), n=Sum("done"))
print((span["b"] - span["a"]).total_seconds(), span["n"])
Job.objects.all().delete()
"""

COUNT = """
from annotations.ingest.models import ArticleWatch
import json
from django.db.models import Count
print(json.dumps(dict(ArticleWatch.objects.filter(checked_at__isnull=False).values_list("last_status")
      .annotate(n=Count("pk")).values_list("last_status", "n"))))
"""


async def serve(sites: int) -> None:
    """Answer GET /a/<n>: 304 to If-None-Match "v1" for nine articles in ten, else the page."""

    async def handle(reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                path = lines[0].split(" ")[1]
                pairs = (line.partition(":") for line in lines[1:] if line)
                headers = {name.lower(): value.strip() for name, _, value in pairs}
                n = int(path.rsplit("/", 1)[1])
                if n % 10 and headers.get("if-none-match") == '"v1"':
                    writer.write(b'HTTP/1.1 304 Not Modified\r\nETag: "v1"\r\nContent-Length: 0\r\n\r\n')
                else:
                    body = PAGE.format(n=n).encode()
                    etag = b'ETag: "v1"\r\n' if n % 10 else b""
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n" + etag
                                 + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError, IndexError, ValueError):
            pass
        finally:
            writer.close()

    servers = [await asyncio.start_server(handle, "127.0.0.1", 0) for _ in range(sites)]
    print(json.dumps([server.sockets[0].getsockname()[1] for server in servers]), flush=True)
    await asyncio.gather(*(server.serve_forever() for server in servers))


def shell(env, script: str) -> str:
    return subprocess.run([harness.PYTHON, str(harness.ROOT / "manage.py"), "shell", "-c", script],
                          env=env, cwd=harness.ROOT, check=True, capture_output=True, text=True).stdout


def children(pid: int) -> list[int]:
    output = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return [int(line) for line in output.split()]


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_once(env, total: int, worker: subprocess.Popen, timeout: float) -> dict:
    shell(env, PRIME)
    started = time.monotonic()
    jobs = int(shell(env, START).strip().splitlines()[-1])
    samples, counts = [], {}
    last_tick = started
    while time.monotonic() - started < timeout:
        time.sleep(2)
        if time.monotonic() - last_tick >= TICK:  # what beat does every FACTCHECK_WATCH_TICK_SECONDS
            jobs += int(shell(env, START).strip().splitlines()[-1])
            last_tick = time.monotonic()
        counts = json.loads(shell(env, COUNT).strip().splitlines()[-1])
        pids = children(worker.pid)
        samples.append([round(rss_mb(pid), 1) for pid in pids])
        if sum(counts.values()) >= total:
            break
    elapsed = time.monotonic() - started
    checked = sum(counts.values())
    busy, done = shell(env, SPAN).split()[-2:]
    return {"jobs": jobs, "checked": checked, "seconds": round(elapsed, 1),
            "checks_per_second": round(checked / elapsed, 1), "outcomes": counts,
            "jobs_seconds": round(float(busy), 1),
            "jobs_checks_per_second": round(int(done) / float(busy), 1),
            "worker_rss_mb_first": samples[0] if samples else [],
            "worker_rss_mb_last": samples[-1] if samples else [],
            "load": os.getloadavg()[0]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--sites", type=int, default=400)
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve is not None:
        asyncio.run(serve(args.serve))
        return
    pages = subprocess.Popen([harness.PYTHON, __file__, "--serve", str(args.sites)], stdout=subprocess.PIPE,
                             text=True)
    ports = json.loads(pages.stdout.readline())
    harness.recreate_database(SERVER, NAME)
    queue = f"bench-watch-{uuid.uuid4().hex[:8]}"
    env = harness.server_env(
        f"{SERVER}/{NAME}", CELERY_BROKER_URL=BROKER, CELERY_QUEUE=queue, REDIS_URL=CACHE,
        CACHE_KEY_PREFIX=queue, FACTCHECK_FETCH_ALLOWED_HOSTS=",".join(f"127.0.0.1:{p}" for p in ports),
        # One tick takes every due article (the default 5,000 a job would leave the rest to the next tick).
        FACTCHECK_WATCH_BATCH=str(args.articles),
    )
    worker = None
    try:
        subprocess.run([harness.PYTHON, str(harness.ROOT / "manage.py"), "migrate", "--no-input", "-v", "0"],
                       env=env, cwd=harness.ROOT, check=True)
        shell(env, SETUP.format(page=PAGE, articles=args.articles, ports=ports))
        log = open("/tmp/bench-watch-worker.log", "w")  # noqa: SIM115
        # Celery's defaults: prefork, one process per core.
        worker = subprocess.Popen([harness.PYTHON, "-m", "celery", "-A", "annotations.jobs.engine", "worker",
                                   "-l", "WARNING", "--without-gossip", "--without-mingle"],
                                  cwd=harness.ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        time.sleep(5)
        results = [run_once(env, args.articles, worker, args.timeout) for _ in range(args.runs)]
        for result in results:
            print(json.dumps(result))
        print("median checks/s:", statistics.median(r["checks_per_second"] for r in results))
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(30)
        pages.terminate()
        pages.wait(10)
        harness.drop_database(SERVER, NAME)
        subprocess.run(["redis-cli", "-n", "14", "DEL", queue], capture_output=True)


if __name__ == "__main__":
    main()
