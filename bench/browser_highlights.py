"""Benchmark the annotation view in Chromium: highlights painted after load, and after Save.

    .venv/bin/python bench/browser_highlights.py [--runs 7] [--saves 7]

Seeds an article of 20,000 words with 2,000 annotations (overlaps included, 1-2
attributions each) into a fresh database, serves the app with gunicorn on localhost and
drives /usr/bin/chromium with Playwright. It reads the performance marks the page sets:

- highlights: module start -> all 2,000 highlights registered and a frame painted
- navigation -> painted: the same end point measured from navigation start (server
  render of the article and its annotations, transfer, parse and script included)
- save -> highlight shown: Save pressed -> the new highlight painted
- save -> confirmed: Save pressed -> the API answered and the stored annotation painted
  (no target; shown for what the optimistic highlight hides)
- navigation -> HTML received: the server's share of the page load

DATABASE_URL defaults to a SQLite file in a temporary directory.
"""

import argparse
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WORKDIR = Path(tempfile.mkdtemp(prefix="fc-browser-bench-"))
ENVIRONMENT = {
    "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{WORKDIR / 'bench.sqlite3'}"),
    "DJANGO_SETTINGS_MODULE": "factcheck.settings",
    "SECRET_KEY": os.environ.get("SECRET_KEY", "benchmark-only-key"),
    "ALLOWED_HOSTS": "localhost,127.0.0.1",
    "SECURE_SSL_REDIRECT": "0",
    "HASHED_STATIC": "0",
    "LOG_LEVEL": "WARNING",
}
os.environ.update(ENVIRONMENT)

WORDS = 20_000
WORDS_PER_PARAGRAPH = 100
ANNOTATIONS = 2_000
# Loads that warm both gunicorn workers and the browser's caches before measuring.
WARM_UP_LOADS = 3
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
VOCABULARY = [
    "the", "minister", "said", "talks", "would", "resume", "after", "officials", "in", "Kyiv",
    "and", "Moscow", "denied", "reports", "that", "a", "summit", "was", "planned", "for",
    "next", "week", "while", "analysts", "warned", "about", "energy", "prices", "and", "the",
    "café", "owner", "in", "Zoë's", "street", "said", "👍🏽", "nothing", "had", "changed",
    "since", "the", "Anchorage", "meeting",
]


def build_body(rng: random.Random) -> tuple[str, list[int], list[int]]:
    """Return a body of WORDS words in paragraphs, and where each word starts and ends."""
    parts, starts, ends, position = [], [], [], 0
    for index in range(WORDS):
        if index and index % WORDS_PER_PARAGRAPH == 0:
            parts.append("\n\n")
            position += 2
        elif index:
            parts.append(" ")
            position += 1
        word = rng.choice(VOCABULARY)
        starts.append(position)
        parts.append(word)
        position += len(word)
        ends.append(position)
    return "".join(parts), starts, ends


def seed(rng: random.Random) -> tuple[int, str]:
    """Create the article, its annotations and a reviewer; return (article id, session key)."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client

    from annotations import anchoring
    from annotations.models import (
        Annotation,
        Article,
        Attribution,
        Rating,
        ReviewState,
        Source,
    )
    from tests import factories

    call_command("migrate", verbosity=0)
    body, starts, ends = build_body(rng)
    with transaction.atomic():
        user = factories.reviewer(username="bench-reviewer")
        sources = [Source.objects.create(name=f"Source {n}", kind="person") for n in range(50)]
        article = Article.objects.create(title="Benchmark article", body=body, created_by=user)
        annotations = []
        for _ in range(ANNOTATIONS):
            first = rng.randrange(WORDS - 30)
            last = first + rng.randint(1, 25)
            start, end = starts[first], ends[last]
            selector = anchoring.quote_selector(body, start, end)
            annotations.append(Annotation(
                article=article, start=start, end=end, quote=selector.exact,
                prefix=selector.prefix, suffix=selector.suffix, claim=f"Claim about {selector.exact[:40]}",
                rating=rng.choice([*Rating.values, ""]), review_state=rng.choice(ReviewState.values),
                created_by=user,
            ))
        Annotation.objects.bulk_create(annotations, batch_size=500)
        Attribution.objects.bulk_create([
            Attribution(annotation=annotation, source=rng.choice(sources), stance=stance)
            for annotation in annotations
            for stance in rng.sample(["asserted", "reported", "denied"], rng.randint(1, 2))
        ], batch_size=1000)
    client = Client()
    client.force_login(user)
    return article.pk, client.cookies["sessionid"].value


def overlapping_pairs(spans: list[tuple[int, int]]) -> int:
    spans = sorted(spans)
    count, reach = 0, -1
    for start, end in spans:
        if start < reach:
            count += 1
        reach = max(reach, end)
    return count


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "factcheck.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", "2", "--log-level", "warning"],
        cwd=ROOT, env={**os.environ, **ENVIRONMENT}, start_new_session=True,
    )
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise RuntimeError("gunicorn did not start")


SELECT_WORDS = """
(n) => {
  const paragraphs = document.querySelectorAll('#article-body > p');
  const p = paragraphs[(n * 37) % paragraphs.length];
  const text = p.firstChild.data;
  const from = text.indexOf(' ', 40 + n) + 1;
  const to = text.indexOf(' ', from + 30);
  const range = document.createRange();
  range.setStart(p.firstChild, from);
  range.setEnd(p.firstChild, to);
  getSelection().removeAllRanges();
  getSelection().addRange(range);
}
"""


def wait_until(page, expression: str, timeout: float = 10.0) -> None:
    """Poll expression in the page (wait_for_function would need 'unsafe-eval' under our CSP)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(expression)
        time.sleep(0.005)


def measure(url: str, article_id: int, session: str, runs: int, saves: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    results: dict[str, list[float]] = {
        "highlights": [], "navigation_to_painted": [], "navigation_to_html_received": [],
        "save_to_highlight": [], "save_to_confirmed": [],
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=url)
        context.add_cookies([{"name": "sessionid", "value": session, "url": url}])
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        for run in range(runs + WARM_UP_LOADS):
            page.goto(f"/articles/{article_id}/")
            wait_until(page, "performance.getEntriesByName('highlights').length > 0")
            timings = page.evaluate("""() => ({
                highlights: performance.getEntriesByName('highlights')[0].duration,
                painted: performance.getEntriesByName('highlights-painted')[0].startTime,
                response: performance.getEntriesByType('navigation')[0].responseEnd,
                ranges: ['draft', 'in_review', 'verified']
                    .reduce((n, s) => n + CSS.highlights.get('fc-state-' + s).size, 0),
            })""")
            assert timings["ranges"] == ANNOTATIONS, timings
            if run >= WARM_UP_LOADS:
                results["highlights"].append(timings["highlights"])
                results["navigation_to_painted"].append(timings["painted"])
                results["navigation_to_html_received"].append(timings["response"])
        page.wait_for_selector("html[data-ready=true]")
        for n in range(saves):
            page.evaluate(SELECT_WORDS, n)
            page.keyboard.press("Control+Enter")
            page.wait_for_selector("#annotation-panel:not([hidden])")
            page.click("[data-action=save]")
            wait_until(page, f"performance.getEntriesByName('save-to-confirmed').length > {n}")
            shown, confirmed = page.evaluate(
                "['save-to-highlight', 'save-to-confirmed']"
                ".map((name) => performance.getEntriesByName(name).map((e) => e.duration))"
            )
            results["save_to_highlight"].append(shown[-1])
            results["save_to_confirmed"].append(confirmed[-1])
            page.keyboard.press("Escape")
        browser.close()
        if errors:
            raise RuntimeError(f"page errors: {errors}")
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="page loads measured (after the warm-up)")
    parser.add_argument("--saves", type=int, default=7, help="annotations created through the page")
    options = parser.parse_args()

    rng = random.Random(20251021)
    started = time.perf_counter()
    article_id, session = seed(rng)
    from annotations.models import Annotation

    spans = list(Annotation.objects.filter(article_id=article_id).values_list("start", "end"))
    print(f"Seeded {WORDS:,} words, {len(spans):,} annotations "
          f"({overlapping_pairs(spans):,} overlapping their predecessors) "
          f"in {time.perf_counter() - started:.1f} s")
    port = free_port()
    server = serve(port)
    try:
        results = measure(f"http://localhost:{port}", article_id, session, options.runs, options.saves)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait()
        shutil.rmtree(WORKDIR, ignore_errors=True)
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    targets = {"highlights": "< 300", "navigation_to_painted": "< 300", "save_to_highlight": "< 100"}
    print(f"{'measure':<28}{'median ms':>10}{'min':>8}{'max':>8}{'target':>8}")
    for name, values in results.items():
        print(f"{name:<28}{statistics.median(values):>10.1f}{min(values):>8.1f}{max(values):>8.1f}"
              f"{targets.get(name, ''):>8}")


if __name__ == "__main__":
    main()
