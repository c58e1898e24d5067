"""The article fetcher's limits at the HTTP level: ports, redirects, charsets, time, concurrency."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annotations.models import Article
from tests.api_support import client_for
from tests.ingest_support import NEWS_PAGE, PageServer

URL = "/api/v1/articles/import/"


@pytest.fixture
def server(settings):
    with PageServer() as running:
        settings.FACTCHECK_FETCH_ALLOWED_HOSTS = running.allowed
        running.html("/story", NEWS_PAGE)
        yield running


def test_an_allowed_host_without_a_port_does_not_open_other_ports(server, editor, settings):
    settings.FACTCHECK_FETCH_ALLOWED_HOSTS = "127.0.0.1"

    response = client_for(editor).post(URL, {"url": server.url("/story")}, format="json")

    assert response.status_code == 400
    assert response.json() == {"url": ["this address is not allowed: 127.0.0.1"]}
    assert server.hits == [] and not Article.objects.exists()


def test_a_redirect_without_a_location_is_502_not_an_article(server, editor):
    server.routes["/moved"] = (302, {"Content-Type": "text/html"}, NEWS_PAGE.encode())

    response = client_for(editor).post(URL, {"url": server.url("/moved")}, format="json")

    assert response.status_code == 502
    assert response.json() == {
        "detail": "The page could not be fetched: HTTP status 302 without a Location to follow."
    }
    assert not Article.objects.exists()


HOSTILE_CHARSETS = ["undefined", "base64", "rot13", "idna", "hex", "zlib"]


@pytest.mark.parametrize("label", HOSTILE_CHARSETS)
@pytest.mark.parametrize("path", ["/api/v1/annotations/", URL, "/api/v1/articles/import/preview/"])
def test_a_json_body_in_a_charset_that_is_no_text_encoding_is_400(editor, path, label):
    client = client_for(editor)

    response = client.post(path, b'{"url": "https://news.example/"}',
                           content_type=f"application/json; charset={label}")

    assert response.status_code == 400
    assert response.json() == {"detail": f"Unknown charset '{label}'; send UTF-8."}


def test_a_json_body_in_a_whatwg_charset_is_read(editor):
    page = NEWS_PAGE.replace("Sourse: Reuters", "Sourse: Zoë Café")
    body = json.dumps({"html": page}, ensure_ascii=False).encode("cp1252")

    response = client_for(editor).post(
        "/api/v1/articles/import/preview/", body, content_type="application/json; charset=latin1",
    )

    assert response.status_code == 200
    assert response.json()["body"].endswith("Sourse: Zoë Café")


@pytest.mark.parametrize("label", HOSTILE_CHARSETS)
def test_a_page_in_a_charset_that_is_no_text_encoding_is_imported_as_detected(server, editor, label):
    page = NEWS_PAGE.replace('<meta charset="utf-8">', f'<meta charset="{label}">')
    server.routes["/hostile"] = (200, {"Content-Type": f"text/html; charset={label}"}, page.encode())

    response = client_for(editor).post(URL, {"url": server.url("/hostile")}, format="json")

    assert response.status_code == 201
    assert "Financial Times" in response.json()["body"]


@pytest.mark.parametrize("label", HOSTILE_CHARSETS)
def test_an_uploaded_page_in_a_charset_that_is_no_text_encoding_is_imported(editor, label):
    page = NEWS_PAGE.replace('<meta charset="utf-8">', f'<meta charset="{label}">')
    upload = SimpleUploadedFile("story.html", page.encode(), content_type="text/html")

    response = client_for(editor).post(URL, {"file": upload}, format="multipart")

    assert response.status_code == 201
    assert "Financial Times" in response.json()["body"]
