"""Following other fact-checkers: ClaimReview DataFeeds fetched through the vetted fetcher on
schedule, conditionally; new and changed reviews imported and indexed; failures kept; SSRF rules hold."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from annotations.ingest import fetch
from annotations.jobs import tasks
from annotations.jobs.models import Job
from annotations.matching import feeds, services
from annotations.matching.models import ClaimReviewFeed, ClaimReviewRecord, KnownClaim
from tests.api_support import client_for
from tests.test_commands import run


def review(n: int, rating: str = "False") -> dict:
    return {
        "@type": "ClaimReview", "url": f"https://checker.example/review/{n}",
        "claimReviewed": f"Claim number {n} about the Donbas region was made",
        "reviewRating": {"@type": "Rating", "alternateName": rating},
        "author": {"@type": "Organization", "name": "Checker"}, "datePublished": "2025-10-21",
    }


def datafeed(*reviews) -> str:
    return json.dumps({"@context": "https://schema.org", "@type": "DataFeed",
                       "dataFeedElement": [{"@type": "DataFeedItem", "item": [r]} for r in reviews]})


def serve_feed(server, state: dict, path: str = "/feed.json"):
    """A feed route that answers 304 to a request naming its current ETag."""
    def route(handler):
        state.setdefault("requests", []).append(dict(handler.headers))
        if handler.headers.get("If-None-Match") == state["etag"]:
            handler.send_response(304)
            handler.end_headers()
            return
        body = state["body"].encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/ld+json")
        handler.send_header("ETag", state["etag"])
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
    server.routes[path] = route


@pytest.fixture(autouse=True)
def no_pause(settings):
    settings.FACTCHECK_WATCH_HOST_DELAY_SECONDS = 0


@pytest.fixture
def followed(server, editor):
    state = {"etag": '"1"', "body": datafeed(review(1), review(2))}
    serve_feed(server, state)
    feed = feeds.feed_create(user=editor, name="Checker", url=server.url("/feed.json"), interval=3600)
    return feed, state


def test_editors_follow_a_feed_and_fact_checkers_list_them(server, editor, reviewer):
    response = client_for(editor).post("/api/v1/feeds/", {
        "url": server.url("/feed.json"), "name": "Checker", "interval": 1800,
    }, format="json")

    assert response.status_code == 201
    created = response.json()
    assert {key: created[key] for key in ("name", "url", "interval", "last_error", "total_created")} == {
        "name": "Checker", "url": server.url("/feed.json"), "interval": 1800, "last_error": "",
        "total_created": 0,
    }
    assert [feed["name"] for feed in client_for(reviewer).get("/api/v1/feeds/").json()] == ["Checker"]
    refused = client_for(reviewer).post("/api/v1/feeds/", {"url": server.url("/x"), "name": "X"},
                                        format="json")
    assert refused.status_code == 403
    again = client_for(editor).post("/api/v1/feeds/", {"url": server.url("/feed.json"), "name": "Y"},
                                    format="json")
    assert again.json() == {"url": ["This feed is followed already."]}
    bad = client_for(editor).post("/api/v1/feeds/", {"url": "ftp://x", "name": "Y", "interval": 5},
                                  format="json")
    assert set(bad.json()) == {"url", "interval"}


def test_a_feed_is_imported_and_indexed_through_the_fetcher(followed):
    feed, state = followed

    outcome = feeds.feed_fetch(feed)

    assert outcome == {"status": "imported", "created": 2, "updated": 0, "unchanged": 0, "rejected": 0}
    assert ClaimReviewRecord.objects.count() == 2
    assert KnownClaim.objects.filter(kind="external").count() == 2
    assert services.similar(text="Claim number 2 about the Donbas region")[0]["url"] == (
        "https://checker.example/review/2"
    )
    assert "application/ld+json" in state["requests"][0]["Accept"]
    feed.refresh_from_db()
    assert (feed.last_created, feed.total_created, feed.etag, feed.last_error) == (2, 2, '"1"', "")
    assert feed.last_success_at is not None
    assert timedelta(minutes=59) < feed.next_fetch_at - timezone.now() <= timedelta(hours=1)


def test_the_next_fetch_is_conditional_and_imports_only_what_changed(followed):
    feed, state = followed
    feeds.feed_fetch(feed)

    assert feeds.feed_fetch(feed) == {"status": "not_modified"}
    assert state["requests"][1]["If-None-Match"] == '"1"'

    state.update(etag='"2"', body=datafeed(review(1), review(2, rating="Mostly false"), review(3)))
    before = dict(KnownClaim.objects.values_list("id", "changed_at"))
    assert feeds.feed_fetch(feed) == {"status": "imported", "created": 1, "updated": 1, "unchanged": 1,
                                      "rejected": 0}
    first = ClaimReviewRecord.objects.get(url="https://checker.example/review/1")
    untouched = KnownClaim.objects.get(kind="external", ref_id=first.pk)
    assert untouched.changed_at == before[untouched.id]  # not indexed again


def test_a_failure_is_kept_on_the_feed_and_the_next_fetch_waits_longer(followed, server):
    feed, _ = followed
    server.html("/feed.json", "<p>maintenance</p>")

    with pytest.raises(fetch.UnsupportedContentType):
        feeds.feed_fetch(feed)

    feed.refresh_from_db()
    assert feed.last_error == "content type text/html is not JSON"
    assert feed.failures == 1 and feed.last_success_at is None
    assert feed.next_fetch_at - timezone.now() > timedelta(hours=1, minutes=50)


@pytest.mark.parametrize("url", ["http://10.0.0.7/feed.json", "http://127.0.0.1:6379/feed.json"])
def test_a_feed_never_reaches_a_private_address(editor, server, url):
    feed = feeds.feed_create(user=editor, name="Inside", url=url, interval=3600)
    with pytest.raises(fetch.AddressNotAllowed):
        feeds.feed_fetch(feed)
    feed.refresh_from_db()
    assert feed.last_error.startswith("this address is not allowed")
    assert not ClaimReviewRecord.objects.exists()


def test_a_redirect_to_a_private_address_is_refused(editor, server):
    server.redirect("/feed.json", "http://10.0.0.7/feed.json")
    feed = feeds.feed_create(user=editor, name="Redirected", url=server.url("/feed.json"), interval=3600)
    with pytest.raises(fetch.AddressNotAllowed):
        feeds.feed_fetch(feed)
    assert not ClaimReviewRecord.objects.exists()


def test_due_feeds_are_fetched_as_jobs_and_by_watch_once(followed):
    [job_id] = tasks.feeds_due.apply().get()
    tasks.run_job.apply(args=[job_id])

    job = Job.objects.get(pk=job_id)
    assert (job.kind, job.state, job.result["created"]) == ("feed_fetch", "succeeded", 2)
    assert tasks.feeds_due.apply().get() == []  # not due again before its interval
    out, _ = run("watch", "--once", "--all")
    assert "feed Checker: status not_modified" in out


def test_admin_shows_each_feeds_last_success_error_and_counts(followed, admin_client):
    feed, _ = followed
    feeds.feed_fetch(feed)
    ClaimReviewFeed.objects.filter(pk=feed.pk).update(last_error="HTTP status 503")
    page = admin_client.get("/admin/annotations/claimreviewfeed/").content.decode()
    assert "Checker" in page and "HTTP status 503" in page
