"""The API speaks JSON only, on every endpoint: no HTML browsable API anywhere."""

import pytest
from rest_framework.test import APIClient

from tests.api_support import client_for


@pytest.fixture
def paths(verified, article):
    return [
        "/api/v1/claims/", f"/api/v1/claims/{verified.pk}/", "/api/v1/articles/",
        f"/api/v1/articles/{article.pk}/", "/api/v1/annotations/", f"/api/v1/annotations/{verified.pk}/",
        "/api/v1/sources/",
    ]


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_format_api_is_not_served_anywhere(paths, request, who):
    client = APIClient() if who == "anonymous" else client_for(request.getfixturevalue("editor"))

    answers = {path: client.get(path, {"format": "api"}) for path in paths}

    assert {path: response.status_code for path, response in answers.items()} == dict.fromkeys(paths, 404)
    assert all(response["Content-Type"] == "application/json" for response in answers.values())


def test_a_browser_asking_for_html_gets_json(paths, client, editor):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    client.force_login(editor)

    answers = [client.get(path, HTTP_ACCEPT=accept) for path in paths]

    assert {(response.status_code, response["Content-Type"]) for response in answers} == {
        (200, "application/json"),
    }


def test_format_json_still_answers(client, verified):
    response = client.get("/api/v1/claims/", {"format": "json"})

    assert (response.status_code, response.json()["results"][0]["id"]) == (200, verified.pk)
