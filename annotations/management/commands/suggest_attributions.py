import json
import sys

from django.core.management.base import BaseCommand, CommandError

from annotations.suggestions.core import suggest


def _progress(done: int, total: int, stream) -> None:
    width = 30
    filled = width * done // total if total else width
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}",
                 ending="\n" if done == total else "")
    stream.flush()


class Command(BaseCommand):
    help = (
        "Suggest attributions for the documents of a JSON Lines file ({\"id\", \"text\"} per "
        "line) and write one suggestion per line to stdout. Needs no database."
    )
    requires_system_checks: list = []
    requires_migrations_checks = False

    def add_arguments(self, parser):
        parser.add_argument("--jsonl", required=True, help="Input file; '-' reads stdin.")
        parser.add_argument("--no-progress", action="store_true",
                            help="Do not draw the progress bar on stderr.")

    def handle(self, *args, jsonl, no_progress=False, **options):
        try:
            stream = sys.stdin if jsonl == "-" else open(jsonl, encoding="utf-8")  # noqa: SIM115
        except OSError as error:
            raise CommandError(f"Cannot read {jsonl}: {error.strerror}") from error
        with stream:
            lines = [line for line in stream if line.strip()]
        out = self.stdout
        for number, line in enumerate(lines, 1):
            try:
                doc = json.loads(line)
                doc_id, text = doc["id"], doc["text"]
            except (ValueError, KeyError, TypeError) as error:
                raise CommandError(f"Line {number}: expected an object with id and text") from error
            if not isinstance(text, str):
                raise CommandError(f"Line {number}: text must be a string")
            for found in suggest(text):
                record = found.as_dict()
                out.write(json.dumps({
                    "doc_id": doc_id,
                    "source": record["source"],
                    "cue": record["cue"],
                    "content": record["content"],
                    "stance": record["stance"],
                    "source_name": record["source_name"],
                }, ensure_ascii=False))
            if not no_progress:
                _progress(number, len(lines), self.stderr)
