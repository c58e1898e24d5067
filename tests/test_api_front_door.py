"""The one front door of /api/v1: one URL module, ids read by one path converter, and the
body limit each view declares, refused by the middleware and bounded by the parsers."""

import gc
import io
import re
import weakref

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from rest_framework.test import APIRequestFactory, force_authenticate
from rest_framework.views import APIView

from annotations.api.base import MAX_ID, BoundedJSONParser, PayloadTooLarge
from annotations.api.bulk import AnnotationBulkView, BulkJSONParser, JSONLinesParser
from annotations.api.known_claims import ClaimReviewImport
from annotations.api.views import AnnotationViewSet
from factcheck.limits import RequestSizeLimitMiddleware, view_limit
from tests.api_support import client_for

CONVERTER = re.compile(r"<(\w+):(\w+)>")
NOT_IDS = ["abc", "-1", "0", "1.5", "1e3", str(MAX_ID + 1), "9" * 20, "%C2%B9"]


def api_routes(patterns=None, prefix="/", modules=()) -> list[tuple[str, URLPattern, tuple]]:
    """Every route under /api/v1/: its full pattern, the route, and the URL modules it is in."""
    routes = []
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        pattern = f"{prefix}{entry.pattern}"
        if isinstance(entry, URLResolver):
            module = getattr(entry.urlconf_name, "__name__", entry.urlconf_name)
            routes += api_routes(entry.url_patterns, pattern, (*modules, module))
        elif pattern.startswith("/api/v1/"):
            routes.append((pattern, entry, modules))
    return routes


def with_ids(pattern: str, value: str) -> str:
    return CONVERTER.sub(value, pattern)


ID_ROUTES = [pattern for pattern, _, _ in api_routes() if "<" in pattern]


def test_every_api_v1_route_is_in_the_one_api_urls_module_and_served_by_annotations_api():
    routes = api_routes()
    modules = {modules for _, _, modules in routes}

    assert modules == {("annotations.api.urls",)}
    assert len(routes) >= 29
    for pattern, route, _ in routes:
        view = getattr(route.callback, "cls", None) or route.callback.view_class
        assert view.__module__.startswith("annotations.api."), (pattern, view)
        # One authentication, one JSON renderer, one schema class: the API's bases.
        assert any(base.__module__ == "annotations.api.base" for base in view.__mro__), (pattern, view)


def test_every_path_parameter_of_api_v1_goes_through_the_id_converter():
    converters = {
        converter for pattern in ID_ROUTES for converter, _ in CONVERTER.findall(pattern)
    }

    assert converters == {"id"}
    assert len(ID_ROUTES) >= 17


@pytest.mark.parametrize("pattern", ID_ROUTES)
@pytest.mark.parametrize("value", NOT_IDS)
def test_a_path_whose_id_names_no_row_matches_no_route(pattern, value):
    with pytest.raises(Resolver404):
        resolve(with_ids(pattern, value))


@pytest.mark.parametrize("pattern", ID_ROUTES)
def test_the_largest_id_resolves_to_an_integer(pattern):
    match = resolve(with_ids(pattern, str(MAX_ID)))

    assert set(match.kwargs.values()) == {MAX_ID}


@pytest.mark.parametrize("pattern", ID_ROUTES)
def test_a_detail_route_answers_a_malformed_or_too_large_id_with_the_apis_json_404(editor, pattern):
    client = client_for(editor)
    for value in (str(MAX_ID + 1), "-1", "abc"):
        for method in (client.get, client.post):
            response = method(with_ids(pattern, value), {}, format="json")

            assert response.status_code == 404, (pattern, value)
            assert response["Content-Type"] == "application/json"
            assert response.json() == {"detail": "Not found."}


@pytest.mark.parametrize("pattern", ID_ROUTES)
def test_a_detail_route_answers_the_largest_id_with_4xx_not_a_server_error(editor, pattern):
    response = client_for(editor).get(with_ids(pattern, str(MAX_ID)))

    assert response.status_code in (404, 405), (pattern, response.status_code)


def test_words_beside_ids_are_routes_of_their_own():
    assert resolve("/api/v1/claims/similar/").url_name == "api-claim-similar"
    assert resolve("/api/v1/claims/export/").url_name == "api-claim-export"
    assert resolve("/api/v1/articles/import/").url_name == "article-import"
    assert resolve("/api/v1/claimreviews/import/").url_name == "api-claimreview-import"
    assert resolve("/api/v1/annotations/bulk/").url_name == "annotation-bulk"


# Bodies


@pytest.mark.parametrize("pattern", [pattern for pattern, _, _ in api_routes()])
def test_a_body_over_the_views_declared_limit_is_refused_by_the_middleware_before_any_view(pattern):
    path = with_ids(pattern, "1")
    limit = view_limit(resolve(path).func)

    def no_view(request):
        raise AssertionError("the view was reached")

    request = RequestFactory().post(path, b"[]", content_type="application/json")
    request.META["CONTENT_LENGTH"] = str(limit + 1)
    response = RequestSizeLimitMiddleware(no_view)(request)

    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"


@pytest.mark.django_db
def test_an_over_limit_declared_length_gets_413_even_where_the_view_itself_never_checks(
    editor, settings, monkeypatch
):
    settings.FACTCHECK_MAX_BULK_BODY_BYTES = 1000
    reached = []
    monkeypatch.setattr(APIView, "initial", lambda *args, **kwargs: reached.append(args))

    response = client_for(editor).post(
        "/api/v1/annotations/bulk/", b"[" + b" " * 1000 + b"]", content_type="application/json"
    )

    assert response.status_code == 413
    assert response.json() == {"detail": "The request body is larger than the configured maximum."}
    assert reached == []


def test_the_limits_views_declare():
    assert view_limit(AnnotationViewSet()) == settings.FACTCHECK_MAX_BODY_BYTES
    assert view_limit(AnnotationBulkView()) == settings.FACTCHECK_MAX_BULK_BODY_BYTES
    assert view_limit(ClaimReviewImport()) == settings.FACTCHECK_MAX_IMPORT_BYTES


@pytest.mark.parametrize("parser", [BoundedJSONParser(), BulkJSONParser()])
def test_the_json_parsers_read_as_much_as_the_view_declares_and_no_more(parser, settings):
    settings.FACTCHECK_MAX_BODY_BYTES = 10
    settings.FACTCHECK_MAX_BULK_BODY_BYTES = 100
    body = b"[" + b" " * 50 + b"]"

    parsed = parser.parse(io.BytesIO(body), parser_context={"view": AnnotationBulkView()})
    with pytest.raises(PayloadTooLarge):
        parser.parse(io.BytesIO(body), parser_context={"view": AnnotationViewSet()})

    assert parsed == []


def test_the_json_lines_parser_reads_as_much_as_the_view_declares_and_no_more(settings):
    settings.FACTCHECK_MAX_BULK_BODY_BYTES = 20
    view = AnnotationBulkView()

    assert JSONLinesParser().parse(io.BytesIO(b'{"a": 1}\n'), parser_context={"view": view}) == [{"a": 1}]
    with pytest.raises(PayloadTooLarge):
        JSONLinesParser().parse(io.BytesIO(b'{"a": 1}\n' * 3), parser_context={"view": view})


def test_a_page_is_freed_with_its_response_without_waiting_for_the_collector(verified, editor):
    """DRF's view and response refer to each other; left so, a page of 1,000 annotations
    stayed in memory until the collector's next full pass."""
    request = APIRequestFactory().get("/api/v1/annotations/")
    force_authenticate(request, user=editor)
    gc.disable()
    try:
        response = AnnotationViewSet.as_view({"get": "list"})(request)
        response.render()
        assert response.data["results"]
        freed = weakref.ref(response)
        del response
        assert freed() is None
    finally:
        gc.enable()
