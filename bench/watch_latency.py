"""From a publisher's edit of a checked passage to the alert: how long, with a real worker and
a real beat on the loopback Redis, against the target "the article's interval + 60 s".

One watched article whose claim is in review, on a page server of this process (127.0.0.1);
the schedule checks it every `--interval` seconds (FACTCHECK_WATCH_SCHEDULE="*=<interval>s"),
beat ticks every 60 s (the default). After a first check, the page is edited at a random moment
and the time until its `article_changed` alert exists is measured, `--runs` times.

    .venv/bin/python bench/watch_latency.py             # interval 60 s, 2 runs
"""

import argparse
import json
import random
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

SERVER = "postgres://postgres@127.0.0.1:5432"
NAME = "fc_bench_latency"
BROKER = "redis://127.0.0.1:6379/14"
CACHE = "redis://127.0.0.1:6379/13"
QUOTE = "the talks on the summit would resume next week"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Story | Bench Wire</title></head>
<body><main><article><h1>Story</h1>
<p>The minister said on Tuesday that {quote}, according to two officials who spoke on condition of
anonymity about the schedule.</p>
<p>A spokesperson declined to comment on the report, which was first published by a local paper.</p>
</article></main></body></html>"""

SETUP = """
from django.contrib.auth.models import User
from annotations.ingest.extract import extract
from annotations.models import Annotation, Article
user = User.objects.create_user("bench-latency", is_staff=True)
body = extract({page!r}).body
article = Article.objects.create(title="Story", body=body, url={url!r}, created_by=user)
start = body.index({quote!r})
Annotation.objects.create(article=article, start=start, end=start + len({quote!r}), quote={quote!r},
                          claim="Talks resume next week", review_state="in_review", created_by=user)
"""

ALERTS = """
from annotations.alerts.models import Alert
from annotations.ingest.models import ArticleWatch
alerts = Alert.objects.filter(kind="article_changed").count()
print(alerts, ArticleWatch.objects.filter(checked_at__isnull=False).count())
"""


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--interval", type=int, default=60)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    page = {"html": PAGE.format(quote=QUOTE)}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = page["html"].encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    pages = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=pages.serve_forever, daemon=True).start()
    port = pages.server_address[1]
    queue = f"bench-latency-{uuid.uuid4().hex[:8]}"
    env = harness.server_env(
        f"{SERVER}/{NAME}", CELERY_BROKER_URL=BROKER, CELERY_QUEUE=queue, REDIS_URL=CACHE,
        CACHE_KEY_PREFIX=queue, FACTCHECK_FETCH_ALLOWED_HOSTS=f"127.0.0.1:{port}",
        FACTCHECK_WATCH_SCHEDULE=f"*={args.interval}s",
    )
    manage = [harness.PYTHON, str(harness.ROOT / "manage.py")]

    def shell(script):
        return subprocess.run([*manage, "shell", "-c", script], env=env, cwd=harness.ROOT, check=True,
                              capture_output=True, text=True).stdout.split()

    processes = []
    results = []
    try:
        for run in range(1, args.runs + 1):
            harness.recreate_database(SERVER, NAME)
            subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, cwd=harness.ROOT,
                           check=True)
            page["html"] = PAGE.format(quote=QUOTE)
            shell(SETUP.format(page=page["html"], url=f"http://127.0.0.1:{port}/story", quote=QUOTE))
            schedule = tempfile.mkdtemp()
            engine = [harness.PYTHON, "-m", "celery", "-A", "annotations.jobs.engine"]
            quiet = {"cwd": harness.ROOT, "env": env, "stdout": subprocess.DEVNULL,
                     "stderr": subprocess.DEVNULL}
            processes = [
                subprocess.Popen([*engine, "worker", "-l", "WARNING", "--without-gossip", "--without-mingle"],
                                 **quiet),
                subprocess.Popen([*engine, "beat", "-l", "WARNING", "-s", f"{schedule}/beat"], **quiet),
            ]
            while int(shell(ALERTS)[-1]) == 0:  # the first check, by beat's first tick
                time.sleep(1)
            time.sleep(random.uniform(0, args.interval))
            page["html"] = PAGE.format(quote=QUOTE.replace("next week", "next month"))
            edited = time.monotonic()
            while int(shell(ALERTS)[-2]) == 0:
                time.sleep(1)
            latency = time.monotonic() - edited
            results.append(round(latency, 1))
            print(f"run {run}: alert {latency:.1f} s after the edit (target ≤ {args.interval + 60} s)",
                  flush=True)
            for process in processes:
                process.terminate()
                process.wait(30)
            processes = []
    finally:
        for process in processes:
            process.terminate()
            process.wait(30)
        pages.shutdown()
        harness.drop_database(SERVER, NAME)
        subprocess.run(["redis-cli", "-n", "14", "DEL", queue], capture_output=True)
    print(json.dumps({"interval": args.interval, "latencies": results}))


if __name__ == "__main__":
    main()
