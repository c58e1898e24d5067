"""The OpenAPI document, the Swagger UI page, and schemathesis against the live API."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi import checks as openapi_checks

from factcheck.wsgi import application
from tests.api_support import client_for

MAX_EXAMPLES = 25
CHECKS = [
    schemathesis.checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_headers_conformance,
    openapi_checks.response_schema_conformance,
]


# Loaded once through the WSGI app: generating the document needs no database. The
# coverage phase (every boundary case of every field) is left out to keep the run short;
# fuzzing sends a bounded number of valid and invalid requests per operation instead.
schema = schemathesis.openapi.from_wsgi(
    "/api/schema/", application,
    config=schemathesis.Config.from_dict({"phases": {"coverage": {"enabled": False}}}),
).exclude(
    # These fetch pages from the web (502 when that fails); tests/test_ingest_*.py cover them
    # against a local server.
    path_regex=r"^/api/v1/articles/(import/|import/preview/|\{id\}/refresh/)$",
)


@pytest.fixture
def api_data(editor, verified, in_review):
    """Give the operations something to find: annotations in every review state."""


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Stop requests from closing the connection that holds the test's transaction.

    Django's test client does this for its own requests; the WSGI calls here need it too.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES, deadline=None, database=None, derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_without_5xx_and_as_documented(case, editor, api_data):
    token = client_for(editor)._credentials["HTTP_AUTHORIZATION"]
    case.call_and_validate(headers={"Authorization": token}, checks=CHECKS)


def test_schema_is_openapi_3_with_every_v1_endpoint(client):
    response = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")

    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert {
        "/api/v1/articles/", "/api/v1/articles/{id}/", "/api/v1/annotations/",
        "/api/v1/annotations/{id}/", "/api/v1/annotations/{id}/submit/",
        "/api/v1/annotations/{id}/verify/", "/api/v1/annotations/{id}/return/",
        "/api/v1/annotations/{id}/history/", "/api/v1/sources/", "/api/v1/sources/{id}/",
        "/api/v1/articles/import/", "/api/v1/articles/{id}/revisions/",
        "/api/v1/articles/{id}/revisions/{number}/", "/api/v1/articles/{id}/refresh/",
        "/api/v1/claimreviews/", "/api/v1/claimreviews/{id}/", "/api/v1/claimreviews/import/",
        "/api/v1/claims/similar/",
    } <= set(document["paths"])
    create = document["components"]["schemas"]["AnnotationCreateRequest"]
    assert create["additionalProperties"] is False
    assert set(create["properties"]) == {
        "article", "start", "end", "quote", "prefix", "suffix", "claim", "language", "rating", "rationale",
        "same_as", "attributions", "evidence",
    }
    assert set(document["components"]["schemas"]["Annotation"]["properties"]) == {
        "id", "article", "start", "end", "quote", "prefix", "suffix", "claim", "language", "rating",
        "rationale", "review_state", "review_comment", "same_as", "attributions", "evidence", "created_by",
        "edited_by", "reviewed_by", "reviewed_at", "version", "created_at", "updated_at",
        "anchor_state", "revision", "previous_quote", "may_review",
    }
    patch = document["paths"]["/api/v1/annotations/{id}/"]["patch"]
    assert {"412", "428"} <= set(patch["responses"])
    assert {"name": "If-Match", "in": "header"}.items() <= patch["parameters"][0].items()


def test_docs_page_loads_its_script_from_our_origin_under_the_csp(client):
    response = client.get("/api/docs/")
    script = client.get("/api/docs/?script=")

    page = response.content.decode()
    assert response.status_code == 200
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "<script>" not in page.replace(" ", "")
    assert 'src="/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js"' in page
    assert 'src="/api/docs/?script="' in page
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "/api/schema/" in script.content.decode()


@pytest.mark.browser
def test_docs_page_renders_swagger_ui_in_chromium(live_server, tmp_path):
    from playwright.sync_api import sync_playwright

    errors = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{live_server.url}/api/docs/")
        page.wait_for_selector("text=/api/v1/annotations/{id}/history/", timeout=15_000)
        title = page.locator(".swagger-ui .info .title").inner_text()
        operations = page.locator(".opblock").count()
        page.screenshot(path=tmp_path / "api-docs.png", full_page=False)
        browser.close()

    assert title.startswith("Factcheck API")
    assert operations >= 20
    assert errors == []
