"""Follow other fact-checkers: ClaimReview DataFeeds fetched on schedule through the vetted fetcher.

Each fetch is a conditional GET (the feed's ETag and Last-Modified sent back), polite to the
site like the watch of articles (one request at a time, a pause between two), and only new
and changed reviews are imported and indexed. Each feed keeps its last success, last error
and counts (admin shows them).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.utils import timezone

from annotations import rules
from annotations.ingest import fetch
from annotations.ingest.politeness import host_turn
from annotations.ingest.services import allowed_hosts
from annotations.ingest.slots import fetch_slot
from annotations.models import http_url
from annotations.urlnorm import normalize_url

from . import claimreview
from .models import ClaimReviewFeed
from .services import claimreviews_import

MIN_INTERVAL, MAX_INTERVAL = 300, 30 * 86400
LINES_TYPES = ("application/x-ndjson", "application/jsonl")


class FeedFailed(fetch.FetchError):
    """The feed was fetched but holds no ClaimReviews we can read."""


def feed_create(*, user, name: str, url: str, interval: int) -> ClaimReviewFeed:
    """Follow a feed (editors and admins); its first fetch is due at once."""
    if not rules.can_import_claimreviews(user):
        raise PermissionDenied("Only editors and admins follow other fact-checkers' feeds.")
    errors = {}
    if not name.strip():
        errors["name"] = ["Give the feed a name."]
    try:
        http_url(url)
        url = normalize_url(url)
    except (ValidationError, ValueError):
        errors["url"] = ["Give the feed's http or https URL."]
    if not MIN_INTERVAL <= interval <= MAX_INTERVAL:
        errors["interval"] = [f"Between {MIN_INTERVAL} seconds and {MAX_INTERVAL // 86400} days."]
    if not errors and ClaimReviewFeed.objects.filter(url=url).exists():
        errors["url"] = ["This feed is followed already."]
    if errors:
        raise ValidationError(errors)
    return ClaimReviewFeed.objects.create(name=name.strip(), url=url, interval=interval, created_by=user,
                                          next_fetch_at=timezone.now())


def feeds_due(*, now=None, everything: bool = False) -> QuerySet[ClaimReviewFeed]:
    now = now or timezone.now()
    feeds = ClaimReviewFeed.objects.all()
    if not everything:
        feeds = feeds.filter(Q(next_fetch_at__isnull=True) | Q(next_fetch_at__lte=now))
    return feeds.order_by("next_fetch_at", "id")


def _records(fetched: fetch.FetchedPage) -> list:
    try:
        if fetched.content_type in LINES_TYPES:
            return claimreview.records_from_lines(fetched.text.split("\n"))
        return claimreview.records_from_json(claimreview.loads(fetched.text))
    except claimreview.NotAFeed as error:
        raise FeedFailed(str(error)) from None


def feed_fetch(feed: ClaimReviewFeed, *, fetcher=None) -> dict:
    """Fetch a feed now and import its new and changed reviews; return what happened.

    A failure is kept on the feed (the next fetch then waits longer) and raised.
    """
    validators = fetch.Validators(etag=feed.etag, last_modified=feed.last_modified)
    now = timezone.now()
    feed.last_fetched_at = now
    try:
        with host_turn(feed.url), fetch_slot(None):
            fetched = (fetcher or fetch.fetch)(
                feed.url, allowed=allowed_hosts(), total_seconds=settings.FACTCHECK_FEED_FETCH_SECONDS,
                max_bytes=settings.FACTCHECK_MAX_IMPORT_BYTES, validators=validators, json=True,
            )
        if fetched.status == 304:
            outcome = {"status": "not_modified"}
        else:
            # Batches as large as the import bench found fastest (bench/similar.py: 5,000).
            result = claimreviews_import(records=_records(fetched), user=feed.created_by, only_changed=True,
                                         batch=5000)
            outcome = {"status": "imported", "created": result.created, "updated": result.updated,
                       "unchanged": result.unchanged, "rejected": len(result.rejected)}
            feed.last_created, feed.last_updated = result.created, result.updated
            feed.last_unchanged, feed.last_rejected = result.unchanged, len(result.rejected)
            feed.total_created += result.created
            feed.etag, feed.last_modified = fetched.etag[:500], fetched.last_modified[:100]
    except fetch.FetchError as error:
        feed.failures += 1
        feed.last_error, feed.last_error_at = str(error), now
        wait = min(feed.interval * 2 ** min(feed.failures, 10), MAX_INTERVAL)
        feed.next_fetch_at = now + timedelta(seconds=wait)
        feed.save()
        raise
    feed.failures, feed.last_success_at = 0, now
    feed.next_fetch_at = now + timedelta(seconds=feed.interval)
    feed.save()
    return outcome
