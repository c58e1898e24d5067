import hashlib
import json
import time
from datetime import UTC
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from annotations import anchoring, services
from annotations.ingest import fetch, url_import
from annotations.ingest.clean import clean_text
from annotations.ingest.extract import extract
from annotations.ingest.services import article_import
from annotations.jobs import engine, tasks
from annotations.jobs import services as jobs
from annotations.jobs.models import Job
from annotations.models import Article, Source
from annotations.urlnorm import normalize_url

HTML_SUFFIXES = (".html", ".htm")


class Rejected(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Import articles from plain-text files (first line is the title), JSON Lines files "
        "(title, body, url, publisher, published_at per line), saved web pages (.html/.htm) and "
        "web addresses (--urls FILE, one a line). Duplicates by URL or body are skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="*", type=Path)
        parser.add_argument(
            "--user", default="admin", help="Username recorded as the creator (default: admin)."
        )
        parser.add_argument("--urls", type=Path, help="A file of web addresses to fetch, one a line.")
        parser.add_argument("--workers", type=int, default=4, help="Pages fetched at once (default 4).")
        parser.add_argument(
            "--delay", type=float, default=1.0,
            help="Seconds between two requests to the same host (default 1).",
        )

    def handle(self, *args, files, user, urls=None, workers=4, delay=1.0, **options):
        if not files and not urls:
            raise CommandError("Name files to import, or --urls FILE.")
        try:
            self.user = get_user_model().objects.get(username=user)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user {user!r}; pass --user with an existing username.") from None
        if urls:
            self.import_urls(urls, workers=workers, delay=delay)
        if not files:
            return
        totals = {"created": 0, "skipped": 0, "rejected": 0}
        for path in files:
            counts = self.import_file(path)
            for key, value in counts.items():
                totals[key] += value
            self.stdout.write(
                f"{path}: {counts['created']} created, {counts['skipped']} skipped as duplicate, "
                f"{counts['rejected']} rejected"
            )
        self.stdout.write(
            f"Total: {totals['created']} created, {totals['skipped']} skipped, "
            f"{totals['rejected']} rejected"
        )

    def import_file(self, path: Path) -> dict[str, int]:
        counts = {"created": 0, "skipped": 0, "rejected": 0}
        for label, record in self.records(path):
            try:
                outcome = self.import_record(record)
            except Rejected as error:
                outcome = "rejected"
                self.stderr.write(f"{path}{label}: rejected: {error}")
            else:
                if outcome == "skipped":
                    self.stdout.write(f"{path}{label}: skipped, duplicate of an existing article")
            counts[outcome] += 1
        return counts

    def import_urls(self, path: Path, *, workers: int, delay: float) -> None:
        """Import the addresses as one job: run here without a broker, else by the workers while
        this command shows its progress (the same job either way, followed in admin)."""
        try:
            urls = url_import.clean_urls(path.read_text(encoding="utf-8").splitlines())
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from None
        here = not engine.has_broker()
        job = jobs.job_start(kind=tasks.URL_IMPORT, user=self.user, send=not here,
                             params={"urls": urls, "workers": workers, "delay": delay})
        self.shown = 0
        if here:
            jobs.job_run(job.pk, tasks.HANDLERS, on_progress=lambda running: self.show(running, len(urls)))
        job.refresh_from_db()
        while not here and job.state not in (Job.State.SUCCEEDED, Job.State.FAILED):
            self.show(job, len(urls))
            time.sleep(0.5)
            job.refresh_from_db()
        self.show(job, len(urls))
        self.stderr.write("")
        if job.state != Job.State.SUCCEEDED:
            raise CommandError(f"The import job {job.pk} stopped ({job.get_state_display()}): {job.error}")
        tally = job.result["tally"]
        self.stdout.write(
            f"URLs: {tally['created']} created, {tally['duplicate']} duplicate, {tally['failed']} failed"
        )

    def show(self, job: Job, total: int) -> None:
        """Print the failures not shown yet and the progress bar."""
        for failure in job.result.get("tally", {}).get("failures", [])[self.shown:]:
            self.stderr.write(f"\r{failure['url']}: failed: {failure['error']}")
            self.shown += 1
        self.progress(job.done, total)

    def progress(self, done: int, total: int, width: int = 30) -> None:
        filled = width * done // max(total, 1)
        self.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")

    def records(self, path: Path):
        """Yield (label, record dict or Rejected) for each article in the file."""
        if path.suffix.lower() in HTML_SUFFIXES:
            try:
                html, _ = fetch.decode(path.read_bytes())
            except OSError as error:
                yield "", Rejected(f"cannot read the file: {error}")
                return
            yield "", extract(html)
            return
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            yield "", Rejected(f"cannot read the file: {error}")
            return
        if path.suffix.lower() in (".jsonl", ".ndjson"):
            # Only "\n" ends a record: U+2028 and friends are legal inside JSON strings.
            for number, line in enumerate(text.split("\n"), start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    record = Rejected(f"not valid JSON ({error.msg})")
                if not isinstance(record, dict | Rejected):
                    record = Rejected("a line must be a JSON object")
                yield f":{number}", record
        else:
            title, _, body = anchoring.normalize_body(text).partition("\n")
            yield "", {"title": title.strip(), "body": body.strip("\n")}

    def import_record(self, record) -> str:
        if isinstance(record, Rejected):
            raise record
        if not isinstance(record, dict):
            try:
                _, duplicate = article_import(user=self.user, page=record)
            except (ValidationError, PermissionDenied) as error:
                raise Rejected("; ".join(getattr(error, "messages", [str(error)]))) from None
            return "skipped" if duplicate else "created"
        title = str(record.get("title") or "").strip()
        body = clean_text(anchoring.normalize_body(str(record.get("body") or "")))
        if not title:
            raise Rejected("missing title")
        if not body.strip():
            raise Rejected("missing body")
        try:
            url = normalize_url(str(record.get("url") or ""))
        except ValueError as error:
            raise Rejected(f"url: {error}") from None
        digest = hashlib.sha256(body.encode()).hexdigest()
        if Article.objects.filter(body_sha256=digest).exists() or (
            url and Article.objects.filter(url=url).exists()
        ):
            return "skipped"
        published_at = None
        if record.get("published_at"):
            try:
                published_at = parse_datetime(str(record["published_at"]))
            except ValueError:
                published_at = None
            if published_at is None:
                raise Rejected(f"published_at {record['published_at']!r} is not an ISO 8601 date-time")
            if timezone.is_naive(published_at):
                published_at = timezone.make_aware(published_at, UTC)
        publisher = None
        if record.get("publisher"):
            publisher = {"name": str(record["publisher"]), "kind": Source.Kind.NEWS_OUTLET}
        try:
            services.article_create(
                user=self.user, title=title, body=body, url=url, publisher=publisher,
                published_at=published_at, language=str(record.get("language") or ""),
                byline=str(record.get("byline") or ""),
            )
        except ValidationError as error:
            raise Rejected("; ".join(f"{field}: {' '.join(messages)}"
                                     for field, messages in error.message_dict.items())) from None
        except PermissionDenied as error:
            raise Rejected(str(error)) from None
        return "created"
