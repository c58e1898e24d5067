import zoneinfo

from django.utils import timezone

from factcheck.outage import is_cache_error, is_database_error

from .core import SESSION_KEY, is_zone


class DisplayZoneMiddleware:
    """Activate the signed-in person's display zone for the request (else the newsroom's)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            name = self.chosen_zone(request)
        except Exception as error:
            # The session store is down: the view meets the same outage and answers 503.
            if not (is_database_error(error) or is_cache_error(error)):
                raise
            name = ""
        if name and is_zone(name):
            timezone.activate(zoneinfo.ZoneInfo(name))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()

    @staticmethod
    def chosen_zone(request) -> str:
        session = getattr(request, "session", None)
        return session.get(SESSION_KEY, "") if session is not None else ""
