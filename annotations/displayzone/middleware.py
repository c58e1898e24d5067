import zoneinfo

from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation

from factcheck.outage import is_cache_error, is_database_error

from .core import LANGUAGE_SESSION_KEY, SESSION_KEY, is_language, is_zone


def _session_value(request, key: str) -> str:
    session = getattr(request, "session", None)
    try:
        return session.get(key, "") if session is not None else ""
    except Exception as error:
        # The session store is down: the view meets the same outage and answers 503.
        if not (is_database_error(error) or is_cache_error(error)):
            raise
        return ""


class DisplayZoneMiddleware:
    """Activate the signed-in person's display zone for the request (else the newsroom's)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        name = self.chosen_zone(request)
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
        return _session_value(request, SESSION_KEY)


class InterfaceLanguageMiddleware(LocaleMiddleware):
    """Activate the interface language: the signed-in person's choice, else Django's own order.

    Django's order is the language cookie (set by the switcher), then Accept-Language, then
    LANGUAGE_CODE. Placed after the session middleware, which carries the person's choice.
    """

    def process_request(self, request):
        chosen = _session_value(request, LANGUAGE_SESSION_KEY)
        if chosen and is_language(chosen):
            translation.activate(chosen)
            request.LANGUAGE_CODE = translation.get_language()
        else:
            super().process_request(request)
