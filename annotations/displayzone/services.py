"""Choosing a display zone and an interface language, and carrying them in the session."""

from django.db import transaction

from .core import LANGUAGE_SESSION_KEY, SESSION_KEY
from .models import DisplaySettings


def zone_of(*, user) -> str:
    """Return the zone the user chose, or "" for the newsroom's."""
    return DisplaySettings.objects.filter(user=user).values_list("time_zone", flat=True).first() or ""


def language_of(*, user) -> str:
    """Return the interface language the user chose, or "" to follow the browser."""
    return DisplaySettings.objects.filter(user=user).values_list("language", flat=True).first() or ""


def _stored(user) -> DisplaySettings:
    return DisplaySettings.objects.select_for_update().filter(user=user).first() or DisplaySettings(user=user)


@transaction.atomic
def display_zone_set(*, request, user, time_zone: str) -> DisplaySettings:
    """Store the user's display zone ("" for the newsroom's) and use it from this request on."""
    stored = _stored(user)
    stored.time_zone = time_zone
    stored.full_clean()
    stored.save()
    request.session[SESSION_KEY] = time_zone
    return stored


@transaction.atomic
def language_set(*, request, user, language: str) -> DisplaySettings:
    """Store the user's interface language ("" to follow the browser) for this and later sessions."""
    stored = _stored(user)
    stored.language = language
    stored.full_clean()
    stored.save()
    request.session[LANGUAGE_SESSION_KEY] = language
    return stored


def remember_at_login(sender, request, user, **kwargs) -> None:
    """user_logged_in receiver: copy the user's zone and language into the new session."""
    if request is not None and hasattr(request, "session"):
        zone, language = (
            DisplaySettings.objects.filter(user=user).values_list("time_zone", "language").first() or ("", "")
        )
        request.session[SESSION_KEY] = zone
        request.session[LANGUAGE_SESSION_KEY] = language
