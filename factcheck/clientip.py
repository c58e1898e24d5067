"""The client address that login throttling counts, the proxy in front taken into account."""

from django.conf import settings


def client_ip(request) -> str:
    """Return the address of the client: the proxy's last X-Forwarded-For hop when behind one.

    NUM_PROXIES is 1 exactly when BEHIND_TLS_PROXY is set, as for the API throttles.
    """
    if settings.REST_FRAMEWORK.get("NUM_PROXIES"):
        forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [hop for hop in forwarded if hop]
        if forwarded:
            # The proxy appends the address it saw; earlier hops are the client's to forge.
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR", "")
