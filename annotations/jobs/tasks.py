"""What Celery runs: one task that runs any job by its id, and the scheduler's two ticks.

Each kind of job maps to the service that does its work; the task bodies only turn ids
back into rows and call services (so a job run twice changes nothing the second time).
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError

from annotations.alerts import repeats
from annotations.ingest import fetch, url_import, watch
from annotations.matching import feeds
from annotations.matching import services as known_claims
from annotations.matching.models import ClaimReviewFeed
from annotations.models import Article

from . import core, engine, services
from .core import CLAIM_REPEATS, FEED_FETCH, KNOWN_CLAIMS_EMBED, REFRESH, URL_IMPORT, WATCH_SITE

# Failures another attempt would meet again.
PERMANENT_FETCH = (fetch.AddressNotAllowed, fetch.BadURL, fetch.UnsupportedContentType)


def _refusal(error: Exception) -> str:
    return "; ".join(getattr(error, "messages", [str(error)]))


def article_refresh(context: services.JobContext) -> dict:
    """Fetch one article again now (the Refresh button): its check, with who asked for it."""
    article = Article.objects.filter(pk=context.params["article"]).first()
    if article is None:
        raise core.Permanent("the article no longer exists")
    context.progress(0, 1)
    try:
        check = watch.article_check(article, user=context.user)
    except PERMANENT_FETCH as error:
        raise core.Permanent(str(error)) from None
    except (ValidationError, PermissionDenied) as error:
        raise core.Permanent(_refusal(error)) from None
    context.progress(1, 1)
    return check.as_dict()


def watch_site(context: services.JobContext) -> dict:
    """Check the due articles of one site, one after another (failures are kept per article)."""
    ids = list(context.params["articles"])
    tally = watch.articles_check(
        ids, progress=lambda done, total, tally: context.progress(done, total, **tally.counts),
    )
    return {**tally.counts, "failures": tally.failures}


def urls_import(context: services.JobContext) -> dict:
    """Import a list of addresses as articles, going on from where an earlier attempt stopped."""
    urls = list(context.params["urls"])
    pace = {name: context.params[name] for name in ("workers", "delay") if name in context.params}
    tally = url_import.urls_import(
        urls, user=context.user, tally=context.job.result.get("tally"), **pace,
        progress=lambda tally: context.progress(tally["done"], len(urls), tally=tally),
    )
    return {"tally": tally}


def claim_repeats(context: services.JobContext) -> dict:
    """Look in an article's current body for a source repeating a claim rated false."""
    article = Article.objects.filter(pk=context.params["article"]).first()
    if article is None:
        raise core.Permanent("the article no longer exists")
    alerts = repeats.claim_repeats_check(article=article, base_url=settings.FACTCHECK_SITE_URL.rstrip("/"))
    return {"alerts": [alert.pk for alert in alerts]}


def feed_fetch(context: services.JobContext) -> dict:
    """Fetch a followed ClaimReview feed and import its new and changed reviews."""
    feed = ClaimReviewFeed.objects.filter(pk=context.params["feed"]).first()
    if feed is None:
        raise core.Permanent("the feed is no longer followed")
    try:
        return feeds.feed_fetch(feed)
    except (*PERMANENT_FETCH, feeds.FeedFailed) as error:
        raise core.Permanent(str(error)) from None


def claims_embed(context: services.JobContext) -> dict:
    """Embed the known claims a large import stored without vectors."""
    return {"embedded": known_claims.known_claims_embed(progress=context.progress)}


HANDLERS = {
    REFRESH: article_refresh, WATCH_SITE: watch_site, URL_IMPORT: urls_import, CLAIM_REPEATS: claim_repeats,
    FEED_FETCH: feed_fetch, KNOWN_CLAIMS_EMBED: claims_embed,
}


@engine.app.task(bind=True, name=engine.RUN_JOB, max_retries=None)
def run_job(self, job_id: int) -> None:
    """Run one attempt of a job; a failure comes back after its backoff (see services.job_run)."""
    delay = services.job_run(job_id, HANDLERS)
    # In-process (no broker) a retry waits for the sweep; a worker hands it back to the broker.
    if delay is not None and not self.request.is_eager:
        raise self.retry(countdown=delay)


@engine.app.task(name=engine.SWEEP)
def sweep() -> list[int]:
    """Send again the jobs a lost message or a killed worker left behind."""
    return services.job_sweep()


@engine.app.task(name=engine.WATCH_DUE)
def watch_due() -> list[int]:
    """Start a check job for each site that has watched articles due."""
    return [job.pk for job in watch.watch_start_due(kind=WATCH_SITE)]


@engine.app.task(name=engine.EMBED_DUE)
def embed_due() -> int | None:
    """Start the embedding job if known claims wait for vectors (after an upgrade, a lost job)."""
    if not known_claims.known_claims_unembedded():
        return None
    return known_claims.known_claims_embed_start().pk


@engine.app.task(name=engine.FEEDS_DUE)
def feeds_due() -> list[int]:
    """Start a fetch job for each followed feed that is due."""
    return [
        services.job_start(kind=FEED_FETCH, params={"feed": feed.pk}, key=f"feed:{feed.pk}").pk
        for feed in feeds.feeds_due()
    ]
