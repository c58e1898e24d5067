"""Benchmark the verified-claims exports and the claims list on PostgreSQL.

    .venv/bin/python bench/claims_export.py            # seed if needed, then measure all
    .venv/bin/python bench/claims_export.py seed       # (re)seed 100,000 verified claims
    .venv/bin/python bench/claims_export.py measure    # exports and list latency only
    .venv/bin/python bench/claims_export.py measure --runs 2 --only lists

DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/fc_bench; the database is
created if it does not exist. Each export runs in a fresh subprocess, so the peak RSS it
reports is that export's own (VmHWM: ru_maxrss would carry over the parent's peak, e.g. a
seed's, through fork and exec). Every figure is measured --runs times (default 2); the
tables give each run and the median, and the load average is printed before and after.
"""

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import harness  # noqa: E402

harness.in_process_environment("postgres://postgres@127.0.0.1:5432/fc_bench")

TOTAL = 100_000
CLAIMS_PER_ARTICLE = 100
SIZES = (10_000, 100_000)
FORMATS = ("jsonl", "csv", "claimreview")
PAGE_SIZES = (10, 100, 1000)
LISTS = {
    # name: (path, page size parameter, authenticated)
    "claims": ("/api/v1/claims/", "page_size", False),
    "annotations": ("/api/v1/annotations/", "limit", True),
}
# What one record of each format starts or ends with, to count what was streamed.
RECORD_MARKERS = {"jsonl": b"\n", "csv": b"\r\n", "claimreview": b'"@type":"ClaimReview"'}


def ensure_database() -> None:
    """Create the benchmark database if it is missing."""
    import psycopg

    url = urlsplit(os.environ["DATABASE_URL"])
    name = url.path.lstrip("/")
    admin = url._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def setup_django() -> None:
    """Set up Django as a serving process is (factcheck.wsgi): the lists are measured in process."""
    import django

    from factcheck.collector import pace_for_serving

    django.setup()
    pace_for_serving()


def seed(total: int = TOTAL) -> None:
    """Replace the data with `total` verified claims (2 attributions and 1 evidence each)."""
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from annotations import anchoring
    from annotations.models import Annotation, Article, Attribution, Evidence, Source
    from annotations.publishing import services as publishing
    from annotations.publishing.models import PublishedClaim

    started = time.perf_counter()
    User = get_user_model()
    paragraph = (
        "Claim {n}: Trump refuted a story by the Financial Times that he had pressed "
        "Zelenskyy to relinquish the whole Donbas region to Russia 👍🏽 — officials said."
    )
    with transaction.atomic():
        for model in (PublishedClaim, Evidence, Attribution, Annotation, Article, Source):
            model.objects.all().delete()
        author, _ = User.objects.get_or_create(username="bench-reviewer")
        editor, _ = User.objects.get_or_create(username="bench-editor")
        wire = Source.objects.create(name="Bench Wire", kind="news_outlet")
        ft = Source.objects.create(name="Financial Times", kind="news_outlet")
        trump = Source.objects.create(name="Donald Trump", kind="person")
        spans, articles = [], []
        for a in range(total // CLAIMS_PER_ARTICLE):
            parts, offsets, position = [], [], 0
            for i in range(CLAIMS_PER_ARTICLE):
                text = paragraph.format(n=a * CLAIMS_PER_ARTICLE + i)
                offsets.append((position, position + len(text)))
                parts.append(text)
                position += len(text) + 2
            body = anchoring.normalize_body("\n\n".join(parts))
            articles.append(Article(
                title=f"Bench article {a}", url=f"https://bench.example/articles/{a}",
                publisher=wire, body=body, published_at="2025-10-21T18:30:00Z",
            ))
            spans.append((body, offsets))
        for article in articles:
            # bulk_create skips save(), which sets the hash.
            article.body_sha256 = hashlib.sha256(article.body.encode()).hexdigest()
        Article.objects.bulk_create(articles, batch_size=500)
        annotations = []
        for article, (body, offsets) in zip(articles, spans, strict=True):
            for start, end in offsets:
                context = anchoring.quote_selector(body, start, end)
                annotations.append(Annotation(
                    article=article, start=start, end=end, quote=context.exact,
                    prefix=context.prefix, suffix=context.suffix,
                    claim="Trump pressed Zelenskyy to give up the whole Donbas region",
                    rating="unproven", rationale="The FT stands by its report; Trump denies it.",
                    review_state="verified", created_by=author, reviewed_by=editor,
                    reviewed_at="2025-10-22T09:00:00Z", version=3,
                ))
        Annotation.objects.bulk_create(annotations, batch_size=5000)
        Attribution.objects.bulk_create(
            [
                Attribution(annotation=annotation, source=source, stance=stance, date="2025-10-21")
                for annotation in annotations
                for source, stance in ((ft, "reported"), (trump, "denied"))
            ],
            batch_size=5000,
        )
        Evidence.objects.bulk_create(
            [
                Evidence(
                    annotation=annotation, url=f"https://evidence.example/{annotation.pk}",
                    title="FT report", publisher="Financial Times", relation="context",
                )
                for annotation in annotations
            ],
            batch_size=5000,
        )
        # What a second editor's verification publishes, in bulk.
        published = publishing.publish_all()
        with connection.cursor() as cursor:
            # Spread the change times so that updated_since selects the newest N claims.
            cursor.execute(
                "UPDATE annotations_publishedclaim SET modified_at = "
                "timestamptz '2025-01-01 00:00:00+00' + annotation_id * interval '1 second'"
            )
        assert published == total, published
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"seeded {total:,} verified claims in {time.perf_counter() - started:.1f} s")


def peak_rss_mb() -> float:
    """Return this process's peak resident set size (VmHWM, which starts anew at exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def editor_token() -> str:
    """Return a fresh API key of the bench editor (who may read drafts and every annotation)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from annotations.apikeys.services import api_key_issue

    editor, _ = get_user_model().objects.get_or_create(username="bench-editor")
    editor.groups.add(Group.objects.get(name="Editor"))
    return api_key_issue(user=editor)[1]


def since_for(size: int) -> str:
    """Return the updated_since value that selects the newest `size` published claims."""
    from annotations.publishing.models import PublishedClaim

    modified = (
        PublishedClaim.objects.order_by("-modified_at").values_list("modified_at", flat=True)[size - 1]
    )
    return modified.isoformat()


def export_once(export_format: str, since: str) -> dict:
    """Stream one export through the full Django stack; return its figures (in this process)."""
    from django.test import Client

    client = Client()
    started = time.perf_counter()
    response = client.get(
        "/api/v1/claims/export/", {"format": export_format, "updated_since": since}
    )
    assert response.status_code == 200, response.status_code
    size = records = 0
    marker = RECORD_MARKERS[export_format]
    for chunk in response.streaming_content:
        size += len(chunk)
        records += chunk.count(marker)
    response.close()
    seconds = time.perf_counter() - started
    if export_format == "csv":
        records -= 1  # the header row
    return {
        "format": export_format,
        "claims": records,
        "seconds": seconds,
        "claims_per_second": records / seconds,
        "megabytes": size / 1e6,
        "peak_rss_mb": peak_rss_mb(),
    }


def run_export_subprocess(export_format: str, size: int) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "export-once", "--format", export_format, "--size", str(size)],
        check=True, capture_output=True, text=True, env=os.environ.copy(),
    ).stdout
    result = json.loads(output.strip().splitlines()[-1])
    assert result["claims"] == size, result
    return result


def list_latency(name: str, page_size: int, requests: int, token: str) -> dict:
    """Return the p50 and p90 latency of a list, walking its next links page by page."""
    from django.test import Client

    path, size_parameter, authenticated = LISTS[name]
    client = Client(**({"HTTP_AUTHORIZATION": f"Token {token}"} if authenticated else {}))
    url, params = path, {size_parameter: page_size}
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        response = client.get(url, params)
        payload = response.json()
        timings.append(time.perf_counter() - started)
        assert response.status_code == 200 and len(payload["results"]) == page_size, response.content[:300]
        url, params = payload["next"], None
    return {
        "p50_ms": statistics.median(timings) * 1000,
        "p90_ms": statistics.quantiles(timings, n=10)[-1] * 1000,
    }


def _runs(values: list[float], spec: str) -> str:
    return " / ".join(format(v, spec) for v in values) + f"  (median {statistics.median(values):{spec}})"


def measure(runs: int, only: str) -> None:
    from annotations.publishing.models import PublishedClaim

    published = PublishedClaim.objects.count()
    print(f"database: {os.environ['DATABASE_URL']} ({published:,} published claims)")
    print(f"load average before: {harness.load_average()}")
    if only in ("all", "exports"):
        print(f"\n{'format':<12}{'claims':>9}  claims/s per run (median); peak RSS MB per run")
        for export_format in FORMATS:
            for size in SIZES:
                results = [run_export_subprocess(export_format, size) for _ in range(runs)]
                print(
                    f"{export_format:<12}{size:>9,}  "
                    f"{_runs([r['claims_per_second'] for r in results], ',.0f')}; "
                    f"{' / '.join(format(r['peak_rss_mb'], '.1f') for r in results)}"
                )
        print(f"load average: {harness.load_average()}")
    if only in ("all", "lists"):
        token = editor_token()
        for name in LISTS:
            print(f"\n{name} list  page size, p50 ms per run (median); p90 ms per run (median)")
            list_latency(name, 100, 5, token)  # warm up connections and caches
            for page_size in PAGE_SIZES:
                requests = 50 if page_size < 1000 else 20
                results = [list_latency(name, page_size, requests, token) for _ in range(runs)]
                print(
                    f"{page_size:>6}  {_runs([r['p50_ms'] for r in results], '.1f')}; "
                    f"{_runs([r['p90_ms'] for r in results], '.1f')}"
                )
        print(f"load average after: {harness.load_average()}")


def profile(target: str, page_size: int, requests: int, size: int) -> None:
    """Print a cProfile of list requests (target "claims" or "annotations") or of an export."""
    import cProfile
    import pstats

    from django.test import Client

    token = editor_token()
    profiler = cProfile.Profile()
    if target in LISTS:
        list_latency(target, page_size, 3, token)  # warm up
        profiler.enable()
        list_latency(target, page_size, requests, token)
    else:
        since = since_for(size)
        b"".join(Client().get("/api/v1/claims/export/", {"format": target}).streaming_content)  # warm up
        profiler.enable()
        export_once(target, since)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs="?", default="all",
                        choices=["all", "seed", "measure", "export-once", "profile"])
    parser.add_argument("--format", choices=FORMATS)
    parser.add_argument("--size", type=int)
    parser.add_argument("--total", type=int, default=TOTAL)
    parser.add_argument("--target", default="annotations", help="profile: a list name or an export format")
    parser.add_argument("--page-size", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=10)
    parser.add_argument("--runs", type=int, default=2, help="runs of every measurement")
    parser.add_argument("--only", choices=["all", "exports", "lists"], default="all")
    args = parser.parse_args()

    if args.command == "profile":
        setup_django()
        profile(args.target, args.page_size, args.requests, args.size or TOTAL)
        return
    if args.command == "export-once":
        setup_django()
        print(json.dumps(export_once(args.format, since_for(args.size))))
        return
    ensure_database()
    setup_django()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from annotations.publishing.models import PublishedClaim

    if args.command == "seed" or (
        args.command == "all" and PublishedClaim.objects.count() != args.total
    ):
        seed(args.total)
    if args.command in ("all", "measure"):
        measure(args.runs, args.only)


if __name__ == "__main__":
    main()
