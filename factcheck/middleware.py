from django.conf import settings


def policy(style_src: str) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            f"style-src {style_src}",
            "img-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "form-action 'self'",
        ]
    )


# Scripts only from our own origin: no inline script, no eval. JSON data islands
# (json_script, ld+json) are not executed, so they need no exemption. Our own pages carry
# no style attribute and no <style> element either (styles set from JS through the CSSOM,
# element.style.x = ..., stay allowed).
POLICY = policy("'self'")
# Django admin and Swagger UI set inline styles of their own; scripts stay strict there too.
THIRD_PARTY_POLICY = policy("'self' 'unsafe-inline'")
THIRD_PARTY_PATHS = ("/admin/", "/api/docs/")


class ContentSecurityPolicyMiddleware:
    """Add Content-Security-Policy to HTML responses and Permissions-Policy to all responses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            if request.path.startswith(THIRD_PARTY_PATHS):
                csp = getattr(settings, "CSP_THIRD_PARTY_POLICY", THIRD_PARTY_POLICY)
            else:
                csp = getattr(settings, "CSP_POLICY", POLICY)
            response.setdefault("Content-Security-Policy", csp)
        permissions = getattr(settings, "PERMISSIONS_POLICY", "")
        if permissions:
            response.setdefault("Permissions-Policy", permissions)
        return response
