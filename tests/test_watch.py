"""Watching checked articles: a schedule that decays with age, conditional GET, one request at a
time per site with a pause between two, `manage.py watch --once [--all]`, jobs per site."""

import itertools
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from annotations import services
from annotations.ingest import fetch, schedule, watch
from annotations.ingest.extract import extract
from annotations.ingest.models import ArticleWatch
from annotations.ingest.politeness import host_turn
from annotations.ingest.services import article_import
from annotations.jobs import tasks
from annotations.jobs.models import Job
from annotations.models import Article
from tests import factories
from tests.ingest_support import NEWS_PAGE, PageServer
from tests.test_commands import run

QUOTE = "preparations for the meeting would take time"
EDITED = NEWS_PAGE.replace("preparations for the meeting\nwould take time", "preparations for the meeting\n"
                           "would take months")


@pytest.fixture(autouse=True)
def no_pause(settings):
    settings.FACTCHECK_WATCH_HOST_DELAY_SECONDS = 0


def conditional(pages: dict, etag: str = '"v1"', last_modified: str = "Tue, 21 Oct 2025 10:00:00 GMT"):
    """A route answering 304 to a request that names its current ETag; `pages["html"]` is the page."""
    def route(handler):
        pages.setdefault("requests", []).append(dict(handler.headers))
        current = pages.get("etag", etag)
        if handler.headers.get("If-None-Match") == current:
            handler.send_response(304)
            handler.send_header("ETag", current)
            handler.end_headers()
            return
        body = pages["html"].encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("ETag", current)
        handler.send_header("Last-Modified", pages.get("last_modified", last_modified))
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    return route


def import_story(server, user, path="/story") -> Article:
    page = extract(NEWS_PAGE, server.url(path))
    page.url = server.url(path)
    article, _ = article_import(user=user, page=page)
    return article


@pytest.fixture
def checked(server, editor, reviewer):
    """The story with a verified claim about the meeting's preparations."""
    article = import_story(server, editor)
    claim = services.annotation_create(article=article, user=reviewer, quote=QUOTE,
                                       claim="Preparations would take time", rating="mostly_true")
    services.review_submit(annotation=claim, user=reviewer)
    services.review_verify(annotation=claim, user=editor)
    return article, claim


# The schedule


def test_the_interval_grows_with_the_article_age():
    steps = schedule.parse("2d=1h,14d=1d,*=7d")
    assert [schedule.interval(steps, timedelta(days=d)) for d in (0, 1.5, 2, 3, 14, 15, 400)] == [
        timedelta(hours=1), timedelta(hours=1), timedelta(hours=1), timedelta(days=1), timedelta(days=1),
        timedelta(days=7), timedelta(days=7),
    ]


def test_failed_checks_wait_longer_each_time_up_to_the_longest_interval():
    steps = schedule.parse("2d=1h,*=1d")
    now = datetime(2025, 10, 22, 12, tzinfo=UTC)
    waits = [schedule.next_check(steps, now=now, born=now, failures=n) - now for n in range(7)]
    assert waits == [timedelta(hours=h) for h in (1, 2, 4, 8, 16, 24, 24)]


@pytest.mark.parametrize("text", ["", "2d", "2d=1x", "14d=1d,2d=1h", "*=1d,2d=1h"])
def test_a_schedule_that_makes_no_sense_is_refused(text):
    with pytest.raises(ValueError):
        schedule.parse(text)


def test_the_next_check_follows_the_configured_schedule(checked, settings):
    article, _ = checked
    settings.FACTCHECK_WATCH_SCHEDULE = "1000d=30m,*=1w"
    before = timezone.now()
    watch.article_check(article)
    stored = ArticleWatch.objects.get(article=article)
    assert timedelta(minutes=29) < stored.next_check_at - before < timedelta(minutes=31)
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(days=2000))
    article.refresh_from_db()
    watch.article_check(article)
    stored.refresh_from_db()
    assert timedelta(days=6) < stored.next_check_at - timezone.now() < timedelta(days=8)


# Conditional GET


def test_the_second_check_is_conditional_and_a_304_changes_nothing(checked, server):
    article, _ = checked
    pages = {"html": NEWS_PAGE}
    server.routes["/story"] = conditional(pages)

    first = watch.article_check(article)
    second = watch.article_check(article)

    assert (first.status, second.status) == ("unchanged", "not_modified")
    assert "If-None-Match" not in pages["requests"][0]
    assert pages["requests"][1]["If-None-Match"] == '"v1"'
    assert pages["requests"][1]["If-Modified-Since"] == "Tue, 21 Oct 2025 10:00:00 GMT"
    stored = ArticleWatch.objects.get(article=article)
    assert (stored.etag, stored.last_status, stored.failures) == ('"v1"', "not_modified", 0)
    assert article.revisions.count() == 1


def test_a_changed_page_answers_200_and_becomes_a_revision(checked, server):
    article, claim = checked
    pages = {"html": NEWS_PAGE}
    server.routes["/story"] = conditional(pages)
    watch.article_check(article)
    pages.update(html=EDITED, etag='"v2"', last_modified="Wed, 22 Oct 2025 08:30:00 GMT")

    check = watch.article_check(article)

    assert (check.status, check.revision) == ("changed", 2)
    claim.refresh_from_db()
    assert claim.review_state == "in_review"
    assert ArticleWatch.objects.get(article=article).etag == '"v2"'


def test_a_failed_check_is_recorded_and_comes_back_later(checked, server):
    article, _ = checked
    server.html("/story", "<p>down</p>", status=503)

    with pytest.raises(fetch.FetchError):
        watch.article_check(article)

    stored = ArticleWatch.objects.get(article=article)
    assert (stored.failures, stored.last_status, stored.last_error) == (1, "failed", "HTTP status 503")
    assert stored.next_check_at - timezone.now() > timedelta(hours=1, minutes=50)  # twice the hour


# Politeness


def test_one_request_at_a_time_per_site_with_a_pause_between_two(settings):
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = ""
    arrivals, inside, most = [], [0], [0]
    lock = threading.Lock()

    def slow_page(handler):
        with lock:
            arrivals.append(time.monotonic())
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.1)
        with lock:
            inside[0] -= 1
        body = NEWS_PAGE.encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    with PageServer() as site:
        site.routes["/p"] = slow_page

        def get():
            with host_turn(site.url("/p"), delay=0.3, wait=10):
                fetch.fetch(site.url("/p"), allowed=site.allowed)

        threads = [threading.Thread(target=get) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    assert len(arrivals) == 4
    assert most[0] == 1
    gaps = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
    assert min(gaps) >= 0.1 + 0.3 - 0.02  # the request before, then the pause


def test_another_site_does_not_wait(settings):
    with PageServer() as first, PageServer() as second:
        first.html("/p", NEWS_PAGE)
        second.html("/p", NEWS_PAGE)
        with host_turn(first.url("/p"), delay=5):
            started = time.monotonic()
            with host_turn(second.url("/p"), delay=5):
                pass
            assert time.monotonic() - started < 1


def test_a_site_busy_past_the_wait_is_refused():
    with host_turn("http://news.example/a", delay=0), pytest.raises(fetch.FetchBusy):  # noqa: SIM117
        with host_turn("http://news.example/b", delay=0, wait=0.2):
            pass


# What is watched, and when


def test_only_articles_with_checked_claims_and_a_url_are_watched(checked, server, reviewer):
    article, _ = checked
    drafts_only = factories.ArticleFactory(url=server.url("/other"))
    factories.AnnotationFactory(article=drafts_only, created_by=reviewer)
    without_url = factories.ArticleFactory(url="")
    factories.AnnotationFactory(article=without_url, created_by=reviewer, review_state="in_review")
    factories.AnnotationFactory(article=factories.ArticleFactory(), review_state="in_review")
    assert Article.objects.count() == 4

    assert list(watch.due_articles()) == [article, Article.objects.order_by("id").last()]
    watch.article_check(article)
    assert article not in watch.due_articles()
    assert article in watch.due_articles(everything=True)
    ArticleWatch.objects.filter(article=article).update(next_check_at=timezone.now() - timedelta(seconds=1))
    assert article in watch.due_articles()


def test_the_scheduler_starts_one_job_per_partition_of_sites_and_not_twice(checked, server, settings):
    article, _ = checked
    settings.FACTCHECK_WATCH_PARTITIONS = 3
    part = watch.partition_of(server.allowed, 3)

    started = watch.watch_start_due(kind=tasks.WATCH_SITE)
    again = watch.watch_start_due(kind=tasks.WATCH_SITE)

    assert [job.pk for job in again] == [job.pk for job in started]
    assert len(started) == 1
    job = Job.objects.get(kind="watch_site")
    assert (job.kind, job.key, job.params) == (
        "watch_site", f"watch:part:{part}", {"partition": part, "articles": [article.pk]},
    )


def test_a_site_belongs_to_one_partition_everywhere():
    assert watch.partition_of("news.example", 4) == watch.partition_of("news.example", 4)
    parts = {watch.partition_of(f"site{n}.example", 4) for n in range(40)}
    assert parts == {0, 1, 2, 3}


def test_a_site_job_checks_its_articles_and_reports_progress(checked, server):
    server.html("/story", EDITED)
    [job] = watch.watch_start_due(kind=tasks.WATCH_SITE)

    tasks.run_job.apply(args=[job.pk])

    job.refresh_from_db()
    assert (job.state, job.done, job.total) == ("succeeded", 1, 1)
    assert job.result == {"not_modified": 0, "unchanged": 0, "changed": 1, "failed": 0, "failures": []}


def test_watch_once_runs_the_due_checks_now_and_all_with_all(checked, server):
    _, claim = checked
    out, _ = run("watch", "--once")
    assert "Checked 1 articles on 1 sites: 0 changed, 0 not modified, 1 unchanged, 0 failed" in out

    out, _ = run("watch", "--once")
    assert "Checked 0 articles on 0 sites" in out

    server.html("/story", EDITED)
    out, _ = run("watch", "--once", "--all")
    assert "Checked 1 articles on 1 sites: 1 changed" in out
    claim.refresh_from_db()
    assert claim.review_state == "in_review"


def test_the_schedules_checks_are_bounded_by_the_watch_threads_not_the_fetch_slots(checked, editor, settings):
    article, _ = checked
    settings.FACTCHECK_FETCH_MAX_CONCURRENT = 0  # every request-side fetch slot taken

    assert watch.article_check(article).status == "unchanged"
    with pytest.raises(fetch.FetchBusy):
        watch.article_check(article, user=editor)
