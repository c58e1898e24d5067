"""Alerts in admin, read-only: the desk handles them in My work."""

from django.contrib import admin

from .models import Alert


@admin.register(Alert)
class AlertAdmin(admin.ModelAdmin):
    list_display = ["summary", "kind", "state", "article", "revision", "created_at", "resolved_by"]
    list_filter = ["kind", "state", "created_at"]
    list_select_related = ["article", "resolved_by"]
    readonly_fields = [field.name for field in Alert._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
