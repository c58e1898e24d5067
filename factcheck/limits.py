"""Refuse oversized request bodies on every path before anything reads them."""

from django.conf import settings
from django.http import HttpResponse, JsonResponse

BULK_SUFFIX = "/annotations/bulk/"
DETAIL = "The request body is larger than the configured maximum."


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except (TypeError, ValueError):
        return 0


class RequestSizeLimitMiddleware:
    """Answer 413 when Content-Length exceeds FACTCHECK_MAX_BODY_BYTES.

    Bodies without a declared length are bounded where they are read: Django's
    DATA_UPLOAD_MAX_MEMORY_SIZE for forms and the API's bounded JSON parser.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.FACTCHECK_MAX_BODY_BYTES
        if request.path.endswith(BULK_SUFFIX):
            limit = settings.FACTCHECK_MAX_BULK_BODY_BYTES  # the bulk view bounds its own body
        if declared_length(request) > limit:
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": DETAIL}, status=413)
            return HttpResponse(DETAIL, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
