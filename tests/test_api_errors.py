"""Under /api/ every answer is JSON, also where no API view answers: unknown paths, failures."""

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.test import Client

from tests.api_support import client_for


@pytest.mark.parametrize("path", ["/api/v1/nope/", "/api/v1/", "/api/v2/articles/", "/api/nope"])
def test_an_unknown_api_path_is_a_json_404(db, path):
    response = client_for().get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_an_unknown_page_is_still_an_html_404(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_wrong_method_on_an_api_path_is_a_json_405(db):
    response = client_for().put("/api/v1/claims/", {}, format="json")

    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "PUT" not allowed.'}


def test_a_failure_outside_an_api_view_is_a_json_500(db, monkeypatch):
    def broken(self, request, response):
        raise RuntimeError("a bug")

    monkeypatch.setattr(SessionMiddleware, "process_response", broken)
    client = Client(raise_request_exception=False)

    api = client.get("/api/v1/claims/")
    page = client.get("/")

    assert api.status_code == 500
    assert api.json() == {"detail": "A server error occurred."}
    assert page.status_code == 500
    assert page["Content-Type"].startswith("text/html")
