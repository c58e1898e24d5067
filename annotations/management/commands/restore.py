from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from annotations.ops import backup as ops


class Command(BaseCommand):
    help = "Replace the PostgreSQL database's contents with a dump made by `backup`."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a dump file written by `manage.py backup`")
        parser.add_argument("--database", default="default")
        parser.add_argument(
            "--no-input", action="store_false", dest="interactive",
            help="do not ask for confirmation",
        )

    def handle(self, *args, path, database="default", interactive=True, **options):
        try:
            ops.ensure_postgresql(database)
        except ops.BackupError as error:
            raise CommandError(str(error)) from None
        if interactive:
            answer = input(
                "This replaces everything in the database with the dump's contents. "
                "Type 'yes' to continue: "
            )
            if answer.strip() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            ops.restore(Path(path), alias=database)
        except ops.BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored from {path}.")
