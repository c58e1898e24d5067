"""Import articles from web pages and re-fetch them: the writes behind the API, views and commands."""

import functools
import hashlib
from dataclasses import replace
from datetime import UTC, datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from annotations import recording, rules, services
from annotations.anchoring import normalize_body
from annotations.jobs import core as jobs_core
from annotations.jobs import services as jobs
from annotations.models import Article, Source
from annotations.urlnorm import normalize_url

from . import fetch
from .extract import ExtractedPage, extract
from .models import ArticleRevision
from .revisions import Reanchoring, current_number, revision_add
from .slots import fetch_slot


def allowed_hosts() -> frozenset[str]:
    return _parsed_allowed(settings.FACTCHECK_FETCH_ALLOWED_HOSTS)


@functools.lru_cache(maxsize=4)
def _parsed_allowed(value: str) -> frozenset:
    """FACTCHECK_FETCH_ALLOWED_HOSTS read once per value (the watch fetches thousands of pages)."""
    return fetch.parse_allowed(value)


def page_fetch(url: str, *, fetcher=None, user=None) -> ExtractedPage:
    """Fetch a page through the guard and extract it; fetched_url is where it came from.

    Only hosts FACTCHECK_FETCH_ALLOWED_HOSTS lets through besides public ones, within
    FACTCHECK_FETCH_SECONDS, and only in a free fetch slot of the process and the user.
    """
    with fetch_slot(user):
        fetched = (fetcher or fetch.fetch)(
            url, allowed=allowed_hosts(), total_seconds=settings.FACTCHECK_FETCH_SECONDS,
        )
    return replace(extract(fetched.text, fetched.url), fetched_url=fetched.url)


def page_preview(*, url: str = "", html: str | None = None, fetcher=None, user=None) -> ExtractedPage:
    """Return what a page holds (fetched when no html is given), cleaned, without storing it."""
    if html is None:
        return page_fetch(url, fetcher=fetcher, user=user)
    return extract(html, url)


def _published(value: str) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def find_duplicate(*, urls: list[str], body: str) -> Article | None:
    """Return the stored article with one of these URLs (normalized) or the same body."""
    digest = hashlib.sha256(body.encode()).hexdigest()
    match = Q(body_sha256=digest)
    for url in filter(None, (normalize_url(u) for u in urls if u)):
        match |= Q(url=url)
    return Article.objects.filter(match).order_by("id").first()


def article_import(*, user, page: ExtractedPage, given_url: str = "") -> tuple[Article, bool]:
    """Store an extracted page as an article; return (article, duplicate).

    A page already stored (same normalized or canonical URL, or the same body) is not
    stored again: the existing article comes back with duplicate=True.
    """
    if not rules.can_manage_articles(user):
        raise PermissionDenied(_("You may not add articles."))
    if not page.body.strip():
        raise ValidationError({"body": _("No article text was found on the page.")})
    existing = find_duplicate(urls=[given_url, page.url], body=page.body)
    if existing is not None:
        return existing, True
    title = page.title or page.body.split("\n", 1)[0][:200]
    with transaction.atomic():
        article = services.article_create(
            user=user, title=title, body=page.body, url=page.url or normalize_url(given_url),
            byline=page.byline[:300], published_at=_published(page.published_at),
            language=page.language, origin=ArticleRevision.Origin.IMPORT,
            publisher={"name": page.publisher, "kind": Source.Kind.NEWS_OUTLET} if page.publisher else None,
            fetched_url=page.fetched_url,
        )
        look_for_repeats(article)
    return article, False


def look_for_repeats(article: Article) -> None:
    """Start the job that looks for sources repeating claims rated false in the article's body."""
    jobs.job_start(kind=jobs_core.CLAIM_REPEATS, params={"article": article.pk},
                   key=f"repeats:{article.pk}:{article.body_sha256}")


def article_body_replace(
    *, article: Article, user, body: str, origin: str, fetched_url: str = "",
    publisher_edited_at: datetime | None = None,
) -> Reanchoring | None:
    """Give an article a new body as a new revision (fetched_url: where the body was fetched
    from; publisher_edited_at: the body is the publisher's edit, found then); return what
    re-anchoring did (None: same body)."""
    if not rules.can_edit_articles(user):
        raise PermissionDenied(_("You may not edit articles."))
    return body_replace(article=article, user=user, body=body, origin=origin, fetched_url=fetched_url,
                        publisher_edited_at=publisher_edited_at)


@transaction.atomic
def body_replace(
    *, article: Article, user, body: str, origin: str, fetched_url: str = "",
    publisher_edited_at: datetime | None = None,
) -> Reanchoring | None:
    """article_body_replace without asking who may: for the watch, which is nobody (user None),
    and for callers that asked already."""
    article = Article.objects.select_for_update().get(pk=article.pk)
    old_body = article.body
    if normalize_body(body) == old_body:
        return None
    article.body = body
    recording.save(article, user=user, reason=f"new body ({origin})")
    outcome = revision_add(article=article, old_body=old_body, user=user, origin=origin,
                           fetched_url=fetched_url, publisher_edited_at=publisher_edited_at)
    if publisher_edited_at is not None:
        look_for_repeats(article)
    return outcome


def article_refresh(
    *, article: Article, user, fetcher=None, page: ExtractedPage | None = None,
) -> tuple[bool, int, Reanchoring | None]:
    """Fetch the article's URL again; a changed body becomes a new revision and re-anchors.

    ``page`` is the page already fetched and extracted (batch refreshes fetch in parallel).
    Return (changed, current revision number, re-anchoring outcome or None).
    """
    if not rules.can_edit_articles(user):
        raise PermissionDenied(_("You may not edit articles."))
    if not article.url:
        raise ValidationError({"url": _("The article has no URL to fetch.")})
    if page is None:
        page = page_preview(url=article.url, fetcher=fetcher, user=user)
    if not page.body.strip():
        raise fetch.FetchError(_("no article text was found on the page"))
    outcome = article_body_replace(
        article=article, user=user, body=page.body, origin="fetch", fetched_url=page.fetched_url,
        publisher_edited_at=timezone.now(),
    )
    if outcome is None:
        return False, current_number(article), None
    return True, outcome.revision, outcome
