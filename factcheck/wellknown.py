"""/.well-known/security.txt (RFC 9116): where to report a vulnerability, when a contact is set."""

from datetime import timedelta

from django.conf import settings
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe


@require_safe
def security_txt(request):
    contact = settings.FACTCHECK_SECURITY_CONTACT
    if not contact:
        raise Http404("No security contact is configured.")
    if "@" in contact and ":" not in contact:
        contact = f"mailto:{contact}"
    # RFC 9116 asks for an expiry under a year away; the file is made per request, so it never lapses.
    expires = (timezone.now() + timedelta(days=180)).replace(microsecond=0)
    lines = [
        f"Contact: {contact}",
        f"Expires: {expires.isoformat().replace('+00:00', 'Z')}",
        "Preferred-Languages: en",
        f"Canonical: {request.build_absolute_uri('/.well-known/security.txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
