"""Backups round-trip the whole database; SQLite is refused with the way to back it up."""

import io
import os
import subprocess
import sys

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from annotations.models import Annotation, Attribution, Source
from annotations.ops import backup as ops
from annotations.publishing import services as publishing
from tests import factories
from tests.pg_support import ROOT, postgresql_only


@pytest.mark.parametrize("command", [["backup", "out.dump"], ["restore", "in.dump", "--no-input"]])
def test_sqlite_is_refused_with_the_file_to_copy(command, tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", *command], cwd=ROOT, capture_output=True, text=True, timeout=60,
        env={"PATH": os.environ["PATH"], "DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path}/fc.sqlite3"},
    )

    assert result.returncode != 0
    assert f"this database is the SQLite file {tmp_path}/fc.sqlite3" in result.stderr
    assert "stop the server and copy that file" in result.stderr
    assert not (ROOT / command[1]).exists()


def test_dump_and_restore_commands_are_custom_format_and_keep_the_password_off_the_command_line(tmp_path):
    db = {"ENGINE": "django.db.backends.postgresql", "NAME": "factcheck", "USER": "fc",
          "PASSWORD": "s3cret", "HOST": "db.internal", "PORT": 5433}

    dump = ops.dump_command(db, tmp_path / "x.dump")
    restore = ops.restore_command(db, tmp_path / "x.dump")

    assert dump.argv == [
        "pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={tmp_path / 'x.dump'}",
        "--host", "db.internal", "--port", "5433", "--username", "fc", "--dbname", "factcheck",
    ]
    assert restore.argv[:7] == [
        "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
        "--single-transaction", "--exit-on-error",
    ]
    assert "s3cret" not in " ".join(dump.argv + restore.argv)
    assert dump.env == restore.env == {"PGPASSWORD": "s3cret"}


def add_verified_claims(count: int) -> None:
    """Add `count` verified claims, each with an attribution, in a few bulk inserts."""
    article = factories.ArticleFactory(title="Ten thousand claims")
    author, verifier = factories.UserFactory(username="bulk-author"), factories.UserFactory(username="bulk-v")
    source = factories.SourceFactory(name="Bulk Source", kind=Source.Kind.ORGANIZATION)
    now = timezone.now()
    body = article.body
    annotations = Annotation.objects.bulk_create(
        Annotation(
            article=article, start=n % 40, end=n % 40 + 20, quote=body[n % 40 : n % 40 + 20],
            claim=f"Bulk claim number {n}", rating="false", rationale="checked",
            review_state="verified", created_by=author, reviewed_by=verifier, reviewed_at=now,
        )
        for n in range(count)
    )
    Attribution.objects.bulk_create(
        Attribution(annotation=annotation, source=source, stance="asserted") for annotation in annotations
    )
    publishing.publish_all()


def counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"annotations", "auth", "authtoken"}
    }


def jsonl_export() -> bytes:
    response = Client().get("/api/v1/claims/export/?format=jsonl")
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@postgresql_only
def test_backup_and_restore_round_trip_the_demo_and_ten_thousand_claims(transactional_db, roles, tmp_path):
    call_command("load_demo", force=True, stdout=io.StringIO())
    add_verified_claims(10_000)
    before_counts, before_export = counts(), jsonl_export()
    assert before_counts["annotations.Annotation"] > 10_000
    assert before_export.count(b"\n") > 10_000

    out = io.StringIO()
    call_command("backup", str(tmp_path / "factcheck.dump"), stdout=out)
    assert "Backed up to" in out.getvalue()
    Annotation.objects.all().delete()
    Source.objects.filter(name="Bulk Source").delete()
    assert counts() != before_counts
    call_command("restore", str(tmp_path / "factcheck.dump"), "--no-input", stdout=io.StringIO())

    assert counts() == before_counts
    assert jsonl_export() == before_export


@postgresql_only
def test_restore_refuses_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="no such dump file"):
        call_command("restore", str(tmp_path / "missing.dump"), "--no-input")
