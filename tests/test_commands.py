import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from annotations.models import Annotation, Article, Attribution, Source


def run(*args, **options):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def snapshot():
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Article, Annotation, Attribution, Source, get_user_model())
    } | {
        "history": Annotation.history.count(),
        "versions": list(Annotation.objects.values_list("version", flat=True)),
    }


def test_load_demo_refuses_when_debug_is_off(db):
    with pytest.raises(CommandError, match="DEBUG=1 or --force"):
        run("load_demo")


def test_load_demo_twice_changes_nothing_the_second_time(db):
    out, _ = run("load_demo", force=True)
    assert "8 annotations created" in out
    assert "Created user 'reviewer' with password" in out
    before = snapshot()
    out, _ = run("load_demo", force=True)
    assert "0 annotations created, 8 already there" in out
    assert snapshot() == before


def test_load_demo_holds_the_denied_ft_donbas_report(db):
    run("load_demo", force=True)
    ft = Annotation.objects.get(claim="Trump pressed Zelenskyy to give up the whole Donbas region")
    assert ft.article.body[ft.start : ft.end] == ft.quote
    assert (ft.rating, ft.review_state, ft.reviewed_by.username) == ("unproven", "verified", "editor")
    assert [(a.source.name, a.stance) for a in ft.attributions.all()] == [
        ("Financial Times", "reported"),
        ("Donald Trump", "denied"),
    ]
    stances = set(Attribution.objects.values_list("stance", flat=True))
    assert stances == {"asserted", "reported", "confirmed", "denied", "disputed", "no_response"}


def test_load_demo_takes_passwords_from_the_environment(db, monkeypatch):
    monkeypatch.setenv("DEMO_EDITOR_PASSWORD", "editor-password-from-env")
    out, _ = run("load_demo", force=True)
    assert "editor-password-from-env" not in out
    assert get_user_model().objects.get(username="editor").check_password("editor-password-from-env")


@pytest.fixture
def importer(db):
    get_user_model().objects.create_user("admin", is_superuser=True, is_staff=True)


def test_import_plain_text_takes_the_first_line_as_title(importer, tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("Summit on hold\r\nFirst paragraph.\r\n\r\nCafe\u0301 second.\r\n".encode())
    out, _ = run("import_articles", str(path))
    assert f"{path}: 1 created, 0 skipped as duplicate, 0 rejected" in out
    article = Article.objects.get()
    assert (article.title, article.body) == ("Summit on hold", "First paragraph.\n\nCafé second.")


def test_import_jsonl_skips_duplicates_and_reports_bad_records(importer, tmp_path):
    records = [
        {"title": "A", "body": "Body A", "url": "https://news.example/a", "publisher": "Reuters",
         "published_at": "2025-10-21T18:30:00Z"},
        {"title": "A again", "body": "Other body", "url": "HTTPS://NEWS.EXAMPLE/a/"},
        {"title": "Same body", "body": "Body A"},
        {"title": "", "body": "No title"},
        {"title": "Bad date", "body": "x", "published_at": "yesterday"},
        {"title": "Bad url", "body": "y", "url": "javascript:alert(1)"},
        ["not", "an", "object"],
        {"title": "Broken url", "body": "z", "url": "http://[::1"},
        {"title": "Line\u2028separator", "body": "Body with \u2028 inside"},
    ]
    lines = [json.dumps(record) for record in records]
    lines += ["{broken", "", json.dumps({"title": "B", "body": "Body B"})]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines))
    out, err = run("import_articles", str(path))
    assert f"{path}: 3 created, 2 skipped as duplicate, 6 rejected" in out
    assert f"{path}:4: rejected: missing title" in err
    assert f"{path}:5: rejected: published_at 'yesterday'" in err
    assert f"{path}:6: rejected: url:" in err
    assert f"{path}:7: rejected: a line must be a JSON object" in err
    assert f"{path}:8: rejected: url: Invalid IPv6 URL" in err
    assert f"{path}:10: rejected: not valid JSON" in err
    assert sorted(Article.objects.values_list("title", flat=True)) == ["A", "B", "Line\u2028separator"]
    assert Article.objects.get(title="A").publisher.name == "Reuters"


def test_import_reports_unreadable_files_and_goes_on(importer, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Title\nBody")
    out, err = run("import_articles", str(tmp_path / "missing.txt"), str(good))
    assert "missing.txt: rejected: cannot read the file" in err
    assert "Total: 1 created, 0 skipped, 1 rejected" in out
