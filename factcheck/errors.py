"""Error pages: JSON under /api/, as the API's own errors are; Django's pages elsewhere.

An address under /api/ that no route matches, or a failure outside a view's own error
handling, would otherwise answer an HTML page to a client that reads JSON.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults

from factcheck import outage

API_PREFIX = "/api/"


def _is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def bad_request(request, exception, template_name=defaults.ERROR_400_TEMPLATE_NAME):
    if _is_api(request):
        return JsonResponse({"detail": _("Bad request.")}, status=400)
    return defaults.bad_request(request, exception, template_name=template_name)


def permission_denied(request, exception, template_name=defaults.ERROR_403_TEMPLATE_NAME):
    if _is_api(request):
        return JsonResponse(
            {"detail": _("You do not have permission to perform this action.")}, status=403
        )
    return defaults.permission_denied(request, exception, template_name=template_name)


def page_not_found(request, exception, template_name=defaults.ERROR_404_TEMPLATE_NAME):
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception, template_name=template_name)


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """A database or cache outage is a 503 (see outage.py); anything else a 500."""
    response = outage.server_error(request, template_name=template_name)
    if response.status_code == 500 and _is_api(request):
        return JsonResponse({"detail": "A server error occurred."}, status=500)
    return response
