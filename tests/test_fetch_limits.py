"""The article fetcher's limits at the HTTP level: ports, redirects, charsets, time, concurrency."""

import pytest

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
