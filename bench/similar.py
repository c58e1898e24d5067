"""Known claims at scale: import rate, then the embedding job's, similar() latency, memory per process.

Fills its own PostgreSQL database (default fc_bench_similar, created when missing) with N
synthetic ClaimReviews (made-up sentences from a generated vocabulary: no real data), imports
them through the same service as POST /api/v1/claimreviews/import/ in batches, then, in a
fresh process, measures the memory the in-process index adds and the latency of
GET /api/v1/claims/similar/ through the API (DRF test client, token auth) for perturbed
copies of stored claims.

    .venv/bin/python bench/similar.py                  # 100,000 reviews, 300 queries
    .venv/bin/python bench/similar.py --reviews 20000 --queries 100
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fc_NAME_similar .venv/bin/python bench/similar.py
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
import harness  # noqa: E402

harness.in_process_environment("postgres://postgres@127.0.0.1:5432/fc_bench_similar")

SYLLABLES = [consonant + vowel for consonant in "bklmnrstvz" for vowel in "aeiou"]
_COMMON = """the a of to in and is was that for on are with as by says claims shows new first government
video photo people year president city law company school water vaccine election money"""
COMMON = _COMMON.split()


def ensure_database() -> None:
    import psycopg

    url = urlsplit(os.environ["DATABASE_URL"])
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            connection.execute(f'CREATE DATABASE "{name}"')


def vocabulary(rng: random.Random, size: int = 20000) -> list[str]:
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def sentence(rng: random.Random, words: list[str]) -> str:
    # Zipf-like: a few words are frequent, most are rare, like news text.
    picks = [words[min(int(rng.paretovariate(0.8)) - 1, len(words) - 1)] if rng.random() < 0.5
             else rng.choice(words) for _ in range(rng.randint(8, 20))]
    return " ".join(rng.choice(COMMON) + " " + word if rng.random() < 0.4 else word for word in picks)


def review(number: int, claim: str, rng: random.Random) -> dict:
    return {
        "@context": "https://schema.org", "@type": "ClaimReview",
        "url": f"https://checks.example.org/{number}",
        "claimReviewed": claim,
        "headline": f"Fact check: {claim[:80]}",
        "datePublished": f"20{10 + number % 15}-0{1 + number % 9}-1{number % 10}",
        "author": {"@type": "Organization", "name": f"Checker {number % 25}"},
        "reviewRating": {"@type": "Rating", "alternateName": rng.choice(["False", "True", "Misleading"])},
    }


def fill(total: int, batch: int) -> list[str]:
    from django.core.management import call_command

    from annotations.jobs import engine
    from annotations.matching.models import ClaimReviewRecord, KnownClaim
    from annotations.matching.services import claimreviews_import, known_claims_embed

    call_command("migrate", verbosity=0)
    KnownClaim.objects.all().delete()
    ClaimReviewRecord.objects.all().delete()
    rng = random.Random(7)
    words = vocabulary(rng)
    claims = [sentence(rng, words) for _ in range(total)]
    rates = []
    # As with a broker: the import hands the embedding job over and returns; it runs below.
    engine.dispatch = lambda job_id: None
    started = time.perf_counter()
    for start in range(0, total, batch):
        chunk = [review(n, claims[n], rng) for n in range(start, min(start + batch, total))]
        t = time.perf_counter()
        result = claimreviews_import(records=chunk, user=None)
        rates.append(len(chunk) / (time.perf_counter() - t))
        assert result.created == len(chunk), result.rejected[:3]
    elapsed = time.perf_counter() - started
    print(f"imported {total} ClaimReviews in {elapsed:.1f} s: {total / elapsed:.0f}/s overall, "
          f"median batch of {batch} {statistics.median(rates):.0f}/s (findable by their words)")
    started = time.perf_counter()
    embedded = known_claims_embed()
    elapsed = time.perf_counter() - started
    print(f"the embedding job embedded {embedded} in {elapsed:.1f} s: {embedded / elapsed:.0f}/s")
    return claims


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def measure(queries: int) -> None:
    """Run in a fresh process: memory added by the index, then similar() latency through the API."""
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from rest_framework.test import APIClient

    from annotations.matching import embedding
    from annotations.matching.mirror import mirror
    from annotations.matching.models import KnownClaim

    user, _ = get_user_model().objects.get_or_create(username="bench-similar")
    client = APIClient()
    client.force_authenticate(user)
    client.get("/api/v1/claimreviews/", {"limit": 1})  # warm Django and DRF
    before = rss_mb()
    embedding.embed(["warm"])
    model = rss_mb()
    started = time.perf_counter()
    index = mirror.current()
    built = time.perf_counter() - started
    after = rss_mb()
    print(f"index of {len(index)} claims built in {built:.1f} s; memory added per process: "
          f"{after - before:.0f} MB (model {model - before:.0f} MB, index {after - model:.0f} MB)")
    rng = random.Random(11)
    texts = list(KnownClaim.objects.order_by("?").values_list("claim", flat=True)[:queries])
    timings = []
    for text in texts:
        words = text.split()
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(COMMON)
        t = time.perf_counter()
        response = client.get("/api/v1/claims/similar/", {"text": " ".join(words), "limit": 10})
        timings.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200
    timings.sort()
    p50 = statistics.median(timings)
    p95 = timings[int(len(timings) * 0.95) - 1]
    with open("/proc/loadavg") as load:
        loadavg = load.read().split()[0]
    print(f"similar over HTTP (in-process client), {len(timings)} queries: "
          f"p50 {p50:.1f} ms, p95 {p95:.1f} ms (load average {loadavg})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--reviews", type=int, default=100_000)
    parser.add_argument("--batch", type=int, default=5000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--measure-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure_only:
        measure(args.queries)
        return
    ensure_database()
    import django

    django.setup()
    fill(args.reviews, args.batch)
    with open("/proc/loadavg") as load:
        print(f"load average: {load.read().split()[0]}")
    subprocess.run([sys.executable, __file__, "--measure-only", "--queries", str(args.queries)], check=True)
    print(json.dumps({"reviews": args.reviews}))


if __name__ == "__main__":
    main()
