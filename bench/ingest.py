"""Ingest throughput: extraction pages/s, importing N pages from a local server, refreshing them.

    .venv/bin/python bench/ingest.py [--pages 1000] [--workers 4] [--runs 3]

Everything runs against 127.0.0.1: a ThreadingHTTPServer serves generated news pages (JSON-LD,
OpenGraph, navigation, related links, a cookie banner, ~12 paragraphs); the articles go into
a throw-away SQLite database. Three figures, medians over the runs:

1. extraction: pages/second of annotations.ingest.extract.extract on the generated pages
   (one thread);
2. import: URLs/second for the same path as ``import_articles --urls`` (fetch through the
   guard with FACTCHECK_FETCH_ALLOWED_HOSTS=127.0.0.1:<port>, extract, store; --workers fetches
   at once, no per-host delay);
3. refresh: articles/second for ``refresh_articles`` over all stored articles, of which 10%
   changed on the server (each changed one carries an annotation that is re-anchored).
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path(tempfile.mkdtemp()) / "bench_ingest.sqlite3"
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("SECRET_KEY", "bench-only")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402

from annotations import services  # noqa: E402
from annotations.ingest.batch import fetch_pages  # noqa: E402
from annotations.ingest.extract import extract  # noqa: E402
from annotations.ingest.services import article_import, article_refresh  # noqa: E402
from annotations.models import Article  # noqa: E402

WORDS = [
    "minister", "summit", "talks", "sanctions", "ceasefire", "parliament", "election", "budget",
    "report", "agency", "officials", "border", "energy", "prices", "market", "court", "ruling",
    "inquiry", "statement", "spokesman",
]


def paragraph(n: int, i: int) -> str:
    words = [WORDS[(n * 7 + i * 3 + k * k) % len(WORDS)] for k in range(38)]
    return f"Story {n}, paragraph {i}: the " + " ".join(words) + f" said on day {i}."


def news_page(n: int, changed: bool = False) -> str:
    paragraphs = [paragraph(n, i) for i in range(12)]
    if changed:
        paragraphs[5] = paragraphs[5].replace("the ", "the revised ", 1)
        paragraphs.insert(2, f"UPDATE: story {n} was corrected.")
    body = "".join(f"<p>{text}</p>\n" for text in paragraphs)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Story {n} headline | Bench Wire</title><meta property="og:site_name" content="Bench Wire">
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "Story {n} headline",
"author": {{"@type": "Person", "name": "Reporter {n % 17}"}},
"datePublished": "2025-10-{1 + n % 28:02d}T08:00:00Z",
"publisher": {{"@type": "Organization", "name": "Bench Wire"}}}}</script></head><body>
<div class="cookie-banner"><p>We use cookies.</p><button>Accept</button></div>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<main><article><h1>Story {n} headline</h1>{body}</article>
<aside><h2>Related</h2><ul><li><a href="/x">Other story</a></li><li><a href="/y">More</a></li></ul></aside>
</main><footer>© Bench Wire</footer></body></html>"""


class Server:
    def __init__(self, pages: dict[str, bytes]):
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                body = pages.get(self.path)
                self.send_response(200 if body else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"


def run_once(count: int, workers: int, user) -> tuple[float, float, float]:
    Article.objects.all().delete()
    pages = {f"/p/{n}": news_page(n).encode() for n in range(count)}
    server = Server(pages)
    # An allow-list entry names its port (a bare host means 80 and 443 only).
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = f"127.0.0.1:{server.server.server_address[1]}"
    urls = [server.base + path for path in pages]

    sample = [page.decode() for page in list(pages.values())[:200]]
    started = time.perf_counter()
    for html in sample:
        extract(html)
    extraction = len(sample) / (time.perf_counter() - started)

    started = time.perf_counter()
    for url, page, error in fetch_pages(urls, workers=workers, delay=0):
        if error is None:
            article_import(user=user, page=page, given_url=url)
    imported = len(urls) / (time.perf_counter() - started)
    assert Article.objects.count() == count, Article.objects.count()

    articles = list(Article.objects.order_by("id"))
    for index, article in enumerate(articles):
        if index % 10 == 0:
            quote = article.body.split("\n\n")[5][:60]
            services.annotation_create(article=article, user=user, quote=quote, claim="c")
            pages[f"/p/{article.url.rsplit('/', 1)[1]}"] = news_page(
                int(article.url.rsplit("/", 1)[1]), changed=True
            ).encode()
    by_url = {article.url: article for article in articles}
    changed = 0
    started = time.perf_counter()
    for url, page, error in fetch_pages(list(by_url), workers=workers, delay=0):
        if error is None:
            changed += article_refresh(article=by_url[url], user=user, page=page)[0]
    refreshed = len(by_url) / (time.perf_counter() - started)
    assert changed == count // 10, changed
    server.server.shutdown()
    return extraction, imported, refreshed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    user = get_user_model().objects.create_user("bench", is_superuser=True, is_staff=True)
    results = []
    for run in range(args.runs):
        figures = run_once(args.pages, args.workers, user)
        results.append(figures)
        print(f"run {run + 1}: extraction {figures[0]:.1f} pages/s, import {figures[1]:.1f} URLs/s, "
              f"refresh {figures[2]:.1f} articles/s (10% changed)", flush=True)
    medians = [statistics.median(column) for column in zip(*results, strict=True)]
    print(f"median of {args.runs}: extraction {medians[0]:.1f} pages/s, import {medians[1]:.1f} URLs/s, "
          f"refresh {medians[2]:.1f} articles/s; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
