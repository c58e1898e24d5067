from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .core import is_language, is_zone


class DisplaySettings(models.Model):
    """How one person wants the pages to show things: the time zone and the interface language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="display_settings",
    )
    time_zone = models.CharField(
        _("display time zone"), max_length=64, blank=True,
        help_text=_("Times are shown in this zone; empty for the newsroom's."),
    )
    language = models.CharField(
        _("interface language"), max_length=16, blank=True,
        help_text=_("The pages are shown in this language; empty to follow the browser."),
    )

    class Meta:
        verbose_name = _("display settings")
        verbose_name_plural = _("display settings")

    def __str__(self):
        return self.time_zone or str(_("newsroom zone"))

    def clean(self):
        # Checked here rather than by a field validator, which migrations would have to import.
        errors = {}
        if self.time_zone and not is_zone(self.time_zone):
            errors["time_zone"] = _("%(zone)r is not a time zone name (e.g. Europe/Paris).") % {
                "zone": self.time_zone
            }
        if self.language and not is_language(self.language):
            errors["language"] = _("%(language)r is not a language of the interface.") % {
                "language": self.language
            }
        if errors:
            raise ValidationError(errors)
