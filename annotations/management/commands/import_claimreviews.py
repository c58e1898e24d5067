import gzip
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from annotations.matching import services
from annotations.matching.claimreview import NotAFeed, loads, records_from_json, records_from_lines

from ._progress import Progress


class Command(BaseCommand):
    help = (
        "Import schema.org ClaimReviews from .json (array or DataFeed), .jsonl files, optionally "
        ".gz-compressed. The same url and claimReviewed again update the stored review."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--user", default="", help="Username recorded as the importer.")
        parser.add_argument("--batch", type=int, default=5000, help="Records per transaction.")

    def handle(self, *args, files, user, batch, **options):
        importer = None
        if user:
            try:
                importer = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user {user!r}.") from None
        totals = {"created": 0, "updated": 0, "rejected": 0}
        for path in files:
            try:
                records = self.read(path)
            except (OSError, UnicodeDecodeError, NotAFeed, ValueError) as error:
                self.stderr.write(f"{path}: cannot read: {error}")
                totals["rejected"] += 1
                continue
            progress = Progress(self.stderr, len(records), label=path.name)
            counts = {"created": 0, "updated": 0, "rejected": 0}
            for start in range(0, len(records), batch):
                result = services.claimreviews_import(records=records[start : start + batch], user=importer)
                counts["created"] += result.created
                counts["updated"] += result.updated
                counts["rejected"] += len(result.rejected)
                for reject in result.rejected:
                    number = start + reject["index"] + 1
                    self.stderr.write(f"{path} record {number}: rejected: {reject['reason']}")
                progress.update(min(start + batch, len(records)))
            progress.done()
            self.stdout.write(
                f"{path}: {counts['created']} created, {counts['updated']} updated, "
                f"{counts['rejected']} rejected"
            )
            for key, value in counts.items():
                totals[key] += value
        self.stdout.write(
            f"Total: {totals['created']} created, {totals['updated']} updated, {totals['rejected']} rejected"
        )

    @staticmethod
    def read(path: Path) -> list:
        name = path.name.lower()
        opener = gzip.open if name.endswith(".gz") else open
        stem = name[:-3] if name.endswith(".gz") else name
        with opener(path, "rt", encoding="utf-8-sig", newline="") as handle:
            if stem.endswith((".jsonl", ".ndjson")):
                return records_from_lines(handle.read().split("\n"))
            return records_from_json(loads(handle.read()))
