"""API rate limits per client kind, counted in the shared cache (rates in settings)."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from annotations.apikeys.models import ApiKey


def is_token_client(request) -> bool:
    return isinstance(request.auth, ApiKey)


class SettingsRateMixin:
    """Read the rate from the settings on each request (DRF binds it once, at import)."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class AnonThrottle(SettingsRateMixin, AnonRateThrottle):
    """Anonymous clients, counted per address."""

    scope = "anon"


class UserThrottle(SettingsRateMixin, UserRateThrottle):
    """People using the site (session), counted per user."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated or is_token_client(request):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class TokenThrottle(SettingsRateMixin, UserRateThrottle):
    """Export and integration clients authenticated with an API token, counted per user."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not is_token_client(request):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
