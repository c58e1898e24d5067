"""The revisions of an article, read-only in its admin page."""

from django.contrib import admin

from .models import ArticleRevision


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
