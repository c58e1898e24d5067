from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Annotation, Article, Attribution, Evidence, Source


@admin.register(Source)
class SourceAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "url"]
    list_filter = ["kind"]
    search_fields = ["name", "description"]


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["title", "publisher", "published_at", "language"]
    list_filter = ["publisher", "published_at"]
    search_fields = ["title", "body", "url"]
    readonly_fields = ["body_sha256", "created_by", "created_at", "updated_at"]


class AttributionInline(admin.TabularInline):
    model = Attribution
    extra = 0
    autocomplete_fields = ["source"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    exclude = ["added_by"]


@admin.register(Annotation)
class AnnotationAdmin(SimpleHistoryAdmin):
    list_display = ["__str__", "article", "rating", "review_state", "created_by", "updated_at"]
    list_filter = ["review_state", "rating"]
    search_fields = ["quote", "claim", "rationale", "article__title"]
    readonly_fields = [
        "article", "start", "end", "quote", "prefix", "suffix", "review_state",
        "created_by", "reviewed_by", "reviewed_at", "version", "created_at", "updated_at",
    ]
    inlines = [AttributionInline, EvidenceInline]
