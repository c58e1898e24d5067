from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from .core import is_zone


class DisplaySettings(models.Model):
    """How one person wants the pages to show things; today only the time zone."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="user", on_delete=models.CASCADE,
        related_name="display_settings",
    )
    time_zone = models.CharField(
        "display time zone", max_length=64, blank=True,
        help_text="Times are shown in this zone; empty for the newsroom's.",
    )

    class Meta:
        verbose_name = "display settings"
        verbose_name_plural = "display settings"

    def __str__(self):
        return self.time_zone or "newsroom zone"

    def clean(self):
        # Checked here rather than by a field validator, which migrations would have to import.
        if self.time_zone and not is_zone(self.time_zone):
            raise ValidationError(
                {"time_zone": f"{self.time_zone!r} is not a time zone name (e.g. Europe/Paris)."}
            )
