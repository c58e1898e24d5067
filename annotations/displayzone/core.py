"""Time zone names and interface languages: which are valid, and the choices offered (pure)."""

import hashlib
import importlib.util
import zoneinfo
from functools import cache
from pathlib import Path

import django
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
    """A digest of what the language's script catalog is made of: its address changes with it.

    The compiled catalogs, and the date and number formats served with them (ours, and
    Django's, which follow its version).
    """
    digest = hashlib.sha256(f"{code} {django.get_version()}".encode())
    for root in settings.LOCALE_PATHS:
        catalog = Path(root) / to_locale(code) / "LC_MESSAGES" / "djangojs.mo"
        if catalog.exists():
            digest.update(catalog.read_bytes())
    for package in settings.FORMAT_MODULE_PATH:
        spec = importlib.util.find_spec(package)
        formats = Path(spec.origin).parent / to_locale(code) / "formats.py" if spec and spec.origin else None
        if formats and formats.exists():
            digest.update(formats.read_bytes())
    return digest.hexdigest()[:12]
