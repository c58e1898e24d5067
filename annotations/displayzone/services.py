"""Choosing a display zone, and carrying it in the session."""

from django.db import transaction

from .core import SESSION_KEY
from .models import DisplaySettings


def zone_of(*, user) -> str:
    """Return the zone the user chose, or "" for the newsroom's."""
    return DisplaySettings.objects.filter(user=user).values_list("time_zone", flat=True).first() or ""


@transaction.atomic
def display_zone_set(*, request, user, time_zone: str) -> DisplaySettings:
    """Store the user's display zone ("" for the newsroom's) and use it from this request on."""
    stored = (
        DisplaySettings.objects.select_for_update().filter(user=user).first() or DisplaySettings(user=user)
    )
    stored.time_zone = time_zone
    stored.full_clean()
    stored.save()
    request.session[SESSION_KEY] = time_zone
    return stored


def remember_at_login(sender, request, user, **kwargs) -> None:
    """user_logged_in receiver: copy the user's zone into the new session."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = zone_of(user=user)
