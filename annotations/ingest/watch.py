"""Watch checked articles: fetch each again on its schedule, politely, and take in the
publisher's edits.

An article is watched while it holds a claim in review, verified or published, and has a
URL. Each check is a conditional GET (the ETag and Last-Modified of the last answer sent
back), one request at a time per site with a pause between two (politeness.host_turn),
through the vetted fetcher. A changed body becomes a revision as a refresh does, marked as
the publisher's edit: the claims whose passage changed go back to review and an alert lists
them. The next check comes after the interval of the article's age (schedule.py), later
after failures.
"""

import functools
import threading
import zlib
from collections import defaultdict
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.utils import parsedate_to_datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from annotations import rules
from annotations.jobs import services as jobs
from annotations.models import Article, ReviewState

from . import fetch, rounds, schedule
from .extract import extract
from .models import ArticleWatch
from .politeness import host_of, host_turn
from .revisions import Reanchoring, current_number
from .services import allowed_hosts, body_replace
from .slots import fetch_slot

NOT_MODIFIED, UNCHANGED, CHANGED, FAILED = "not_modified", "unchanged", "changed", "failed"


@dataclass
class Check:
    """The outcome of one check of one article."""

    article: int
    status: str
    revision: int | None = None
    outcome: Reanchoring | None = None
    error: str = ""

    def as_dict(self) -> dict:
        shown = {"article": self.article, "status": self.status, "revision": self.revision}
        if self.outcome is not None:
            shown.update(moved=self.outcome.moved, fuzzy=self.outcome.fuzzy, orphaned=self.outcome.orphaned,
                         checked=len(self.outcome.checked))
        if self.error:
            shown["error"] = self.error
        return shown


@dataclass
class Tally:
    """How many checks ended each way, and the failures with their reasons."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys((NOT_MODIFIED, UNCHANGED, CHANGED,
                                                                           FAILED), 0))
    failures: list[dict] = field(default_factory=list)

    def add(self, check: Check) -> None:
        self.counts[check.status] += 1
        if check.status == FAILED:
            self.failures.append({"article": check.article, "error": check.error})


def steps() -> list[schedule.Step]:
    return _parsed_schedule(settings.FACTCHECK_WATCH_SCHEDULE)


@functools.lru_cache(maxsize=4)
def _parsed_schedule(text: str) -> list[schedule.Step]:
    return schedule.parse(text)


def watched_articles() -> QuerySet[Article]:
    """Return the articles with a URL that hold a claim in review, verified or published."""
    checked = Q(annotations__review_state__in=[ReviewState.IN_REVIEW, ReviewState.VERIFIED]) | Q(
        annotations__published__isnull=False
    )
    return Article.objects.exclude(url="").filter(
        pk__in=Article.objects.filter(checked).values("pk")
    )


def due_articles(*, now: datetime | None = None, everything: bool = False) -> QuerySet[Article]:
    """Return the watched articles whose check is due (all of them with `everything`), oldest due first."""
    now = now or timezone.now()
    articles = watched_articles()
    if not everything:
        articles = articles.filter(Q(watch__isnull=True) | Q(watch__next_check_at__lte=now))
    return articles.select_related("watch").order_by("watch__next_check_at", "id")


def by_host(articles) -> dict[str, list[int]]:
    """Group article ids by the site their URL points at."""
    hosts: dict[str, list[int]] = defaultdict(list)
    for article in articles:
        hosts[host_of(article.url)].append(article.pk)
    return dict(hosts)


def _edited_at(last_modified: str, now: datetime) -> datetime:
    """When the publisher changed the page: its Last-Modified when believable, else now."""
    try:
        when = parsedate_to_datetime(last_modified) if last_modified else None
    except (TypeError, ValueError):
        when = None
    if when is None or when.tzinfo is None or when > now:
        return now
    return when


def _schedule(watch: ArticleWatch, article: Article, now: datetime) -> None:
    born = article.published_at or article.created_at or now
    watch.next_check_at = schedule.next_check(steps(), now=now, born=born, failures=watch.failures)


def article_check(article: Article, *, user=None, fetcher: Callable | None = None) -> Check:
    """Check one article now: conditional GET, politely; a changed body becomes a revision.

    `user` is who asked (the Refresh button), None for the schedule. A fetch failure is
    recorded on the watch (the next check then waits longer) and raised.
    """
    if user is not None and not rules.can_edit_articles(user):
        raise PermissionDenied(_("You may not refresh articles."))
    if not article.url:
        raise ValidationError({"url": _("The article has no URL to fetch.")})
    watch = _watch_of(article)
    validators = fetch.Validators(etag=watch.etag, last_modified=watch.last_modified)
    try:
        # A person's refresh takes a fetch slot as any import does; the schedule's checks are
        # bounded by the watch's own threads instead (FACTCHECK_WATCH_THREADS).
        with host_turn(article.url), (fetch_slot(user) if user is not None else nullcontext()):
            fetched = (fetcher or fetch.fetch)(
                article.url, allowed=allowed_hosts(), total_seconds=settings.FACTCHECK_FETCH_SECONDS,
                validators=validators,
            )
        now = timezone.now()
        check = _take_in(article, fetched, user=user, now=now)
    except fetch.FetchError as error:
        now = timezone.now()
        watch.failures += 1
        watch.checked_at, watch.last_status, watch.last_error = now, FAILED, str(error)
        _schedule(watch, article, now)
        watch.save(update_fields=SAVED)
        raise
    watch.etag, watch.last_modified = fetched.etag[:500], fetched.last_modified[:100]
    watch.host, watch.checked_at, watch.last_status = host_of(article.url), now, check.status
    watch.failures, watch.last_error = 0, ""
    if check.status == CHANGED:
        watch.changed_at = now
    _schedule(watch, article, now)
    watch.save(update_fields=SAVED)
    return check


SAVED = ["host", "etag", "last_modified", "checked_at", "next_check_at", "changed_at", "last_status",
         "failures", "last_error"]


def _watch_of(article: Article) -> ArticleWatch:
    """Return the article's watch (read with it when the caller selected it), made if it has none."""
    try:
        return article.watch
    except ArticleWatch.DoesNotExist:
        made, _ = ArticleWatch.objects.get_or_create(article=article, defaults={"host": host_of(article.url)})
        return made


def _take_in(article: Article, fetched: fetch.FetchedPage, *, user, now: datetime) -> Check:
    if fetched.status == 304:
        return Check(article.pk, NOT_MODIFIED)
    page = replace(extract(fetched.text, fetched.url), fetched_url=fetched.url)
    if not page.body.strip():
        raise fetch.FetchError("no article text was found on the page")
    outcome = body_replace(
        article=article, user=user, body=page.body, origin="fetch", fetched_url=page.fetched_url,
        publisher_edited_at=_edited_at(fetched.last_modified, now),
    )
    if outcome is None:
        return Check(article.pk, UNCHANGED, current_number(article))
    return Check(article.pk, CHANGED, outcome.revision, outcome)


def articles_check(ids: list[int], *, fetcher: Callable | None = None,
                   progress: Callable[[int, int, Tally], None] | None = None,
                   threads: int | None = None) -> Tally:
    """Check the given articles, several sites at once on a few threads, each site politely
    (one request at a time, FACTCHECK_WATCH_HOST_DELAY_SECONDS apart)."""
    tally, lock, done = Tally(), threading.Lock(), [0]
    articles = {a.pk: a for a in Article.objects.filter(pk__in=ids).select_related("watch")}
    groups: dict[str, list[Article]] = defaultdict(list)
    for pk in ids:
        article = articles.get(pk)
        if article is not None and article.url:
            groups[host_of(article.url)].append(article)

    def one(article: Article) -> None:
        try:
            check = article_check(article, fetcher=fetcher)
        except fetch.FetchError as error:
            check = Check(article.pk, FAILED, error=str(error))
        with lock:
            tally.add(check)
            done[0] += 1
            if progress is not None:
                progress(done[0], len(ids), tally)

    def close_connection() -> None:
        if threading.current_thread() is not threading.main_thread():
            connection.close()

    rounds.polite_map(groups, one, threads=threads or settings.FACTCHECK_WATCH_THREADS,
                      delay=settings.FACTCHECK_WATCH_HOST_DELAY_SECONDS, on_thread_exit=close_connection)
    return tally


def partition_of(host: str, partitions: int) -> int:
    """Return the watch partition a site belongs to (the same on every process)."""
    return zlib.crc32(host.encode()) % max(1, partitions)


def watch_start_due(*, kind: str, now: datetime | None = None) -> list:
    """Start one job per partition of the sites with due articles (at most FACTCHECK_WATCH_BATCH
    articles each).

    Each site belongs to one partition and a partition's job is keyed: while it is unfinished,
    the next tick starts none for it, so no site is checked by two jobs at once; within a job,
    a few threads serve many sites, each politely.
    """
    partitions = settings.FACTCHECK_WATCH_PARTITIONS
    parts: dict[int, list[int]] = defaultdict(list)
    for host, ids in by_host(due_articles(now=now)).items():
        parts[partition_of(host, partitions)].extend(ids)
    return [
        jobs.job_start(kind=kind, key=f"watch:part:{part}",
                       params={"partition": part, "articles": ids[: settings.FACTCHECK_WATCH_BATCH]})
        for part, ids in sorted(parts.items())
    ]
