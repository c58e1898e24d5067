"""A followed ClaimReview feed of 100,000 reviews, imported by its job: reviews per second,
fetch through the vetted fetcher, parsing and cleaning included; then the embedding job that
the import hands over (to another worker, with a broker), timed on its own.

The feed (synthetic reviews from bench/similar.py's generator, as one DataFeed document) is
served on 127.0.0.1 by a thread of this process; the job runs in this process (no broker: as
`make run` runs it) against its own PostgreSQL database (`fc_bench_feeds`, recreated). Each run
starts from an empty store; a third fetch shows the conditional GET of an unchanged feed.

    .venv/bin/python bench/feeds.py                  # 100,000 reviews, 2 runs
    .venv/bin/python bench/feeds.py --reviews 20000 --runs 1
"""

import argparse
import json
import os
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness

SERVER = "postgres://postgres@127.0.0.1:5432"
NAME = "fc_bench_feeds"
os.environ["DATABASE_URL"] = f"{SERVER}/{NAME}"
harness.in_process_environment(os.environ["DATABASE_URL"])

import similar  # noqa: E402  (its generator of synthetic reviews; the environment is set above)


def feed_document(total: int) -> bytes:
    rng = random.Random(7)
    words = similar.vocabulary(rng)
    reviews = [similar.review(n, similar.sentence(rng, words), rng) for n in range(total)]
    return json.dumps({"@context": "https://schema.org", "@type": "DataFeed",
                       "dataFeedElement": [{"@type": "DataFeedItem", "item": [r]} for r in reviews]}).encode()


def serve(document: bytes) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.headers.get("If-None-Match") == '"feed-1"':
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.send_header("ETag", '"feed-1"')
            self.send_header("Content-Length", str(len(document)))
            self.end_headers()
            self.wfile.write(document)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    harness.recreate_database(SERVER, NAME)
    document = feed_document(args.reviews)
    pages = serve(document)
    port = pages.server_address[1]
    os.environ["FACTCHECK_FETCH_ALLOWED_HOSTS"] = f"127.0.0.1:{port}"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from annotations.jobs import core, engine, services
    from annotations.jobs.models import Job
    from annotations.matching import feeds
    from annotations.matching.models import ClaimReviewFeed, ClaimReviewRecord, KnownClaim
    from annotations.matching.services import known_claims_embed

    run_here = engine.dispatch

    def dispatch(job_id: int) -> None:
        # As with a broker: the embedding job goes to another worker; here it runs after the import.
        if not Job.objects.filter(pk=job_id, kind=core.KNOWN_CLAIMS_EMBED).exists():
            run_here(job_id)

    engine.dispatch = dispatch

    try:
        call_command("migrate", verbosity=0)
        user = User.objects.create_superuser("bench-feeds")
        print(f"feed: {args.reviews} reviews, {len(document) / 1e6:.1f} MB")
        for run in range(1, args.runs + 1):
            KnownClaim.objects.all().delete()
            ClaimReviewRecord.objects.all().delete()
            ClaimReviewFeed.objects.all().delete()
            feed = feeds.feed_create(user=user, name="Bench checker", url=f"http://127.0.0.1:{port}/feed.json",
                                     interval=3600)
            started = time.perf_counter()
            job = services.job_start(kind=core.FEED_FETCH, params={"feed": feed.pk}, user=user)
            job = Job.objects.get(pk=job.pk)
            elapsed = time.perf_counter() - started
            assert job.state == "succeeded", (job.state, job.error)
            rate = job.result["created"] / elapsed
            print(f"run {run}: {job.result} in {elapsed:.1f} s: {rate:.0f} reviews/s "
                  f"(load {os.getloadavg()[0]:.1f})")
            started = time.perf_counter()
            embedded = known_claims_embed()
            elapsed = time.perf_counter() - started
            print(f"  then the embedding job: {embedded} in {elapsed:.1f} s: {embedded / elapsed:.0f}/s")
        started = time.perf_counter()
        outcome = feeds.feed_fetch(ClaimReviewFeed.objects.get())
        print(f"fetched again unchanged: {outcome} in {time.perf_counter() - started:.2f} s")
        # The same reviews through the plain import service (no fetch, no parsing), at the same load.
        from annotations.matching.services import claimreviews_import

        records = [element["item"][0] for element in json.loads(document)["dataFeedElement"]]
        KnownClaim.objects.all().delete()
        ClaimReviewRecord.objects.all().delete()
        started = time.perf_counter()
        claimreviews_import(records=records, user=user, batch=5000)
        elapsed = time.perf_counter() - started
        print(f"plain import of the same reviews: {len(records) / elapsed:.0f} reviews/s "
              f"(load {os.getloadavg()[0]:.1f})")
    finally:
        pages.shutdown()
        from django.db import connections

        connections.close_all()
        harness.drop_database(SERVER, NAME)


if __name__ == "__main__":
    main()
