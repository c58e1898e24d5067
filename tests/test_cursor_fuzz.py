"""Every cursor-paginated endpoint answers a cursor it did not make with 404 "Invalid cursor"."""

import base64
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.pagination import CursorPagination
from rest_framework.test import APIClient

from annotations import services
from tests import factories

INVALID_CURSOR = {"detail": "Invalid cursor"}


def cursor_endpoints() -> list[str]:
    """Return the paths (without parameters) of every view paginated by cursor."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                view = getattr(pattern.callback, "cls", None)
                paginator = getattr(view, "pagination_class", None)
                route = prefix + str(pattern.pattern)
                if paginator and issubclass(paginator, CursorPagination) and "<" not in route:
                    found.append("/" + route.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


ENDPOINTS = cursor_endpoints()


def b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


MALFORMED = [
    "cD1hYmM=",  # p=abc, the cursor of the security review
    b64("p=abc"), b64("p=1.5"), b64("p=1e3"), b64("p=0x10"), b64("p=99999999999999999999999"),
    b64("p=-99999999999999999999999"), b64("p=\x00"), b64("p=1\x00"), b64("p=ü"), b64("p= "),
    b64("o=abc"), b64("o=-1"), b64("r=x"), b64("o=1&p=abc&r=1"), b64("p=[]"), b64("p={}"),
    b64("o=1&o=2"), b64("p=1&p=2"), b64("q=1"), b64("p"), b64("&&"),
    "=", "====", "%", "not base64!", "\x00", "ü", "a" * 5000, b64("a" * 5000),
    "cD0x!", base64.b64encode(b"\xff\xfe\xfd").decode(),
]


@pytest.fixture
def claims(db):
    editor, other = factories.editor(username="eddie"), factories.editor(username="erin")
    article = factories.ArticleFactory(body="One claim. Two claims. Three claims.")
    for quote in ("One claim.", "Two claims.", "Three claims."):
        annotation = services.annotation_create(
            article=article, user=editor, quote=quote, claim=quote, rating="false",
        )
        services.review_submit(annotation=annotation, user=editor)
        services.review_verify(annotation=annotation, user=other)


def test_the_claim_list_is_among_the_cursor_paginated_endpoints():
    assert "/api/v1/claims/" in ENDPOINTS


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("cursor", MALFORMED)
def test_a_malformed_cursor_is_404_invalid_cursor(claims, endpoint, cursor):
    response = APIClient().get(endpoint, {"cursor": cursor, "page_size": 1})

    assert (response.status_code, response.json()) == (404, INVALID_CURSOR)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_cursors_the_api_hands_out_still_work(claims, endpoint):
    client = APIClient()
    first = client.get(endpoint, {"page_size": 1}).json()
    cursor = parse_qs(urlsplit(first["next"]).query)["cursor"][0]

    second = client.get(endpoint, {"page_size": 1, "cursor": cursor})

    assert second.status_code == 200
    assert second.json()["results"][0]["id"] > first["results"][0]["id"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    fields=st.dictionaries(
        st.sampled_from(["o", "r", "p", "x"]), st.text(max_size=30), max_size=3
    ),
    raw=st.text(max_size=40),
)
def test_any_cursor_is_answered_without_a_server_error(claims, endpoint, fields, raw):
    client = APIClient()
    forged = b64("&".join(f"{key}={value}" for key, value in fields.items()))

    for cursor in (forged, raw):
        response = client.get(endpoint, {"cursor": cursor})
        assert response.status_code in (200, 404), (cursor, response.content[:200])
        if response.status_code == 404:
            assert response.json() == INVALID_CURSOR
