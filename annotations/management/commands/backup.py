from datetime import UTC, datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from annotations.ops import backup as ops


class Command(BaseCommand):
    help = "Dump the PostgreSQL database to a file in pg_dump's custom format (for `restore`)."

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?",
            help="file to write (default: factcheck-YYYYmmddTHHMMSSZ.dump in the current folder)",
        )
        parser.add_argument("--database", default="default")

    def handle(self, *args, path=None, database="default", **options):
        target = Path(path or datetime.now(UTC).strftime("factcheck-%Y%m%dT%H%M%SZ.dump"))
        try:
            ops.backup(target, alias=database)
        except ops.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up to {target} ({target.stat().st_size} bytes).")
