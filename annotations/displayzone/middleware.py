import zoneinfo

from django.utils import timezone

from .core import SESSION_KEY, is_zone


class DisplayZoneMiddleware:
    """Activate the signed-in person's display zone for the request (else the newsroom's)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        name = session.get(SESSION_KEY, "") if session is not None else ""
        if name and is_zone(name):
            timezone.activate(zoneinfo.ZoneInfo(name))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
