"""The revisions of an article, read-only in its admin page."""

from django.contrib import admin

from .models import ArticleRevision, ArticleWatch


class ArticleRevisionInline(admin.TabularInline):
    """Every body the article has had; written only by the services (edits, imports, refreshes)."""

    model = ArticleRevision
    fields = ["number", "origin", "fetched_url", "created_by", "created_at", "body_sha256"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False
    ordering = ["-number"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ArticleWatch)
class ArticleWatchAdmin(admin.ModelAdmin):
    """How each checked article is watched: last check, next check, failures."""

    list_display = ["article", "host", "last_status", "checked_at", "next_check_at", "changed_at", "failures"]
    list_filter = ["last_status", "host"]
    list_select_related = ["article"]
    readonly_fields = [field.name for field in ArticleWatch._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
