from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ApiKey(models.Model):
    """A user's API key, kept only as its digest and its first characters."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE,
        related_name="api_key",
    )
    prefix = models.CharField(
        _("prefix"), max_length=16, help_text=_("The key's first characters, to recognise it.")
    )
    digest = models.CharField(
        _("SHA-256 digest"), max_length=64, unique=True,
        help_text=_("How the key is found; the key itself is shown once and never stored."),
    )
    created = models.DateTimeField(_("issued"), default=timezone.now)

    class Meta:
        verbose_name = _("API key")

    def __str__(self):
        return f"{self.prefix}…"
