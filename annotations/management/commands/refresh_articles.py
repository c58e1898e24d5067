from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max, Q
from django.utils import timezone

from annotations.ingest.batch import fetch_pages
from annotations.ingest.fetch import FetchError
from annotations.ingest.services import article_refresh
from annotations.models import Article


class Command(BaseCommand):
    help = (
        "Fetch stored articles again (a nightly stealth-edit check): a changed body becomes a new "
        "revision, annotations are re-anchored, and what changed is printed."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than", type=float, default=0, metavar="DAYS",
            help="Only articles whose last revision is at least DAYS old (default: all).",
        )
        parser.add_argument("--user", default="admin", help="Username recorded for new revisions.")
        parser.add_argument("--workers", type=int, default=4, help="Pages fetched at once (default 4).")
        parser.add_argument(
            "--delay", type=float, default=1.0,
            help="Seconds between two requests to the same host (default 1).",
        )

    def handle(self, *args, older_than, user, workers, delay, **options):
        try:
            user = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user {user!r}; pass --user with an existing username.") from None
        articles = Article.objects.exclude(url="").annotate(last=Max("revisions__created_at"))
        if older_than:
            cutoff = timezone.now() - timedelta(days=older_than)
            articles = articles.filter(
                Q(last__lte=cutoff) | Q(last__isnull=True, updated_at__lte=cutoff)
            )
        by_url = {article.url: article for article in articles.order_by("id")}
        counts = {"changed": 0, "unchanged": 0, "failed": 0}
        for url, page, error in fetch_pages(list(by_url), workers=workers, delay=delay):
            article = by_url[url]
            if error is None:
                try:
                    changed, number, outcome = article_refresh(article=article, user=user, page=page)
                except (ValidationError, PermissionDenied, FetchError) as refused:
                    error = "; ".join(getattr(refused, "messages", [str(refused)]))
            if error is not None:
                counts["failed"] += 1
                self.stderr.write(f"article {article.pk} ({url}): failed: {error}")
                continue
            if not changed:
                counts["unchanged"] += 1
                continue
            counts["changed"] += 1
            self.stdout.write(
                f"article {article.pk} ({url}): changed, revision {number}; "
                f"moved {outcome.moved}, fuzzy {outcome.fuzzy}, orphaned {outcome.orphaned}"
            )
        self.stdout.write(
            f"Refreshed {len(by_url)} articles: {counts['changed']} changed, "
            f"{counts['unchanged']} unchanged, {counts['failed']} failed"
        )
