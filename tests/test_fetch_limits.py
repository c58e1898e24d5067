"""The article fetcher's limits at the HTTP level: ports, redirects, charsets, time, concurrency."""

import io
import json
import threading
import time
from wsgiref.util import setup_testing_defaults

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from annotations.ingest.services import page_fetch
from annotations.models import Article
from factcheck.wsgi import application
from tests import factories
from tests.api_support import client_for
from tests.ingest_support import NEWS_PAGE, drip

URL = "/api/v1/articles/import/"


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


@pytest.fixture
def fast(settings):
    settings.FACTCHECK_FETCH_SECONDS = 0.6


def test_an_import_from_a_server_dripping_its_status_line_is_502_at_the_deadline(server, editor, fast):
    server.routes["/drip"] = drip(b"", b"HTTP/1.1 200 OK" * 100)
    started = time.monotonic()

    response = client_for(editor).post(URL, {"url": server.url("/drip")}, format="json")

    assert time.monotonic() - started < 0.6 + 0.5
    assert response.status_code == 502
    assert response.json() == {
        "detail": "The page could not be fetched: timeout: the page took more than 0.6 s."
    }
    assert not Article.objects.exists()


def test_a_refresh_from_a_server_dripping_its_headers_is_502_at_the_deadline(server, editor, fast):
    article = factories.ArticleFactory(url=server.url("/drip"))
    server.routes["/drip"] = drip(b"HTTP/1.1 200 OK\r\n", b"X-Slow: " + b"a" * 1000)
    started = time.monotonic()

    response = client_for(editor).post(f"/api/v1/articles/{article.pk}/refresh/")

    assert time.monotonic() - started < 0.6 + 0.5
    assert response.status_code == 502


@pytest.fixture
def held(server):
    """Fetches of /held wait on the server until the test ends; start(user) begins one in a thread."""
    release = threading.Event()
    threads = []

    def route(handler):
        release.wait(5)
        body = NEWS_PAGE.encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    server.routes["/held"] = route

    def start(user):
        hits = server.hits.count("/held")
        thread = threading.Thread(target=page_fetch, args=(server.url("/held"),), kwargs={"user": user})
        thread.start()
        threads.append(thread)
        deadline = time.monotonic() + 2
        while server.hits.count("/held") == hits and time.monotonic() < deadline:
            time.sleep(0.01)
        assert server.hits.count("/held") == hits + 1

    yield start
    release.set()
    for thread in threads:
        thread.join(5)


def test_a_third_import_at_once_by_one_user_is_429_while_others_import(
    server, held, editor, other_editor, settings,
):
    settings.FACTCHECK_FETCH_MAX_CONCURRENT = 4
    settings.FACTCHECK_FETCH_MAX_PER_USER = 2
    held(editor)
    held(editor)

    refused = client_for(editor).post(URL, {"url": server.url("/story")}, format="json")
    other = client_for(other_editor).post(URL, {"url": server.url("/story")}, format="json")

    assert refused.status_code == 429
    assert refused.json() == {
        "detail": "You are fetching 2 pages at once already; wait for one to finish. "
                  "Expected available in 10 seconds."
    }
    assert refused["Retry-After"] == "10"
    assert other.status_code == 201
    assert server.hits.count("/story") == 1


def test_imports_over_the_process_cap_are_429_for_everyone(server, held, editor, other_editor, settings):
    settings.FACTCHECK_FETCH_MAX_CONCURRENT = 1
    held(editor)

    response = client_for(other_editor).post(
        "/api/v1/articles/import/preview/", {"url": server.url("/story")}, format="json",
    )

    assert response.status_code == 429
    assert response.json()["detail"].startswith(
        "The server is fetching as many pages as it may at once; try again shortly."
    )
    assert "/story" not in server.hits


def test_a_failed_or_refused_fetch_gives_its_slot_back(server, editor, settings, fast):
    settings.FACTCHECK_FETCH_MAX_CONCURRENT = 1
    settings.FACTCHECK_FETCH_MAX_PER_USER = 1
    server.routes["/drip"] = drip(b"", b"HTTP/1.1 200 OK" * 100)
    client = client_for(editor)

    assert client.post(URL, {"url": server.url("/drip")}, format="json").status_code == 502
    assert client.post(URL, {"url": server.url("/missing")}, format="json").status_code == 502
    assert client.post(URL, {"url": server.url("/story")}, format="json").status_code == 201


def _wsgi(method: str, path: str, query: str, content_type: str, body: bytes) -> tuple[str, bytes]:
    environ = {"REQUEST_METHOD": method, "PATH_INFO": path, "QUERY_STRING": query,
               "CONTENT_TYPE": content_type, "CONTENT_LENGTH": str(len(body)),
               "wsgi.input": io.BytesIO(body), "HTTP_HOST": "testserver"}
    setup_testing_defaults(environ)
    answered = []
    chunks = application(environ, lambda status, headers, exc_info=None: answered.append(status))
    return answered[0], b"".join(chunks)


@pytest.mark.parametrize("label", HOSTILE_CHARSETS)
def test_a_hostile_charset_with_a_query_string_is_400_before_django_decodes_it(db, label):
    status, body = _wsgi("POST", "/api/v1/annotations/", "article=1",
                         f"application/json; charset={label}", b"{}")

    assert status == "400 Bad Request"
    assert json.loads(body) == {"detail": f"Unknown charset '{label}'; send UTF-8."}


@pytest.mark.parametrize("label", ["utf-8", "latin1", "no-such-charset"])
def test_a_text_or_unknown_charset_with_a_query_string_reaches_the_api(db, label):
    status, _ = _wsgi("POST", "/api/v1/annotations/", "article=1",
                      f"application/json; charset={label}", b"{}")

    assert status.startswith(("401", "403"))
