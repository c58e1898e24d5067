"""import_articles with saved pages and --urls; refresh_articles; all against 127.0.0.1."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from annotations.ingest.models import ArticleRevision
from annotations.jobs.models import Job
from annotations.models import Article
from tests.ingest_support import NEWS_PAGE, PageServer
from tests.test_commands import run


@pytest.fixture
def importer(db):
    get_user_model().objects.create_user("admin", is_superuser=True, is_staff=True)


@pytest.fixture
def server(settings):
    with PageServer() as running:
        settings.FACTCHECK_FETCH_ALLOWED_HOSTS = running.allowed
        yield running


def page(n: int) -> str:
    return (NEWS_PAGE.replace("summit-on-hold", f"story-{n}")
            .replace("Sourse: Reuters", f"Story number {n}. Sourse: Reuters"))


def test_import_a_saved_page(importer, tmp_path):
    path = tmp_path / "story.htm"
    path.write_bytes(NEWS_PAGE.encode())

    out, _ = run("import_articles", str(path))

    assert f"{path}: 1 created, 0 skipped as duplicate, 0 rejected" in out
    article = Article.objects.get()
    assert (article.title, article.byline) == ("Trump says summit with Putin is on hold",
                                               "Jane Reporter, Ivan Writer")


def test_pasted_text_files_get_one_paragraph_per_line(importer, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Summit on hold\nFirst paragraph.\nSecond paragraph.\u200b\nThird.")
    run("import_articles", str(path))
    assert Article.objects.get().body == "First paragraph.\n\nSecond paragraph.\n\nThird."


def test_import_urls_reports_created_duplicate_and_failed(importer, server, tmp_path):
    for n in range(3):
        server.html(f"/s{n}", page(n))
    server.routes["/doc.pdf"] = (200, {"Content-Type": "application/pdf"}, b"%PDF")
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join([
        server.url("/s0"), server.url("/s1"), server.url("/s2"), server.url("/s0"),
        server.url("/missing"), server.url("/doc.pdf"), "http://10.0.0.7/", "",
    ]))

    out, err = run("import_articles", "--urls", str(urls), "--delay", "0", "--workers", "3")

    assert "URLs: 3 created, 1 duplicate, 3 failed" in out
    assert f"{server.url('/missing')}: failed: HTTP status 404" in err
    assert f"{server.url('/doc.pdf')}: failed: content type application/pdf is not HTML" in err
    assert "http://10.0.0.7/: failed: this address is not allowed" in err
    assert "7/7" in err
    assert Article.objects.count() == 3
    # One job, as the API starts one: followed in admin like any other.
    job = Job.objects.get(kind="url_import")
    assert (job.kind, job.state, job.done, job.total, job.started_by.username) == (
        "url_import", "succeeded", 7, 7, "admin",
    )


def test_refresh_articles_prints_what_changed(importer, server, tmp_path):
    for n in range(3):
        server.html(f"/s{n}", page(n))
    urls = tmp_path / "urls.txt"
    urls.write_text("\n".join(server.url(f"/s{n}") for n in range(3)))
    run("import_articles", "--urls", str(urls), "--delay", "0")
    for n, article in enumerate(Article.objects.order_by("id")):
        Article.objects.filter(pk=article.pk).update(url=server.url(f"/s{n}"))
    server.html("/s1", page(1).replace("calling it false", "calling it fake news"))
    server.routes.pop("/s2")

    out, err = run("refresh_articles", "--delay", "0")

    changed = Article.objects.order_by("id")[1]
    assert f"article {changed.pk} ({server.url('/s1')}): changed, revision 2;" in out
    assert "Refreshed 3 articles: 1 changed, 1 unchanged, 1 failed" in out
    assert "HTTP status 404" in err
    assert ArticleRevision.objects.filter(origin="fetch").count() == 1


def test_refresh_articles_older_than_skips_recent_ones(importer, server, tmp_path):
    server.html("/s0", page(0))
    urls = tmp_path / "urls.txt"
    urls.write_text(server.url("/s0"))
    run("import_articles", "--urls", str(urls), "--delay", "0")
    Article.objects.update(url=server.url("/s0"))

    out, _ = run("refresh_articles", "--older-than", "1")
    assert "Refreshed 0 articles" in out

    ArticleRevision.objects.update(created_at=timezone.now() - timedelta(days=2))
    out, _ = run("refresh_articles", "--older-than", "1")
    assert "Refreshed 1 articles: 0 changed, 1 unchanged, 0 failed" in out
