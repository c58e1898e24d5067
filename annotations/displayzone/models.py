from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from .core import is_zone


def validate_zone(value: str) -> None:
    if value and not is_zone(value):
        raise ValidationError(f"{value!r} is not a time zone name (e.g. Europe/Paris).")


class DisplaySettings(models.Model):
    """How one person wants the pages to show things; today only the time zone."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="user", on_delete=models.CASCADE,
        related_name="display_settings",
    )
    time_zone = models.CharField(
        "display time zone", max_length=64, blank=True, validators=[validate_zone],
        help_text="Times are shown in this zone; empty for the newsroom's.",
    )

    class Meta:
        verbose_name = "display settings"
        verbose_name_plural = "display settings"

    def __str__(self):
        return self.time_zone or "newsroom zone"
