"""Admin for what is published: each user's public display name, edited on their user page."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import PublicProfile


class PublicProfileInline(admin.StackedInline):
    model = PublicProfile
    can_delete = False
    extra = 1
    max_num = 1
    verbose_name = _("public credit")
    verbose_name_plural = _("public credit")
    fields = ["display_name"]
