"""POST /api/v1/articles/import/ (and its preview) against pages served on 127.0.0.1."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annotations.models import Article, ArticleRevision, Source
from tests.api_support import client_for
from tests.factories import UserFactory
from tests.ingest_support import NEWS_PAGE

URL = "/api/v1/articles/import/"
BODY = (
    "Donald Trump speaks to reporters at the White House. Photo: AP\n\n"
    "President Donald Trump said on Tuesday that he had no plans for a meeting with Vladimir Putin "
    "in the near future, days after announcing a summit in Budapest.\n\n"
    "Trump also refuted a story by the Financial Times that he had pressed Zelenskyy to relinquish "
    "the whole Donbas region to Russia, calling it false.\n\n"
    "A White House official, speaking on condition of anonymity, said the summit could still take "
    "place later this year if conditions allowed it.\n\n"
    "Kremlin spokesman Dmitry Peskov told reporters that preparations for the meeting would take "
    "time and that no dates had been agreed.\n\n"
    "Sourse: Reuters"
)


def test_import_by_url_fills_the_article_from_the_page(server, editor):
    client = client_for(editor)

    response = client.post(URL, {"url": server.url("/story")}, format="json")

    assert response.status_code == 201
    article = Article.objects.get()
    shown = client.get(f"/api/v1/articles/{article.pk}/").json()
    assert response.json() == {**shown, "duplicate": False}
    assert {key: shown[key] for key in (
        "title", "byline", "published_at", "publisher", "url", "language", "body")} == {
        "title": "Trump says summit with Putin is on hold",
        "byline": "Jane Reporter, Ivan Writer",
        "published_at": "2025-10-22T07:30:00Z",
        "publisher": {"id": Source.objects.get().pk, "name": "Demo Wire", "kind": "news_outlet"},
        # The page's canonical names another site: the article is where it was fetched from.
        "url": server.url("/story"),
        "language": "en-GB",
        "body": BODY,
    }
    revision = ArticleRevision.objects.get()
    assert (revision.number, revision.origin, revision.created_by, revision.body, revision.fetched_url) == (
        1, "import", editor, BODY, server.url("/story"),
    )


def test_the_publisher_is_matched_by_name(server, editor):
    existing = Source.objects.create(name="DEMO WIRE", kind="news_outlet")

    response = client_for(editor).post(URL, {"url": server.url("/story")}, format="json")

    assert response.json()["publisher"]["id"] == existing.pk
    assert Source.objects.count() == 1


def test_a_page_already_stored_answers_200_with_the_existing_article(server, editor):
    client = client_for(editor)
    first = client.post(URL, {"url": server.url("/story")}, format="json").json()
    again = client.post(URL, {"url": server.url("/story")}, format="json")
    mirrored = NEWS_PAGE.replace("news.example", "mirror.example")
    by_body = client.post(URL, {"html": mirrored}, format="json")

    assert again.status_code == by_body.status_code == 200
    assert again.json() == {**first, "duplicate": True}
    assert by_body.json()["id"] == first["id"]
    assert Article.objects.count() == 1


def test_import_of_given_html_fetches_nothing(server, editor):
    response = client_for(editor).post(
        URL, {"html": NEWS_PAGE, "url": "https://elsewhere.example/x"}, format="json"
    )

    assert response.status_code == 201
    assert response.json()["url"] == "https://elsewhere.example/x"  # not the canonical on news.example
    assert ArticleRevision.objects.get().fetched_url == ""
    assert server.hits == []


def test_import_of_an_uploaded_page(server, editor):
    page = SimpleUploadedFile("story.html", NEWS_PAGE.encode("cp1252", "replace"), "text/html")

    response = client_for(editor).post(URL, {"file": page}, format="multipart")

    assert response.status_code == 201
    assert response.json()["title"] == "Trump says summit with Putin is on hold"
    assert server.hits == []


def test_preview_extracts_without_storing(server, editor):
    response = client_for(editor).post(
        f"{URL}preview/", {"url": server.url("/story")}, format="json"
    )

    assert response.status_code == 200
    assert response.json() | {"body": ""} == {
        "title": "Trump says summit with Putin is on hold",
        "authors": ["Jane Reporter", "Ivan Writer"],
        "byline": "Jane Reporter, Ivan Writer", "published_at": "2025-10-22T09:30:00+02:00",
        "publisher": "Demo Wire", "url": server.url("/story"),
        "language": "en-GB", "body": "", "description": "", "fetched_url": server.url("/story"),
        "duplicate": None,
    }
    assert response.json()["body"] == BODY
    assert not Article.objects.exists()


def test_preview_of_a_stored_page_names_the_article_and_whether_the_caller_may_refresh_it(
    server, editor, reviewer
):
    stored = client_for(editor).post(URL, {"url": server.url("/story")}, format="json").json()

    answers = {
        user.username: client_for(user).post(
            f"{URL}preview/", {"url": server.url("/story") + "#top"}, format="json"
        ).json()
        for user in (editor, reviewer)
    }

    assert answers[editor.username]["title"] == "Trump says summit with Putin is on hold"
    assert answers[editor.username]["duplicate"] == {
        "id": stored["id"], "title": stored["title"], "url": server.url("/story"), "may_refresh": True,
    }
    assert answers[reviewer.username]["duplicate"]["may_refresh"] is False
    assert Article.objects.count() == 1


@pytest.mark.parametrize(("payload", "field"), [
    ({}, "url"),
    ({"url": ""}, "url"),
    ({"html": "<p>x</p>", "file": "x"}, "file"),
    ({"url": "ftp://news.example/story"}, "url"),
    ({"url": "javascript:alert(1)"}, "url"),
    ({"html": "   "}, "html"),
    ({"html": "<p>x</p>", "title": "T"}, "title"),
])
def test_bad_input_is_refused_and_nothing_is_stored(server, editor, payload, field):
    response = client_for(editor).post(URL, payload, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert not Article.objects.exists()


def test_both_html_and_a_file_are_refused(server, editor):
    page = SimpleUploadedFile("story.html", NEWS_PAGE.encode(), "text/html")
    response = client_for(editor).post(URL, {"file": page, "html": NEWS_PAGE}, format="multipart")
    assert response.status_code == 400
    assert list(response.json()) == ["html"]


def test_malformed_json_is_refused(server, editor):
    response = client_for(editor).post(URL, '{"url": ', content_type="application/json")
    assert response.status_code == 400
    assert not Article.objects.exists()


def test_loopback_is_refused_when_not_allowed(server, editor, settings):
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = ""

    response = client_for(editor).post(URL, {"url": server.url("/story")}, format="json")

    assert response.status_code == 400
    assert response.json() == {"url": ["this address is not allowed: 127.0.0.1"]}
    assert server.hits == [] and not Article.objects.exists()


def test_a_redirect_into_a_refused_address_is_400(server, editor):
    server.redirect("/go", "http://10.0.0.7/admin")
    response = client_for(editor).post(URL, {"url": server.url("/go")}, format="json")
    assert response.status_code == 400
    assert response.json() == {"url": ["this address is not allowed: 10.0.0.7"]}


def test_a_pdf_is_415_naming_its_type(server, editor):
    server.routes["/doc.pdf"] = (200, {"Content-Type": "application/pdf"}, b"%PDF-1.7")
    response = client_for(editor).post(URL, {"url": server.url("/doc.pdf")}, format="json")
    assert response.status_code == 415
    assert response.json() == {"detail": "content type application/pdf is not HTML"}


@pytest.mark.parametrize(("path", "reason"), [
    ("/missing", "HTTP status 404"), ("/loop", "redirect loop"),
])
def test_a_failed_fetch_is_502_with_the_reason(server, editor, path, reason):
    server.redirect("/loop", "/loop")
    response = client_for(editor).post(URL, {"url": server.url(path)}, format="json")
    assert response.status_code == 502
    assert response.json() == {"detail": f"The page could not be fetched: {reason}."}
    assert not Article.objects.exists()


def test_an_unknown_host_is_502_with_the_dns_reason(server, editor):
    response = client_for(editor).post(URL, {"url": "https://no-such-host.invalid/"}, format="json")
    assert response.status_code == 502
    assert "DNS" in response.json()["detail"]


def test_only_those_who_may_add_articles_may_import(server, db):
    payload = {"url": server.url("/story")}
    assert client_for(UserFactory(username="reader")).post(URL, payload, format="json").status_code == 403
    assert client_for().post(URL, payload, format="json").status_code == 401
    assert server.hits == []


def test_a_page_without_article_text_is_refused(server, editor):
    response = client_for(editor).post(URL, {"html": "<html><body></body></html>"}, format="json")
    assert response.status_code == 400
    assert json.loads(response.content) == {"body": ["No article text was found on the page."]}
