"""Migrations import no live code: their data steps run frozen copies of what they need."""

import ast
import json
from datetime import UTC, date, datetime
from pathlib import Path

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from annotations.exports import stored_records
from annotations.models import Annotation
from annotations.publishing import services as publishing
from annotations.publishing.models import PublishedAttribution, PublishedClaim, PublishedRecords

MIGRATIONS = Path(__file__).resolve().parents[1] / "annotations" / "migrations"
LIVE_PACKAGES = {"annotations", "factcheck"}


def live_imports(path: Path) -> list[str]:
    """Return the imports of live project code in a migrations file (wherever they are)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] in LIVE_PACKAGES]
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0 and (node.module or "").split(".")[0] in LIVE_PACKAGES:
                found.append(node.module)
            elif node.level == 1:
                # Only the frozen private modules of this package itself.
                names = [node.module] if node.module else [alias.name for alias in node.names]
                found += ["." + name for name in names if not name.startswith("_frozen_")]
            elif node.level > 1:
                found.append("." * node.level + (node.module or ""))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("import_module", "__import__")
            and node.args and isinstance(node.args[0], ast.Constant)
            and str(node.args[0].value).split(".")[0] in LIVE_PACKAGES
        ):
            found.append(node.args[0].value)
    return found


def test_migrations_import_no_live_annotations_or_factcheck_module():
    files = sorted(MIGRATIONS.glob("*.py"))

    assert {path.name: live_imports(path) for path in files} == {path.name: [] for path in files}
    assert len(files) > 10 and any(path.name.startswith("_frozen_") for path in files)


# The upgrade path: claims verified before 0004 are published by its frozen code, and their
# export records filled by 0014's, exactly as the live code publishes and records them today.

BEFORE_PUBLISHING = ("annotations", "0003_annotation_edited_by")
PUBLISHING = ("annotations", "0004_published_claims")
EXPORT_RECORDS = ("annotations", "0014_published_export_records")

# Over MAX_CONTEXT characters in one paragraph, so the context is cut to sentences.
LEAD = " ".join(f"Sentence {n} says something about the budget, plainly." for n in range(14))
QUOTE = "Zoë said taxes rose by 40% — “the most ever”."
BODY = f"Headline words\n{LEAD} {QUOTE} After it comes more. And more still. The end of it.\nLast line."


def seed_verified_claims(apps) -> dict[str, int]:
    """Create, with the models of 0003, a rich verified claim, a bare one and a draft."""
    user = apps.get_model("auth", "User")
    source = apps.get_model("annotations", "Source")
    article_model = apps.get_model("annotations", "Article")
    annotation = apps.get_model("annotations", "Annotation")
    attribution = apps.get_model("annotations", "Attribution")
    evidence = apps.get_model("annotations", "Evidence")

    author = user.objects.create(username="author", password="!")
    verifier = user.objects.create(username="verifier", password="!")
    outlet = source.objects.create(name="Financial Times", kind="news_outlet")
    person = source.objects.create(name="Donald Trump", kind="person")
    anonymous = source.objects.create(name="An aide", kind="anonymous")
    article = article_model.objects.create(
        title="Taxes, =SUM(A1) and more", url="https://news.example/taxes", publisher=outlet, language="de",
        published_at=datetime(2026, 11, 2, 8, 30, tzinfo=UTC), body=BODY, body_sha256="0" * 64,
    )
    start = BODY.index(QUOTE)
    reviewed_at = datetime(2026, 11, 20, 10, 15, 30, 123456, tzinfo=UTC)
    rich = annotation.objects.create(
        article=article, start=start, end=start + len(QUOTE), quote=QUOTE,
        prefix=BODY[start - 32:start], suffix=BODY[start + len(QUOTE):][:32],
        claim="-Taxes rose by 40%, the most ever", rating="mostly_false",
        rationale="=cmd|' /C calc'!A0; the rise was 4%.", review_state="verified",
        reviewed_at=reviewed_at, created_by=author, reviewed_by=verifier, edited_by=author, version=3,
    )
    attribution.objects.create(
        annotation=rich, source=person, stance="asserted", url="https://video.example/speech",
        date=date(2026, 11, 1), note="At a rally.",
    )
    attribution.objects.create(annotation=rich, source=outlet, stance="reported")
    attribution.objects.create(annotation=rich, source=anonymous, stance="no_response", note="Asked twice.")
    evidence.objects.create(
        annotation=rich, url="https://stats.example/2026", title="Tax receipts 2026",
        publisher="Statistics office", published=date(2026, 10, 1), excerpt="Up 4%.", relation="refutes",
    )
    evidence.objects.create(annotation=rich, url="https://stats.example/2025", relation="context")
    bare_article = article_model.objects.create(title="Short", body="Just one line.", body_sha256="1" * 64)
    bare = annotation.objects.create(
        article=bare_article, start=0, end=4, quote="Just", review_state="verified",
    )  # not rated, no reviewer, no sources: published at its updated_at
    draft = annotation.objects.create(article=bare_article, start=5, end=8, quote="one")
    return {"rich": rich.pk, "bare": bare.pk, "draft": draft.pk}


def migrate(executor: MigrationExecutor, targets) -> MigrationExecutor:
    executor.migrate(targets)
    return MigrationExecutor(connection)  # a fresh loader sees what is applied now


def test_the_frozen_upgrade_steps_publish_and_record_what_the_live_code_does(transactional_db):
    executor = MigrationExecutor(connection)
    try:
        executor = migrate(executor, [BEFORE_PUBLISHING])
        pks = seed_verified_claims(executor.loader.project_state(BEFORE_PUBLISHING).apps)

        executor = migrate(executor, [PUBLISHING])
        at_0004 = executor.loader.project_state(PUBLISHING).apps.get_model("annotations", "PublishedClaim")
        published_at_0004 = {p.pk: json.loads(p.data) for p in at_0004.objects.all()}

        executor = migrate(executor, [EXPORT_RECORDS])
        executor = migrate(executor, executor.loader.graph.leaf_nodes())

        assert set(published_at_0004) == {pks["rich"], pks["bare"]}
        for pk in (pks["rich"], pks["bare"]):
            annotation = publishing._live(Annotation.objects.get(pk=pk))
            when = annotation.reviewed_at or annotation.updated_at
            live = publishing.public_claim(annotation, published_at=when, reviewed_at=when,
                                           date_modified=None, corrections=[])
            published = PublishedClaim.objects.get(pk=pk)

            # 0023 gave claims their article's language, and the published ones too.
            assert published_at_0004[pk] == {key: value for key, value in live.items() if key != "language"}
            # (German: no interface catalog, so the rating words are the English ones published then.)
            assert live["language"] == ("de" if pk == pks["rich"] else "en")
            assert published.public == live
            assert (published.published_at, published.modified_at) == (when, when)
            assert (published.rating, published.claim, published.quote, published.version) == (
                annotation.rating, annotation.claim, annotation.quote, annotation.version
            )
            assert list(PublishedAttribution.objects.filter(published=published).values_list(
                "source_id", "stance")) == [(a.source_id, a.stance) for a in annotation.attributions.all()]
            records = PublishedRecords.objects.get(published=published)
            assert {field: getattr(records, field) for field in stored_records(live)} == stored_records(
                json.loads(published.data)
            )
        rich = published_at_0004[pks["rich"]]
        assert [a["stance"] for a in rich["attributions"]] == ["asserted", "reported", "no_response"]
        assert rich["context"]["text"].endswith(QUOTE + " After it comes more. And more still.")
        assert rich["reviewed_at"] == "2026-11-20T10:15:30.123456Z"
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
