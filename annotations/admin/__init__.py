"""Django admin, the newsroom's back office: every write goes through annotations.services."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from annotations.alerts import admin as alerts_admin  # noqa: F401
from annotations.jobs import admin as jobs_admin  # noqa: F401
from annotations.matching import admin as matching_admin  # noqa: F401

from . import annotation, catalog, users  # noqa: F401  (registers the model admins)

admin.site.site_header = _("Factcheck back office")
admin.site.site_title = _("Factcheck admin")
admin.site.index_title = _("Newsroom")
# The annotation list is wide; the navigation sidebar would squeeze its columns.
admin.site.enable_nav_sidebar = False
