"""Time zone names and interface languages: which are valid, and the choices offered (pure)."""

import hashlib
import zoneinfo
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.translation import to_locale

SESSION_KEY = "display_time_zone"
LANGUAGE_SESSION_KEY = "interface_language"


@cache
def zone_names() -> tuple[str, ...]:
    """Every IANA zone name this Python knows, sorted; the old aliases ("US/Eastern") left out."""
    return tuple(sorted(name for name in zoneinfo.available_timezones() if "/" in name or name == "UTC"))


def is_zone(name: str) -> bool:
    return name in zone_names()


def is_language(code: str) -> bool:
    """Whether the interface is offered in this language (a code of settings.LANGUAGES)."""
    return any(code == offered for offered, _name in settings.LANGUAGES)


@cache
def catalog_version(code: str) -> str:
    """A digest of the language's compiled JavaScript catalogs: their address changes with them."""
    digest = hashlib.sha256(code.encode())
    for root in settings.LOCALE_PATHS:
        catalog = Path(root) / to_locale(code) / "LC_MESSAGES" / "djangojs.mo"
        if catalog.exists():
            digest.update(catalog.read_bytes())
    return digest.hexdigest()[:12]
