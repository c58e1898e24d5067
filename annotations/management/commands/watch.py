from django.core.management.base import BaseCommand

from annotations.ingest import fetch, watch
from annotations.jobs.services import job_sweep
from annotations.matching import feeds
from annotations.matching import services as known_claims


class Command(BaseCommand):
    help = (
        "Run every due check of the watched articles and followed ClaimReview feeds now, in this "
        "process, and exit (for cron-only deployments and tests; with workers, beat starts the same "
        "checks on schedule). Also runs the jobs left waiting for a retry when no broker is configured, "
        "and embeds the known claims that wait for their vectors."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", required=True,
                            help="Check once and exit (the only mode: the schedule is beat's).")
        parser.add_argument("--all", action="store_true", dest="everything",
                            help="Check every watched article and feed, due or not.")

    def handle(self, *args, everything, **options):
        overdue = job_sweep()
        due = list(watch.due_articles(everything=everything))
        sites = len(watch.by_host(due))
        tally = watch.articles_check([article.pk for article in due])
        for failure in tally.failures:
            self.stderr.write(f"article {failure['article']}: failed: {failure['error']}")
        self.stdout.write(
            f"Checked {len(due)} articles on {sites} sites: {tally.counts[watch.CHANGED]} changed, "
            f"{tally.counts[watch.NOT_MODIFIED]} not modified, {tally.counts[watch.UNCHANGED]} unchanged, "
            f"{tally.counts[watch.FAILED]} failed"
            + (f"; {len(overdue)} waiting jobs run again" if overdue else "")
        )
        for feed in feeds.feeds_due(everything=everything):
            try:
                outcome = feeds.feed_fetch(feed)
            except fetch.FetchError as error:
                self.stderr.write(f"feed {feed.name} ({feed.url}): failed: {error}")
                continue
            self.stdout.write(f"feed {feed.name}: " + ", ".join(f"{k} {v}" for k, v in outcome.items()))
        embedded = known_claims.known_claims_embed()
        if embedded:
            self.stdout.write(f"Embedded {embedded} known claims.")
