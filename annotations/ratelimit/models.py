from django.db import models
from django.utils.translation import gettext_lazy as _


class RateCounter(models.Model):
    """How many requests one client made in one throttle window (when the shared cache is the database).

    On PostgreSQL the table is UNLOGGED (migration 0013): emptied by a crash, never waited for.
    """

    key = models.CharField(
        _("key"), max_length=250, primary_key=True, help_text=_("Throttle scope, client and window number.")
    )
    count = models.PositiveBigIntegerField(_("count"), default=0)
    expires = models.DateTimeField(_("expires"), db_index=True, help_text=_("When the row may be deleted."))

    class Meta:
        verbose_name = _("rate counter")

    def __str__(self):
        return f"{self.key}: {self.count}"
