"""API rate limits per client kind, counted in the shared store (rates in settings).

DRF's SimpleRateThrottle keeps every request's timestamp in one cache entry and rewrites
the whole list on each request (6,000 floats at the token rate: a read and a large write
per request). These throttles count instead: one atomic increment per request in the
current window, and the limit applies to a sliding estimate, the current window's count
plus the previous window's weighted by how much of it still overlaps the last `duration`
seconds (so crossing a window boundary neither forgets a burst nor allows a double one).
Refused requests count too, so a client that keeps hammering stays refused.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from annotations.apikeys.models import ApiKey
from annotations.ratelimit import counters


def is_token_client(request) -> bool:
    return isinstance(request.auth, ApiKey)


class WindowRateThrottle(SimpleRateThrottle):
    """A sliding-window estimate over two fixed-window counters; the rate read from settings."""

    def get_rate(self):
        # DRF binds the rates once, at import; read them on each request instead.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.count, self.previous = counters.hit(
            f"{self.key}:{window}", f"{self.key}:{window - 1}", ttl=2 * self.duration
        )
        self.elapsed = self.now - window * self.duration
        return self.estimate(self.elapsed) <= self.num_requests

    def estimate(self, elapsed: float) -> float:
        """Requests in the `duration` seconds up to `elapsed` seconds into the current window."""
        return self.count + self.previous * max(0.0, 1 - elapsed / self.duration)

    def wait(self):
        """Seconds until the estimate falls back to the limit (the end of the window at most)."""
        remaining = self.duration - self.elapsed
        if self.count > self.num_requests or not self.previous:
            return remaining
        # count + previous * (1 - t / duration) <= num_requests, solved for t.
        t = self.duration * (1 - (self.num_requests - self.count) / self.previous)
        return max(1.0, min(remaining, t - self.elapsed))


class AnonThrottle(WindowRateThrottle):
    """Anonymous clients, counted per address."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class UserThrottle(WindowRateThrottle):
    """People using the site (session), counted per user."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated or is_token_client(request):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class TokenThrottle(WindowRateThrottle):
    """Export and integration clients authenticated with an API token, counted per user."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not is_token_client(request):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}
