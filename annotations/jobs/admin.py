"""Jobs in admin: what ran, who started it, how far it got, and why it failed."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["id", "kind", "state", "progress", "attempts", "started_by", "created_at", "finished_at",
                    "short_error"]
    list_filter = ["state", "kind", "created_at"]
    search_fields = ["kind", "key", "error"]
    list_select_related = ["started_by"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("progress"))
    def progress(self, obj):
        return f"{obj.done}/{obj.total}" if obj.total else "—"

    @admin.display(description=_("last error"))
    def short_error(self, obj):
        return obj.error[:120]
