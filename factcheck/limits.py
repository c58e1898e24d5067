"""Refuse oversized request bodies on every path before anything reads them.

Every view accepts at most FACTCHECK_MAX_BODY_BYTES unless it declares a larger (or smaller)
limit of its own, by naming a setting: ``max_body_setting = "FACTCHECK_MAX_IMPORT_BYTES"`` on
the view class, or ``@body_limit("FACTCHECK_MAX_IMPORT_BYTES")`` on a view function. The limit
follows the view the URL resolves to, never the shape of the path, so no other path can borrow
a large limit by ending like the bulk endpoint. A view that declares a large limit must read
its body as a stream (request.read), since request.body and forms stay bounded by
DATA_UPLOAD_MAX_MEMORY_SIZE.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.urls import Resolver404, get_resolver

DETAIL = "The request body is larger than the configured maximum."
LENGTH_REQUIRED = "Send the request body with a Content-Length (chunked bodies are not accepted)."


def body_limit(setting_name: str):
    """Declare that a view function accepts bodies up to the named setting's size in bytes."""

    def declare(view):
        view.max_body_setting = setting_name
        return view

    return declare


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except (TypeError, ValueError):
        return 0


def view_limit(view) -> int:
    """Return the largest body the view accepts: its declared setting, else the default.

    `view` is what a URL resolves to (a view function), or the view instance a parser is
    given; the middleware and the API's parsers read the limit here, and only here.
    """
    # DRF's as_view() marks the function with .cls, Django's with .view_class.
    owner = getattr(view, "cls", None) or getattr(view, "view_class", None) or view
    name = getattr(owner, "max_body_setting", None) or getattr(view, "max_body_setting", None)
    return getattr(settings, name) if name else settings.FACTCHECK_MAX_BODY_BYTES


def limit_for_path(request) -> int:
    try:
        match = get_resolver(getattr(request, "urlconf", None)).resolve(request.path_info)
    except Resolver404:
        return settings.FACTCHECK_MAX_BODY_BYTES  # nothing will read it; refuse it as any other
    return view_limit(match.func)


def is_chunked(request) -> bool:
    return "chunked" in request.META.get("HTTP_TRANSFER_ENCODING", "").lower()


class RequestSizeLimitMiddleware:
    """Answer 413 when Content-Length exceeds the limit of the view the path resolves to.

    A chunked body without Content-Length is answered 411: under WSGI Django would read it as
    empty (a silent, confusing success or 400), and nothing could bound it ahead of reading.
    This is the one place that refuses a declared length; the API's parsers read no more than
    the same limit. Form fields stay bounded by DATA_UPLOAD_MAX_MEMORY_SIZE.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_chunked(request) and not request.META.get("CONTENT_LENGTH"):
            return _refuse(request, LENGTH_REQUIRED, 411)
        length = declared_length(request)
        if length and length > limit_for_path(request):
            return _refuse(request, DETAIL, 413)
        return self.get_response(request)


def _refuse(request, detail: str, status: int) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": detail}, status=status)
    return HttpResponse(detail, status=status, content_type="text/plain; charset=utf-8")
